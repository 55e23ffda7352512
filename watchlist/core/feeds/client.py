"""Fetching feed documents: one small protocol, an httpx implementation, file:// support.

The poller and discovery only see ``FeedClient.fetch``; tests substitute their own client.
Every transport failure becomes a ``FetchError`` whose message is one phrase a user
understands ("timed out after 20 s", "cannot resolve host example.invalid").
"""

from __future__ import annotations

import errno
import http
import socket
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from email.utils import formatdate
from pathlib import Path
from typing import Protocol
from urllib.parse import urljoin, urlsplit
from urllib.request import url2pathname

import httpx

from watchlist import APP_NAME, __version__

PROJECT_URL = "https://github.com/watchlist/watchlist"
USER_AGENT = f"{APP_NAME}/{__version__} (+{PROJECT_URL})"
DEFAULT_MAX_BYTES = 10 * 1024 * 1024
DEFAULT_MAX_REDIRECTS = 5
PERMANENT_REDIRECTS = frozenset({301, 308})
TEMPORARY_REDIRECTS = frozenset({302, 303, 307})
_ACCEPT = (
    "application/rss+xml, application/atom+xml, application/rdf+xml, "
    "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)


class FetchError(Exception):
    """A fetch that produced no usable answer; ``str(error)`` is fit to show a user."""


@dataclass(frozen=True)
class FetchRequest:
    """What to fetch, with the validators of the copy we already have."""

    url: str
    etag: str | None = None
    last_modified: str | None = None


@dataclass(frozen=True)
class FetchResponse:
    """The final answer after redirects.

    ``permanent_url`` is set when every redirect on the way was permanent (301/308): the
    subscription should move there. ``body`` is only read for 2xx answers.
    """

    url: str
    status: int
    headers: Mapping[str, str] = field(default_factory=dict)
    body: bytes = b""
    permanent_url: str | None = None

    @property
    def reason(self) -> str:
        """The status as words: "404 Not Found"."""
        return describe_status(self.status)


class FeedClient(Protocol):
    """Anything that can fetch a feed document (the real client or a test double)."""

    def fetch(self, request: FetchRequest) -> FetchResponse:
        """Fetch ``request.url``; raise FetchError when there is no usable answer."""
        ...


@dataclass(frozen=True)
class FetchLimits:
    """Timeouts (seconds) and sizes that keep one bad server from stalling a poll."""

    connect_timeout: float = 10.0
    read_timeout: float = 20.0
    total_timeout: float = 60.0
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = DEFAULT_MAX_REDIRECTS


def describe_status(status: int) -> str:
    """ "404 Not Found", or the bare number for a code without a standard phrase."""
    try:
        return f"{status} {http.HTTPStatus(status).phrase}"
    except ValueError:
        return str(status)


def format_size(size: int) -> str:
    """A byte count as people say it: "10 MB", "64 KB", "512 bytes"."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


def format_seconds(seconds: float) -> str:
    """ "20 s", "0.5 s"."""
    return f"{seconds:g} s"


def too_large_message(limits: FetchLimits) -> str:
    """The message for a body over the size limit."""
    return f"larger than {format_size(limits.max_bytes)}, stopped"


class HttpxFeedClient:
    """The real client: httpx with manual redirects, streaming limits and file:// support.

    Thread-safe: one instance is shared by the poller's worker threads. Close it when done
    (or use it as a context manager).
    """

    def __init__(self, limits: FetchLimits | None = None, *, user_agent: str = USER_AGENT) -> None:
        self.limits = limits or FetchLimits()
        timeout = httpx.Timeout(
            connect=self.limits.connect_timeout,
            read=self.limits.read_timeout,
            write=self.limits.read_timeout,
            pool=self.limits.total_timeout,
        )
        self._client = httpx.Client(
            timeout=timeout,
            follow_redirects=False,
            headers={
                "User-Agent": user_agent,
                "Accept": _ACCEPT,
                "Accept-Encoding": "gzip, deflate",
            },
            limits=httpx.Limits(max_connections=32, max_keepalive_connections=16),
        )

    def __enter__(self) -> HttpxFeedClient:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close pooled connections."""
        self._client.close()

    def fetch(self, request: FetchRequest) -> FetchResponse:
        """Fetch ``request.url`` following at most ``max_redirects`` redirects."""
        deadline = time.monotonic() + self.limits.total_timeout
        url = request.url
        seen = {url}
        # Where the subscription should move: the end of the leading run of 301/308 hops.
        permanent_target: str | None = None
        still_permanent = True
        for _hop in range(self.limits.max_redirects + 1):
            if urlsplit(url).scheme.lower() == "file":
                response = read_file_url(url, self.limits.max_bytes, request.last_modified)
            else:
                response = self._fetch_once(url, request, deadline)
            location = response.headers.get("location")
            if response.status not in PERMANENT_REDIRECTS | TEMPORARY_REDIRECTS:
                return FetchResponse(
                    url=url,
                    status=response.status,
                    headers=response.headers,
                    body=response.body,
                    permanent_url=permanent_target,
                )
            if not location:
                raise FetchError(
                    f"the server answered {response.reason} without saying where to go"
                )
            url = urljoin(url, location.strip())
            if urlsplit(url).scheme.lower() not in {"http", "https"}:
                raise FetchError(f"the server redirected to an unsupported address: {url}")
            if url in seen:
                raise FetchError("redirect loop: the server keeps sending Watchlist in a circle")
            seen.add(url)
            still_permanent = still_permanent and response.status in PERMANENT_REDIRECTS
            if still_permanent:
                permanent_target = url
        raise FetchError(f"too many redirects (more than {self.limits.max_redirects})")

    def _fetch_once(self, url: str, request: FetchRequest, deadline: float) -> FetchResponse:
        headers: dict[str, str] = {}
        if request.etag:
            headers["If-None-Match"] = request.etag
        if request.last_modified:
            headers["If-Modified-Since"] = request.last_modified
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                response_headers = {k.lower(): v for k, v in response.headers.items()}
                body = b""
                if 200 <= response.status_code < 300:
                    body = self._read_body(response, deadline)
                return FetchResponse(url, response.status_code, response_headers, body)
        except httpx.TimeoutException as exc:
            raise FetchError(self._timeout_message(exc)) from None
        except httpx.DecodingError:
            raise FetchError("the server sent a corrupt compressed answer") from None
        except (httpx.InvalidURL, httpx.UnsupportedProtocol):
            raise FetchError(f"not an address Watchlist can fetch: {url}") from None
        except httpx.RemoteProtocolError:
            raise FetchError("the server broke off the connection mid-answer") from None
        except httpx.TransportError as exc:
            raise FetchError(describe_transport_error(exc, url)) from None

    def _read_body(self, response: httpx.Response, deadline: float) -> bytes:
        limit = self.limits.max_bytes
        declared = response.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            raise FetchError(too_large_message(self.limits))
        chunks: list[bytes] = []
        size = 0
        # Unbuffered: each network read is checked against the limits as it arrives.
        for chunk in response.iter_bytes():
            size += len(chunk)
            # The decoded size counts, so a small gzip bomb is stopped like a huge body.
            if size > limit:
                raise FetchError(too_large_message(self.limits))
            if time.monotonic() > deadline:
                raise FetchError(f"timed out after {format_seconds(self.limits.total_timeout)}")
            chunks.append(chunk)
        return b"".join(chunks)

    def _timeout_message(self, exc: httpx.TimeoutException) -> str:
        if isinstance(exc, httpx.ConnectTimeout):
            return f"timed out after {format_seconds(self.limits.connect_timeout)} connecting"
        if isinstance(exc, httpx.PoolTimeout):
            return f"timed out after {format_seconds(self.limits.total_timeout)}"
        return f"timed out after {format_seconds(self.limits.read_timeout)}"


def describe_transport_error(exc: Exception, url: str) -> str:
    """Turn a connection failure into words: DNS, refused, unreachable, TLS."""
    host = urlsplit(url).hostname or url
    cause: BaseException | None = exc
    while cause is not None:
        if isinstance(cause, socket.gaierror):
            return f"cannot resolve host {host}"
        if isinstance(cause, ConnectionRefusedError):
            return f"connection refused by {host}"
        if isinstance(cause, OSError) and cause.errno in {errno.ENETUNREACH, errno.EHOSTUNREACH}:
            return f"cannot reach {host}: the network is unreachable"
        cause = cause.__cause__ or cause.__context__
    text = str(exc).lower()
    if "name or service not known" in text or "name resolution" in text or "nodename" in text:
        return f"cannot resolve host {host}"
    if "connection refused" in text:
        return f"connection refused by {host}"
    if "certificate" in text or "ssl" in text:
        return f"secure connection to {host} failed (certificate or TLS problem)"
    return f"cannot connect to {host}: {exc or type(exc).__name__}"


def read_file_url(url: str, max_bytes: int, if_modified_since: str | None = None) -> FetchResponse:
    """Read a file:// URL from the local disk with the same size limit as the network.

    The file's modification time serves as Last-Modified, so an unchanged file answers 304
    and costs no parsing, as a web server would.
    """
    parts = urlsplit(url)
    if parts.netloc not in {"", "localhost"}:
        raise FetchError(f"file addresses must be on this computer, not {parts.netloc}")
    path = Path(url2pathname(parts.path))
    try:
        status = path.stat()
        if path.is_dir():
            raise IsADirectoryError
        if not path.is_file():
            # A FIFO or device would block or never end.
            raise FetchError(f"{path} is not a regular file")
        modified = formatdate(status.st_mtime, usegmt=True)
        if if_modified_since == modified:
            return FetchResponse(url=url, status=304, headers={"last-modified": modified})
        with path.open("rb") as handle:
            body = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise FetchError(f"no such file: {path}") from None
    except IsADirectoryError:
        raise FetchError(f"{path} is a folder, not a feed file") from None
    except OSError as exc:
        raise FetchError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(body) > max_bytes:
        raise FetchError(f"larger than {format_size(max_bytes)}, stopped")
    return FetchResponse(url=url, status=200, headers={"last-modified": modified}, body=body)
