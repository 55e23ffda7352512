"""Hearing of events another computer stored: the core's EventWatcher on its own thread.

A team desktop with polling off (or any window on a PostgreSQL database) learns of new events
from ``watchlist.core.team.watch.EventWatcher``, which blocks while it waits for them. It gets
a dedicated long-lived thread rather than a slot of the shared pool, which serves short tasks
and must stay free for them; each batch reaches the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database, hide_secrets
from watchlist.core.errors import WatchlistError
from watchlist.core.team.watch import SQLITE_POLL_INTERVAL_S, EventWatcher

log = logging.getLogger(__name__)

# The watcher looks at its stop flag at least this often, which bounds how long a stop waits.
WAIT_SLICE_S = 0.5
STOP_WAIT_S = 10.0


class EventListener(QObject):
    """Runs an EventWatcher on a thread of its own while started.

    ``ready`` (events committed from then on are reported), ``changes_arrived(list[
    StatusChange])`` and ``failed(str)`` are delivered on the GUI thread. ``stop`` never
    waits unless asked to (at quit), so the GUI thread does not block when the user switches
    polling back on.
    """

    ready = Signal()
    changes_arrived = Signal(list)
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        *,
        sqlite_poll_interval_s: float = SQLITE_POLL_INTERVAL_S,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._interval_s = sqlite_poll_interval_s
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()

    @property
    def running(self) -> bool:
        """True between ``start`` and ``stop``."""
        return self._thread is not None

    def start(self) -> None:
        """Start listening (no-op when already listening)."""
        if self._thread is not None:
            return
        stop = threading.Event()
        self._stop = stop
        self._thread = threading.Thread(
            target=self._listen, args=(stop,), name="watchlist-event-listener", daemon=True
        )
        self._thread.start()

    def stop(self, *, wait: bool = False) -> None:
        """Stop listening; with ``wait``, until the thread has closed its connection."""
        thread, self._thread = self._thread, None
        self._stop.set()
        if thread is None or not wait:
            return
        thread.join(STOP_WAIT_S)
        if thread.is_alive():
            # Daemonic, so it cannot keep the process alive; only its connection lingers.
            log.warning("The event listener did not stop within %.0f s", STOP_WAIT_S)

    def _listen(self, stop: threading.Event) -> None:
        def deliver(changes: list[StatusChange]) -> None:
            if not stop.is_set():
                self.changes_arrived.emit(changes)

        try:
            watcher = EventWatcher(self._db, sqlite_poll_interval_s=self._interval_s)
            if not stop.is_set():
                self.ready.emit()
            watcher.run(deliver, stop, timeout=WAIT_SLICE_S)
        except Exception as exc:
            # A thread that dies silently would leave the desktop deaf to the team's news.
            reason = hide_secrets(str(exc), self._db.url)
            expected = isinstance(exc, WatchlistError)
            log.error("Stopped listening for new events: %s", reason, exc_info=not expected)
            if not stop.is_set():
                self.failed.emit(f"Not listening for new events: {reason}")
