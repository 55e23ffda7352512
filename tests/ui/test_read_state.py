"""Marking news unread again (a whole film, one event, an article in News), opening a news item
as the film's details or as the article, and the notification history from the menu bar."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QMenu
from pytestqt.qtbot import QtBot

from tests.ui.conftest import USER, close_window, open_window
from tests.ui.helpers import seed_film
from watchlist.core.db import Database
from watchlist.core.models import NotificationRecord
from watchlist.core.readstate import mark_read, unread_counts
from watchlist.ui import views
from watchlist.ui.film_model import Column
from watchlist.ui.main_window import TAB_NEWS, TAB_WATCHLIST, MainWindow
from watchlist.ui.notify.history import NotificationHistoryDialog
from watchlist.ui.settings import AppSettings

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

RECENT = datetime.now(UTC) - timedelta(days=2)


def event(kind: str, buyer: str, outlet: str, days_ago: int) -> dict[str, object]:
    return {
        "kind": kind,
        "fields": {"buyer": buyer},
        "evidence": f"{buyer} bought it.",
        "occurred_at": RECENT - timedelta(days=days_ago),
        "sources": [(outlet, f"{buyer} buys Good Sex", f"https://{outlet}.example/{days_ago}")],
    }


def unread(db: Database) -> dict[int, int]:
    with db.session() as session:
        return unread_counts(session, USER)


def open_details(qtbot: QtBot, window: MainWindow) -> None:
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.table.selectRow(0)


def test_mark_unread_brings_a_film_and_one_event_back_as_news(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seeded = seed_film(
        db,
        "Good Sex",
        2026,
        events=[event("deal.talks", "Apple", "Variety", 5), event("deal.acquisition", "X", "D", 1)],
    )
    with db.session() as session:
        mark_read(session, seeded.event_ids, USER)
    window = open_window(qtbot, db, app_settings)
    try:
        assert window.proxy.index(0, Column.UNREAD).data() == ""
        open_details(qtbot, window)
        pane = window.detail_pane
        assert not pane.read_button.isEnabled()
        assert pane.unread_button.isEnabled()

        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            qtbot.mouseClick(pane.unread_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.proxy.index(0, Column.UNREAD).data() == "●")
        assert unread(db) == {seeded.film_id: 2}
        assert pane.read_button.isEnabled()
        assert not pane.unread_button.isEnabled()
        assert [card.read_button.text() for card in pane.timeline_cards] == ["Mark read"] * 2

        # Read everything, then bring back only the older event from its card.
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            qtbot.mouseClick(pane.read_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.proxy.index(0, Column.UNREAD).data() == "")
        older = next(c for c in pane.timeline_cards if c.timeline_event.id == seeded.event_ids[0])
        assert older.read_button.text() == "Mark unread"
        with qtbot.waitSignal(window.read_state_changed, timeout=10_000):
            qtbot.mouseClick(older.read_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.proxy.index(0, Column.UNREAD).data() == "●")
        with db.session() as session:
            assert unread_counts(session, USER) == {seeded.film_id: 1}
        qtbot.waitUntil(
            lambda: [c.timeline_event.read for c in pane.timeline_cards].count(False) == 1
        )
    finally:
        close_window(qtbot, window)


def test_news_opens_details_on_enter_and_the_article_on_its_own_action(
    qtbot: QtBot, db: Database, app_settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(views.news, "open_web_link", lambda url: opened.append(url) or True)
    seeded = seed_film(db, "Good Sex", 2026, events=[event("deal.acquisition", "Netflix", "D", 1)])
    with db.session() as session:
        mark_read(session, seeded.event_ids, USER)
    window = open_window(qtbot, db, app_settings)
    try:
        with qtbot.waitSignal(window.view_loaded, timeout=10_000):
            window.tabs.setCurrentIndex(TAB_NEWS)
        news = window.news_view
        table = news.table
        headline = table.model().index(0, 3)
        assert not news.open_article_button.isEnabled()

        # Enter on the headline opens the film's details, not the browser.
        table.setFocus()
        table.selectionModel().setCurrentIndex(
            headline,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            qtbot.keyClick(table, Qt.Key.Key_Return)
        assert window.tabs.currentIndex() == TAB_WATCHLIST
        assert window.selected_film_id() == seeded.film_id
        assert opened == []

        with qtbot.waitSignal(window.view_loaded, timeout=10_000):
            window.tabs.setCurrentIndex(TAB_NEWS)
        table.selectRow(0)
        assert news.open_article_button.isEnabled()
        qtbot.mouseClick(news.open_article_button, Qt.MouseButton.LeftButton)
        assert opened == ["https://D.example/1"]
        assert [a.text() for a in table.actions()] == [
            "Open film &details",
            "Open &article",
            "Mark &unread",
        ]

        # Mark unread from News: the row turns unread here and on the watchlist.
        assert table.model().index(0, 0).data() == ""
        with qtbot.waitSignal(window.read_state_changed, timeout=10_000):
            qtbot.mouseClick(news.toggle_read_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: table.model().index(0, 0).data() == "●")
        assert unread(db) == {seeded.film_id: 1}
        table.selectRow(0)
        assert news.toggle_read_button.text() == "Mark &read"
    finally:
        close_window(qtbot, window)


def test_the_notification_history_is_in_the_menu_bar_without_a_tray(
    qtbot: QtBot, db: Database, window: MainWindow
) -> None:
    with db.session() as session:
        session.add(
            NotificationRecord(
                user_key=USER,
                summary="Good Sex: acquired by Netflix",
                body="$55M",
                channel="freedesktop",
            )
        )
    assert not window.hides_to_tray
    menus = {
        action.text().replace("&", ""): action.menu()
        for action in window.menuBar().actions()
        if isinstance(action.menu(), QMenu)
    }
    entries = {a.text().replace("&", ""): a for a in menus["View"].actions()}
    entries["Notification history…"].trigger()
    dialog = window.findChild(NotificationHistoryDialog)
    assert isinstance(dialog, NotificationHistoryDialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    assert dialog.isVisible()
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 1).text().startswith("Good Sex: acquired by Netflix")
    dialog.close()
