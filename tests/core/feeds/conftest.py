"""Fixtures for the feed engine: a local feed server, fast limits, a counting parser."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import UTC, datetime
from pathlib import Path

import pytest

from tests.conftest import TEST_DATA
from tests.feedserver import FeedServer
from watchlist.core.db import Database
from watchlist.core.feeds.client import FetchLimits, HttpxFeedClient
from watchlist.core.feeds.parse import FeedDocument, parse_document
from watchlist.core.feeds.poller import FeedPoller
from watchlist.core.feeds.registry import add_feed
from watchlist.core.models import Feed

FEEDS = TEST_DATA / "feeds"
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
# Small limits keep the misbehaving-server tests fast; messages quote them.
TEST_LIMITS = FetchLimits(
    connect_timeout=2.0, read_timeout=0.5, total_timeout=1.5, max_bytes=512 * 1024
)


def feed_bytes(name: str) -> bytes:
    """A fixture feed file's bytes."""
    return (FEEDS / name).read_bytes()


class CountingParser:
    """parse_document that counts its calls (a 304 must cost no parsing)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, body: bytes, headers: Mapping[str, str], url: str) -> FeedDocument:
        self.calls += 1
        return parse_document(body, headers, url)


class Clock:
    """A settable clock for schedule tests."""

    def __init__(self, now: datetime = NOW) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    """A feed server on 127.0.0.1, stopped after the test."""
    with FeedServer() as server:
        yield server


@pytest.fixture
def http_client() -> Iterator[HttpxFeedClient]:
    """The real client with test-sized limits."""
    with HttpxFeedClient(TEST_LIMITS) as client:
        yield client


@pytest.fixture
def parser() -> CountingParser:
    """A parse function that counts calls."""
    return CountingParser()


@pytest.fixture
def clock() -> Clock:
    """The poller's clock, settable."""
    return Clock()


@pytest.fixture
def poller(
    db: Database, http_client: HttpxFeedClient, parser: CountingParser, clock: Clock
) -> FeedPoller:
    """A poller over the test database with the fast client, counting parser, fixed jitter."""
    return FeedPoller(db, client=http_client, parse=parser, clock=clock, rand=lambda: 0.0)


def subscribe(db: Database, url: str) -> int:
    """Subscribe to ``url``; return the feed id."""
    with db.session() as session:
        return add_feed(session, url).id


def load_feed(db: Database, feed_id: int) -> Feed:
    """The feed row as stored now."""
    with db.session() as session:
        feed = session.get(Feed, feed_id)
        assert feed is not None
        return feed


def tmp_file_url(path: Path) -> str:
    """file:// URL of a path."""
    return path.resolve().as_uri()
