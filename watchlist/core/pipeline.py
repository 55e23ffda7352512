"""One poll cycle, as the CLI, the window and ``serve`` run it: fetch feeds, then detect."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.detect.recorder import process_pending_articles
from watchlist.core.feeds.parse_workers import ProcessParser
from watchlist.core.feeds.poller import FeedPoller, PollProgress, PollReport


@dataclass(frozen=True)
class PollOutcome:
    """What a poll cycle produced: the per-feed report and the new status changes."""

    report: PollReport
    changes: list[StatusChange] = field(default_factory=list)


def run_poll(
    db: Database,
    *,
    poller: FeedPoller | None = None,
    due_only: bool = True,
    feed_ids: Iterable[int] | None = None,
    on_progress: Callable[[PollProgress], None] | None = None,
    cancel: threading.Event | None = None,
) -> PollOutcome:
    """Poll feeds (see ``FeedPoller.poll``), then run detection over every pending article.

    Detection also runs when no feed brought anything new, so articles left unprocessed by an
    interrupted earlier cycle are completed. Blocking: call it off the GUI thread.
    """
    with ProcessParser() as parser:
        # Large polls parse in worker processes (see ProcessParser); small ones in threads.
        poller = poller or FeedPoller(db, parse=parser)
        report = poller.poll(
            due_only=due_only, feed_ids=feed_ids, on_progress=on_progress, cancel=cancel
        )
    if cancel is not None and cancel.is_set():
        return PollOutcome(report)
    return PollOutcome(report, process_pending_articles(db))
