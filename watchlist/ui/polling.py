"""Background polling: at launch, on the interval and on demand, never on the GUI thread."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime

from PySide6.QtCore import QObject, QTimer, Signal

from watchlist.core.db import Database
from watchlist.core.errors import WatchlistError
from watchlist.core.feeds.poller import PollProgress
from watchlist.core.feeds.retention import prune_articles
from watchlist.core.models import utcnow
from watchlist.core.pipeline import PollOutcome, run_poll
from watchlist.ui.settings import AppSettings
from watchlist.ui.tasks import ProgressRelay, run_in_background

log = logging.getLogger(__name__)

PollRunner = Callable[..., PollOutcome]


class PollController(QObject):
    """Runs ``run_poll`` off the GUI thread and reports progress through signals.

    ``progress(done, total)`` and ``finished(PollOutcome)`` arrive on the GUI thread; ``failed``
    carries a sentence for the status bar. Only one poll runs at a time.
    """

    started = Signal()
    progress = Signal(int, int)
    finished = Signal(object)
    failed = Signal(str)

    def __init__(
        self,
        db: Database,
        settings: AppSettings,
        *,
        runner: PollRunner = run_poll,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._db = db
        self._settings = settings
        self._runner = runner
        self._cancel: threading.Event | None = None
        self.last_check: datetime | None = None
        self._relay = ProgressRelay(self)
        self._relay.progress.connect(self._on_progress)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.poll_due)
        self._started = False
        settings.changed.connect(self._apply_interval)
        self._apply_interval()

    @property
    def running(self) -> bool:
        """True while a poll is in progress."""
        return self._cancel is not None

    @property
    def scheduled(self) -> bool:
        """True while the interval timer runs (started, and polling on in the settings)."""
        return self._timer.isActive()

    def start(self) -> None:
        """Start the interval timer, and poll now when the settings ask for it.

        With polling off on this computer (``AppSettings.poll_enabled``) neither happens;
        ``check_now`` still checks once when the user asks.
        """
        self._started = True
        self._apply_interval()
        if self._settings.poll_enabled and self._settings.poll_at_launch:
            self.poll_due()

    def _apply_interval(self) -> None:
        self._timer.setInterval(self._settings.poll_interval_min * 60_000)
        if self._started and self._settings.poll_enabled:
            if not self._timer.isActive():
                self._timer.start()
        else:
            self._timer.stop()

    def poll_due(self) -> bool:
        """Check the feeds that are due; False when a poll is already running."""
        return self._poll(due_only=True, feed_ids=None)

    def check_now(self, feed_ids: Sequence[int] | None = None) -> bool:
        """Check every enabled feed (or only ``feed_ids``) now, due or not."""
        return self._poll(due_only=False, feed_ids=list(feed_ids) if feed_ids else None)

    def cancel(self) -> None:
        """Ask a running poll to stop early (at quit); no further poll is scheduled."""
        self._started = False
        self._timer.stop()
        if self._cancel is not None:
            self._cancel.set()

    def _poll(self, *, due_only: bool, feed_ids: list[int] | None) -> bool:
        if self._cancel is not None:
            return False
        cancel = threading.Event()
        self._cancel = cancel
        db, runner, report = self._db, self._runner, self._relay.report
        retention_days = self._settings.retention_days

        def work() -> PollOutcome:
            outcome = runner(
                db, due_only=due_only, feed_ids=feed_ids, on_progress=report, cancel=cancel
            )
            with db.session() as session:
                prune_articles(session, older_than_days=retention_days)
            return outcome

        self.started.emit()
        run_in_background(work, self._on_done, self._on_error)
        return True

    def _on_progress(self, value: object) -> None:
        if isinstance(value, PollProgress):
            self.progress.emit(value.done, value.total)

    def _on_done(self, outcome: PollOutcome) -> None:
        self._cancel = None
        self.last_check = utcnow()
        self.finished.emit(outcome)

    def _on_error(self, exc: BaseException) -> None:
        self._cancel = None
        self.last_check = utcnow()
        if isinstance(exc, WatchlistError):
            message = str(exc)
        else:
            log.error("The feed check failed", exc_info=exc)
            message = f"The feed check failed ({type(exc).__name__}: {exc})."
        self.failed.emit(message)
