"""How a presenting desktop learns of events that another process (``watchlist serve``) stored.

On PostgreSQL a trigger (migration 0004) sends a NOTIFY on the ``watchlist_events`` channel in
every transaction that inserts events, so it reaches listeners the moment that transaction
commits; the watcher holds one idle LISTEN connection and queries only when told. On SQLite
there is no server to push anything, so the watcher asks a cheap question (the newest event
id, answered from the primary key) every few seconds and queries only when it moved.

Either way the result is the same list of ``StatusChange`` the desktop gets after its own poll,
so it notifies exactly as on a single machine. ``wait`` blocks: call it off the GUI thread.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from typing import TYPE_CHECKING

from sqlalchemy import func, select
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database, hide_secrets, redact_url
from watchlist.core.errors import WatchlistError
from watchlist.core.models import Article, Event, EventArticle, Film, utcnow

if TYPE_CHECKING:
    import psycopg

log = logging.getLogger(__name__)

EVENTS_CHANNEL = "watchlist_events"
SQLITE_POLL_INTERVAL_S = 5.0
# Events first seen this long before the watcher started are history, not news (for example a
# whole watchlist copied in by ``watchlist db copy``); the margin absorbs clock differences
# between the machine that stores events and the one that presents them.
HISTORY_MARGIN = timedelta(hours=1)
# Transactions commit in any order, so an event with a lower id can appear after a higher one:
# ids are only treated as settled this long after they were first looked past.
SETTLE_S = 300.0
RECONNECT_DELAYS_S = (1.0, 2.0, 5.0, 15.0, 30.0)


def changes_for_events(session: Session, event_ids: Sequence[int]) -> list[StatusChange]:
    """The ``StatusChange`` of each stored event, oldest first, as a poll would report it."""
    if not event_ids:
        return []
    rows = session.execute(
        select(Event, Film)
        .join(Film, Film.id == Event.film_id)
        .where(Event.id.in_(event_ids))
        .order_by(Event.id)
    ).all()
    first_links: dict[int, str | None] = {}
    for event_id, link in session.execute(
        select(EventArticle.event_id, Article.link)
        .join(Article, Article.id == EventArticle.article_id)
        .where(EventArticle.event_id.in_(event_ids))
        .order_by(EventArticle.linked_at, Article.id)
    ):
        first_links.setdefault(event_id, link)
    return [
        StatusChange(
            event_id=event.id,
            film_id=film.id,
            film_title=film.title,
            kind=event.kind,
            fields=dict(event.fields),
            occurred_at=event.occurred_at,
            followed=film.followed,
            muted=film.muted,
            confidence=event.confidence,
            evidence=event.evidence,
            link=first_links.get(event.id),
        )
        for event, film in rows
    ]


class EventWatcher:
    """Reports events committed by other processes since the watcher was created.

    Each event is reported once per watcher. ``wait(timeout)`` blocks until new events arrive
    or ``timeout`` seconds pass; ``run`` loops until a stop event is set. Database outages are
    logged (without credentials) and retried, so neither raises for them; creating a watcher
    raises DatabaseError when the database cannot be read at all.
    """

    def __init__(
        self, db: Database, *, sqlite_poll_interval_s: float = SQLITE_POLL_INTERVAL_S
    ) -> None:
        self._db = db
        self._poll_interval_s = sqlite_poll_interval_s
        self._not_before = utcnow() - HISTORY_MARGIN
        self._seen: set[int] = set()
        # (when, newest id returned) of each query, to advance the floor once settled.
        self._marks: list[tuple[float, int]] = []
        self._connection: psycopg.Connection[tuple[object, ...]] | None = None
        self._failures = 0
        if not db.is_sqlite:
            # Listen before reading the newest id, so nothing committed in between is missed.
            self._listening_connection()
        with db.session() as session:
            self._floor = session.scalar(select(func.max(Event.id))) or 0
        self._newest_known = self._floor

    @property
    def uses_notifications(self) -> bool:
        """True when the database pushes new events (PostgreSQL LISTEN/NOTIFY)."""
        return not self._db.is_sqlite

    def wait(self, timeout: float) -> list[StatusChange]:
        """New events since the last call, waiting up to ``timeout`` seconds for some."""
        if self._db.is_sqlite:
            return self._wait_polling(timeout)
        return self._wait_notified(timeout)

    def run(
        self,
        on_changes: Callable[[list[StatusChange]], None],
        stop: threading.Event,
        *,
        timeout: float = 1.0,
    ) -> None:
        """Call ``on_changes`` with each batch of new events until ``stop`` is set."""
        try:
            while not stop.is_set():
                changes = self.wait(timeout)
                if changes and not stop.is_set():
                    on_changes(changes)
        finally:
            self.close()

    def close(self) -> None:
        """Stop listening and release the connection."""
        if self._connection is not None:
            try:
                self._connection.close()
            finally:
                self._connection = None

    # -- SQLite: a cheap "changed since" question --------------------------------------------

    def _wait_polling(self, timeout: float) -> list[StatusChange]:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with self._db.session() as session:
                    newest = session.scalar(select(func.max(Event.id))) or 0
                    if newest != self._newest_known:
                        self._newest_known = newest
                        return self._fetch(session)
            except (SQLAlchemyError, WatchlistError) as exc:
                log.warning("Cannot check for new events: %s", _describe(exc, self._db.url))
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return []
            time.sleep(min(self._poll_interval_s, remaining))

    # -- PostgreSQL: LISTEN on a dedicated connection ------------------------------------------

    def _wait_notified(self, timeout: float) -> list[StatusChange]:
        deadline = time.monotonic() + timeout
        connection = self._listening_connection()
        if connection is None:
            # Reconnecting failed: wait a little, as a NOTIFY would have made us wait.
            time.sleep(min(self._retry_delay(), max(0.0, deadline - time.monotonic())))
            return []
        if self._failures:
            # Back after an outage: whatever was committed meanwhile was never announced.
            self._failures = 0
            return self._fetch_safely()
        import psycopg

        try:
            notified = False
            for _ in connection.notifies(timeout=max(0.0, timeout), stop_after=1):
                notified = True
            if notified:
                # Drain whatever else arrived with it, so one query answers them all.
                for _ in connection.notifies(timeout=0.0):
                    pass
        except psycopg.Error as exc:
            log.warning(
                "Lost the event notifications from %s: %s; reconnecting.",
                redact_url(self._db.url),
                _describe(exc, self._db.url),
            )
            self.close()
            self._failures = 1
            return []
        return self._fetch_safely() if notified else []

    def _listening_connection(self) -> psycopg.Connection[tuple[object, ...]] | None:
        if self._connection is not None and not self._connection.closed:
            return self._connection
        import psycopg

        try:
            pooled = self._db.engine.raw_connection()
            connection = pooled.driver_connection
            assert isinstance(connection, psycopg.Connection)
            # Detached, so it leaves the pool for good: it stays in autocommit, listening.
            pooled.detach()
            connection.rollback()
            connection.autocommit = True
            connection.execute(f"LISTEN {EVENTS_CHANNEL}")
        except (SQLAlchemyError, psycopg.Error) as exc:
            self._failures += 1
            log.warning(
                "Cannot listen for new events on %s: %s; retrying.",
                redact_url(self._db.url),
                _describe(exc, self._db.url),
            )
            return None
        self._connection = connection
        return connection

    def _retry_delay(self) -> float:
        return RECONNECT_DELAYS_S[min(self._failures, len(RECONNECT_DELAYS_S)) - 1]

    # -- both ----------------------------------------------------------------------------------

    def _fetch_safely(self) -> list[StatusChange]:
        try:
            with self._db.session() as session:
                return self._fetch(session)
        except (SQLAlchemyError, WatchlistError) as exc:
            log.warning("Cannot read the new events: %s", _describe(exc, self._db.url))
            return []

    def _fetch(self, session: Session) -> list[StatusChange]:
        ids = [
            event_id
            for event_id in session.scalars(
                select(Event.id)
                .where(Event.id > self._floor, Event.first_seen_at >= self._not_before)
                .order_by(Event.id)
            )
            if event_id not in self._seen
        ]
        self._settle(max(ids, default=self._floor))
        self._seen.update(ids)
        return changes_for_events(session, ids)

    def _settle(self, newest: int) -> None:
        now = time.monotonic()
        self._marks.append((now, max(newest, self._marks[-1][1] if self._marks else 0)))
        settled = [mark for mark in self._marks if now - mark[0] >= SETTLE_S]
        if settled:
            self._floor = max(self._floor, settled[-1][1])
            self._marks = [mark for mark in self._marks if now - mark[0] < SETTLE_S]
            self._seen = {event_id for event_id in self._seen if event_id > self._floor}


def _describe(exc: BaseException, url: URL) -> str:
    """The first line of a driver error, with the password blanked should the driver echo it."""
    orig = getattr(exc, "orig", None) or exc
    lines = str(orig).strip().splitlines()
    return hide_secrets(lines[0] if lines else type(orig).__name__, url)
