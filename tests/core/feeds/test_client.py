"""The HTTP/file client on its own: headers, limits, failure wording."""

from __future__ import annotations

import socket
from pathlib import Path

import httpcore
import httpx
import pytest

from tests.feedserver import FeedServer, Route
from watchlist import __version__
from watchlist.core.feeds.client import (
    USER_AGENT,
    FetchError,
    FetchRequest,
    HttpxFeedClient,
    describe_status,
    describe_transport_error,
    format_size,
    read_file_url,
)


def _wrapped(cause: BaseException) -> httpx.ConnectError:
    # httpx raises its ConnectError from httpcore's, which is raised from the OSError.
    try:
        try:
            raise cause
        except BaseException as exc:
            raise httpcore.ConnectError(str(exc)) from exc
    except httpcore.ConnectError as exc:
        error = httpx.ConnectError(str(exc))
        error.__cause__ = exc
        return error


@pytest.mark.parametrize(
    ("cause", "message"),
    [
        (socket.gaierror(-2, "Name or service not known"), "cannot resolve host news.invalid"),
        (ConnectionRefusedError(111, "Connection refused"), "connection refused by news.invalid"),
        (
            OSError(101, "Network is unreachable"),
            "cannot reach news.invalid: the network is unreachable",
        ),
    ],
)
def test_connection_failures_in_words(cause: BaseException, message: str) -> None:
    assert describe_transport_error(_wrapped(cause), "https://news.invalid/feed") == message


def test_status_and_size_words() -> None:
    assert describe_status(404) == "404 Not Found"
    assert describe_status(599) == "599"
    assert format_size(10 * 1024 * 1024) == "10 MB"
    assert format_size(512 * 1024) == "512 KB"
    assert format_size(100) == "100 bytes"


def test_user_agent_names_the_app_and_version(
    feed_server: FeedServer, http_client: HttpxFeedClient
) -> None:
    assert USER_AGENT.startswith(f"Watchlist/{__version__} (+https://")
    url = feed_server.add("/f", Route(body=b"<rss/>"))
    response = http_client.fetch(FetchRequest(url, etag='"e"', last_modified="yesterday"))
    assert response.status == 200 and response.body == b"<rss/>"
    sent = feed_server.last_request("/f").headers
    assert sent["user-agent"] == USER_AGENT
    assert (sent["if-none-match"], sent["if-modified-since"]) == ('"e"', "yesterday")


def test_error_bodies_are_not_downloaded(
    feed_server: FeedServer, http_client: HttpxFeedClient
) -> None:
    url = feed_server.add("/err", Route(status=500, body=b"x" * 4096))
    response = http_client.fetch(FetchRequest(url))
    assert (response.status, response.body, response.reason) == (
        500,
        b"",
        "500 Internal Server Error",
    )


def test_redirect_to_another_scheme_is_refused(
    feed_server: FeedServer, http_client: HttpxFeedClient
) -> None:
    url = feed_server.add("/r", Route(status=302, headers={"Location": "file:///etc/passwd"}))
    with pytest.raises(FetchError, match="unsupported address"):
        http_client.fetch(FetchRequest(url))


def test_redirect_without_location(feed_server: FeedServer, http_client: HttpxFeedClient) -> None:
    url = feed_server.add("/r", Route(status=301))
    with pytest.raises(FetchError, match="301 Moved Permanently without saying where to go"):
        http_client.fetch(FetchRequest(url))


def test_file_urls_have_the_same_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.xml"
    big.write_bytes(b" " * 2048)
    with pytest.raises(FetchError, match="larger than 1 KB, stopped"):
        read_file_url(big.as_uri(), 1024)
    with pytest.raises(FetchError, match="is a folder"):
        read_file_url(tmp_path.as_uri(), 1024)
    with pytest.raises(FetchError, match="must be on this computer"):
        read_file_url("file://server/share/feed.xml", 1024)


def test_special_files_are_refused_without_blocking(tmp_path: Path) -> None:
    import os

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(FetchError, match="is not a regular file"):
        read_file_url(fifo.as_uri(), 1024)
