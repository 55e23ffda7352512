"""Reading timelines back: a film's events in order, with the articles that reported them."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from watchlist.core.models import Event, EventArticle, Film


def events_for_film(session: Session, film_id: int) -> list[Event]:
    """A film's timeline, oldest first, with each event's reporting articles loaded."""
    return list(
        session.scalars(
            select(Event)
            .where(Event.film_id == film_id)
            .options(selectinload(Event.sources).selectinload(EventArticle.article))
            .order_by(Event.occurred_at, Event.id)
        )
    )


def list_events(session: Session, *, include_discovered: bool = False) -> list[Event]:
    """Every event of followed films (and of discovered ones on request), oldest first."""
    query = (
        select(Event)
        .join(Film, Film.id == Event.film_id)
        .options(
            selectinload(Event.film),
            selectinload(Event.sources).selectinload(EventArticle.article),
        )
        .order_by(Event.occurred_at, Event.id)
    )
    if not include_discovered:
        query = query.where(Film.followed.is_(True))
    return list(session.scalars(query))
