"""The main window driven as a user drives it: add, filter, sort, timeline, read, unfollow."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QSettings, Qt
from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from tests.ui.conftest import USER, close_window, open_window
from tests.ui.helpers import answer_next_message_box, seed_film
from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Film
from watchlist.core.readstate import unread_counts
from watchlist.ui.dialogs.film_dialog import FilmDialog
from watchlist.ui.film_model import Column
from watchlist.ui.main_window import MainWindow
from watchlist.ui.settings import AppSettings

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

DEAL = {
    "kind": "deal.acquisition",
    "fields": {"buyer": "Netflix", "price_text": "$55M", "territory": "worldwide", "market": "EFM"},
    "evidence": "Netflix has won the bidding war for worldwide rights to Good Sex.",
    "sources": [
        ("Deadline", "Netflix Lands 'Good Sex' For $55M", "https://deadline.example/good-sex"),
        (
            "Variety",
            "<b>Good Sex</b> <img src='https://tracker.example/p.gif'>",
            "javascript:alert(1)",
        ),
    ],
}


def visible_titles(window: MainWindow) -> list[str]:
    proxy = window.proxy
    return [
        proxy.index(row, Column.TITLE).data().removesuffix("  (muted)")
        for row in range(proxy.rowCount())
    ]


def select_title(qtbot: QtBot, window: MainWindow, title: str) -> None:
    row = visible_titles(window).index(title)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.table.setFocus()
        window.table.selectRow(row)


def press_delete(qtbot: QtBot, window: MainWindow) -> None:
    """Delete on the table, as a user would after the window got the focus back."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.table.setFocus()
    qtbot.keyClick(window.table, Qt.Key.Key_Delete)


def open_film_dialog(qtbot: QtBot, window: MainWindow) -> FilmDialog:
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), FilmDialog))
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, FilmDialog)
    return dialog


def test_ctrl_n_follows_a_film_and_a_duplicate_is_explained(
    qtbot: QtBot, window: MainWindow
) -> None:
    dialog = open_film_dialog(qtbot, window)
    qtbot.keyClicks(dialog.title_edit, "Good Sex")
    dialog.year_spin.setValue(2026)
    qtbot.keyClicks(dialog.people_edit, "Lena Dunham (director); Natalie Portman")
    with qtbot.waitSignal(window.films_loaded, timeout=10_000):
        dialog.buttons.accepted.emit()
    assert visible_titles(window) == ["Good Sex"]
    assert not window.empty_state.isVisible()

    again = open_film_dialog(qtbot, window)
    qtbot.keyClicks(again.title_edit, "good  sex")
    again.year_spin.setValue(2026)
    again.buttons.accepted.emit()
    qtbot.waitUntil(again.error_label.isVisible)
    assert again.error_label.text() == "You are already following Good Sex (2026)."
    assert again.isVisible()
    again.reject()


def test_an_empty_title_is_refused_with_the_core_message(qtbot: QtBot, window: MainWindow) -> None:
    dialog = open_film_dialog(qtbot, window)
    qtbot.keyClicks(dialog.title_edit, "  !! ")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(dialog.error_label.isVisible)
    assert "title with at least one letter or digit" in dialog.error_label.text()
    dialog.reject()


def test_filter_box_and_quick_filters(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seed_film(db, "Good Sex", 2026, people="Natalie Portman (cast)", status="acquired")
    seed_film(db, "Paper Lanterns", 2027, people="Ruth Okafor (director)", status="dated")
    seed_film(db, "Orchard of Glass", 2027, status="dated")
    seed_film(db, "The Salt Road", 2027)
    window = open_window(qtbot, db, app_settings)
    try:
        assert len(visible_titles(window)) == 4
        qtbot.keyClick(window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
        assert window.search_edit.hasFocus()
        qtbot.keyClicks(window.search_edit, "portman")
        assert visible_titles(window) == ["Good Sex"]
        window.search_edit.clear()
        qtbot.keyClicks(window.search_edit, "kubrick")
        assert visible_titles(window) == []
        assert window.table.placeholder_text() == (
            "No film matches “kubrick”. Press Esc to clear the filter."
        )
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Escape)
        assert window.search_edit.text() == ""
        qtbot.keyClicks(window.search_edit, "dated")  # a status label matches too
        assert sorted(visible_titles(window)) == ["Orchard of Glass", "Paper Lanterns"]
        window.search_edit.clear()

        assert window.filter_buttons["Dated"].text() == "Dated 2"
        assert window.filter_buttons["Premiered"].isHidden()
        qtbot.mouseClick(window.filter_buttons["Acquired"], Qt.MouseButton.LeftButton)
        assert visible_titles(window) == ["Good Sex"]
        qtbot.mouseClick(window.filter_buttons["All"], Qt.MouseButton.LeftButton)
        assert len(visible_titles(window)) == 4
    finally:
        close_window(qtbot, window)


def test_columns_sort_by_value_not_by_text(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seed_film(
        db,
        "Big",
        cached={
            "deal_buyer": "Apple",
            "deal_price_text": "$20M",
            "deal_price_usd": 20_000_000,
            "release_date": "2027-03",
            "release_precision": "month",
        },
    )
    seed_film(
        db,
        "Small",
        cached={
            "deal_buyer": "Mubi",
            "deal_price_text": "$3M",
            "deal_price_usd": 3_000_000,
            "release_date": "2026-12-01",
            "release_precision": "day",
        },
    )
    seed_film(
        db,
        "Tiny",
        cached={
            "deal_buyer": "Neon",
            "deal_price_text": "$900K",
            "deal_price_usd": 900_000,
            "release_date": "2027-09",
            "release_precision": "season",
        },
    )
    window = open_window(qtbot, db, app_settings)
    try:
        header = window.table.horizontalHeader()
        x = header.sectionViewportPosition(Column.DEAL) + 5
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
        assert header.sortIndicatorSection() == Column.DEAL
        # As text "$20M" < "$3M" < "$900K"; by price it is the other way round.
        order = [window.proxy.index(r, Column.DEAL).data() for r in range(3)]
        if header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder:
            order.reverse()
        assert order == ["Neon, $900K", "Mubi, $3M", "Apple, $20M"]

        window.table.sortByColumn(Column.RELEASE, Qt.SortOrder.AscendingOrder)
        releases = [window.proxy.index(r, Column.RELEASE).data() for r in range(3)]
        assert releases == ["December 1, 2026", "March 2027", "Fall 2027"]
    finally:
        close_window(qtbot, window)


def test_timeline_shows_evidence_outlets_and_feed_text_as_plain_text(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seed_film(
        db, "Good Sex", 2026, people="Lena Dunham (director)", status="acquired", events=[DEAL]
    )
    window = open_window(qtbot, db, app_settings)
    try:
        select_title(qtbot, window, "Good Sex")
        cards = window.detail_pane.timeline_cards
        assert len(cards) == 1
        texts = [label.text() for label in cards[0].findChildren(QLabel)]
        assert "Acquisition" in texts
        assert "Acquired by Netflix" in texts
        assert "$55M, worldwide, EFM" in texts
        assert any("bidding war for worldwide rights" in text for text in texts)
        reported = next(t for t in texts if t.startswith("Reported by"))
        # The web link is a link; the javascript: one and the markup in the name are not.
        assert '<a href="https://deadline.example/good-sex">Deadline</a>' in reported
        assert "javascript" not in reported
        assert "Variety" in reported
        for label in cards[0].findChildren(QLabel):
            if label.textFormat() != Qt.TextFormat.PlainText:
                assert "<img" not in label.text()
    finally:
        close_window(qtbot, window)


def test_enter_opens_details_and_mark_read_clears_the_unread_marker(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seeded = seed_film(db, "Good Sex", 2026, status="acquired", events=[DEAL])
    window = open_window(qtbot, db, app_settings)
    try:
        assert window.proxy.index(0, Column.UNREAD).data() == "●"
        window.table.setFocus()
        window.table.setCurrentIndex(window.proxy.index(0, Column.TITLE))
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            qtbot.keyClick(window.table, Qt.Key.Key_Return)
        assert window.detail_pane.read_button.isEnabled()
        with qtbot.waitSignal(window.films_loaded, timeout=10_000):
            qtbot.mouseClick(window.detail_pane.read_button, Qt.MouseButton.LeftButton)
        assert window.proxy.index(0, Column.UNREAD).data() == ""
        with db.session() as session:
            assert unread_counts(session, USER) == {}
        assert seeded.event_ids
        qtbot.waitUntil(lambda: not window.detail_pane.read_button.isEnabled())
    finally:
        close_window(qtbot, window)


def test_unfollow_asks_then_can_be_undone_then_deletes(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seed_film(db, "Good Sex", 2026, events=[DEAL])
    seed_film(db, "Paper Lanterns", 2027)
    window = open_window(qtbot, db, app_settings)
    try:
        select_title(qtbot, window, "Good Sex")

        answer_next_message_box("Cancel")
        press_delete(qtbot, window)
        assert visible_titles(window) == ["Good Sex", "Paper Lanterns"]

        shown = answer_next_message_box("Unfollow")
        press_delete(qtbot, window)
        assert shown == ["Stop following Good Sex (2026)? Its timeline is deleted too."]
        assert visible_titles(window) == ["Paper Lanterns"]
        assert window.undo_button.isVisible()
        assert window.undo_label.text() == "Unfollowed Good Sex (2026)."

        with qtbot.waitSignal(window.detail_shown, timeout=10_000):  # selected again
            qtbot.mouseClick(window.undo_button, Qt.MouseButton.LeftButton)
        assert visible_titles(window) == ["Good Sex", "Paper Lanterns"]
        assert len(window.detail_pane.timeline_cards) == 1  # the timeline came back too

        answer_next_message_box("Unfollow")
        press_delete(qtbot, window)
        with qtbot.waitSignal(window.films_loaded, timeout=10_000):
            window._undo_timer.timeout.emit()  # the undo period ends
        assert visible_titles(window) == ["Paper Lanterns"]
        assert not window.undo_button.isVisible()
        with db.session() as session:
            assert [f.title for f in session.query(Film)] == ["Paper Lanterns"]
    finally:
        close_window(qtbot, window)


def test_a_pending_unfollow_is_applied_at_quit(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seed_film(db, "Good Sex", 2026)
    window = open_window(qtbot, db, app_settings)
    select_title(qtbot, window, "Good Sex")
    answer_next_message_box("Unfollow")
    press_delete(qtbot, window)
    close_window(qtbot, window)
    with db.session() as session:
        assert session.query(Film).count() == 0


def test_mute_and_edit_from_the_detail_pane(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seed_film(db, "Good Sex", 2026)
    window = open_window(qtbot, db, app_settings)
    try:
        select_title(qtbot, window, "Good Sex")
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            qtbot.mouseClick(window.detail_pane.mute_button, Qt.MouseButton.LeftButton)
        assert window.detail_pane.detail is not None and window.detail_pane.detail.muted
        qtbot.waitUntil(lambda: window.proxy.index(0, Column.TITLE).data().endswith("(muted)"))

        qtbot.mouseClick(window.detail_pane.edit_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), FilmDialog))
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, FilmDialog)
        assert dialog.title_edit.text() == "Good Sex"
        assert dialog.year_spin.value() == 2026
        dialog.title_edit.setText("Good Sex!")
        qtbot.keyClicks(dialog.aliases_edit, "GS")
        with qtbot.waitSignal(window.films_loaded, timeout=10_000):
            dialog.buttons.accepted.emit()
        assert visible_titles(window) == ["Good Sex!"]
    finally:
        close_window(qtbot, window)


def test_show_film_clears_filters_and_opens_the_film(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    target = seed_film(db, "Good Sex", 2026, events=[DEAL])
    seed_film(db, "Paper Lanterns", 2027)
    window = open_window(qtbot, db, app_settings)
    try:
        qtbot.keyClicks(window.search_edit, "lanterns")
        window.tabs.setCurrentIndex(2)
        window.hide()
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            window.show_film(target.film_id)
        assert window.isVisible()
        assert window.tabs.currentIndex() == 0
        assert window.selected_film_id() == target.film_id
        assert window.detail_pane.detail is not None
        assert window.detail_pane.detail.title == "Good Sex"
    finally:
        close_window(qtbot, window)


def test_the_last_check_of_an_earlier_session_is_shown(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    from datetime import UTC, datetime

    from watchlist.core.feeds.registry import add_feed

    with db.session() as session:
        add_feed(session, "https://deadline.example/feed").last_fetched_at = datetime(
            2026, 11, 24, 9, 30, tzinfo=UTC
        )
    window = open_window(qtbot, db, app_settings)
    try:
        local = datetime(2026, 11, 24, 9, 30, tzinfo=UTC).astimezone()
        expected = f"Last check {local.day} {local:%b} {local.year} {local:%H:%M}"
        assert window.last_check_label.text() == expected
    finally:
        close_window(qtbot, window)


def test_first_run_subscribes_default_feeds_and_says_what_to_do(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    window = open_window(qtbot, db, app_settings, subscribe_defaults=True)
    try:
        assert window.content_stack.currentWidget() is window.empty_state
        text = window.empty_state.text()
        assert "not following any films yet" in text
        assert "Ctrl+N" in text
        from watchlist.core.feeds.registry import list_feeds, load_default_feeds

        with db.session() as session:
            count = len(list_feeds(session))
        assert count == len(load_default_feeds())
        assert f"reads {count} film news feeds" in text
    finally:
        close_window(qtbot, window)


def test_window_state_and_sort_survive_a_restart(
    qtbot: QtBot, db: Database, settings_file: Path
) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026))
    settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    settings.poll_at_launch = False
    first = open_window(qtbot, db, settings)
    first.resize(720, 500)  # inside the offscreen 800x600 screen
    first.table.sortByColumn(Column.YEAR, Qt.SortOrder.DescendingOrder)
    first.table.setColumnWidth(Column.TITLE, 333)
    first.splitter.setSizes([500, 400])
    splitter_sizes = first.splitter.sizes()
    close_window(qtbot, first)

    again = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    second = open_window(qtbot, db, again)
    try:
        header = second.table.horizontalHeader()
        assert header.sortIndicatorSection() == Column.YEAR
        assert header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
        assert second.table.columnWidth(Column.TITLE) == 333
        assert second.size().width() == 720
        assert second.splitter.sizes() == splitter_sizes
    finally:
        close_window(qtbot, second)


def test_closing_hides_to_the_tray_only_when_there_is_one(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    window = open_window(qtbot, db, app_settings)
    try:
        window.hides_to_tray = True
        window.close()
        assert not window.isVisible()
        window.toggle_visible()
        assert window.isVisible()
        app_settings.close_to_tray = False
        with qtbot.waitSignal(window.quit_requested):
            window.close()  # no tray wanted: closing saves and quits
        assert app_settings.qsettings.value("window/geometry") is not None
    finally:
        close_window(qtbot, window)


def test_every_control_has_a_name_for_screen_readers(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QComboBox, QLineEdit

    seed_film(db, "Good Sex", 2026, events=[DEAL])
    window = open_window(qtbot, db, app_settings)
    try:
        select_title(qtbot, window, "Good Sex")
        unnamed = [
            f"{type(widget).__name__} {widget.objectName()}"
            for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView)
            for widget in window.findChildren(kind)
            if widget.isVisibleTo(window)
            and not widget.accessibleName()
            and not (isinstance(widget, QAbstractButton) and widget.text())
            # Qt's own parts: the filter box's clear button, tab scrollers, headers.
            and not isinstance(widget.parent(), QLineEdit)
            and not type(widget.parent()).__name__.startswith("QTab")
            and type(widget).__name__ != "QHeaderView"
        ]
        assert unnamed == []
    finally:
        close_window(qtbot, window)
