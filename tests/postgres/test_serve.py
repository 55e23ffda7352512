"""``watchlist serve`` on a team database: two pollers by mistake, a clean stop, health lines."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.conftest import TEST_DATA
from tests.feedserver import FeedServer, Route
from tests.pg import PG_PASSWORD
from watchlist.cli.serve import run_cycle
from watchlist.core.changes import StatusChange
from watchlist.core.db import Database, open_database
from watchlist.core.feeds.registry import add_feed
from watchlist.core.films import FilmSpec, PersonSpec, add_film
from watchlist.core.models import Article, Event, Film, utcnow
from watchlist.core.notifications import NotificationPolicy, issue_notifications
from watchlist.core.pipeline import run_poll
from watchlist.core.team.watch import EventWatcher

pytestmark = pytest.mark.postgres

FEED_FILES = ("slashfilm-2015.xml", "theverge-frontpage-atom-2017.xml", "tmz-2018.rss")
BREAKING = b"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Trade</title><link>http://127.0.0.1/</link>
<item><title>Netflix Acquires Lena Dunham's 'Good Sex' for $55 Million</title>
<guid>trade-1</guid><link>http://127.0.0.1/1</link>
<pubDate>Mon, 16 Feb 2026 09:00:00 GMT</pubDate>
<description>Netflix has acquired worldwide rights to Good Sex, directed by Lena Dunham and
starring Natalie Portman, for $55 million at the EFM.</description></item>
<item><title>'Good Sex' Trailer: Natalie Portman Dates in Lena Dunham's Comedy</title>
<guid>trade-2</guid><link>http://127.0.0.1/2</link>
<pubDate>Tue, 17 Feb 2026 09:00:00 GMT</pubDate>
<description>Netflix has released the first trailer for Good Sex.</description></item>
</channel></rss>
"""
FILMS = (
    FilmSpec("Good Sex", 2026, people=[PersonSpec("Lena Dunham", "director")]),
    FilmSpec("The Sisters Brothers", people=[PersonSpec("Jacques Audiard", "director")]),
    FilmSpec("Nocturnal Animals"),
    FilmSpec("Borderlands"),
    FilmSpec("Youth"),
)
HEALTH = re.compile(r"cycle 1 ok: (\d+) feeds? checked, \d+ failed, (\d+) new articles, (\d+) new")


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        for name in FEED_FILES:
            # A little latency keeps both pollers' cycles overlapping.
            server.add(f"/{name}", Route(body=(TEST_DATA / "feeds" / name).read_bytes(), delay=0.2))
        server.add("/breaking.xml", Route(body=BREAKING, delay=0.2))
        yield server


def paths(server: FeedServer) -> list[str]:
    return [f"/{name}" for name in FEED_FILES] + ["/breaking.xml"]


def subscribe(db: Database, server: FeedServer) -> None:
    with db.session() as session:
        for path in paths(server):
            add_feed(session, server.url(path))
        for spec in FILMS:
            add_film(session, spec)


def serve(url: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "watchlist", "--db", url, "serve", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )


def reference_counts(tmp_path: Path, server: FeedServer) -> tuple[int, int]:
    """Articles and events one poller alone stores from the same feeds (on SQLite)."""
    alone = open_database(f"sqlite:///{tmp_path / 'alone.sqlite3'}")
    try:
        subscribe(alone, server)
        run_poll(alone, due_only=False)
        with alone.session() as session:
            return (
                session.scalar(select(func.count(Article.id))) or 0,
                session.scalar(select(func.count(Event.id))) or 0,
            )
    finally:
        alone.dispose()


def test_two_servers_on_one_database_store_and_announce_everything_once(
    pg_database_url: str, feed_server: FeedServer, tmp_path: Path
) -> None:
    db = open_database(pg_database_url)
    subscribe(db, feed_server)
    # Two desktops of one person and one of another, presenting only.
    desktops = [("alice", EventWatcher(db)), ("alice", EventWatcher(db)), ("bob", EventWatcher(db))]
    notified: dict[str, list[int]] = {"alice": [], "bob": []}
    stop = threading.Event()

    def present(user: str, watcher: EventWatcher) -> None:
        def on_changes(changes: list[StatusChange]) -> None:
            # What the tray does with the changes of a poll.
            issued = issue_notifications(
                db, changes, NotificationPolicy(), utcnow(), channel="test", user_key=user
            )
            notified[user].extend(i for note in issued for i in note.planned.event_ids)

        watcher.run(on_changes, stop, timeout=0.2)

    threads = [threading.Thread(target=present, args=desktop) for desktop in desktops]
    for thread in threads:
        thread.start()
    try:
        servers = [serve(pg_database_url, "--once") for _ in range(2)]
        outputs = [server.communicate(timeout=120) for server in servers]
        for server, (out, err) in zip(servers, outputs, strict=True):
            assert server.returncode == 0, err
            assert PG_PASSWORD not in out + err
            assert "watchlist_test:***@127.0.0.1" in out
        health = [HEALTH.search(out) for out, _ in outputs]
        assert all(health), outputs

        # Each feed was fetched by exactly one of the two pollers.
        assert [feed_server.hits(path) for path in paths(feed_server)] == [1] * 4
        assert sum(int(m.group(1)) for m in health if m) == 4

        articles, events = reference_counts(tmp_path, feed_server)
        with db.session() as session:
            stored_articles = session.scalar(select(func.count(Article.id)))
            event_ids = sorted(session.scalars(select(Event.id)))
            followed_event_ids = sorted(
                session.scalars(select(Event.id).join(Film).where(Film.followed.is_(True)))
            )
        assert articles > 0
        assert stored_articles == articles == sum(int(m.group(2)) for m in health if m)
        assert len(event_ids) == events
        assert followed_event_ids  # the breaking news is about a followed film
        # Each new event was announced by one poller only.
        assert sum(int(m.group(3)) for m in health if m) == events

        # Each person is notified of each event on a followed film exactly once, however many
        # desktops they run.
        pause = threading.Event()
        for _ in range(100):
            if all(sorted(ids) == followed_event_ids for ids in notified.values()):
                break
            pause.wait(0.1)
        assert sorted(notified["alice"]) == followed_event_ids
        assert sorted(notified["bob"]) == followed_event_ids
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=10)
        db.dispose()


def test_serve_stops_cleanly_on_sigterm(pg_database_url: str, feed_server: FeedServer) -> None:
    db = open_database(pg_database_url)
    subscribe(db, feed_server)
    db.dispose()
    server = serve(pg_database_url, "--interval", "60")
    assert server.stdout is not None
    lines: list[str] = []
    for line in server.stdout:
        lines.append(line)
        if "cycle 1 ok" in line:
            break
    server.send_signal(signal.SIGTERM)
    out, err = server.communicate(timeout=30)
    lines.append(out)
    assert server.returncode == 0, err
    text = "".join(lines)
    assert "next in 60 minutes" in text
    assert "Stopped on SIGTERM after 1 cycle." in text
    assert PG_PASSWORD not in text + err


def test_a_cycle_prunes_old_articles_and_says_so(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    with db.session() as session:
        for age_days in (100, 10):
            fetched = utcnow() - timedelta(days=age_days)
            session.add(
                Article(
                    guid=f"aged-{age_days}",
                    published_at=fetched,
                    fetched_at=fetched,
                    processed_at=fetched,
                )
            )
    caplog.set_level(logging.INFO, logger="watchlist.serve")
    outcome = run_cycle(db, 1, threading.Event(), retention_days=90)
    assert outcome is not None
    with db.session() as session:
        assert session.scalars(select(Article.guid)).all() == ["aged-10"]
    assert "cycle 1 ok: 0 feeds checked, 0 failed, 0 new articles, 0 new events, 1 old" in (
        caplog.text
    )


def test_two_pollers_without_claims_still_store_everything_once(
    pg_database_url: str, feed_server: FeedServer, tmp_path: Path
) -> None:
    # `watchlist poll --all` fetches every feed, claimed or not: the schema's uniqueness and
    # the conflict-safe inserts alone must keep the data single.
    db = open_database(pg_database_url)
    subscribe(db, feed_server)
    pollers = [
        subprocess.Popen(
            [sys.executable, "-m", "watchlist", "--db", pg_database_url, "poll", "--all", "--once"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [poller.communicate(timeout=120) for poller in pollers]
    try:
        for poller, (_, err) in zip(pollers, outputs, strict=True):
            assert poller.returncode == 0, err
        totals = [re.search(r"(\d+) new items.*?(\d+) status changes", out) for out, _ in outputs]
        assert all(totals), outputs
        assert [feed_server.hits(path) for path in paths(feed_server)] == [2] * 4
        articles, events = reference_counts(tmp_path, feed_server)
        with db.session() as session:
            assert session.scalar(select(func.count(Article.id))) == articles
            assert session.scalar(select(func.count(Event.id))) == events
        assert sum(int(m.group(1)) for m in totals if m) == articles
        assert sum(int(m.group(2)) for m in totals if m) == events
    finally:
        db.dispose()
