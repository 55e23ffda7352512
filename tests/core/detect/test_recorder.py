"""From stored articles to events: dedup across outlets, date changes, status, discovery."""

from __future__ import annotations

from contextlib import nullcontext
from datetime import UTC, datetime

import pytest
from sqlalchemy import func, select

from tests.core.feeds.conftest import feed_bytes
from watchlist.core.db import Database
from watchlist.core.detect import events_for_film, recorder
from watchlist.core.detect.recorder import process_pending_articles
from watchlist.core.detect.store import EventStore, derive_status, fingerprint
from watchlist.core.detect.taxonomy import EventKind, FilmStatus
from watchlist.core.feeds.parse_workers import ProcessParser
from watchlist.core.films import FilmSpec, PersonSpec, add_film, find_film
from watchlist.core.models import Article, Event, EventArticle, Film
from watchlist.core.pipeline import _DetectionDuringPoll

# Every test here runs on SQLite and on a throwaway PostgreSQL (tests/pg.py).
pytestmark = pytest.mark.postgres

HEADLINE = (
    "Netflix Lands Lena Dunham's Rom-Com 'Good Sex' Starring Natalie Portman For $55M "
    "After Bidding War At EFM"
)


def _follow_good_sex(db: Database) -> None:
    with db.session() as session:
        add_film(
            session,
            FilmSpec(
                "Good Sex",
                2026,
                [PersonSpec("Lena Dunham", "director"), PersonSpec("Natalie Portman", "cast")],
            ),
        )


def _add_article(db: Database, guid: str, title: str, summary: str = "", day: int = 15) -> None:
    with db.session() as session:
        session.add(
            Article(
                guid=guid,
                link=f"https://example.test/{guid}",
                title=title,
                summary=summary,
                published_at=datetime(2025, 2, day, 12, tzinfo=UTC),
                source="Example",
            )
        )


def test_five_outlets_make_one_event_and_one_change(db: Database) -> None:
    _follow_good_sex(db)
    _add_article(db, "deadline", HEADLINE)
    _add_article(db, "variety", "Netflix Buys Natalie Portman Rom-Com 'Good Sex' In $55M Deal")
    _add_article(db, "thr", "'Good Sex' Sells To Netflix For $55 Million")
    _add_article(db, "indiewire", "Netflix Acquires Lena Dunham's 'Good Sex'")
    _add_article(db, "screen", "Netflix takes Lena Dunham's 'Good Sex' in $55m EFM deal")
    changes = process_pending_articles(db, batch_size=2)
    assert [(c.film_title, c.kind) for c in changes] == [("Good Sex", "deal.acquisition")]
    [change] = changes
    assert change.fields["buyer"] == "Netflix"
    assert change.followed and change.previous is None
    with db.session() as session:
        [event] = session.scalars(select(Event)).all()
        assert len(event.sources) == 5
        film = find_film(session, "Good Sex", 2026)
        assert film is not None
        assert (film.status, film.deal_buyer, film.deal_price_usd) == (
            "acquired",
            "Netflix",
            55_000_000,
        )
        assert film.last_event_kind == "deal.acquisition"
        assert (
            session.scalar(
                select(func.count()).select_from(Article).where(Article.processed_at.is_(None))
            )
            == 0
        )


def test_processing_twice_records_nothing_new(db: Database) -> None:
    _follow_good_sex(db)
    _add_article(db, "a", HEADLINE)
    assert len(process_pending_articles(db)) == 1
    assert process_pending_articles(db) == []


def test_a_new_date_is_a_change_that_says_from_what(db: Database) -> None:
    _follow_good_sex(db)
    _add_article(db, "a", "Netflix Sets 'Good Sex' For March 5, 2027", day=15)
    _add_article(db, "b", "Netflix Sets 'Good Sex' For April 2, 2027", day=20)
    changes = process_pending_articles(db)
    assert [c.kind for c in changes] == ["release.date_announced", "release.date_changed"]
    change = changes[1]
    assert change.fields["old_date"] == "2027-03-05"
    assert change.fields["new_date"] == "2027-04-02"
    assert change.fields["direction"] == "delayed"
    assert change.previous is not None and change.previous["date"] == "2027-03-05"
    with db.session() as session:
        film = find_film(session, "Good Sex", 2026)
        assert film is not None
        assert (film.status, film.release_date, film.release_precision) == (
            "dated",
            "2027-04-02",
            "day",
        )
        timeline = events_for_film(session, film.id)
        assert [e.kind for e in timeline] == ["release.date_announced", "release.date_changed"]


def test_a_more_precise_date_is_not_a_change(db: Database) -> None:
    _follow_good_sex(db)
    _add_article(db, "a", "Netflix Dates 'Good Sex' For March 2027", day=15)
    _add_article(db, "b", "Netflix Sets 'Good Sex' For March 5, 2027", day=20)
    changes = process_pending_articles(db)
    assert [c.kind for c in changes] == ["release.date_announced", "release.date_announced"]


def test_discovered_films_are_stored_unfollowed_and_not_notified(db: Database) -> None:
    _add_article(db, "a", "Neon Acquires 'The Silent Orchard' At Sundance")
    [change] = process_pending_articles(db)
    assert change.film_title == "The Silent Orchard"
    assert change.followed is False
    with db.session() as session:
        film = session.scalars(select(Film)).one()
        assert film.followed is False and film.discovered_at is not None
        assert film.status == "acquired"
        # Following it later keeps its timeline.
        followed = add_film(session, FilmSpec("The Silent Orchard"))
        assert followed.id == film.id
        assert [e.kind for e in events_for_film(session, film.id)] == ["deal.acquisition"]


def test_matcher_is_rebuilt_when_films_change(db: Database) -> None:
    _add_article(db, "a", "Neon Acquires 'Marrowby Lane' For $3M", day=15)
    process_pending_articles(db)
    _follow_good_sex(db)
    _add_article(db, "b", HEADLINE, day=16)
    changes = process_pending_articles(db)
    assert [(c.film_title, c.followed) for c in changes] == [("Good Sex", True)]


def test_an_event_stored_concurrently_is_linked_not_duplicated(db: Database) -> None:
    _follow_good_sex(db)
    _add_article(db, "a", HEADLINE)
    with db.session() as session:
        detector = recorder.detector_for(db, session)
        article = session.scalars(select(Article)).one()
        [detection] = detector.detect(recorder.article_text(article))
        store = EventStore(session)
        store.prepare(film_ids=[detection.film.key], discovered_titles=[], article_ids=[article.id])
        # Another poller stores the same news after this one loaded the timeline.
        with db.session() as other:
            fields = dict(detection.fields)
            other.add(
                Event(
                    film_id=detection.film.key,
                    kind="deal.acquisition",
                    fingerprint=fingerprint("deal.acquisition", fields, article.published_at),
                    fields=fields,
                    occurred_at=article.published_at,
                )
            )
        assert store.record(detection, article) is None
        store.finish()
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(Event)) == 1
        assert session.scalar(select(func.count()).select_from(EventArticle)) == 1


def test_status_only_moves_forward_except_when_pulled() -> None:
    def event(kind: EventKind, day: int, **fields: object) -> Event:
        return Event(
            kind=kind.value, fields=dict(fields), occurred_at=datetime(2025, 1, day, tzinfo=UTC)
        )

    timeline = [
        event(EventKind.PRODUCTION, 1, stage="filming"),
        event(EventKind.DEAL_ACQUISITION, 2, buyer="Neon"),
        event(EventKind.DEAL_TALKS, 3, buyer="A24"),
        event(EventKind.TRAILER, 4),
    ]
    assert derive_status(timeline)[0] is FilmStatus.ACQUIRED
    timeline.append(event(EventKind.RELEASE_DATE_ANNOUNCED, 5, date="2026-03-05"))
    assert derive_status(timeline)[0] is FilmStatus.DATED
    timeline.append(event(EventKind.RELEASE_DATE_CHANGED, 6, direction="pulled"))
    assert derive_status(timeline) == (FilmStatus.UNDATED, datetime(2025, 1, 6, tzinfo=UTC))
    timeline.append(event(EventKind.RELEASE_AVAILABLE, 7, medium="streaming"))
    assert derive_status(timeline)[0] is FilmStatus.AVAILABLE


def test_batches_detected_in_worker_processes_record_the_same_events(db: Database) -> None:
    _follow_good_sex(db)
    _add_article(db, "deadline", HEADLINE)
    _add_article(db, "variety", "Netflix Buys Natalie Portman Rom-Com 'Good Sex' In $55M Deal")
    _add_article(db, "thr", "'Good Sex' Sells To Netflix For $55 Million")
    _add_article(db, "date", "Netflix Sets 'Good Sex' For March 5, 2027", day=16)
    _add_article(db, "discovery", "Neon Acquires 'The Silent Orchard' At Sundance", day=17)
    with ProcessParser(workers=2, inline_bytes=0) as parser:
        parser(feed_bytes("tmz-2018.rss"), {}, "https://example.test/feed.xml")
        in_workers = _DetectionDuringPoll(db, nullcontext(), parser).detect
        changes = process_pending_articles(db, batch_size=4, detect=in_workers)
    assert [(c.film_title, c.kind) for c in changes] == [
        ("Good Sex", "deal.acquisition"),
        ("Good Sex", "release.date_announced"),
        ("The Silent Orchard", "deal.acquisition"),
    ]
    with db.session() as session:
        assert session.scalar(select(func.count()).select_from(EventArticle)) == 5
