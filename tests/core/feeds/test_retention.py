"""Pruning old articles while keeping the evidence of events."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from tests.core.feeds.conftest import NOW
from watchlist.core.db import Database
from watchlist.core.feeds.retention import prune_articles
from watchlist.core.models import Article, Event, EventArticle, Film


def _article(guid: str, age_days: int, *, processed: bool = True) -> Article:
    fetched = NOW - timedelta(days=age_days)
    return Article(
        guid=guid,
        title=guid,
        published_at=fetched,
        fetched_at=fetched,
        processed_at=fetched if processed else None,
    )


@pytest.mark.postgres
def test_old_unlinked_articles_go_evidence_and_pending_stay(db: Database) -> None:
    with db.session() as session:
        film = Film(title="Good Sex", year=2026, identity_key="good sex|2026")
        evidence = _article("evidence", 200)
        session.add_all(
            [
                film,
                evidence,
                _article("old", 100),
                _article("recent", 10),
                _article("pending", 300, processed=False),
            ]
        )
        session.flush()
        event = Event(
            film_id=film.id, kind="deal.acquisition", fingerprint="netflix", occurred_at=NOW
        )
        session.add(event)
        session.flush()
        session.add(EventArticle(event_id=event.id, article_id=evidence.id))

    with db.session() as session:
        assert prune_articles(session, older_than_days=90, now=NOW) == 1
        remaining = set(session.scalars(select(Article.guid)))
    assert remaining == {"evidence", "recent", "pending"}


def test_retention_has_a_floor(db: Database) -> None:
    with db.session() as session:
        session.add(_article("today", 0))
    with db.session() as session:
        assert prune_articles(session, older_than_days=0, now=NOW) == 0
