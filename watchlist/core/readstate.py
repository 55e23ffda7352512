"""Per-user read state of events: each desktop (and each person on a team database) has its own."""

from __future__ import annotations

import getpass
import os
from collections.abc import Iterable

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session

from watchlist.core.models import Event, EventState, utcnow

ENV_USER = "WATCHLIST_USER"


def current_user_key() -> str:
    """Who is reading: $WATCHLIST_USER, else the login name."""
    explicit = os.environ.get(ENV_USER, "").strip()
    if explicit:
        return explicit
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "local"


def _state(session: Session, event_id: int, user_key: str) -> EventState:
    state = session.get(EventState, (event_id, user_key))
    if state is None:
        state = EventState(event_id=event_id, user_key=user_key)
        session.add(state)
    return state


def mark_read(session: Session, event_ids: Iterable[int], user_key: str) -> None:
    """Mark events as read by ``user_key``."""
    now = utcnow()
    for event_id in event_ids:
        state = _state(session, event_id, user_key)
        state.read_at = state.read_at or now
    session.flush()


def mark_unread(session: Session, event_ids: Iterable[int], user_key: str) -> None:
    """Mark events as unread again for ``user_key``."""
    for event_id in event_ids:
        _state(session, event_id, user_key).read_at = None
    session.flush()


def mark_notified(session: Session, event_ids: Iterable[int], user_key: str) -> None:
    """Record that ``user_key`` has been notified of these events."""
    now = utcnow()
    for event_id in event_ids:
        state = _state(session, event_id, user_key)
        state.notified_at = state.notified_at or now
    session.flush()


def unread_counts(session: Session, user_key: str) -> dict[int, int]:
    """Unread events per film id for ``user_key`` (films with none are absent)."""
    query = (
        select(Event.film_id, func.count(Event.id))
        .outerjoin(
            EventState, and_(EventState.event_id == Event.id, EventState.user_key == user_key)
        )
        .where(EventState.read_at.is_(None))
        .group_by(Event.film_id)
    )
    return {film_id: count for film_id, count in session.execute(query)}
