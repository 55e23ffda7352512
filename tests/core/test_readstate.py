"""Read state is per user: one person's read does not hide another's unread."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from watchlist.core.db import Database
from watchlist.core.models import Event, Film
from watchlist.core.readstate import mark_read, mark_unread, unread_counts

WHEN = datetime(2026, 3, 1, tzinfo=UTC)


@pytest.mark.postgres
def test_read_state_is_per_user(db: Database) -> None:
    with db.session() as session:
        film = Film(title="Good Sex", year=2026, identity_key="good sex|2026")
        session.add(film)
        session.add_all(
            Event(film=film, kind="trailer", fingerprint=str(i), occurred_at=WHEN) for i in range(3)
        )
        session.flush()
        film_id = film.id
        event_ids = [e.id for e in film.events]
    with db.session() as session:
        mark_read(session, event_ids[:2], "alice")
    with db.session() as session:
        assert unread_counts(session, "alice") == {film_id: 1}
        assert unread_counts(session, "bob") == {film_id: 3}
        mark_unread(session, event_ids[:1], "alice")
    with db.session() as session:
        assert unread_counts(session, "alice") == {film_id: 2}
