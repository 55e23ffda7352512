"""One poll cycle in a process of its own, reporting how much its memory grew.

``python -m tests.reliability.load_runner DB_URL`` polls every feed of the database with the
test suite's short timeouts (16 at once), runs detection, and prints one JSON line: the number
of results and the peak resident memory minus the resident memory just before the poll, in MB.
"""

from __future__ import annotations

import json
import resource
import sys
from pathlib import Path

from tests.core.feeds.conftest import TEST_LIMITS
from watchlist.core.db import open_database
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.poller import FeedPoller
from watchlist.core.pipeline import run_poll

PAGE_SIZE = resource.getpagesize()


def resident_mb() -> float:
    """Resident memory now (Linux /proc)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * PAGE_SIZE / 2**20


def main(db_url: str) -> None:
    """Poll, detect, report."""
    db = open_database(db_url)
    with HttpxFeedClient(TEST_LIMITS) as client:
        poller = FeedPoller(db, client=client, max_concurrency=16)
        before = resident_mb()
        outcome = run_poll(db, poller=poller, due_only=False)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
    db.dispose()
    print(json.dumps({"results": len(outcome.report.results), "growth_mb": peak - before}))


if __name__ == "__main__":
    main(sys.argv[1])
