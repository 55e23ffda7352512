"""The feed list and the curated defaults."""

from __future__ import annotations

import pytest

from watchlist.core.db import Database
from watchlist.core.errors import DuplicateError, NotFoundError, UsageError
from watchlist.core.feeds.registry import (
    add_feed,
    find_feed,
    list_feeds,
    load_default_feeds,
    normalize_feed_url,
    remove_feed,
    set_feed_enabled,
    subscribe_default_feeds,
)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("deadline.com/feed/", "https://deadline.com/feed/"),
        ("  HTTPS://Variety.COM/feed/#top ", "https://variety.com/feed/"),
        ("https://example.com", "https://example.com/"),
        ("file:///tmp/feed.xml", "file:///tmp/feed.xml"),
    ],
)
def test_addresses_are_normalised(typed: str, stored: str) -> None:
    assert normalize_feed_url(typed) == stored


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "The feed address is empty."),
        ("ftp://example.com/feed", "is not a web address"),
        ("javascript:alert(1)", "is not a web address"),
        ("https://", "is not a valid web address"),
    ],
)
def test_bad_addresses_are_refused(typed: str, message: str) -> None:
    with pytest.raises(UsageError, match=message):
        normalize_feed_url(typed)


@pytest.mark.postgres
def test_add_list_remove(db: Database) -> None:
    with db.session() as session:
        feed = add_feed(session, "deadline.com/feed/", title=" Deadline ")
        assert (feed.url, feed.title, feed.enabled, feed.next_poll_at) == (
            "https://deadline.com/feed/",
            "Deadline",
            True,
            None,
        )
        with pytest.raises(DuplicateError, match="already subscribed"):
            add_feed(session, "https://DEADLINE.com/feed/")
    with db.session() as session:
        assert [f.url for f in list_feeds(session)] == ["https://deadline.com/feed/"]
        assert remove_feed(session, "deadline.com/feed/").title == "Deadline"
        assert list_feeds(session) == []
        with pytest.raises(NotFoundError, match="not subscribed"):
            remove_feed(session, "deadline.com/feed/")


def test_enable_clears_errors_and_makes_the_feed_due(db: Database) -> None:
    with db.session() as session:
        feed = add_feed(session, "https://example.com/feed")
        feed.consecutive_failures = 4
        feed.last_error = "timed out after 20 s"
        set_feed_enabled(session, feed.id, False)
        assert (feed.enabled, feed.disabled_reason) == (False, "disabled by you")
        set_feed_enabled(session, find_feed(session, "example.com/feed").id, True)
        assert (feed.enabled, feed.disabled_reason, feed.consecutive_failures) == (True, None, 0)
        assert feed.next_poll_at is None


def test_default_feeds_are_real_and_well_formed() -> None:
    defaults = load_default_feeds()
    urls = {d.url for d in defaults}
    assert {
        "https://deadline.com/feed/",
        "https://variety.com/feed/",
        "https://www.hollywoodreporter.com/feed/",
        "https://www.indiewire.com/feed/",
        "https://www.whats-on-netflix.com/feed/",
    } <= urls
    assert len(urls) == len(defaults)
    for item in defaults:
        assert item.title
        assert normalize_feed_url(item.url) == item.url
        assert item.site.startswith("https://")


@pytest.mark.postgres
def test_defaults_are_subscribed_once_and_removals_stick(db: Database) -> None:
    expected = len(load_default_feeds())
    with db.session() as session:
        assert subscribe_default_feeds(session) == expected
        assert subscribe_default_feeds(session) == 0
        assert len(list_feeds(session)) == expected
        remove_feed(session, "https://variety.com/feed/")
    with db.session() as session:
        assert subscribe_default_feeds(session) == 0
        urls = {f.url for f in list_feeds(session)}
        assert "https://variety.com/feed/" not in urls
        assert len(urls) == expected - 1
        # Asked explicitly, the missing one comes back.
        assert subscribe_default_feeds(session, again=True) == 1


def test_defaults_respect_feeds_added_before(db: Database) -> None:
    with db.session() as session:
        add_feed(session, "https://deadline.com/feed/", title="My Deadline")
        added = subscribe_default_feeds(session)
        assert added == len(load_default_feeds()) - 1
        assert find_feed(session, "https://deadline.com/feed/").title == "My Deadline"


def test_host_and_port_without_scheme() -> None:
    assert normalize_feed_url("localhost:8080/feed") == "https://localhost:8080/feed"
    with pytest.raises(UsageError, match="not a valid web address"):
        normalize_feed_url("https://example.com:99999999/feed")
