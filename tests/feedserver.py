"""A small threaded HTTP server on 127.0.0.1 that serves feeds and misbehaves on request.

Reusable by any test or benchmark::

    with FeedServer() as server:
        server.add("/feed.xml", Route(body=data, etag='"v1"'))
        url = server.url("/feed.xml")
        ...
        assert server.hits("/feed.xml") == 1

Each ``Route`` sets the status, headers and body, and can answer conditional requests
(``etag`` / ``last_modified`` give 304 when the client sends the matching validator),
compress (``gzip``), wait before answering (``delay``), drip the body slowly
(``chunk_delay``) or never end it (``endless``). ``redirect`` answers a redirect.
"""

from __future__ import annotations

import contextlib
import gzip as gzip_module
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Route:
    """How the server answers one path."""

    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    content_type: str | None = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    gzip: bool = False
    delay: float = 0.0
    chunk_size: int = 1024
    chunk_delay: float = 0.0
    endless: bool = False
    send_length: bool = True


def redirect(status: int, location: str) -> Route:
    """A route answering ``status`` with a Location header."""
    return Route(status=status, headers={"Location": location}, content_type=None)


@dataclass
class RecordedRequest:
    """A request the server received."""

    path: str
    headers: dict[str, str]


class FeedServer:
    """The server; routes may be added or replaced while it runs."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[RecordedRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(
            target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def __enter__(self) -> FeedServer:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._httpd.server_address[1])

    def url(self, path: str) -> str:
        """The absolute URL of ``path`` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def add(self, path: str, route: Route) -> str:
        """Serve ``route`` at ``path``; returns its URL."""
        with self._lock:
            self.routes[path] = route
        return self.url(path)

    def hits(self, path: str) -> int:
        """How many requests ``path`` received."""
        with self._lock:
            return sum(1 for r in self.requests if r.path == path)

    def last_request(self, path: str) -> RecordedRequest:
        """The most recent request for ``path``."""
        with self._lock:
            return [r for r in self.requests if r.path == path][-1]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                """Stay quiet: test output is for assertions."""

            def do_GET(self) -> None:
                path = self.path
                with server._lock:
                    server.requests.append(
                        RecordedRequest(path, {k.lower(): v for k, v in self.headers.items()})
                    )
                    route = server.routes.get(path)
                if route is None:
                    route = Route(status=404, body=b"not found", content_type="text/plain")
                with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                    server._answer(self, route)

        return Handler

    def _answer(self, handler: BaseHTTPRequestHandler, route: Route) -> None:
        if route.delay:
            self._stopping.wait(route.delay)
        if self._not_modified(handler, route):
            handler.send_response(304)
            if route.etag:
                handler.send_header("ETag", route.etag)
            if route.last_modified:
                handler.send_header("Last-Modified", route.last_modified)
            handler.send_header("Content-Length", "0")
            handler.end_headers()
            return
        body = gzip_module.compress(route.body) if route.gzip else route.body
        handler.send_response(route.status)
        if route.content_type:
            handler.send_header("Content-Type", route.content_type)
        if route.etag:
            handler.send_header("ETag", route.etag)
        if route.last_modified:
            handler.send_header("Last-Modified", route.last_modified)
        if route.gzip:
            handler.send_header("Content-Encoding", "gzip")
        for name, value in route.headers.items():
            handler.send_header(name, value)
        if route.endless or not route.send_length:
            handler.send_header("Connection", "close")
            handler.close_connection = True
        else:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        if route.endless:
            self._write_forever(handler, route)
            return
        self._write(handler, body, route.chunk_size, route.chunk_delay)

    def _write(self, handler: BaseHTTPRequestHandler, body: bytes, size: int, pause: float) -> None:
        for start in range(0, len(body), size):
            if self._stopping.is_set():
                return
            handler.wfile.write(body[start : start + size])
            handler.wfile.flush()
            if pause:
                self._stopping.wait(pause)

    def _write_forever(self, handler: BaseHTTPRequestHandler, route: Route) -> None:
        chunk = b"<item><title>more</title></item>\n" * max(1, route.chunk_size // 34)
        handler.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel>')
        while not self._stopping.is_set():
            handler.wfile.write(chunk)
            handler.wfile.flush()
            if route.chunk_delay:
                self._stopping.wait(route.chunk_delay)

    @staticmethod
    def _not_modified(handler: BaseHTTPRequestHandler, route: Route) -> bool:
        if route.status != 200:
            return False
        sent_etag = handler.headers.get("If-None-Match")
        sent_date = handler.headers.get("If-Modified-Since")
        if route.etag and sent_etag:
            return sent_etag == route.etag
        return bool(route.last_modified and sent_date == route.last_modified)
