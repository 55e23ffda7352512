"""Pruning old articles, keeping every article that is the evidence of an event."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, exists, select
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Session

from watchlist.core.models import Article, EventArticle, utcnow

DEFAULT_RETENTION_DAYS = 90
MIN_RETENTION_DAYS = 1


def prune_articles(
    session: Session, older_than_days: int = DEFAULT_RETENTION_DAYS, *, now: datetime | None = None
) -> int:
    """Delete articles fetched more than ``older_than_days`` ago that no event links to.

    Age counts from when Watchlist fetched the article, not its publication date: an old
    item still listed by its feed would otherwise be pruned and fetched again at every poll.
    Articles detection has not seen yet are kept. Returns how many were deleted.
    """
    days = max(MIN_RETENTION_DAYS, older_than_days)
    cutoff = (now or utcnow()) - timedelta(days=days)
    linked = exists(select(EventArticle.article_id).where(EventArticle.article_id == Article.id))
    statement = delete(Article).where(
        Article.fetched_at < cutoff, Article.processed_at.is_not(None), ~linked
    )
    result: CursorResult[tuple[()]] = session.execute(statement)  # type: ignore[assignment]
    return int(result.rowcount or 0)
