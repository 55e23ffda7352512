"""The tray: menu actions, the unread badge, pausing, notifying a poll's changes, the history,
and the no-tray fallback (offscreen, with the notifier behind its interface)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from jeepney import HeaderFields, Message, new_method_return, new_signal
from PySide6.QtCore import QSettings, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox, QSystemTrayIcon
from pytestqt.qtbot import QtBot

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Event, NotificationRecord
from watchlist.core.notifications import (
    PAUSED_UNTIL_RESUMED,
    IssuedNotification,
    PauseChoice,
    PlannedNotification,
)
from watchlist.core.readstate import mark_read
from watchlist.ui.notify.base import NotifierChain
from watchlist.ui.notify.freedesktop import NOTIFICATIONS, FreedesktopNotifier
from watchlist.ui.notify.history import NotificationHistoryDialog
from watchlist.ui.notify.recording import RecordingNotifier
from watchlist.ui.settings import AppSettings
from watchlist.ui.tasks import pending_tasks
from watchlist.ui.tray import NO_TRAY_NOTICE_KEY, TrayController

NOW = datetime(2026, 2, 15, 12, 0, tzinfo=UTC)
DEAL = {"buyer": "Netflix", "price_text": "$55M", "territory": "worldwide", "market": "EFM"}
USER = "ann"


class FakeWindow(QMainWindow):
    """The MainWindow contract: its two signals and the methods the tray calls."""

    changes_detected = Signal(list)
    poll_finished = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.shown_films: list[int] = []
        self.checks = 0
        self.quits = 0

    def show_film(self, film_id: int) -> None:
        self.shown_films.append(film_id)
        self.show()

    def check_now(self) -> None:
        self.checks += 1

    def toggle_visible(self) -> None:
        self.setVisible(not self.isVisible())

    def quit_app(self) -> None:
        self.quits += 1


@pytest.fixture
def settings(tmp_path: Path) -> AppSettings:
    return AppSettings(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def window(qtbot: QtBot) -> FakeWindow:
    window = FakeWindow()
    qtbot.addWidget(window)
    return window


@pytest.fixture
def notifier() -> RecordingNotifier:
    return RecordingNotifier()


def wait_for_tasks(qtbot: QtBot) -> None:
    qtbot.waitUntil(lambda: pending_tasks() == 0)


def make_tray(
    qtbot: QtBot,
    window: FakeWindow,
    db: Database,
    settings: AppSettings,
    notifiers: list[RecordingNotifier],
    *,
    tray_available: bool = True,
) -> Iterator[TrayController]:
    tray = TrayController(
        window,
        db,
        settings,
        notifiers=notifiers,
        tray_available=tray_available,
        clock=lambda: NOW,
        user_key=USER,
    )
    tray.start()
    wait_for_tasks(qtbot)
    yield tray
    tray.shutdown()
    wait_for_tasks(qtbot)


@pytest.fixture
def tray(
    qtbot: QtBot,
    window: FakeWindow,
    db: Database,
    settings: AppSettings,
    notifier: RecordingNotifier,
) -> Iterator[TrayController]:
    yield from make_tray(qtbot, window, db, settings, [notifier])


def store_change(db: Database, title: str = "Good Sex", *, muted: bool = False) -> StatusChange:
    with db.session() as session:
        film = add_film(session, FilmSpec(title=title, year=2026))
        film.muted = muted
        event = Event(
            film=film, kind="deal.acquisition", fingerprint="f", fields=DEAL, occurred_at=NOW
        )
        session.add(event)
        session.flush()
        return StatusChange(
            event_id=event.id,
            film_id=film.id,
            film_title=title,
            kind=event.kind,
            fields=DEAL,
            occurred_at=NOW,
            muted=muted,
        )


def poll(qtbot: QtBot, window: FakeWindow, changes: list[StatusChange]) -> None:
    window.changes_detected.emit(changes)
    wait_for_tasks(qtbot)


def action_texts(tray: TrayController) -> list[str]:
    return [a.text() for a in tray.menu.actions() if a.text()]


def test_the_menu_has_show_check_pause_history_and_quit(tray: TrayController) -> None:
    assert action_texts(tray) == [
        "Show Watchlist",
        "Check now",
        "Pause notifications",
        "Notification history…",
        "Quit",
    ]
    assert [a.text() for a in tray.pause_menu.actions() if a.text()] == [
        "For 1 hour",
        "Until tomorrow 08:00",
        "Until resumed",
        "Resume notifications",
    ]


def test_show_hide_and_a_click_on_the_icon_toggle_the_window(
    tray: TrayController, window: FakeWindow
) -> None:
    tray.show_hide_action.trigger()
    assert window.isVisible()
    tray.menu.aboutToShow.emit()
    assert tray.show_hide_action.text() == "Hide Watchlist"
    tray.tray.activated.emit(QSystemTrayIcon.ActivationReason.Trigger)
    assert not window.isVisible()


def test_check_now_asks_the_window_to_poll(tray: TrayController, window: FakeWindow) -> None:
    tray.check_now_action.trigger()
    assert window.checks == 1


def test_quit_quits_through_the_window(tray: TrayController, window: FakeWindow) -> None:
    tray.quit_action.trigger()
    assert window.quits == 1


def test_a_polls_change_is_notified_once_with_the_taxonomy_words(
    tray: TrayController,
    window: FakeWindow,
    db: Database,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    change = store_change(db)
    poll(qtbot, window, [change])
    poll(qtbot, window, [change])
    [note] = notifier.shown
    assert note.planned.summary == "Good Sex: acquired by Netflix"
    assert "$55M" in note.planned.body
    with db.session() as session:
        [record] = session.query(NotificationRecord).all()
        assert record.channel == "recording"


def test_the_unread_count_is_on_the_badge_and_in_the_tooltip(
    tray: TrayController, window: FakeWindow, db: Database, qtbot: QtBot
) -> None:
    assert tray.unread_count == 0
    assert "No unread changes" in tray.tray.toolTip()
    empty_icon = tray.tray.icon().pixmap(64, 64).toImage()
    first, second = store_change(db), store_change(db, "Dune Part Three")
    poll(qtbot, window, [first, second])
    assert tray.unread_count == 2
    assert "2 unread changes" in tray.tray.toolTip()
    assert tray.tray.icon().pixmap(64, 64).toImage() != empty_icon
    with db.session() as session:
        mark_read(session, [first.event_id], USER)
    tray.menu.aboutToShow.emit()  # the user reads in the window, then looks at the tray
    wait_for_tasks(qtbot)
    assert tray.unread_count == 1
    with db.session() as session:
        mark_read(session, [second.event_id], USER)
    window.poll_finished.emit(object())
    wait_for_tasks(qtbot)
    assert tray.unread_count == 0


def test_pausing_holds_notifications_and_the_changes_stay_unread(
    tray: TrayController,
    window: FakeWindow,
    db: Database,
    settings: AppSettings,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    tray.pause_actions[PauseChoice.ONE_HOUR].trigger()
    assert settings.notifications_paused_until == NOW + timedelta(hours=1)
    assert tray.is_paused() and tray.resume_action.isEnabled()
    assert "Notifications paused until" in tray.tray.toolTip()
    change = store_change(db)
    poll(qtbot, window, [change])
    assert notifier.shown == []
    assert tray.unread_count == 1
    tray.resume_action.trigger()
    assert settings.notifications_paused_until is None
    assert not tray.resume_action.isEnabled()
    # Held changes were not marked notified: a later report of the same event still alerts.
    poll(qtbot, window, [change])
    assert len(notifier.shown) == 1


def test_pause_until_resumed_and_until_tomorrow(
    tray: TrayController, settings: AppSettings
) -> None:
    tray.pause_actions[PauseChoice.UNTIL_RESUMED].trigger()
    assert settings.notifications_paused_until == PAUSED_UNTIL_RESUMED
    assert "Notifications paused" in tray.tray.toolTip()
    tray.pause_actions[PauseChoice.UNTIL_TOMORROW].trigger()
    until = settings.notifications_paused_until
    assert until is not None and NOW < until <= NOW + timedelta(days=2)


def test_kinds_switched_off_and_muted_films_do_not_notify(
    tray: TrayController,
    window: FakeWindow,
    db: Database,
    settings: AppSettings,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    settings.notify_kinds = {"trailer"}
    poll(qtbot, window, [store_change(db)])
    settings.notify_kinds = {"deal.acquisition"}
    poll(qtbot, window, [store_change(db, "Muted", muted=True)])
    assert notifier.shown == []


def test_open_on_a_notification_shows_the_film_and_is_recorded(
    tray: TrayController,
    window: FakeWindow,
    db: Database,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    change = store_change(db)
    poll(qtbot, window, [change])
    notifier.click(notifier.shown[0])
    wait_for_tasks(qtbot)
    assert window.shown_films == [change.film_id]
    with db.session() as session:
        [record] = session.query(NotificationRecord).all()
        assert record.clicked_at == NOW


def test_the_history_dialog_lists_sent_notifications_and_clicks(
    tray: TrayController,
    window: FakeWindow,
    db: Database,
    notifier: RecordingNotifier,
    qtbot: QtBot,
) -> None:
    poll(qtbot, window, [store_change(db)])
    poll(qtbot, window, [store_change(db, "Dune Part Three")])
    notifier.click(notifier.shown[0])
    wait_for_tasks(qtbot)
    dialog = NotificationHistoryDialog(db, window, user_key=USER)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.loaded)
    rows = [
        [dialog.table.item(row, col).text() for col in range(4)]
        for row in range(dialog.table.rowCount())
    ]
    assert len(rows) == 2
    summaries = {row[1].splitlines()[0]: row[3] for row in rows}
    assert summaries["Dune Part Three: acquired by Netflix"] == "No"
    assert summaries["Good Sex: acquired by Netflix"] != "No"


def test_the_next_notifier_is_used_when_the_first_does_not_work(
    qtbot: QtBot, window: FakeWindow, db: Database, settings: AppSettings
) -> None:
    broken, fallback = RecordingNotifier(works=False), RecordingNotifier()
    for tray in make_tray(qtbot, window, db, settings, [broken, fallback]):
        assert tray.notifier.active is fallback
        poll(qtbot, window, [store_change(db)])
        assert len(fallback.shown) == 1 and broken.shown == []


def test_notes_wait_while_the_chain_is_still_probing(qtbot: QtBot) -> None:
    class SlowNotifier(RecordingNotifier):
        def probe(self, on_result):  # type: ignore[no-untyped-def]
            self.answer = on_result

    slow = SlowNotifier()
    chain = NotifierChain([slow])
    chain.start()
    assert chain.available is None and chain.channel == "recording"
    note = IssuedNotification(1, PlannedNotification("Good Sex: acquired", "", 1, (1,)))
    chain.show(note)
    decisions: list[tuple[bool, str]] = []
    chain.probe(lambda ok, channel: decisions.append((ok, channel)))
    assert slow.shown == [] and decisions == []
    slow.answer(True, "ready")
    assert slow.shown == [note]
    assert decisions == [(True, "recording")]


def test_without_a_tray_the_app_says_once_how_to_get_alerts(
    qtbot: QtBot, window: FakeWindow, db: Database, settings: AppSettings
) -> None:
    for tray in make_tray(
        qtbot, window, db, settings, [RecordingNotifier(works=False)], tray_available=False
    ):
        assert not tray.tray.isVisible()
        notice = tray.no_tray_notice
        assert isinstance(notice, QMessageBox)
        assert "no system tray" in notice.text() and "notification service" in notice.text()
        notice.close()
        # With nothing to notify through, changes are left unread and unnotified.
        poll(qtbot, window, [store_change(db)])
        assert tray.unread_count == 1
    assert settings.qsettings.value(NO_TRAY_NOTICE_KEY)
    for again in make_tray(
        qtbot, window, db, settings, [RecordingNotifier()], tray_available=False
    ):
        assert again.no_tray_notice is None


# --- the freedesktop notifier, with a stand-in for the bus ----------------------------------


class FakeRouter:
    """Answers each Notify like a daemon: a new bubble id, or the one it replaces."""

    def __init__(self) -> None:
        self.sent: list[Message] = []
        self.next_id = 40
        self.closed = False

    def send_and_get_reply(self, message: Message, *, timeout: float) -> Message:
        self.sent.append(message)
        replaces = message.body[1]
        if not replaces:
            self.next_id += 1
        return new_method_return(message, "u", (replaces or self.next_id,))

    def close(self) -> None:
        self.closed = True

    @property
    def conn(self) -> FakeRouter:
        return self


def note(record_id: int, film_id: int, summary: str) -> IssuedNotification:
    return IssuedNotification(
        record_id, PlannedNotification(summary, "body", film_id, (record_id,))
    )


def test_freedesktop_notifies_with_the_right_signature_and_replaces_a_films_bubble(
    qtbot: QtBot,
) -> None:
    router = FakeRouter()
    queues: list[object] = []

    def connect(queue: object) -> tuple[FakeRouter, None, str]:
        queues.append(queue)
        return router, None, "fake daemon"

    notifier = FreedesktopNotifier(connect=connect)
    results: list[tuple[bool, str]] = []
    notifier.probe(lambda ok, detail: results.append((ok, detail)))
    qtbot.waitUntil(lambda: bool(results))
    assert results == [(True, "fake daemon")]

    talks, deal, other = (
        note(1, 5, "Good Sex: in talks"),
        note(2, 5, "Good Sex: acquired"),
        note(3, 6, "Dune: dated"),
    )
    for item in (talks, deal, other):
        notifier.show(item)
        wait_for_tasks(qtbot)
    assert [m.header.fields[HeaderFields.signature] for m in router.sent] == ["susssasa{sv}i"] * 3
    assert [m.body[1] for m in router.sent] == [0, 41, 0]  # the deal replaces the talks bubble
    assert [m.body[3] for m in router.sent] == [
        "Good Sex: in talks",
        "Good Sex: acquired",
        "Dune: dated",
    ]
    assert router.sent[0].body[0] == "Watchlist" and "open" in router.sent[0].body[5]

    # The daemon's ActionInvoked signal arrives on jeepney's thread via the queue.
    signal = new_signal(NOTIFICATIONS, "ActionInvoked", "us", (41, "open"))
    with qtbot.waitSignal(notifier.opened, timeout=5000) as opened:
        queues[0].put_nowait(signal)  # type: ignore[attr-defined]
    assert opened.args == [deal]
    notifier.shutdown()
    assert router.closed


def test_a_poll_with_many_changes_raises_one_grouped_notification(
    qtbot: QtBot, window: FakeWindow, db: Database, settings: AppSettings
) -> None:
    notifier = RecordingNotifier()
    tray = TrayController(
        window, db, settings, notifiers=[notifier], tray_available=True, group_threshold=1
    )
    tray.start()
    poll(qtbot, window, [store_change(db), store_change(db, "Dune Part Three")])
    [note] = notifier.shown
    assert note.planned.summary == "2 films changed status"
    notifier.click(note)
    assert window.isVisible()  # a group opens the window rather than one film
    tray.shutdown()
    wait_for_tasks(qtbot)
