"""One poll cycle in a process of its own, reporting the memory it needed.

``python -m tests.reliability.load_runner DB_URL`` polls every feed of the database with the
short timeouts (8 at once, as the app does), then runs detection, and prints one
JSON line: the number of results, the peak of the memory Python allocated during the poll, and
what was still allocated when it ended, in MB. tracemalloc counts what the poll holds, the same
on a busy machine as on an idle one; resident memory also counts how the threads fragmented
the heap, which varied from 50 to 200 MB for the same poll.
"""

from __future__ import annotations

import json
import sys
import tracemalloc

from watchlist.core.db import open_database
from watchlist.core.detect.recorder import process_pending_articles
from watchlist.core.feeds.client import FetchLimits, HttpxFeedClient
from watchlist.core.feeds.poller import FeedPoller

# Short enough that the slow endpoints (3 s) time out quickly, with room for healthy feeds
# served by a busy machine.
LOAD_LIMITS = FetchLimits(
    connect_timeout=5.0, read_timeout=1.0, total_timeout=2.0, max_bytes=512 * 1024
)


def main(db_url: str) -> None:
    """Poll, detect, report."""
    db = open_database(db_url)
    with HttpxFeedClient(LOAD_LIMITS) as client:
        poller = FeedPoller(db, client=client)
        tracemalloc.start()
        report = poller.poll(due_only=False)
        kept, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    # Detection runs untraced: it works in fixed-size batches, and tracing slows it down.
    process_pending_articles(db)
    db.dispose()
    megabytes = 2**20
    print(
        json.dumps(
            {
                "results": len(report.results),
                "peak_mb": peak / megabytes,
                "kept_mb": kept / megabytes,
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
