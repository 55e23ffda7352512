"""Settings and feeds dialogs: settings found again after a restart, launch at login, feeds
added through discovery, checked, disabled, removed, imported and exported as OPML."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QAbstractItemDelegate, QApplication, QComboBox, QLineEdit
from pytestqt.qtbot import QtBot

from tests.feedserver import FeedServer, Route
from tests.ui.helpers import answer_next_message_box, seed_film
from watchlist.core.db import Database
from watchlist.core.detect.extract import ArticleText, Detector, KeywordRule
from watchlist.core.detect.keywords import load_keyword_rules
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile
from watchlist.core.detect.taxonomy import EventKind
from watchlist.core.feeds.registry import add_feed, list_feeds
from watchlist.paths import app_paths
from watchlist.ui.autostart import autostart_file
from watchlist.ui.dialogs.feeds_dialog import FeedsDialog
from watchlist.ui.dialogs.settings_dialog import SettingsDialog
from watchlist.ui.main_window import MainWindow
from watchlist.ui.settings import AppSettings

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

FEED = b"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Local Trade News</title><link>http://127.0.0.1/</link>
<item><title>Weekend box office report</title><link>https://example.org/1</link>
<guid>1</guid><pubDate>Fri, 20 Nov 2026 10:00:00 GMT</pubDate></item>
<item><title>Another item</title><link>https://example.org/2</link>
<guid>2</guid><pubDate>Fri, 20 Nov 2026 11:00:00 GMT</pubDate></item>
</channel></rss>"""


def page_linking(feed_url: str) -> bytes:
    return (
        "<html><head><title>Trade</title>"
        f'<link rel="alternate" type="application/rss+xml" href="{feed_url}"></head>'
        "<body>news</body></html>"
    ).encode()


def test_settings_are_found_again_after_a_restart(
    qtbot: QtBot, window: MainWindow, settings_file: Path
) -> None:
    dialog = window.open_settings()
    assert isinstance(QApplication.activeModalWidget(), SettingsDialog)
    assert dialog.interval_spin.value() == 30
    dialog.interval_spin.setValue(45)
    dialog.kind_boxes["trailer"].setChecked(False)
    dialog.quiet_box.setChecked(True)
    dialog.quiet_start.setTime(dialog.quiet_start.time().fromString("23:30", "HH:mm"))
    dialog.start_minimised_box.setChecked(True)
    dialog.close_to_tray_box.setChecked(False)
    dialog.retention_spin.setValue(30)
    with qtbot.waitSignal(window.settings.changed):
        dialog.accept()

    restarted = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    assert restarted.poll_interval_min == 45
    assert "trailer" not in restarted.notify_kinds
    assert "deal.acquisition" in restarted.notify_kinds
    assert restarted.quiet_hours_start == time(23, 30)
    assert restarted.quiet_hours_end == time(7, 0)
    assert restarted.start_minimised is True
    assert restarted.close_to_tray is False
    assert restarted.retention_days == 30
    assert restarted.poll_at_launch is False  # left as the fixture set it
    assert window.poller._timer.interval() == 45 * 60_000


def test_launch_at_login_writes_and_removes_the_autostart_entry(
    qtbot: QtBot, window: MainWindow, isolated_user_dirs: Path
) -> None:
    path = autostart_file()
    assert str(path).startswith(str(isolated_user_dirs))
    assert path.parent.name == "autostart"
    dialog = window.open_settings()
    dialog.launch_at_login_box.setChecked(True)
    dialog.accept()
    text = path.read_text(encoding="utf-8")
    assert "[Desktop Entry]" in text
    assert "Exec=" in text
    assert window.settings.launch_at_login

    dialog = window.open_settings()
    assert dialog.launch_at_login_box.isChecked()
    dialog.launch_at_login_box.setChecked(False)
    dialog.accept()
    assert not path.exists()


def test_clearing_every_notification_kind_is_remembered(app_settings: AppSettings) -> None:
    app_settings.notify_kinds = set()
    assert app_settings.notify_kinds == set()
    app_settings.poll_interval_min = 1
    assert app_settings.poll_interval_min == 5  # the minimum


def open_feeds(qtbot: QtBot, window: MainWindow) -> FeedsDialog:
    dialog = window.open_feeds()
    qtbot.waitUntil(lambda: dialog.model.rowCount() == len(list_feeds_of(window.db)))
    return dialog


def list_feeds_of(db: Database) -> list[str]:
    with db.session() as session:
        return [feed.url for feed in list_feeds(session)]


def feed_urls(dialog: FeedsDialog) -> list[str]:
    return [row.url for row in dialog.model.rows()]


def test_add_a_site_by_discovery_check_it_and_see_its_health(
    qtbot: QtBot, window: MainWindow
) -> None:
    with FeedServer() as server:
        feed_url = server.add("/rss.xml", Route(body=FEED))
        site = server.add("/", Route(body=page_linking(feed_url), content_type="text/html"))
        dialog = open_feeds(qtbot, window)
        assert dialog.model.rowCount() == 0
        dialog.add_feed_url(site)
        qtbot.waitUntil(lambda: feed_urls(dialog) == [feed_url], timeout=10_000)
        assert dialog.message.text() == f"Subscribed to {feed_url}."
        assert dialog.model.index(0, 1).data() == "Not checked yet"

        dialog.table.selectRow(0)
        with qtbot.waitSignal(window.poll_finished, timeout=20_000):
            qtbot.mouseClick(dialog.check_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: dialog.model.index(0, 1).data() == "OK", timeout=10_000)
        assert dialog.model.index(0, 0).data() == "Local Trade News"
        assert dialog.model.index(0, 3).data() == "2"
        assert window.poll_label.text() == "2 new articles"
        assert window.last_check_label.text().startswith("Last check ")

        # A feed already subscribed is refused with the core's sentence.
        dialog.add_feed_url(feed_url)
        qtbot.waitUntil(lambda: "already subscribed" in dialog.message.text(), timeout=10_000)
        dialog.reject()


def test_a_failing_feed_shows_its_error_in_words(qtbot: QtBot, window: MainWindow) -> None:
    with FeedServer() as server:
        url = server.add("/gone.xml", Route(status=404, body=b"no", content_type="text/plain"))
        with window.db.session() as session:
            add_feed(session, url)
        dialog = open_feeds(qtbot, window)
        with qtbot.waitSignal(window.poll_finished, timeout=20_000):
            window.check_now()
        qtbot.waitUntil(lambda: dialog.model.index(0, 1).data().startswith("Failing: "))
        assert "404" in dialog.model.index(0, 1).data()
        assert window.poll_label.text() == "0 new articles, 1 feed failed"
        dialog.reject()


def test_disable_enable_and_remove_feeds(qtbot: QtBot, window: MainWindow) -> None:
    with window.db.session() as session:
        add_feed(session, "https://one.example/feed", title="One")
        add_feed(session, "https://two.example/feed", title="Two")
    dialog = open_feeds(qtbot, window)
    dialog.table.selectRow(0)
    assert dialog.toggle_button.text() == "&Disable"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.index(0, 1).data() == "Disabled: disabled by you")
    dialog.table.selectRow(0)
    assert dialog.toggle_button.text() == "&Enable"
    qtbot.mouseClick(dialog.toggle_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.model.index(0, 1).data() == "Not checked yet")

    dialog.table.selectRow(0)
    answer_next_message_box("Yes")
    qtbot.mouseClick(dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: feed_urls(dialog) == ["https://two.example/feed"])
    assert list_feeds_of(window.db) == ["https://two.example/feed"]
    dialog.reject()


def test_import_and_export_opml(qtbot: QtBot, window: MainWindow, tmp_path: Path) -> None:
    opml = tmp_path / "subscriptions.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>'
        '<outline text="Deadline" type="rss" xmlUrl="https://deadline.com/feed/"/>'
        '<outline text="Variety" type="rss" xmlUrl="https://variety.com/feed/"/>'
        '<outline text="Broken" type="rss" xmlUrl="ftp://nope.example/feed"/>'
        "</body></opml>",
        encoding="utf-8",
    )
    dialog = open_feeds(qtbot, window)
    dialog.import_opml_file(opml)
    qtbot.waitUntil(lambda: len(feed_urls(dialog)) == 2, timeout=10_000)
    assert dialog.message.text().startswith("Subscribed to 2 feeds, 1 skipped (ftp://nope.example")
    assert sorted(feed_urls(dialog)) == ["https://deadline.com/feed/", "https://variety.com/feed/"]

    exported = tmp_path / "out.opml"
    dialog.export_opml_file(exported)
    qtbot.waitUntil(lambda: dialog.message.text() == f"Saved the feed list to {exported}.")
    text = exported.read_text(encoding="utf-8")
    assert "https://deadline.com/feed/" in text and "https://variety.com/feed/" in text

    dialog.import_opml_file(tmp_path / "missing.opml")
    qtbot.waitUntil(lambda: "Cannot read" in dialog.message.text())
    dialog.reject()


def test_feeds_window_is_reachable_from_the_menu(qtbot: QtBot, window: MainWindow) -> None:
    window.feeds_action.trigger()
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), FeedsDialog))
    dialog = QApplication.activeModalWidget()
    assert dialog is not None
    dialog.close()


def test_keyword_rules_added_in_settings_are_saved_and_used_by_detection(
    qtbot: QtBot, window: MainWindow, db: Database
) -> None:
    seed_film(db, "Marrowby Lane", 2026)
    window.reload_films()
    qtbot.waitUntil(lambda: window.film_model.rowCount() == 1)
    dialog = window.open_settings()
    page = dialog.keywords_page
    dialog.tabs.setCurrentWidget(page)
    assert page.model.rowCount() == 0
    qtbot.mouseClick(page.add_button, Qt.MouseButton.LeftButton)
    model = page.model
    # Add opens the phrase for typing; kind and film are picked in combo boxes.
    phrase_editor = page.view.indexWidget(model.index(0, 0))
    assert isinstance(phrase_editor, QLineEdit)
    qtbot.keyClicks(phrase_editor, "table read")
    page.view.commitData(phrase_editor)
    page.view.closeEditor(phrase_editor, QAbstractItemDelegate.EndEditHint.NoHint)
    for column, choice in ((1, "Production"), (2, "Marrowby Lane")):
        index = model.index(0, column)
        page.view.edit(index)
        editor = page.view.indexWidget(index)
        assert isinstance(editor, QComboBox)
        assert editor.findText(choice) >= 0, [editor.itemText(i) for i in range(editor.count())]
        editor.setCurrentIndex(editor.findText(choice))
        page.view.commitData(editor)
        page.view.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
    dialog.accept()

    rules = load_keyword_rules()
    assert rules == [KeywordRule("table read", EventKind.PRODUCTION, "Marrowby Lane")]
    detector = Detector(FilmMatcher([FilmProfile(0, "Marrowby Lane", 2026)]), keywords=rules)
    article = ArticleText("1", "'Marrowby Lane' cast gathers for its first table read", "")
    assert [str(d.kind) for d in detector.detect(article)] == ["production"]

    reopened = window.open_settings()
    assert reopened.keywords_page.model.rules() == rules
    reopened.keywords_page.view.selectRow(0)
    qtbot.mouseClick(reopened.keywords_page.remove_button, Qt.MouseButton.LeftButton)
    reopened.accept()
    assert load_keyword_rules() == []


def test_a_settings_file_that_cannot_be_written_keeps_the_dialog_open(
    qtbot: QtBot, window: MainWindow
) -> None:
    settings_toml = app_paths().settings_file
    settings_toml.parent.mkdir(parents=True, exist_ok=True)
    settings_toml.write_text("[detection\n", encoding="utf-8")  # half-edited by hand
    dialog = window.open_settings()
    page = dialog.keywords_page
    page.model.setData(page.model.add_rule(), "sneak peek")
    shown = answer_next_message_box("OK")
    dialog.accept()
    assert shown and "not valid TOML" in shown[0]
    assert dialog.isVisible()
    assert dialog.tabs.currentWidget() is page
    assert settings_toml.read_text(encoding="utf-8") == "[detection\n"
    dialog.reject()
