"""Turns stored, unprocessed articles into events (interim: marks them processed).

The detection issue replaces the body of ``process_pending_articles``; its signature is the
contract the poll pipeline relies on.
"""

from __future__ import annotations

from sqlalchemy import update

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.models import Article, utcnow


def process_pending_articles(db: Database, *, batch_size: int = 500) -> list[StatusChange]:
    """Run detection over every article not yet processed; return the new status changes."""
    del batch_size
    with db.session() as session:
        session.execute(
            update(Article).where(Article.processed_at.is_(None)).values(processed_at=utcnow())
        )
    return []
