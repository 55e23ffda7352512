"""A team desktop: polling off on this computer, and the events another process stores still
reach the table and the tray; the setting itself, and a clean stop at quit."""

from __future__ import annotations

import threading
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from tests.feedserver import FeedServer, Route
from tests.ui.conftest import USER, close_window, open_window
from watchlist.core.changes import StatusChange
from watchlist.core.db import Database, open_database
from watchlist.core.errors import DatabaseError
from watchlist.core.feeds.poller import PollReport
from watchlist.core.feeds.registry import add_feed
from watchlist.core.films import FilmSpec, PersonSpec, add_film
from watchlist.core.pipeline import PollOutcome, run_poll
from watchlist.ui import event_listener
from watchlist.ui.film_model import Column
from watchlist.ui.main_window import POLLING_OFF_TEXT, MainWindow
from watchlist.ui.notify.recording import RecordingNotifier
from watchlist.ui.settings import AppSettings
from watchlist.ui.tray import TrayController

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore(
        "This plugin does not support",
        # The offscreen platform has no tray window to follow; a real desktop has one.
        "No such signal QPlatformNativeInterface::systemTrayWindowChanged",
    ),
]

BREAKING = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Trade</title><link>http://127.0.0.1/</link>
<item><title>Netflix Acquires Lena Dunham's 'Good Sex' for $55 Million</title>
<guid>trade-1</guid><link>http://127.0.0.1/1</link>
<pubDate>Mon, 16 Feb 2026 09:00:00 GMT</pubDate>
<description>Netflix has acquired worldwide rights to Good Sex, directed by Lena Dunham and
starring Natalie Portman, for $55 million at the EFM.</description></item>
</channel></rss>
"""
LISTENER_THREAD = "watchlist-event-listener"


class CountingRunner:
    """A poll runner that only counts how it was called (no network)."""

    def __init__(self) -> None:
        self.calls: list[bool] = []

    def __call__(self, _db: Database, *, due_only: bool, **_: object) -> PollOutcome:
        self.calls.append(due_only)
        return PollOutcome(PollReport())


def listener_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == LISTENER_THREAD]


@pytest.fixture
def team_settings(app_settings: AppSettings) -> AppSettings:
    """A desktop that leaves polling to the server (and would poll at launch otherwise)."""
    app_settings.poll_enabled = False
    app_settings.poll_at_launch = True
    return app_settings


def open_listening_window(
    qtbot: QtBot, db: Database, settings: AppSettings, runner: CountingRunner
) -> MainWindow:
    window = MainWindow(
        db,
        settings,
        user_key=USER,
        poll_runner=runner,
        subscribe_defaults=False,
        event_check_interval_s=0.05,
    )
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignals([window.films_loaded, window.listener.ready], timeout=10_000):
        window.start()
    return window


@pytest.mark.postgres
def test_a_desktop_with_polling_off_hears_of_the_servers_new_event(
    qtbot: QtBot, db: Database, db_url: str, team_settings: AppSettings
) -> None:
    with db.session() as session:
        film_id = add_film(
            session, FilmSpec("Good Sex", 2026, people=[PersonSpec("Lena Dunham", "director")])
        ).id
    runner = CountingRunner()
    window = open_listening_window(qtbot, db, team_settings, runner)
    notifier = RecordingNotifier()
    tray = TrayController(
        window, db, team_settings, notifiers=[notifier], tray_available=True, user_key=USER
    )
    window.read_state_changed.connect(tray.refresh_unread)
    tray.start()
    try:
        assert window.listening
        assert not window.poller.scheduled
        assert runner.calls == []  # no poll at launch with polling off
        assert window.poll_label.text() == POLLING_OFF_TEXT
        assert window.film_model.rows()[0].status == "unannounced"

        # The "serve" side: another handle on the same file, running the real pipeline.
        serve_side = open_database(db_url)
        try:
            with FeedServer() as server:
                url = server.add("/breaking.xml", Route(body=BREAKING))
                with serve_side.session() as session:
                    add_feed(session, url)
                with qtbot.waitSignal(window.changes_detected, timeout=20_000) as detected:
                    stored = run_poll(serve_side, due_only=False)
        finally:
            serve_side.dispose()

        assert stored.changes, "the serve side should have stored the acquisition"
        received = detected.args[0]
        assert [change.event_id for change in received] == [
            change.event_id for change in stored.changes
        ]
        assert received[0].film_id == film_id
        assert received[0].kind == "deal.acquisition"
        # The table shows the new status and the unread marker without a poll of its own.
        qtbot.waitUntil(lambda: window.film_model.rows()[0].status == "acquired")
        assert window.proxy.index(0, Column.UNREAD).data() == "●"
        assert window.poll_label.text().endswith("from the shared database")
        # The tray notified as after a poll on a single machine.
        qtbot.waitUntil(lambda: len(notifier.shown) == 1)
        assert notifier.shown[0].planned.summary.startswith("Good Sex: acquired by Netflix")
        assert runner.calls == []
    finally:
        tray.shutdown()
        close_window(qtbot, window)
    assert not window.listening
    assert listener_threads() == []


def test_turning_polling_off_and_on_switches_between_polling_and_listening(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    runner = CountingRunner()
    window = open_window(qtbot, db, app_settings, poll_runner=runner)
    try:
        # A single computer on SQLite polls and has nobody to listen to.
        assert window.poller.scheduled
        assert not window.listening

        dialog = window.open_settings()
        assert dialog.poll_enabled_box.isChecked()
        assert "watchlist serve" in dialog.poll_enabled_hint.text()
        with qtbot.waitSignal(window.listener.ready, timeout=10_000):
            dialog.poll_enabled_box.setChecked(False)
            assert not dialog.interval_spin.isEnabled()
            dialog.accept()
        assert not window.poller.scheduled
        assert window.listening
        assert window.poll_label.text() == POLLING_OFF_TEXT
        assert "Polling is off" in window.check_action.statusTip()

        # Check now still checks once when asked, and schedules nothing.
        with qtbot.waitSignal(window.poll_finished, timeout=10_000):
            window.check_now()
        assert runner.calls == [False]
        assert not window.poller.scheduled

        dialog = window.open_settings()
        dialog.poll_enabled_box.setChecked(True)
        dialog.accept()
        assert window.poller.scheduled
        assert not window.listening
        qtbot.waitUntil(lambda: listener_threads() == [])
    finally:
        close_window(qtbot, window)


def test_polling_off_is_remembered_after_a_restart(
    qtbot: QtBot, window: MainWindow, settings_file: Path
) -> None:
    assert AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat)).poll_enabled
    dialog = window.open_settings()
    dialog.poll_enabled_box.setChecked(False)
    dialog.accept()
    restarted = QSettings(str(settings_file), QSettings.Format.IniFormat)
    assert restarted.value("poll/enabled") in (False, "false")
    assert not AppSettings(restarted).poll_enabled


def test_quitting_stops_the_listener_without_waiting_on_the_database(
    qtbot: QtBot, db: Database, team_settings: AppSettings
) -> None:
    window = open_listening_window(qtbot, db, team_settings, CountingRunner())
    assert [thread.is_alive() for thread in listener_threads()] == [True]
    close_window(qtbot, window)
    assert listener_threads() == []
    assert not window.listening


def test_a_change_heard_from_both_the_poll_and_the_database_reaches_the_tray_once(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    # On PostgreSQL a polling desktop also listens, and hears of its own poll's events.
    change = StatusChange(
        event_id=7,
        film_id=1,
        film_title="Good Sex",
        kind="deal.acquisition",
        fields={"buyer": "Netflix"},
        occurred_at=datetime(2026, 11, 20, tzinfo=UTC),
    )
    later = replace(change, event_id=8)

    def runner(_db: Database, **_: object) -> PollOutcome:
        return PollOutcome(PollReport(), [change])

    window = open_window(qtbot, db, app_settings, poll_runner=runner)
    try:
        with qtbot.waitSignal(window.changes_detected, timeout=10_000) as polled:
            window.check_now()
        assert polled.args[0] == [change]
        with qtbot.waitSignal(window.changes_detected, timeout=10_000) as heard:
            window.listener.changes_arrived.emit([change, later])
        assert heard.args[0] == [later]
        with qtbot.assertNotEmitted(window.changes_detected):
            window.listener.changes_arrived.emit([change, later])
    finally:
        close_window(qtbot, window)


def test_a_listener_that_cannot_reach_the_database_says_so_and_tries_again(
    qtbot: QtBot, db: Database, team_settings: AppSettings, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts: list[int] = []
    real_watcher = event_listener.EventWatcher

    def flaky_watcher(*args: object, **options: object) -> object:
        attempts.append(1)
        if len(attempts) == 1:
            raise DatabaseError("The database at team-db cannot be reached (connection refused).")
        return real_watcher(*args, **options)  # type: ignore[arg-type]

    monkeypatch.setattr(event_listener, "EventWatcher", flaky_watcher)
    window = MainWindow(
        db,
        team_settings,
        user_key=USER,
        poll_runner=CountingRunner(),
        subscribe_defaults=False,
        event_check_interval_s=0.05,
        listen_retry_s=0.3,
    )
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.listener.failed, timeout=10_000):
        window.start()
    # The reason stays in the status bar (not a passing message) until listening resumes.
    assert "connection refused" in window.poll_label.text()
    assert "Trying again in" in window.poll_label.text()
    assert not window.listening
    with qtbot.waitSignal(window.listener.ready, timeout=10_000):
        pass
    assert window.listening and len(attempts) == 2
    assert window.poll_label.text() == POLLING_OFF_TEXT
    close_window(qtbot, window)
