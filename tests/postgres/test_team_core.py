"""Team mode in the core: feed claims, notification claims and the event watcher."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from tests.pg import PostgresCluster
from watchlist.core.db import Database, open_database
from watchlist.core.models import Article, Event, EventArticle, EventState, Feed, Film, utcnow
from watchlist.core.team.claims import CLAIM_LEASE, claim_due_feeds, claim_notifications
from watchlist.core.team.watch import EventWatcher

pytestmark = pytest.mark.postgres

WHEN = datetime(2026, 2, 15, 9, 30, tzinfo=UTC)


def add_feeds(db: Database, count: int) -> list[int]:
    with db.session() as session:
        feeds = [Feed(url=f"http://127.0.0.1:1/feed{i}.xml", title=f"F{i}") for i in range(count)]
        session.add_all(feeds)
        session.flush()
        return [feed.id for feed in feeds]


def add_event(db: Database, fingerprint: str, *, first_seen_at: datetime | None = None) -> int:
    with db.session() as session:
        film = session.scalars(select(Film).where(Film.identity_key == "good sex|2026")).first()
        if film is None:
            film = Film(title="Good Sex", year=2026, identity_key="good sex|2026")
        article = Article(guid=fingerprint, link=f"https://x/{fingerprint}", published_at=WHEN)
        event = Event(
            film=film,
            kind="deal.acquisition",
            fingerprint=fingerprint,
            fields={"buyer": "Netflix"},
            evidence="Netflix bought it.",
            occurred_at=WHEN,
            first_seen_at=first_seen_at or utcnow(),
        )
        session.add_all([film, article, event])
        session.flush()
        session.add(EventArticle(event=event, article=article))
        return event.id


def test_a_due_feed_is_claimed_once_until_its_lease_runs_out(db: Database) -> None:
    due, disabled, later = add_feeds(db, 3)
    now = utcnow()
    with db.session() as session:
        session.get_one(Feed, disabled).enabled = False
        session.get_one(Feed, later).next_poll_at = now + timedelta(minutes=3)

    assert claim_due_feeds(db, now=now) == [due]
    assert claim_due_feeds(db, now=now) == []
    with db.session() as session:
        assert session.get_one(Feed, due).next_poll_at == now + CLAIM_LEASE
    # A poller that died leaves the feed to the next cycle after the lease.
    assert claim_due_feeds(db, now=now + CLAIM_LEASE) == [due, later]


def test_concurrent_pollers_split_the_due_feeds_without_overlap(db: Database) -> None:
    feed_ids = add_feeds(db, 40)
    pollers = [open_database(str(db.url.render_as_string(hide_password=False))) for _ in range(4)]
    start = threading.Barrier(len(pollers))
    claims: list[list[int]] = [[] for _ in pollers]

    def claim(index: int) -> None:
        start.wait()
        for _ in range(5):
            claims[index].extend(claim_due_feeds(pollers[index]))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(len(pollers))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for poller in pollers:
        poller.dispose()
    every_claim = [feed_id for claimed in claims for feed_id in claimed]
    assert sorted(every_claim) == feed_ids  # each feed exactly once


def test_a_row_locked_by_another_poller_is_skipped_not_waited_for(pg_database_url: str) -> None:
    db = open_database(pg_database_url)
    try:
        first, second = add_feeds(db, 2)
        with db.engine.connect() as other:
            other.execute(select(Feed.id).where(Feed.id == first).with_for_update())
            assert claim_due_feeds(db) == [second]
            other.rollback()
        assert claim_due_feeds(db) == [first]
    finally:
        db.dispose()


def test_each_person_is_notified_of_an_event_once(db: Database) -> None:
    events = [add_event(db, f"e{i}") for i in range(3)]
    with db.session() as session:
        session.add(EventState(event_id=events[0], user_key="alice", read_at=WHEN))
    with db.session() as session:
        assert claim_notifications(session, events, "alice") == events
    with db.session() as session:
        # Alice's second desktop: nothing left to show her.
        assert claim_notifications(session, events, "alice") == []
        assert claim_notifications(session, events[1:], "bob") == events[1:]
    with db.session() as session:
        alice = session.get_one(EventState, (events[0], "alice"))
        assert alice.read_at == WHEN
        assert alice.notified_at is not None


def test_watcher_reports_events_stored_by_another_process_once(db: Database) -> None:
    before = add_event(db, "old")
    watcher = EventWatcher(db, sqlite_poll_interval_s=0.05)
    try:
        assert watcher.wait(0.2) == []
        new = add_event(db, "new")
        changes = watcher.wait(10)
        assert [change.event_id for change in changes] == [new]
        [change] = changes
        assert change.film_title == "Good Sex"
        assert change.kind == "deal.acquisition"
        assert change.fields == {"buyer": "Netflix"}
        assert change.link == "https://x/new"
        assert before != new
        assert watcher.wait(0.2) == []
    finally:
        watcher.close()


def test_watcher_ignores_history_copied_in(db: Database) -> None:
    watcher = EventWatcher(db, sqlite_poll_interval_s=0.05)
    try:
        add_event(db, "copied", first_seen_at=utcnow() - timedelta(days=30))
        assert watcher.wait(0.5) == []
        fresh = add_event(db, "fresh")
        assert [change.event_id for change in watcher.wait(10)] == [fresh]
    finally:
        watcher.close()


def test_listener_hears_a_new_event_within_a_second_of_its_commit(pg_database_url: str) -> None:
    db = open_database(pg_database_url)
    writer = open_database(pg_database_url)
    watcher = EventWatcher(db)
    committed_at: list[float] = []

    def store_later() -> None:
        time.sleep(0.3)
        add_event(writer, "breaking")
        committed_at.append(time.monotonic())

    try:
        assert watcher.uses_notifications
        thread = threading.Thread(target=store_later)
        thread.start()
        changes = watcher.wait(30)
        heard_at = time.monotonic()
        thread.join()
        assert [change.film_title for change in changes] == ["Good Sex"]
        # The product promise: a desktop learns of a committed event within one second.
        assert heard_at - committed_at[0] < 1.0
    finally:
        watcher.close()
        writer.dispose()
        db.dispose()


def test_listener_catches_an_event_that_commits_after_a_newer_one(pg_database_url: str) -> None:
    db = open_database(pg_database_url)
    watcher = EventWatcher(db)
    try:
        add_event(db, "seed")
        watcher.wait(5)
        with db.session() as slow:
            film = slow.scalars(select(Film)).one()
            slow_event = Event(film=film, kind="trailer", fingerprint="slow", occurred_at=WHEN)
            slow.add(slow_event)
            slow.flush()  # holds the lower id, not yet committed
            fast = add_event(db, "fast")
            assert fast > slow_event.id
            assert [change.event_id for change in watcher.wait(10)] == [fast]
        assert [change.event_id for change in watcher.wait(10)] == [slow_event.id]
    finally:
        watcher.close()
        db.dispose()


def test_listener_catches_up_after_losing_its_connection(
    pg_cluster: PostgresCluster, pg_database_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    db = open_database(pg_database_url)
    watcher = EventWatcher(db)
    try:
        pg_cluster.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            f"WHERE datname = '{make_url(pg_database_url).database}' AND query LIKE 'LISTEN%'"
        )
        missed = add_event(db, "during-the-outage")
        heard: list[int] = []
        for _ in range(20):
            heard += [change.event_id for change in watcher.wait(1.0)]
            if heard:
                break
        assert heard == [missed]
        assert "Lost the event notifications" in caplog.text
        assert "***@127.0.0.1" in caplog.text
    finally:
        watcher.close()
        db.dispose()
