"""Helpers for the export/import tests: films with events and the articles that report them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from watchlist.core.models import Article, Event, EventArticle, Film


def add_event(
    session: Session,
    film: Film,
    kind: str,
    fields: dict[str, Any],
    occurred_at: datetime,
    links: list[str] | None = None,
    evidence: str = "",
) -> Event:
    """Store an event on ``film`` reported by one article per link (first link first)."""
    event = Event(
        film=film,
        kind=kind,
        fingerprint=f"{kind}:{occurred_at.isoformat()}",
        fields=fields,
        evidence=evidence,
        occurred_at=occurred_at,
        first_seen_at=occurred_at,
    )
    session.add(event)
    for position, link in enumerate(links or []):
        article = Article(
            guid=link,
            link=link,
            title="headline",
            source="Deadline",
            published_at=occurred_at,
        )
        session.add(article)
        session.flush()
        linked = datetime(2026, 1, 1, tzinfo=UTC).replace(minute=position)
        session.add(EventArticle(event=event, article=article, linked_at=linked))
    session.flush()
    return event
