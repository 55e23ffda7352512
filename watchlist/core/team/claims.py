"""Claims that keep several pollers and desktops on one database from doing a thing twice.

A feed's due poll is claimed by pushing its ``next_poll_at`` forward by a lease, in one short
transaction: on PostgreSQL the due rows are locked with ``FOR UPDATE SKIP LOCKED`` (a second
poller skips them instead of waiting), on SQLite one ``UPDATE ... RETURNING`` takes the
database's write lock, so the second poller sees the feeds as no longer due. The poller then
sets the real next time after fetching; a poller that dies mid-cycle leaves its claimed feeds
to be polled again when the lease runs out.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime, timedelta

from sqlalchemy import and_, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from watchlist.core.db import Database
from watchlist.core.models import EventState, Feed, utcnow

# Longer than any one poll of a feed (timeouts included), short enough to retry soon after a
# poller died.
CLAIM_LEASE = timedelta(minutes=10)


def claim_due_feeds(
    db: Database, *, now: datetime | None = None, lease: timedelta = CLAIM_LEASE
) -> list[int]:
    """Claim every enabled feed that is due, so this poller alone fetches it this cycle.

    Returns the claimed feed ids (sorted). Poll them with ``due_only=False``: the claim has
    moved their ``next_poll_at`` into the future.
    """
    now = now or utcnow()
    due = and_(Feed.enabled.is_(True), or_(Feed.next_poll_at.is_(None), Feed.next_poll_at <= now))
    with db.session() as session:
        if db.is_sqlite:
            claimed = session.scalars(
                update(Feed)
                .where(due)
                .values(next_poll_at=now + lease)
                .returning(Feed.id)
                .execution_options(synchronize_session=False)
            ).all()
        else:
            claimed = session.scalars(
                select(Feed.id).where(due).with_for_update(skip_locked=True)
            ).all()
            if claimed:
                session.execute(
                    update(Feed)
                    .where(Feed.id.in_(claimed))
                    .values(next_poll_at=now + lease)
                    .execution_options(synchronize_session=False)
                )
    return sorted(claimed)


def claim_notifications(
    session: Session, event_ids: Iterable[int], user_key: str, *, now: datetime | None = None
) -> list[int]:
    """Mark events notified for ``user_key`` and return those nobody had notified them of.

    Atomic per event, so two desktops of one person on a team database (a laptop and an office
    machine) cannot both show the same alert: only the ids returned should be notified.
    """
    ids = sorted(set(event_ids))
    if not ids:
        return []
    now = now or utcnow()
    table = EventState.__table__
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    insert = module.insert(table).values(
        [{"event_id": event_id, "user_key": user_key, "notified_at": now} for event_id in ids]
    )
    statement = insert.on_conflict_do_update(
        index_elements=[table.c.event_id, table.c.user_key],
        set_={"notified_at": now},
        where=table.c.notified_at.is_(None),
    ).returning(table.c.event_id)
    return sorted(session.scalars(statement).all())
