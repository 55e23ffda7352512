"""Load: many feeds in one poll cycle, a quarter of them failing in eight different ways.

Every healthy feed's items are stored, every failure is stored on its feed in words, and the
poll's memory stays bounded (what the polling process allocates, measured with tracemalloc in a
subprocess: tests/reliability/load_runner.py). CI polls 200 feeds; the 1,000-feed variant is
marked slow and run by ``python -m benchmarks.stress``.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

import watchlist.core.db as db_module
from tests.conftest import REPO_ROOT
from tests.feedserver import FeedServer, Route, redirect
from tests.reliability.conftest import cli_env, rss_feed
from watchlist.core.db import open_database
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.poller import FeedPoller
from watchlist.core.feeds.registry import add_feed
from watchlist.core.models import Article, Feed

ITEMS_PER_FEED = 20
HUGE_BODY = b"<rss><channel>" + b"<item><title>x</title></item>" * 200_000  # about 6 MB
# Generous: a poll peaks at 5-10 MB of Python memory and keeps about 2 MB; holding on to
# the parsed documents (about 70 KB a feed) of 1,000 feeds breaks the second bound, reading
# the 6 MB bodies whole, 8 at a time, the first.
MEMORY_PEAK_LIMIT_MB = 40
MEMORY_KEPT_LIMIT_MB = 32

FAILURES: dict[str, tuple[Callable[[FeedServer, str], str], str]] = {
    "not found": (lambda server, path: server.url(path), "404 Not Found"),
    "server error": (
        lambda server, path: server.add(path, Route(status=500, body=b"oops")),
        "500 Internal Server Error",
    ),
    "timeout": (
        lambda server, path: server.add(path, Route(body=b"<rss/>", delay=3.0)),
        "timed out",
    ),
    "malformed": (
        lambda server, path: server.add(
            path, Route(body=b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</ti')
        ),
        "malformed XML",
    ),
    "html": (
        lambda server, path: server.add(
            path,
            Route(body=b"<!doctype html><html><body>Hi</body></html>", content_type="text/html"),
        ),
        "HTML page",
    ),
    "huge": (lambda server, path: server.add(path, Route(body=HUGE_BODY)), "larger than"),
    "redirect loop": (
        lambda server, path: (
            server.add(path + "b", redirect(302, path)),
            server.add(path, redirect(302, path + "b")),
        )[1],
        "redirect loop",
    ),
    "refused": (lambda _server, _path: f"http://127.0.0.1:{closed_port()}/feed", "refused"),
}


def closed_port() -> int:
    """A local port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def healthy_feed(number: int) -> bytes:
    return rss_feed(
        f"Outlet {number}",
        [
            (f"{number}-{index}", f"Weekend box office {number}-{index}", "Numbers. " * 120)
            for index in range(ITEMS_PER_FEED)
        ],
    )


def run_load(tmp_path: Path, feeds: int) -> None:
    db_url = f"sqlite:///{tmp_path / 'load.sqlite3'}"
    db = open_database(db_url)
    kinds = list(FAILURES)
    expected_error: dict[str, str] = {}
    healthy: set[str] = set()
    with FeedServer() as server:
        with db.session() as session:
            for number in range(feeds):
                path = f"/feed{number}.xml"
                if number % 4 == 3:  # a quarter fail, each kind in turn
                    kind = kinds[(number // 4) % len(kinds)]
                    make_url, wording = FAILURES[kind]
                    url = add_feed(session, make_url(server, path)).url
                    expected_error[url] = wording
                else:
                    url = add_feed(session, server.add(path, Route(body=healthy_feed(number)))).url
                    healthy.add(url)
        runner = subprocess.run(
            [sys.executable, "-m", "tests.reliability.load_runner", db_url],
            capture_output=True,
            text=True,
            timeout=600,
            env=cli_env(),
            cwd=REPO_ROOT,
            check=False,
        )
    assert runner.returncode == 0, runner.stderr
    report = json.loads(runner.stdout.strip().splitlines()[-1])
    assert report["results"] == feeds
    print(f"{feeds} feeds: {report}")
    assert report["peak_mb"] < MEMORY_PEAK_LIMIT_MB, report
    assert report["kept_mb"] < MEMORY_KEPT_LIMIT_MB, report

    with db.session() as session:
        counts = session.execute(
            select(Feed.url, func.count(Article.id))
            .join(Article, Article.feed_id == Feed.id, isouter=True)
            .group_by(Feed.url)
        )
        stored = {url: number for url, number in counts}
        errors = {url: error for url, error in session.execute(select(Feed.url, Feed.last_error))}
    db.dispose()
    assert {errors[url] for url in healthy} == {None}
    assert {url: stored[url] for url in healthy} == dict.fromkeys(healthy, ITEMS_PER_FEED)
    wrong = {
        url: errors[url]
        for url, wording in expected_error.items()
        if not errors[url] or wording not in errors[url]
    }
    assert wrong == {}
    assert {len(expected_error), len(healthy)} == {feeds // 4, feeds - feeds // 4}


def test_200_feeds_with_a_quarter_failing(tmp_path: Path) -> None:
    run_load(tmp_path, 200)


@pytest.mark.slow
def test_1000_feeds_with_a_quarter_failing(tmp_path: Path) -> None:
    run_load(tmp_path, 1000)


def test_feeds_stored_at_once_wait_their_turn_instead_of_failing_as_locked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Found by the load test on a busy machine: 16 stores at once, some waited past SQLite's
    busy timeout and were reported "locked". A short timeout stands in for the slow machine."""
    monkeypatch.setattr(db_module, "SQLITE_BUSY_TIMEOUT_MS", 300)
    db = open_database(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    with FeedServer() as server:
        with db.session() as session:
            for number in range(16):
                items = [(f"{number}-{i}", f"Title {i}", "Text. " * 50) for i in range(400)]
                add_feed(session, server.add(f"/f{number}", Route(body=rss_feed("O", items))))
        # Default timeouts: this test is about waiting for the database, not slow servers.
        with HttpxFeedClient() as client:
            report = FeedPoller(db, client=client, max_concurrency=16).poll(due_only=False)
    db.dispose()
    assert [r.error for r in report.results if r.error] == []
    assert report.new_articles == 16 * 400
