"""The feed list: subscribe, unsubscribe, enable, disable, and the curated defaults."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from urllib.parse import urlsplit, urlunsplit

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchlist.core.errors import DuplicateError, NotFoundError, UsageError
from watchlist.core.feeds.schedule import DEFAULT_INTERVAL_S
from watchlist.core.feeds.upsert import insert_if_absent
from watchlist.core.models import AppState, Feed, utcnow
from watchlist.core.text import fold_whitespace

DEFAULT_FEEDS_RESOURCE = "default_feeds.json"
# A disabled row that records "the curated defaults were subscribed once", so a default the
# user removed is never added back. Its scheme cannot be subscribed, and every listing here
# leaves it out.
DEFAULT_FEEDS_STATE_KEY = "default_feeds_subscribed"
SUPPORTED_SCHEMES = frozenset({"http", "https", "file"})
MAX_URL_CHARS = 2000
# "javascript:x" has a scheme; "localhost:8080/feed" and "example.com/feed" do not.
_HAS_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+-]*:(?!\d)")


@dataclass(frozen=True)
class DefaultFeed:
    """One entry of the curated list shipped in watchlist/data/default_feeds.json."""

    title: str
    url: str
    site: str


def normalize_feed_url(url: str) -> str:
    """A canonical form of a typed feed address, or UsageError saying what is wrong.

    "deadline.com/feed" becomes "https://deadline.com/feed"; the scheme and host are
    lower-cased and any #fragment dropped.
    """
    text = url.strip()
    if not text:
        raise UsageError("The feed address is empty.")
    if not _HAS_SCHEME.match(text):
        text = "https://" + text
    parts = urlsplit(text)
    scheme = parts.scheme.lower()
    if scheme not in SUPPORTED_SCHEMES:
        raise UsageError(
            f"{url.strip()} is not a web address; feeds are http://, https:// or file:// URLs."
        )
    try:
        parts.port  # noqa: B018 - raises ValueError for a malformed port
    except ValueError:
        raise UsageError(f"{url.strip()} is not a valid web address.") from None
    if scheme != "file" and (not parts.hostname or any(c.isspace() for c in text)):
        raise UsageError(f"{url.strip()} is not a valid web address.")
    if len(text) > MAX_URL_CHARS:
        raise UsageError(f"The feed address is longer than {MAX_URL_CHARS} characters.")
    netloc = parts.netloc.lower() if scheme != "file" else parts.netloc
    return urlunsplit(
        (scheme, netloc, parts.path or ("/" if scheme != "file" else ""), parts.query, "")
    )


def list_feeds(session: Session) -> Sequence[Feed]:
    """Every subscribed feed, by title then address."""
    return session.scalars(select(Feed).order_by(Feed.title, Feed.url)).all()


def get_feed(session: Session, url: str) -> Feed | None:
    """The feed subscribed at ``url`` (typed loosely), or None."""
    try:
        normalized = normalize_feed_url(url)
    except UsageError:
        return None
    return session.scalars(select(Feed).where(Feed.url.in_({normalized, url.strip()}))).first()


def find_feed(session: Session, url: str) -> Feed:
    """The feed subscribed at ``url``, or NotFoundError."""
    feed = get_feed(session, url)
    if feed is None:
        raise NotFoundError(f"You are not subscribed to {url.strip()}.")
    return feed


def add_feed(session: Session, url: str, *, title: str | None = None) -> Feed:
    """Subscribe to the feed at ``url`` (due at once). Raises DuplicateError or UsageError."""
    normalized = normalize_feed_url(url)
    existing = session.scalars(select(Feed).where(Feed.url == normalized)).first()
    if existing is not None:
        raise DuplicateError(f"You are already subscribed to {normalized}.")
    feed = Feed(
        url=normalized,
        title=fold_whitespace(title or ""),
        enabled=True,
        poll_interval_s=DEFAULT_INTERVAL_S,
        consecutive_failures=0,
        created_at=utcnow(),
    )
    session.add(feed)
    session.flush()
    return feed


def remove_feed(session: Session, url: str) -> Feed:
    """Unsubscribe; the feed's articles stay (they may be evidence of events)."""
    feed = find_feed(session, url)
    session.delete(feed)
    session.flush()
    return feed


def set_feed_enabled(session: Session, feed_id: int, enabled: bool) -> Feed:
    """Enable or disable a feed. Enabling clears its error state and makes it due now."""
    feed = session.get(Feed, feed_id)
    if feed is None:
        raise NotFoundError("That feed is no longer subscribed.")
    feed.enabled = enabled
    if enabled:
        feed.disabled_reason = None
        feed.consecutive_failures = 0
        feed.next_poll_at = None
    else:
        feed.disabled_reason = "disabled by you"
    session.flush()
    return feed


def load_default_feeds() -> list[DefaultFeed]:
    """The curated feed list shipped with the app."""
    data = (resources.files("watchlist") / "data" / DEFAULT_FEEDS_RESOURCE).read_text("utf-8")
    return [
        DefaultFeed(title=item["title"], url=item["url"], site=item["site"])
        for item in json.loads(data)["feeds"]
    ]


def subscribe_default_feeds(session: Session, *, again: bool = False) -> int:
    """Subscribe the curated feeds on first run; return how many were added.

    Idempotent and safe between concurrent desktops: it runs once per database (app_state records
    it), so feeds the user removed later stay removed. ``again=True`` is the
    user asking explicitly: the defaults that are missing are added back.
    """
    now = utcnow()
    first_time = insert_if_absent(
        session,
        AppState.__table__,  # type: ignore[arg-type]
        {"key": DEFAULT_FEEDS_STATE_KEY, "value": {"done": True}, "updated_at": now},
        ["key"],
    )
    if not first_time and not again:
        return 0
    added = 0
    for item in load_default_feeds():
        added += insert_if_absent(
            session,
            Feed.__table__,  # type: ignore[arg-type]
            {
                "url": normalize_feed_url(item.url),
                "title": item.title,
                "site_link": item.site,
                "enabled": True,
                "poll_interval_s": DEFAULT_INTERVAL_S,
                "consecutive_failures": 0,
                "created_at": now,
            },
            ["url"],
        )
    return added
