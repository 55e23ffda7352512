"""Turning a pasted site address into its feed through ``<link rel="alternate">``."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

from watchlist.core.errors import WatchlistError
from watchlist.core.feeds.client import FeedClient, FetchError, FetchRequest, describe_status
from watchlist.core.feeds.registry import normalize_feed_url

FEED_TYPES = (
    "application/rss+xml",
    "application/atom+xml",
    "application/rdf+xml",
    "application/feed+xml",
)
_FEED_CONTENT_TYPES = re.compile(r"(rss|atom|rdf|xml)", re.IGNORECASE)
_FEED_START = re.compile(rb"^\s*(<\?xml|<rss[\s>]|<feed[\s>]|<rdf:rdf[\s>])", re.IGNORECASE)


class FeedDiscoveryError(WatchlistError):
    """The address leads to no feed; the message says why."""


class _AlternateLinks(HTMLParser):
    """Collects ``<link rel="alternate" type="...rss/atom..." href>`` and ``<base href>``."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.feeds: list[str] = []
        self.base: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): (value or "") for name, value in attrs}
        if tag == "base" and values.get("href") and self.base is None:
            self.base = values["href"].strip()
        if tag != "link":
            return
        rels = values.get("rel", "").lower().split()
        kind = values.get("type", "").lower().split(";")[0].strip()
        href = values.get("href", "").strip()
        if "alternate" in rels and kind in FEED_TYPES and href:
            self.feeds.append(href)


def find_feed_links(html: str, page_url: str) -> list[str]:
    """Absolute http(s) feed URLs a page announces, in page order (the main feed first)."""
    parser = _AlternateLinks()
    parser.feed(html)
    parser.close()
    base = urljoin(page_url, parser.base) if parser.base else page_url
    found: list[str] = []
    for href in parser.feeds:
        url = urljoin(base, href)
        if urlsplit(url).scheme in {"http", "https"} and url not in found:
            found.append(url)
    return found


def resolve_feed_url(url: str, client: FeedClient) -> str:
    """The feed behind ``url``: a feed URL as is (or where it permanently moved), a site URL
    through its ``<link rel="alternate">``. Blocking; call it off the GUI thread.

    Raises UsageError for an address that is not a web address, FeedDiscoveryError with the
    reason when no feed can be found.
    """
    url = normalize_feed_url(url)
    if urlsplit(url).scheme == "file":
        return url
    try:
        response = client.fetch(FetchRequest(url))
    except FetchError as exc:
        raise FeedDiscoveryError(f"Cannot read {url}: {exc}.") from None
    if not 200 <= response.status < 300:
        raise FeedDiscoveryError(
            f"Cannot read {url}: the server answered {describe_status(response.status)}."
        )
    content_type = response.headers.get("content-type", "").lower()
    if _FEED_START.match(response.body.lstrip(b"\xef\xbb\xbf")) or (
        "html" not in content_type and _FEED_CONTENT_TYPES.search(content_type)
    ):
        return response.permanent_url or url
    text = response.body.decode(_charset(content_type), errors="replace")
    links = find_feed_links(text, response.url)
    if not links:
        raise FeedDiscoveryError(
            f"No feed found at {url}: the page names no RSS or Atom feed. "
            "Paste the address of the feed itself."
        )
    return links[0]


def _charset(content_type: str) -> str:
    match = re.search(r"charset=[\"']?([\w.-]+)", content_type)
    if match:
        try:
            "".encode(match.group(1))
        except LookupError:
            return "utf-8"
        return match.group(1)
    return "utf-8"
