"""Rows 1 and 2: a cold poll of many feeds through the whole pipeline, then a warm one (304s).

The feeds are served by the test suite's FeedServer on 127.0.0.1 and polled with
``watchlist.core.pipeline.run_poll`` on a temporary SQLite database following thousands of
films: fetch, parse, store, match and record events, exactly as the window and ``serve`` do.
The baseline of the cold poll is feedparser alone parsing the same bytes, one after another,
in this process (its default options, as anyone would call it).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import feedparser

from benchmarks import corpus
from benchmarks.harness import Row, timed
from tests.feedserver import FeedServer, Route
from watchlist.core.db import open_database
from watchlist.core.feeds.registry import add_feed
from watchlist.core.pipeline import PollOutcome, run_poll

COLD_TARGET = 1.2
WARM_TARGET = 0.05


def _parse_all(bodies: list[bytes]) -> int:
    return sum(len(feedparser.parse(body).entries) for body in bodies)


def run(*, quick: bool, tiny: bool = False) -> list[Row]:
    """Measure the cold and the warm poll (``tiny``: the smoke test's size)."""
    n_feeds, n_items, n_films = (20, 25, 500) if quick else (300, 50, 5_000)
    if tiny:
        n_feeds, n_items, n_films = 3, 8, 50
    films = corpus.followed_films(n_films)
    bodies = [corpus.make_feed(number, n_items, films) for number in range(n_feeds)]
    size_mb = sum(map(len, bodies)) / 1e6
    parse_s, parsed = timed(lambda: _parse_all(bodies))
    expected = n_feeds * n_items
    if parsed != expected:
        raise RuntimeError(f"feedparser found {parsed} of the {expected} generated items")

    with tempfile.TemporaryDirectory() as tmp, FeedServer() as server:
        db = open_database(f"sqlite:///{Path(tmp) / 'poll.sqlite3'}")
        corpus.add_films(db, films)
        with db.session() as session:
            for number, body in enumerate(bodies):
                route = Route(body=body, etag=f'"v{number}"')
                add_feed(session, server.add(f"/feed-{number}.xml", route))

        def poll() -> PollOutcome:
            return run_poll(db, due_only=False)

        cold_s, cold = timed(poll)
        failed = [r for r in cold.report.results if r.outcome != "new"]
        if failed or cold.report.new_articles != expected:
            raise RuntimeError(
                f"cold poll stored {cold.report.new_articles} of {expected} items; "
                f"{len(failed)} feeds failed: {failed[:1]}"
            )
        warm_s, warm = timed(poll)
        if any(r.outcome != "not_modified" for r in warm.report.results):
            raise RuntimeError("the warm poll fetched a feed that had not changed")
        db.dispose()

    cold_ratio = cold_s / parse_s
    return [
        Row(
            f"cold poll: {n_feeds} feeds x {n_items} items, {n_films:,} films",
            cold_s,
            f"feedparser alone, {size_mb:.1f} MB",
            parse_s,
            detail=(
                f"{expected / cold_s:,.0f} items/s (feedparser {expected / parse_s:,.0f}/s); "
                f"{size_mb * 1000 / expected:.1f} kB/item; {len(cold.changes)} new events"
            ),
            target=f"<= {COLD_TARGET}x",
            met=cold_ratio <= COLD_TARGET,
        ),
        Row(
            f"warm poll: {n_feeds} feeds answer 304",
            warm_s,
            "cold poll",
            cold_s,
            detail=f"{n_feeds / warm_s:,.0f} feeds/s",
            target=f"<= {WARM_TARGET:.0%} of cold",
            met=warm_s / cold_s <= WARM_TARGET,
        ),
    ]
