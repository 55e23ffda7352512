"""The concurrent, conditional, polite poll of every due feed.

Each feed is fetched in a worker thread (at most ``max_concurrency`` at once), parsed from
bytes, and stored in one transaction of its own: new articles, validators, schedule and
health. A failure of one feed is recorded on that feed in words a user understands; it never
stops the others, and nothing here raises for a bad feed.
"""

from __future__ import annotations

import logging
import random
import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Literal

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from watchlist.core.db import Database
from watchlist.core.errors import WatchlistError
from watchlist.core.feeds.client import FeedClient, FetchError, FetchRequest, HttpxFeedClient
from watchlist.core.feeds.parse import (
    FeedDocument,
    FeedParseError,
    ParseFunction,
    entry_guid,
    normalise_entry,
    parse_document,
)
from watchlist.core.feeds.registry import MAX_URL_CHARS
from watchlist.core.feeds.schedule import (
    backoff_delay,
    next_poll_after_success,
    retry_after,
    server_min_interval,
)
from watchlist.core.models import Article, Feed, utcnow
from watchlist.core.team.claims import claim_due_feeds

log = logging.getLogger(__name__)

Outcome = Literal["new", "not_modified", "error", "disabled"]
_GUID_QUERY_CHUNK = 500
# Column sizes (models.py): a server sending longer values gets them ignored, not a failure.
MAX_ETAG_CHARS = 500
MAX_LAST_MODIFIED_CHARS = 100
MAX_SOURCE_CHARS = 500


@dataclass(frozen=True)
class PollProgress:
    """Reported after each feed: ``done`` of ``total`` feeds finished, the last one's URL."""

    done: int
    total: int
    feed_url: str


@dataclass(frozen=True)
class FeedResult:
    """What one feed's poll did, for the summary line and the window.

    ``note`` carries a problem that did not stop the poll (items recovered from malformed XML).
    """

    feed_id: int
    url: str
    title: str
    outcome: Outcome
    new_articles: int = 0
    error: str | None = None
    note: str | None = None

    @property
    def name(self) -> str:
        """The feed's title, or its address when it has none yet."""
        return self.title or self.url


@dataclass
class PollReport:
    """Results of one poll, in the order of the feeds polled."""

    results: list[FeedResult] = field(default_factory=list)
    cancelled: bool = False

    @property
    def all_failed(self) -> bool:
        """True when feeds were polled and every one failed (the CLI exits non-zero)."""
        return bool(self.results) and all(r.outcome == "error" for r in self.results)

    @property
    def new_articles(self) -> int:
        """New articles stored across all feeds."""
        return sum(r.new_articles for r in self.results)


@dataclass(frozen=True)
class _FeedSnapshot:
    id: int
    url: str
    title: str
    enabled: bool
    disabled_reason: str | None
    etag: str | None
    last_modified: str | None

    @classmethod
    def of(cls, feed: Feed) -> _FeedSnapshot:
        return cls(
            id=feed.id,
            url=feed.url,
            title=feed.title,
            enabled=feed.enabled,
            disabled_reason=feed.disabled_reason,
            etag=feed.etag,
            last_modified=feed.last_modified,
        )


class FeedPoller:
    """Polls feeds concurrently and stores what is new.

    ``client`` defaults to a fresh HttpxFeedClient per poll; ``clock`` returns aware UTC;
    ``parse`` and ``rand`` (jitter) are there so tests can observe and pin them.
    """

    def __init__(
        self,
        db: Database,
        *,
        client: FeedClient | None = None,
        max_concurrency: int = 8,
        clock: Callable[[], datetime] = utcnow,
        parse: ParseFunction = parse_document,
        rand: Callable[[], float] = random.random,
    ) -> None:
        if max_concurrency < 1:
            raise ValueError("max_concurrency must be at least 1")
        self.db = db
        self.client = client
        self.max_concurrency = max_concurrency
        self.clock = clock
        self.parse = parse
        self.rand = rand
        self._store_lock = threading.Lock()

    def poll(
        self,
        *,
        due_only: bool = True,
        feed_ids: Iterable[int] | None = None,
        on_progress: Callable[[PollProgress], None] | None = None,
        cancel: threading.Event | None = None,
    ) -> PollReport:
        """Poll the due feeds (``due_only=False``: every enabled feed; ``feed_ids``: those).

        Naming feeds is "check now": they are polled whether due or not, and a disabled one
        is reported as such. ``on_progress`` is called from worker threads; setting
        ``cancel`` stops starting new feeds (those in flight finish).
        """
        snapshots = self._select(due_only=due_only, feed_ids=feed_ids)
        report = PollReport()
        results: dict[int, FeedResult] = {}
        active = [s for s in snapshots if s.enabled]
        for snapshot in snapshots:
            if not snapshot.enabled:
                results[snapshot.id] = FeedResult(
                    snapshot.id,
                    snapshot.url,
                    snapshot.title,
                    "disabled",
                    error=snapshot.disabled_reason or "disabled",
                )
        lock = threading.Lock()
        done = [len(results)]
        total = len(snapshots)

        def work(snapshot: _FeedSnapshot, client: FeedClient) -> None:
            if cancel is not None and cancel.is_set():
                return
            result = self._poll_one_safely(snapshot, client)
            with lock:
                results[snapshot.id] = result
                done[0] += 1
                progress = PollProgress(done[0], total, snapshot.url)
            if on_progress is not None:
                try:
                    on_progress(progress)
                except Exception:
                    log.exception("Progress callback failed")

        if active:
            with ExitStack() as stack:
                client = self.client or stack.enter_context(HttpxFeedClient())
                workers = min(self.max_concurrency, len(active))
                with ThreadPoolExecutor(workers, thread_name_prefix="feed-poll") as pool:
                    for future in [pool.submit(work, s, client) for s in active]:
                        future.result()
        report.results = [results[s.id] for s in snapshots if s.id in results]
        report.cancelled = len(report.results) < total
        return report

    def writing(self) -> AbstractContextManager[object]:
        """A turn to write to the database, shared by everything storing during a poll."""
        # SQLite lets one writer in at a time and its busy wait is no queue: with many feeds
        # stored at once on a slow machine, one store could wait past the busy timeout and
        # fail as "locked". Taking turns inside the process first waits without a time limit.
        return self._store_lock if self.db.is_sqlite else nullcontext()

    def _select(self, *, due_only: bool, feed_ids: Iterable[int] | None) -> list[_FeedSnapshot]:
        if feed_ids is None and due_only:
            # Claimed, not just selected: another poller or desktop on the same database
            # then skips these feeds this cycle.
            feed_ids = claim_due_feeds(self.db, now=self.clock())
        with self.db.session() as session:
            if feed_ids is not None:
                ids = list(feed_ids)
                statement = select(Feed).where(Feed.id.in_(ids))
            else:
                statement = select(Feed).where(Feed.enabled.is_(True))
            feeds = session.scalars(statement.order_by(Feed.id)).all()
            return [_FeedSnapshot.of(feed) for feed in feeds]

    def _poll_one_safely(self, snapshot: _FeedSnapshot, client: FeedClient) -> FeedResult:
        try:
            return self._poll_one(snapshot, client)
        except WatchlistError as exc:
            # A storage failure (disk full, locked, read-only) already says what happened.
            log.warning("Polling %s failed: %s", snapshot.url, exc)
            message = str(exc)
        except Exception:
            # A bug for one feed must not end the whole poll.
            log.exception("Polling %s failed unexpectedly", snapshot.url)
            message = "internal error while checking this feed (details are in the log)"
        try:
            return self._record_failure(snapshot, message, now=self.clock())
        except Exception:
            log.exception("Cannot record the failure of %s", snapshot.url)
            return FeedResult(snapshot.id, snapshot.url, snapshot.title, "error", error=message)

    def _poll_one(self, snapshot: _FeedSnapshot, client: FeedClient) -> FeedResult:
        request = FetchRequest(snapshot.url, snapshot.etag, snapshot.last_modified)
        try:
            response = client.fetch(request)
        except FetchError as exc:
            return self._record_failure(snapshot, str(exc), now=self.clock())
        now = self.clock()
        status = response.status
        if status == 304:
            return self._record_not_modified(
                snapshot, response.headers, response.permanent_url, now
            )
        if status == 410:
            return self._record_gone(snapshot, now)
        if status in {429, 503}:
            wait = retry_after(response.headers, now)
            message = f"the server answered {response.reason}"
            if wait:
                message += f" and asked to wait {_describe_wait(wait)}"
            return self._record_failure(
                snapshot, message, now=now, retry_after_s=wait, status=status
            )
        if not 200 <= status < 300:
            message = f"the server answered {response.reason}"
            return self._record_failure(snapshot, message, now=now, status=status)
        try:
            document = self.parse(response.body, response.headers, response.url)
        except FeedParseError as exc:
            return self._record_failure(snapshot, str(exc), now=now, status=status)
        return self._store(
            snapshot, document, response.headers, response.permanent_url, status, now
        )

    def _store(
        self,
        snapshot: _FeedSnapshot,
        document: FeedDocument,
        headers: Mapping[str, str],
        permanent_url: str | None,
        status: int,
        now: datetime,
    ) -> FeedResult:
        with self.writing(), self.db.session() as session:
            feed = session.get(Feed, snapshot.id)
            if feed is None:
                return _removed(snapshot)
            if document.title:
                feed.title = document.title
            if document.site_link:
                feed.site_link = document.site_link
            self._move_if_redirected(session, feed, permanent_url)
            new_count = self._insert_new_entries(session, feed, document, now)
            server_min = server_min_interval(headers, document.ttl_s)
            feed.etag = _validator(headers, "etag", MAX_ETAG_CHARS)
            feed.last_modified = _validator(headers, "last-modified", MAX_LAST_MODIFIED_CHARS)
            feed.server_min_interval_s = server_min
            feed.next_poll_at = next_poll_after_success(now, feed.poll_interval_s, server_min)
            self._mark_success(feed, status, now)
            note = "; ".join(document.notes) or None
            if note:
                log.warning("%s: %s", feed.url, note)
            return FeedResult(feed.id, feed.url, feed.title, "new", new_count, note=note)

    def _insert_new_entries(
        self, session: Session, feed: Feed, document: FeedDocument, now: datetime
    ) -> int:
        by_guid: dict[str, Mapping[str, object]] = {}
        for raw in document.raw_entries:
            by_guid.setdefault(entry_guid(raw), raw)
        known = _stored_guids(session, feed.id, list(by_guid))
        source = (feed.title or feed.url)[:MAX_SOURCE_CHARS]
        rows = []
        for guid, raw in by_guid.items():
            if guid in known:
                continue
            entry = normalise_entry(raw, document.base_url, now)
            rows.append(
                {
                    "feed_id": feed.id,
                    "guid": entry.guid,
                    "link": entry.link,
                    "title": entry.title,
                    "summary": entry.summary,
                    "published_at": entry.published_at,
                    "fetched_at": now,
                    "source": source,
                }
            )
        if not rows:
            return 0
        # One conflict-ignoring statement for the feed: an item another poller stored a
        # moment ago is skipped, and only the inserted rows come back.
        table = Article.__table__
        module = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
        statement = (
            module.insert(table)
            .on_conflict_do_nothing(index_elements=["feed_id", "guid"])
            .returning(table.c.id)
        )
        return len(session.execute(statement, rows).all())

    def _record_not_modified(
        self,
        snapshot: _FeedSnapshot,
        headers: Mapping[str, str],
        permanent_url: str | None,
        now: datetime,
    ) -> FeedResult:
        with self.writing(), self.db.session() as session:
            feed = session.get(Feed, snapshot.id)
            if feed is None:
                return _removed(snapshot)
            self._move_if_redirected(session, feed, permanent_url)
            # A 304 may carry fresh validators; otherwise the stored ones stay valid.
            feed.etag = _validator(headers, "etag", MAX_ETAG_CHARS) or feed.etag
            feed.last_modified = (
                _validator(headers, "last-modified", MAX_LAST_MODIFIED_CHARS) or feed.last_modified
            )
            server_min = server_min_interval(headers, None) or feed.server_min_interval_s
            feed.server_min_interval_s = server_min
            feed.next_poll_at = next_poll_after_success(now, feed.poll_interval_s, server_min)
            self._mark_success(feed, 304, now)
            return FeedResult(feed.id, feed.url, feed.title, "not_modified")

    def _record_gone(self, snapshot: _FeedSnapshot, now: datetime) -> FeedResult:
        message = "the feed is gone for good (410 Gone), so Watchlist stopped checking it"
        with self.writing(), self.db.session() as session:
            feed = session.get(Feed, snapshot.id)
            if feed is None:
                return _removed(snapshot)
            feed.enabled = False
            feed.disabled_reason = message
            feed.last_error = message
            feed.last_status = 410
            feed.last_fetched_at = now
            feed.next_poll_at = None
            feed.consecutive_failures = (feed.consecutive_failures or 0) + 1
            return FeedResult(feed.id, feed.url, feed.title, "error", error=message)

    def _record_failure(
        self,
        snapshot: _FeedSnapshot,
        message: str,
        *,
        now: datetime,
        retry_after_s: int | None = None,
        status: int | None = None,
    ) -> FeedResult:
        with self.writing(), self.db.session() as session:
            feed = session.get(Feed, snapshot.id)
            if feed is None:
                return _removed(snapshot)
            failures = (feed.consecutive_failures or 0) + 1
            delay = backoff_delay(
                failures, feed.poll_interval_s, retry_after_s=retry_after_s, rand=self.rand
            )
            feed.consecutive_failures = failures
            feed.last_error = message
            feed.last_status = status
            feed.last_fetched_at = now
            feed.next_poll_at = now + timedelta(seconds=delay)
            log.info("%s: %s (next try in %d s)", feed.url, message, delay)
            return FeedResult(feed.id, feed.url, feed.title, "error", error=message)

    @staticmethod
    def _mark_success(feed: Feed, status: int, now: datetime) -> None:
        feed.last_status = status
        feed.last_fetched_at = now
        feed.last_success_at = now
        feed.last_error = None
        feed.consecutive_failures = 0

    @staticmethod
    def _move_if_redirected(session: Session, feed: Feed, permanent_url: str | None) -> None:
        if not permanent_url or permanent_url == feed.url or len(permanent_url) > MAX_URL_CHARS:
            return
        clash = session.scalars(select(Feed.id).where(Feed.url == permanent_url)).first()
        if clash is None:
            log.info("%s moved permanently to %s", feed.url, permanent_url)
            feed.url = permanent_url


def _stored_guids(session: Session, feed_id: int, guids: Sequence[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(guids), _GUID_QUERY_CHUNK):
        chunk = guids[start : start + _GUID_QUERY_CHUNK]
        statement = select(Article.guid).where(Article.feed_id == feed_id, Article.guid.in_(chunk))
        known.update(session.scalars(statement))
    return known


def _validator(headers: Mapping[str, str], name: str, limit: int) -> str | None:
    value = headers.get(name, "").strip()
    return value if value and len(value) <= limit else None


def _removed(snapshot: _FeedSnapshot) -> FeedResult:
    return FeedResult(
        snapshot.id,
        snapshot.url,
        snapshot.title,
        "error",
        error="the feed was removed while it was being checked",
    )


def _describe_wait(seconds: int) -> str:
    if seconds < 120:
        return f"{seconds} s"
    if seconds < 2 * 3600:
        return f"{round(seconds / 60)} min"
    return f"{round(seconds / 3600)} h"
