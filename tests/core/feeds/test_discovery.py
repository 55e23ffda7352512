"""Finding a site's feed from its home page."""

from __future__ import annotations

import pytest

from tests.core.feeds.conftest import feed_bytes
from tests.feedserver import FeedServer, Route, redirect
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.discovery import FeedDiscoveryError, find_feed_links, resolve_feed_url

PAGE = b"""<!DOCTYPE html><html><head><title>Site</title>
<link rel="stylesheet" href="/style.css">
<link rel="alternate" type="application/rss+xml" title="Site" href="/feed/">
<link rel="alternate" type="application/atom+xml" href="https://cdn.example/atom.xml">
</head><body>News</body></html>"""


def test_page_links_are_found_in_order() -> None:
    links = find_feed_links(PAGE.decode(), "https://site.example/news/")
    assert links == ["https://site.example/feed/", "https://cdn.example/atom.xml"]


def test_base_href_is_honoured() -> None:
    page = (
        '<base href="https://other.example/">'
        '<link rel="alternate" type="application/rss+xml" href="rss">'
    )
    assert find_feed_links(page, "https://site.example/") == ["https://other.example/rss"]


def test_site_address_resolves_to_its_feed(
    feed_server: FeedServer, http_client: HttpxFeedClient
) -> None:
    site = feed_server.add("/", Route(body=PAGE, content_type="text/html; charset=utf-8"))
    assert resolve_feed_url(site, http_client) == feed_server.url("/feed/")


def test_feed_address_is_returned_as_is_or_where_it_moved(
    feed_server: FeedServer, http_client: HttpxFeedClient
) -> None:
    feed = feed_server.add("/feed.xml", Route(body=feed_bytes("tmz-2018.rss")))
    assert resolve_feed_url(feed, http_client) == feed
    moved = feed_server.add("/old.xml", redirect(301, "/feed.xml"))
    assert resolve_feed_url(moved, http_client) == feed


@pytest.mark.parametrize(
    ("route", "message"),
    [
        (
            Route(body=b"<html><body>No feed here</body></html>", content_type="text/html"),
            "the page names no RSS or Atom feed",
        ),
        (Route(status=404), "the server answered 404 Not Found"),
    ],
)
def test_no_feed_is_explained(
    feed_server: FeedServer, http_client: HttpxFeedClient, route: Route, message: str
) -> None:
    url = feed_server.add("/page", route)
    with pytest.raises(FeedDiscoveryError, match=message):
        resolve_feed_url(url, http_client)
