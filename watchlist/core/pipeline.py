"""One poll cycle, as the CLI, the window and ``serve`` run it: fetch feeds, then detect."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.detect.extract import ArticleText
from watchlist.core.detect.recorder import (
    ArticleDetections,
    DetectorSnapshot,
    detect_batch,
    process_pending_articles,
)
from watchlist.core.feeds.client import FeedClient
from watchlist.core.feeds.parse_workers import ProcessParser
from watchlist.core.feeds.poller import FeedPoller, PollProgress, PollReport

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PollOutcome:
    """What a poll cycle produced: the per-feed report and the new status changes."""

    report: PollReport
    changes: list[StatusChange] = field(default_factory=list)


class _DetectionDuringPoll:
    """Runs detection over full batches of stored articles while the poll goes on.

    Detection is most of the main process's work in a poll that brings many items, and the
    poll itself mostly waits for the network and the parse processes, so the two overlap.
    One thread, woken after each feed; batches are taken in article order, as after a poll.
    """

    def __init__(
        self, db: Database, writing: AbstractContextManager[object], parser: ProcessParser
    ) -> None:
        self.db = db
        self.writing = writing
        self.parser = parser
        self.changes: list[StatusChange] = []
        self._wake = threading.Event()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="detect-during-poll", daemon=True)

    def __enter__(self) -> _DetectionDuringPoll:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping = True
        self._wake.set()
        self._thread.join()

    def wake(self, _progress: PollProgress | None = None) -> None:
        """A feed was done: there may be a full batch to detect."""
        self._wake.set()

    def detect(
        self, snapshot: DetectorSnapshot, texts: Sequence[ArticleText]
    ) -> list[ArticleDetections]:
        """``detect_batch`` in the parse worker processes, when the poll started them.

        A batch is split in parts detected at once with the same films, so the result is
        that of one ``detect_batch`` over the whole batch.
        """
        size = max(1, -(-len(texts) // (2 * self.parser.workers)))
        parts = [(snapshot, list(texts[i : i + size])) for i in range(0, len(texts), size)]
        return [found for part in self.parser.run_all(detect_batch, parts) for found in part]

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            if self._stopping:
                return
            try:
                self.changes.extend(
                    process_pending_articles(
                        self.db, writing=self.writing, full_batches_only=True, detect=self.detect
                    )
                )
            except Exception:
                # What is left, this batch included, is detected after the poll.
                log.exception("Detection during the poll failed; it runs after the poll")
                return


def run_poll(
    db: Database,
    *,
    poller: FeedPoller | None = None,
    client: FeedClient | None = None,
    due_only: bool = True,
    feed_ids: Iterable[int] | None = None,
    on_progress: Callable[[PollProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> PollOutcome:
    """Poll feeds (see ``FeedPoller.poll``) and run detection over every pending article.

    Without ``poller``, one is built with ``client`` (or its own) that parses large polls in
    worker processes. Detection runs over full batches while feeds are still being stored,
    then over the rest; it also runs when no feed brought anything new, so articles left
    unprocessed by an interrupted earlier cycle are completed. When ``cancel`` is set, only
    the changes already recorded are returned. Blocking: call it off the GUI thread.
    """
    with ProcessParser() as parser:
        # Large polls parse in worker processes (see ProcessParser); small ones in threads.
        poller = poller or FeedPoller(db, client=client, parse=parser)
        detection = _DetectionDuringPoll(db, poller.writing(), parser)
        with detection:

            def progress(update: PollProgress) -> None:
                detection.wake()
                if on_progress is not None:
                    on_progress(update)

            report = poller.poll(
                due_only=due_only, feed_ids=feed_ids, on_progress=progress, cancel=cancel
            )
        if cancel is not None and cancel.is_set():
            return PollOutcome(report, detection.changes)
        rest = process_pending_articles(db, detect=detection.detect)
    return PollOutcome(report, detection.changes + rest)
