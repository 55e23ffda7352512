"""Turns stored, unprocessed articles into events: the step after every poll.

``process_pending_articles`` is the contract the poll pipeline relies on. It reads
unprocessed articles in batches, detects each batch with the matcher for the current films
(followed and discovered; built once per process and kept until the films or the keyword
rules change), then stores the batch's events and marks its articles processed in one
transaction, so an interrupted run resumes where it stopped and never records an article
twice. Detecting touches no database, so the poll can run it in worker processes
(``detect_batch`` with a ``DetectorSnapshot``).
"""

from __future__ import annotations

import hashlib
import logging
import threading
import traceback
from collections import defaultdict
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager, nullcontext
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
class DetectorSnapshot:
    """What a detector is built from: the films and keyword rules, as sent to a worker."""

    signature: str
    profiles: tuple[FilmProfile, ...]
    rules: tuple[KeywordRule, ...]


@dataclass(frozen=True)
class _CachedDetector:
    signature: str
    detector: Detector


# The last detector built: per database for ``detector_for``, under "" for ``detect_batch``
# (which a worker process runs with its own copy of this cache).
_cache: dict[str, _CachedDetector] = {}
_cache_lock = threading.Lock()

# What detecting one article gave: its detections, or the traceback of its failure.
ArticleDetections = tuple[list[Detection], str | None]
DetectBatch = Callable[[DetectorSnapshot, Sequence[ArticleText]], list[ArticleDetections]]


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


def detector_snapshot(session: Session) -> DetectorSnapshot:
    """The database's current films and the keyword rules, with their signature."""
    profiles = tuple(load_profiles(session))
    rules = tuple(load_keyword_rules())
    return DetectorSnapshot(_signature(profiles, rules), profiles, rules)


def _detector(slot: str, snapshot: DetectorSnapshot) -> Detector:
    with _cache_lock:
        cached = _cache.get(slot)
        if cached is None or cached.signature != snapshot.signature:
            matcher = FilmMatcher(snapshot.profiles)
            detector = Detector(matcher, keywords=snapshot.rules, discover=True)
            cached = _CachedDetector(snapshot.signature, detector)
            _cache[slot] = cached
        return cached.detector


def detector_for(db: Database, session: Session) -> Detector:
    """The detector for the database's current films, rebuilt only when they changed."""
    return _detector(str(db.engine.url), detector_snapshot(session))


def detect_batch(
    snapshot: DetectorSnapshot, texts: Sequence[ArticleText]
) -> list[ArticleDetections]:
    """Detection over a batch of articles, in a worker process or this one.

    The detector is built once per process for each version of the films. One malformed
    article must not block every later one: its failure is returned instead.
    """
    detector = _detector("", snapshot)
    results: list[ArticleDetections] = []
    for text in texts:
        try:
            results.append((detector.detect(text), None))
        except Exception:
            results.append(([], traceback.format_exc()))
    return results


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


def process_pending_articles(
    db: Database,
    *,
    batch_size: int = 500,
    writing: AbstractContextManager[object] | None = None,
    full_batches_only: bool = False,
    detect: DetectBatch = detect_batch,
) -> list[StatusChange]:
    """Run detection over every article not yet processed; return the new status changes.

    A change is an event seen for the first time; the same news from another outlet only
    links its article to the existing event. Each batch is read, detected outside any
    transaction, then stored: ``writing`` (the poller's turn to write, see
    ``FeedPoller.writing``) is held only while storing, so detection can run while a poll
    is still storing feeds. ``full_batches_only`` leaves a last partial batch for later.
    ``detect`` runs ``detect_batch`` (the poll passes one that runs it in worker processes).
    """
    batch_size = max(1, batch_size)
    changes: list[StatusChange] = []
    last_id = 0
    while True:
        with db.session() as session:
            ids = list(
                session.scalars(
                    select(Article.id)
                    .where(Article.processed_at.is_(None), Article.id > last_id)
                    .order_by(Article.id)
                    .limit(batch_size)
                )
            )
            if not ids or (full_batches_only and len(ids) < batch_size):
                break
            texts = [
                article_text(article)
                for article in session.scalars(
                    select(Article).where(Article.id.in_(ids)).order_by(Article.id)
                )
            ]
            # After the check: a poll where every feed answered 304 reads no films at all.
            snapshot = detector_snapshot(session)
        last_id = ids[-1]
        found: dict[int, list[Detection]] = {}
        for text, (detections, failure) in zip(texts, detect(snapshot, texts), strict=True):
            if failure is not None:
                # The article is marked processed all the same.
                log.error("Detection failed on article %s; skipping it\n%s", text.id, failure)
            if detections:
                found[int(text.id)] = detections
        with writing or nullcontext(), db.session() as session:
            changes.extend(_store_batch(session, ids, found))
    if changes:
        log.info("Detection found %d new events", len(changes))
    return changes


def _store_batch(
    session: Session, ids: Sequence[int], found: dict[int, list[Detection]]
) -> list[StatusChange]:
    # Read again inside the writing transaction: articles another process finished
    # meanwhile are left alone.
    articles = list(
        session.scalars(
            select(Article)
            .where(Article.id.in_(ids), Article.processed_at.is_(None))
            .order_by(Article.id)
        )
    )
    pairs = [(a, d) for a in articles for d in found.get(a.id, ())]
    store = EventStore(session)
    store.prepare(
        film_ids=(d.film.key for _a, d in pairs if d.film.key >= 0),
        discovered_titles=(d.film.title for _a, d in pairs if d.film.key < 0),
        article_ids=(a.id for a in articles),
    )
    # Oldest news first, so a later date is recorded as a change of an earlier one.
    pairs.sort(key=lambda pair: (pair[0].published_at, pair[0].id))
    for article, detection in pairs:
        store.record(detection, article)
    store.finish()
    now = utcnow()
    for article in articles:
        article.processed_at = now
    return store.changes
