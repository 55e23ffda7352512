"""Background polling: the window stays responsive during a slow poll, shows progress, and
tells the tray about changes."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt, QTimer
from pytestqt.qtbot import QtBot

from tests.feedserver import FeedServer, Route
from tests.ui.conftest import close_window, open_window
from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.feeds.poller import PollProgress, PollReport
from watchlist.core.feeds.registry import add_feed
from watchlist.core.pipeline import PollOutcome
from watchlist.ui.settings import AppSettings

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>
<item><title>One</title><guid>1</guid><link>https://example.org/1</link></item>
</channel></rss>"""


def test_a_slow_poll_keeps_the_window_responsive(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    with FeedServer() as server:
        # Each feed answers later than the one before, so progress arrives in three steps.
        urls = [
            server.add(f"/slow{n}.xml", Route(body=FEED, delay=delay))
            for n, delay in enumerate((0.2, 0.8, 1.4))
        ]
        with db.session() as session:
            for url in urls:
                add_feed(session, url)
        window = open_window(qtbot, db, app_settings)
        try:
            ticks = 0
            progress: list[tuple[int, int, int, str]] = []

            def tick() -> None:
                nonlocal ticks
                ticks += 1

            window.poller.progress.connect(
                lambda done, total: progress.append((done, total, ticks, window.poll_label.text()))
            )
            timer = QTimer()
            timer.setInterval(10)
            timer.timeout.connect(tick)
            timer.start()
            with qtbot.waitSignal(window.poll_finished, timeout=30_000) as finished:
                window.activateWindow()
                qtbot.waitUntil(window.isActiveWindow)
                qtbot.keyClick(window.table, Qt.Key.Key_F5)
                assert window.poller.running
                assert window.poll_label.text() == "Checking feeds…"
            timer.stop()
            assert [(done, total) for done, total, _, _ in progress] == [(1, 3), (2, 3), (3, 3)]
            assert [label for _, _, _, label in progress] == [
                "Checking feeds 1/3",
                "Checking feeds 2/3",
                "Checking feeds 3/3",
            ]
            # The GUI thread kept running its timer between the first and the last answer,
            # while the poll waited on the slow server.
            assert progress[-1][2] - progress[0][2] >= 20
            qtbot.waitUntil(lambda: window.poll_label.text() == "3 new articles")
            outcome = finished.args[0]
            assert isinstance(outcome, PollOutcome)
            assert outcome.report.new_articles == 3
            assert window.check_action.isEnabled()
        finally:
            close_window(qtbot, window)


def test_changes_are_emitted_for_the_tray_and_a_second_check_waits(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    release = threading.Event()
    change = StatusChange(
        event_id=1,
        film_id=1,
        film_title="Good Sex",
        kind="deal.acquisition",
        fields={"buyer": "Netflix"},
        occurred_at=datetime(2026, 11, 20, tzinfo=UTC),
    )

    def runner(
        _db: Database,
        *,
        due_only: bool,
        feed_ids: Iterable[int] | None,
        on_progress: Callable[[PollProgress], None],
        cancel: threading.Event,
    ) -> PollOutcome:
        on_progress(PollProgress(1, 2, "https://a.example/feed"))
        release.wait(10)
        return PollOutcome(PollReport(), [change])

    window = open_window(qtbot, db, app_settings, poll_runner=runner)
    try:
        with qtbot.waitSignal(window.changes_detected, timeout=10_000) as detected:
            window.check_now()
            qtbot.waitUntil(lambda: window.poll_label.text() == "Checking feeds 1/2")
            window.check_now()  # ignored while the first runs
            assert window.statusBar().currentMessage() == "A check is already running."
            release.set()
        assert detected.args[0] == [change]
        assert window.poll_label.text() == "No feed was due"
    finally:
        close_window(qtbot, window)


def test_poll_at_launch_follows_the_setting(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    calls: list[bool] = []

    def runner(_db: Database, *, due_only: bool, **_: object) -> PollOutcome:
        calls.append(due_only)
        return PollOutcome(PollReport())

    app_settings.poll_at_launch = True
    window = open_window(qtbot, db, app_settings, poll_runner=runner)
    try:
        qtbot.waitUntil(lambda: calls == [True])
        assert window.poller._timer.isActive()
        assert window.poller._timer.interval() == 30 * 60_000
    finally:
        close_window(qtbot, window)


def test_a_poll_error_is_shown_in_words(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    from watchlist.core.errors import DatabaseError

    def runner(_db: Database, **_: object) -> PollOutcome:
        raise DatabaseError("The database is locked by another program.")

    window = open_window(qtbot, db, app_settings, poll_runner=runner)
    try:
        with qtbot.waitSignal(window.poller.failed, timeout=10_000):
            window.check_now()
        assert window.poll_label.text() == "The database is locked by another program."
    finally:
        close_window(qtbot, window)
