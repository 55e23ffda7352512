"""News, calendar and deals views: what they list, filters, click-through and Follow."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from tests.ui.conftest import close_window, open_window
from tests.ui.helpers import seed_film
from watchlist.core.db import Database
from watchlist.core.models import Film
from watchlist.core.readstate import mark_read
from watchlist.ui.main_window import TAB_CALENDAR, TAB_DEALS, TAB_NEWS, MainWindow
from watchlist.ui.settings import AppSettings

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

RECENT = datetime.now(UTC) - timedelta(days=2)
OLD = datetime.now(UTC) - timedelta(days=200)


def deal(buyer: str, market: str, territory: str, when: datetime, outlet: str) -> dict[str, object]:
    return {
        "kind": "deal.acquisition",
        "fields": {"buyer": buyer, "market": market, "territory": territory, "price_text": "$5M"},
        "occurred_at": when,
        "sources": [(outlet, f"{buyer} buys it at {market}", f"https://{outlet}.example/a")],
    }


def switch_to(qtbot: QtBot, window: MainWindow, tab: int) -> None:
    with qtbot.waitSignal(window.view_loaded, timeout=10_000):
        window.tabs.setCurrentIndex(tab)


def test_news_lists_unread_first_and_opens_the_film(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    read = seed_film(db, "Old News", 2026, events=[deal("Apple", "TIFF", "US", RECENT, "Variety")])
    fresh = seed_film(
        db, "Good Sex", 2026, events=[deal("Netflix", "EFM", "world", OLD, "Deadline")]
    )
    with db.session() as session:
        mark_read(session, read.event_ids, "tester")
    window = open_window(qtbot, db, app_settings)
    try:
        switch_to(qtbot, window, TAB_NEWS)
        table = window.news_view.table
        model = table.model()
        films = [model.index(row, 1).data() for row in range(model.rowCount())]
        # The unread item comes first although the read one is newer.
        assert films == ["Good Sex (2026)", "Old News (2026)"]
        assert model.index(0, 0).data() == "●"
        assert model.index(0, 4).data() == "Deadline"
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            table.activated.emit(model.index(0, 1))
        assert window.tabs.currentIndex() == 0
        assert window.selected_film_id() == fresh.film_id

        switch_to(qtbot, window, TAB_NEWS)
        assert window.news_view.mark_all_button.isEnabled()
        with qtbot.waitSignal(window.read_state_changed, timeout=10_000):
            qtbot.mouseClick(window.news_view.mark_all_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: model.index(0, 0).data() == "")
        assert not window.news_view.mark_all_button.isEnabled()
        qtbot.waitUntil(lambda: all(row.unread == 0 for row in window.film_model.rows()))
    finally:
        close_window(qtbot, window)


def test_calendar_groups_upcoming_releases_by_month_with_precision(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    next_year = datetime.now(UTC).year + 1
    seed_film(
        db,
        "Paper Lanterns",
        next_year,
        cached={
            "release_date": f"{next_year}-03-12",
            "release_precision": "day",
            "release_medium": "theatrical",
            "release_platform": None,
        },
    )
    # A season-precision date is stored with its season's name (as the event store writes it).
    seed_film(
        db,
        "The Salt Road",
        next_year,
        cached={
            "release_date": f"{next_year}-fall",
            "release_precision": "season",
            "release_medium": "streaming",
            "release_platform": "Netflix",
        },
        events=[
            {
                "kind": "release.date_announced",
                "fields": {"date": str(next_year), "precision": "season", "season": "fall"},
            }
        ],
    )
    seed_film(
        db,
        "Someday",
        next_year,
        cached={"release_date": str(next_year), "release_precision": "year"},
    )
    seed_film(db, "Bygone", 2001, cached={"release_date": "2001-05-01", "release_precision": "day"})
    window = open_window(qtbot, db, app_settings)
    try:
        switch_to(qtbot, window, TAB_CALENDAR)
        tree = window.calendar_view.tree
        sections = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
        # In the order of the year: March, then fall, then "some time that year".
        assert sections == [f"March {next_year}", f"Fall {next_year}", str(next_year)]
        salt_road = tree.topLevelItem(1).child(0)
        assert [salt_road.text(c) for c in range(4)] == [
            f"The Salt Road ({next_year})",
            f"Fall {next_year}",
            "Streaming",
            "Netflix",
        ]
        assert tree.topLevelItem(0).child(0).text(1) == f"March 12, {next_year}"
        with qtbot.waitSignal(window.detail_shown, timeout=10_000):
            tree.itemActivated.emit(salt_road, 0)
        assert window.detail_pane.detail is not None
        assert window.detail_pane.detail.title == "The Salt Road"
    finally:
        close_window(qtbot, window)


def test_deals_filter_and_follow_a_discovered_film(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    seed_film(
        db, "Good Sex", 2026, events=[deal("Netflix", "EFM", "worldwide", RECENT, "Deadline")]
    )
    found = seed_film(
        db,
        "Copper Sky",
        2026,
        followed=False,
        events=[deal("Neon", "AFM", "worldwide", RECENT, "Variety")],
    )
    seed_film(
        db,
        "Long Ago",
        2019,
        followed=False,
        events=[deal("Mubi", "Cannes", "North America", OLD, "Screen")],
    )
    window = open_window(qtbot, db, app_settings)
    try:
        switch_to(qtbot, window, TAB_DEALS)
        view = window.deals_view
        proxy = view.table.model()
        assert proxy.rowCount() == 3
        qtbot.keyClicks(view.buyer_edit, "neo")
        assert [proxy.index(r, 0).data() for r in range(proxy.rowCount())] == ["Copper Sky (2026)"]
        view.buyer_edit.clear()
        qtbot.keyClicks(view.territory_edit, "north")
        assert [proxy.index(r, 1).data() for r in range(proxy.rowCount())] == ["Mubi"]
        view.territory_edit.clear()
        view.period_combo.setCurrentIndex(2)  # last 30 days
        assert proxy.rowCount() == 2
        qtbot.keyClicks(view.market_edit, "afm")
        assert proxy.rowCount() == 1
        assert proxy.index(0, 6).data() == "Discovered"

        view.table.selectRow(0)
        assert view.follow_button.isEnabled()
        with qtbot.waitSignal(window.films_loaded, timeout=10_000):
            qtbot.mouseClick(view.follow_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: window.film_model.row_of_film(found.film_id) is not None)
        with db.session() as session:
            film = session.get(Film, found.film_id)
            assert film is not None and film.followed
            assert len(film.events) == 1  # its timeline is kept
    finally:
        close_window(qtbot, window)
