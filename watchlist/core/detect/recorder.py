"""Turns stored, unprocessed articles into events: the step after every poll.

``process_pending_articles`` is the contract the poll pipeline relies on. It builds the
matcher once for the current films (followed and discovered) and keeps it until the films
or the keyword rules change, reads unprocessed articles in batches, and stores each batch's
events and marks its articles processed in one transaction, so an interrupted run resumes
where it stopped and never records an article twice.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.detect.extract import ArticleText, Detection, Detector, KeywordRule
from watchlist.core.detect.keywords import load_keyword_rules
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile
from watchlist.core.detect.store import EventStore
from watchlist.core.models import Article, Film, FilmAlias, FilmPerson, utcnow

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class _CachedDetector:
    signature: str
    detector: Detector


_cache: dict[str, _CachedDetector] = {}
_cache_lock = threading.Lock()


def load_profiles(session: Session) -> list[FilmProfile]:
    """Every film (followed and discovered) as detection sees it, in three queries."""
    aliases: dict[int, list[str]] = defaultdict(list)
    for film_id, title in session.execute(
        select(FilmAlias.film_id, FilmAlias.title).order_by(FilmAlias.id)
    ):
        aliases[film_id].append(title)
    people: dict[int, list[str]] = defaultdict(list)
    for film_id, name in session.execute(
        select(FilmPerson.film_id, FilmPerson.name).order_by(
            FilmPerson.film_id, FilmPerson.position
        )
    ):
        people[film_id].append(name)
    return [
        FilmProfile(
            key=film_id,
            title=title,
            year=year,
            aliases=tuple(aliases.get(film_id, ())),
            people=tuple(people.get(film_id, ())),
            followed=followed,
        )
        for film_id, title, year, followed in session.execute(
            select(Film.id, Film.title, Film.year, Film.followed).order_by(Film.id)
        )
    ]


def _signature(profiles: Sequence[FilmProfile], rules: Sequence[KeywordRule]) -> str:
    digest = hashlib.sha256()
    for profile in profiles:
        digest.update(repr(profile).encode())
    for rule in rules:
        digest.update(repr(rule).encode())
    return digest.hexdigest()


def detector_for(db: Database, session: Session) -> Detector:
    """The detector for the database's current films, rebuilt only when they changed."""
    profiles = load_profiles(session)
    rules = load_keyword_rules()
    signature = _signature(profiles, rules)
    key = str(db.engine.url)
    with _cache_lock:
        cached = _cache.get(key)
        if cached is None or cached.signature != signature:
            cached = _CachedDetector(
                signature, Detector(FilmMatcher(profiles), keywords=rules, discover=True)
            )
            _cache[key] = cached
        return cached.detector


def article_text(article: Article) -> ArticleText:
    """What detection reads of a stored article."""
    return ArticleText(
        id=str(article.id),
        title=article.title or "",
        summary=article.summary or "",
        link=article.link,
        published=article.published_at,
        source=article.source or "",
    )


def process_pending_articles(db: Database, *, batch_size: int = 500) -> list[StatusChange]:
    """Run detection over every article not yet processed; return the new status changes.

    A change is an event seen for the first time; the same news from another outlet only
    links its article to the existing event.
    """
    batch_size = max(1, batch_size)
    changes: list[StatusChange] = []
    last_id = 0
    while True:
        with db.session() as session:
            articles = list(
                session.scalars(
                    select(Article)
                    .where(Article.processed_at.is_(None), Article.id > last_id)
                    .order_by(Article.id)
                    .limit(batch_size)
                )
            )
            if not articles:
                break
            # After the check: a poll where every feed answered 304 reads no films at all.
            detector = detector_for(db, session)
            last_id = articles[-1].id
            changes.extend(_process_batch(session, detector, articles))
    if changes:
        log.info("Detection found %d new events", len(changes))
    return changes


def _process_batch(
    session: Session, detector: Detector, articles: Sequence[Article]
) -> list[StatusChange]:
    found: list[tuple[Article, Detection]] = []
    for article in articles:
        try:
            detections = detector.detect(article_text(article))
        except Exception:
            # One malformed article must not block every later one; it is marked processed.
            log.exception("Detection failed on article %s; skipping it", article.id)
            detections = []
        found.extend((article, d) for d in detections)
    store = EventStore(session)
    store.prepare(
        film_ids=(d.film.key for _a, d in found if d.film.key >= 0),
        discovered_titles=(d.film.title for _a, d in found if d.film.key < 0),
        article_ids=(a.id for a in articles),
    )
    # Oldest news first, so a later date is recorded as a change of an earlier one.
    found.sort(key=lambda pair: (pair[0].published_at, pair[0].id))
    for article, detection in found:
        store.record(detection, article)
    store.finish()
    now = utcnow()
    for article in articles:
        article.processed_at = now
    return store.changes
