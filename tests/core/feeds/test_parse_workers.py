"""Parsing in worker processes gives what parsing in the thread gives, errors included."""

from __future__ import annotations

import logging
import os
from concurrent.futures.process import BrokenProcessPool

import pytest

from tests.core.feeds.conftest import feed_bytes
from watchlist.core.feeds.parse import FeedDocument, FeedParseError, parse_document
from watchlist.core.feeds.parse_workers import ProcessParser

URL = "https://example.com/feed.xml"
HEADERS = {"content-type": "application/rss+xml; charset=utf-8"}


def _summary(document: FeedDocument) -> tuple[str, list[tuple[object, object]]]:
    return document.title, [(e.get("id"), e.get("title")) for e in document.raw_entries]


def _started(parser: ProcessParser) -> bool:
    return parser._pool is not None


def test_bodies_past_the_inline_budget_parse_in_workers_with_the_same_result() -> None:
    body = feed_bytes("guardian-us-2018.rss")
    expected = _summary(parse_document(body, HEADERS, URL))
    with ProcessParser(workers=2, inline_bytes=len(body)) as parser:
        inline = parser(body, HEADERS, URL)
        assert not _started(parser)
        pooled = parser(body, HEADERS, URL)
        assert _started(parser)
        with pytest.raises(FeedParseError, match="HTML page"):
            parser(b"<!doctype html><html><body>Not a feed</body></html>", HEADERS, URL)
    assert _summary(inline) == expected
    assert _summary(pooled) == expected
    assert not _started(parser)


def test_a_broken_pool_falls_back_to_parsing_in_the_thread(
    caplog: pytest.LogCaptureFixture,
) -> None:
    body = feed_bytes("tmz-2018.rss")

    class BrokenPool:
        def submit(self, *_args: object) -> object:
            raise BrokenProcessPool("a worker was killed")

        def shutdown(self, **_options: object) -> None:
            """Nothing to stop."""

    parser = ProcessParser(workers=2, inline_bytes=0)
    parser._pool = BrokenPool()  # type: ignore[assignment]
    document = parser(body, HEADERS, URL)
    assert len(document.raw_entries) == 20
    assert parser._failed
    assert "using threads" in caplog.text
    parser.close()


def test_one_core_never_starts_processes() -> None:
    body = feed_bytes("tmz-2018.rss")
    with ProcessParser(workers=1, inline_bytes=0) as parser:
        assert len(parser(body, HEADERS, URL).raw_entries) == 20
        assert not _started(parser)


def test_other_work_runs_in_the_workers_once_parsing_started_them_in_order() -> None:
    body = feed_bytes("tmz-2018.rss")
    here = os.getpid()
    with ProcessParser(workers=2, inline_bytes=0) as parser:
        # Before a poll has started the pool, the work runs in this process.
        assert parser.run_all(os.getpid, [(), ()]) == [here, here]
        parser(body, HEADERS, URL)
        assert parser.run_all(pow, [(2, n) for n in range(8)]) == [2**n for n in range(8)]
        assert here not in parser.run_all(os.getpid, [(), (), (), ()])


def test_other_work_falls_back_to_this_process_when_the_pool_breaks(
    caplog: pytest.LogCaptureFixture,
) -> None:
    parser = ProcessParser(workers=2, inline_bytes=0)

    class BrokenPool:
        def submit(self, *_args: object) -> object:
            raise BrokenProcessPool("a worker was killed")

        def shutdown(self, **_options: object) -> None:
            """Nothing to stop."""

    parser._pool = BrokenPool()  # type: ignore[assignment]
    assert parser.run_all(pow, [(3, 2), (2, 3)]) == [9, 8]
    assert parser._failed and "using threads" in caplog.text
    parser.close()


def log_from_worker(number: int) -> int:
    """Module level so worker processes can run it: logs one warning, returns its pid."""
    logging.getLogger("watchlist.core.feeds.test_worker").warning(
        "worker %d parsed a bad date", number
    )
    return os.getpid()


def test_what_workers_log_reaches_this_process_logs(caplog: pytest.LogCaptureFixture) -> None:
    body = feed_bytes("tmz-2018.rss")
    with ProcessParser(workers=2, inline_bytes=0) as parser:
        parser(body, HEADERS, URL)
        pids = parser.run_all(log_from_worker, [(1,), (2,)])
    assert os.getpid() not in pids
    # The records come back through the queue and are handled by this process's loggers
    # (the app's log file in production), not written to the workers' stderr.
    messages = [
        (r.getMessage(), r.process)
        for r in caplog.records
        if r.name == "watchlist.core.feeds.test_worker"
    ]
    assert sorted(m for m, _ in messages) == [
        "worker 1 parsed a bad date",
        "worker 2 parsed a bad date",
    ]
    assert {pid for _, pid in messages} <= set(pids)
