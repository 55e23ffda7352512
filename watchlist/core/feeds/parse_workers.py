"""Parsing feed bodies in worker processes, so that a large poll uses every core.

feedparser is pure Python: in the poller's threads it holds the GIL, so parsing, most of the
work of a poll that brings new content from many feeds, runs on one core however many feeds
are fetched at once. ``ProcessParser`` is a drop-in ``ParseFunction`` for ``FeedPoller`` that
parses the first bodies of a poll in the calling thread (a poll of a few changed feeds never
pays for starting processes) and, once a poll has parsed ``inline_bytes``, sends the rest to
a small pool of processes, shut down with the parser. If the pool cannot start or breaks, it
goes on parsing in threads: slower, never wrong. What the workers log comes back through a
queue and is handled by this process's loggers, so it lands in the app's log file.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import os
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from types import TracebackType
from typing import Any, TypeVar

from watchlist.core.feeds.parse import FeedDocument, FeedParseError, parse_document

log = logging.getLogger(__name__)

T = TypeVar("T")

# About two seconds of feedparser on one core: below this, starting processes costs more.
INLINE_BYTES = 2_000_000
MAX_WORKERS = 4


class _Relay(logging.Handler):
    """Hands a worker's record to the logger of the same name here (its handlers, its file)."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


def _log_through(queue: Any, level: int) -> None:
    """Worker initializer: every record goes to ``queue``, none to the worker's stderr."""
    root = logging.getLogger()
    for handler in list(root.handlers):
        root.removeHandler(handler)
    root.addHandler(logging.handlers.QueueHandler(queue))
    root.setLevel(level)


class ProcessParser:
    """``parse_document`` in worker processes once a poll has parsed ``inline_bytes``."""

    def __init__(self, *, workers: int | None = None, inline_bytes: int = INLINE_BYTES) -> None:
        self.workers = workers or max(1, min(MAX_WORKERS, os.cpu_count() or 1))
        self.inline_bytes = inline_bytes
        self._parsed_inline = 0
        self._pool: ProcessPoolExecutor | None = None
        self._listener: logging.handlers.QueueListener | None = None
        self._failed = False
        self._lock = threading.Lock()

    def __call__(self, body: bytes, headers: Mapping[str, str], url: str) -> FeedDocument:
        """Parse one body (see ``parse_document``); raises FeedParseError as it does."""
        pool = self._pool_for(len(body))
        if pool is None:
            return parse_document(body, headers, url)
        try:
            return pool.submit(parse_document, body, dict(headers), url).result()
        except FeedParseError:
            raise
        except (BrokenProcessPool, OSError, RuntimeError) as exc:
            # A killed worker or a pool that cannot start: parse here from now on.
            with self._lock:
                if not self._failed:
                    log.warning("Parsing feeds in worker processes failed (%s); using threads", exc)
                self._failed = True
            return parse_document(body, headers, url)

    def run_all(self, function: Callable[..., T], calls: Sequence[tuple[Any, ...]]) -> list[T]:
        """``function(*args)`` for each of ``calls``, spread over the worker processes once
        the pool has started (else here), the results in the order of ``calls``.

        The poll runs detection this way, so it shares the cores with parsing. ``function``
        and its arguments must be picklable (a module-level function).
        """
        with self._lock:
            pool = None if self._failed else self._pool
        if pool is not None:
            try:
                futures = [pool.submit(function, *args) for args in calls]
                return [future.result() for future in futures]
            except (BrokenProcessPool, OSError, RuntimeError) as exc:
                with self._lock:
                    if not self._failed:
                        log.warning("Work in worker processes failed (%s); using threads", exc)
                    self._failed = True
        return [function(*args) for args in calls]

    def _pool_for(self, size: int) -> ProcessPoolExecutor | None:
        with self._lock:
            if self._failed or self.workers < 2:
                return None
            if self._pool is None and self._parsed_inline < self.inline_bytes:
                self._parsed_inline += size
                return None
            if self._pool is None:
                # "spawn": the poller has threads running, and forking those is unsafe.
                context = multiprocessing.get_context("spawn")
                queue = context.Queue()
                self._listener = logging.handlers.QueueListener(queue, _Relay())
                self._listener.start()
                self._pool = ProcessPoolExecutor(
                    self.workers,
                    mp_context=context,
                    initializer=_log_through,
                    initargs=(queue, logging.getLogger().getEffectiveLevel()),
                )
            return self._pool

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        with self._lock:
            pool, self._pool = self._pool, None
            listener, self._listener = self._listener, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
        if listener is not None:
            # After the workers are gone: their last records are already in the queue.
            listener.stop()

    def __enter__(self) -> ProcessParser:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
