"""Storage: migrations, the round trip of every table, old and new schemas, bad locations."""

from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, select, text

from tests.conftest import TEST_DATA
from watchlist.core.db import Database, current_revision, head_revision, open_database
from watchlist.core.errors import DatabaseError, SchemaTooNewError, UsageError
from watchlist.core.models import (
    Article,
    Base,
    Event,
    EventArticle,
    EventState,
    Feed,
    Film,
    FilmAlias,
    FilmPerson,
    NotificationRecord,
)

WHEN = datetime(2026, 2, 15, 9, 30, tzinfo=UTC)


@pytest.mark.postgres
def test_new_database_gets_every_migration(db: Database) -> None:
    assert current_revision(db.engine) == head_revision()
    tables = set(inspect(db.engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


@pytest.mark.postgres
def test_models_and_migrations_agree(db: Database) -> None:
    with db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_sqlite_pragmas_are_set(db: Database) -> None:
    with db.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 10_000


@pytest.mark.postgres
def test_every_table_round_trips(db: Database) -> None:
    with db.session() as session:
        film = Film(
            title="Good Sex",
            year=2026,
            identity_key="good sex|2026",
            people=[FilmPerson(name="Lena Dunham", role="director")],
            aliases=[FilmAlias(title="Untitled Dunham Project")],
        )
        feed = Feed(url="https://deadline.com/feed/", title="Deadline", etag='"abc"')
        article = Article(
            feed=feed, guid="g1", link="https://x/1", title="T", summary="S", published_at=WHEN
        )
        event = Event(
            film=film,
            kind="deal.acquisition",
            fingerprint="netflix",
            fields={"buyer": "Netflix", "price_usd": 55_000_000},
            evidence="Netflix bought it.",
            confidence=0.9,
            occurred_at=WHEN,
        )
        session.add_all([film, feed, article, event])
        session.flush()
        session.add(EventArticle(event=event, article=article, evidence="Netflix bought it."))
        session.add(EventState(event_id=event.id, user_key="alice", read_at=WHEN))
        session.add(
            NotificationRecord(
                user_key="alice",
                summary="Good Sex: acquired",
                film_id=film.id,
                event_ids=[event.id],
            )
        )
    with db.session() as session:
        stored = session.scalars(select(Film)).one()
        assert [p.name for p in stored.people] == ["Lena Dunham"]
        assert [a.title for a in stored.aliases] == ["Untitled Dunham Project"]
        stored_event = stored.events[0]
        assert stored_event.fields == {"buyer": "Netflix", "price_usd": 55_000_000}
        assert stored_event.occurred_at == WHEN
        assert stored_event.occurred_at.tzinfo is not None
        assert stored_event.sources[0].article.feed is not None
        assert stored_event.sources[0].article.feed.etag == '"abc"'
        assert session.scalars(select(EventState)).one().read_at == WHEN
        assert session.scalars(select(NotificationRecord)).one().event_ids == [stored_event.id]


@pytest.mark.postgres
def test_deleting_a_film_deletes_its_timeline_but_keeps_articles(db: Database) -> None:
    with db.session() as session:
        film = Film(title="Nope", year=2022, identity_key="nope|2022")
        article = Article(guid="g", title="t", published_at=WHEN)
        event = Event(film=film, kind="trailer", fingerprint="t", occurred_at=WHEN)
        session.add_all([film, article, event])
        session.flush()
        session.add(EventArticle(event=event, article=article))
    with db.session() as session:
        session.delete(session.scalars(select(Film)).one())
    with db.session() as session:
        assert session.scalars(select(Event)).all() == []
        assert len(session.scalars(select(Article)).all()) == 1


def test_older_schema_upgrades_in_place_with_rows_intact(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(TEST_DATA / "schema-0001.sqlite3", path)
    database = open_database(f"sqlite:///{path}")
    try:
        assert current_revision(database.engine) == head_revision()
        with database.session() as session:
            film = session.scalars(select(Film)).one()
            assert film.display_title == "Good Sex (2026)"
            assert [p.name for p in film.people] == ["Lena Dunham", "Natalie Portman"]
            assert film.events[0].fields["buyer"] == "Netflix"
            assert film.events[0].sources[0].article.source == "Deadline"
            session.add(EventState(event_id=film.events[0].id, user_key="me", read_at=WHEN))
    finally:
        database.dispose()


def test_database_from_a_newer_version_is_refused_and_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    open_database(f"sqlite:///{path}").dispose()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    before = path.read_bytes()
    with pytest.raises(SchemaTooNewError, match="newer version of Watchlist"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == before


def test_malformed_url_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="not a database URL"):
        open_database("not a url")
    with pytest.raises(UsageError, match="Unknown database type 'oracle9'"):
        open_database("oracle9://x/y")


def test_not_a_database_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "junk.sqlite3"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError, match="is damaged \\(file is not a database\\)"):
        open_database(f"sqlite:///{path}")
    assert path.read_bytes() == b"this is not sqlite" * 100


def test_data_dir_that_cannot_be_created_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="Cannot create the data folder"):
        open_database(f"sqlite:///{blocker / 'data' / 'w.sqlite3'}")


def test_read_only_data_dir_is_a_clear_error() -> None:
    # /proc/self exists for everyone (root included) and accepts no new files.
    with pytest.raises(DatabaseError, match="is not writable"):
        open_database("sqlite:////proc/self/w.sqlite3")


def test_default_feeds_marker_row_becomes_app_state(tmp_path: Path) -> None:
    from watchlist.core.db import create_db_engine, upgrade_schema
    from watchlist.core.feeds.registry import list_feeds, subscribe_default_feeds
    from watchlist.core.models import AppState

    url = f"sqlite:///{tmp_path / 'marker.sqlite3'}"
    engine = create_db_engine(url)
    upgrade_schema(engine, "0004")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO feeds (url, title, enabled, poll_interval_s, consecutive_failures,"
                " created_at) VALUES ('watchlist:default-feeds-subscribed', '', 0, 1800, 0,"
                " '2026-11-01 00:00:00')"
            )
        )
    engine.dispose()
    database = open_database(url)
    try:
        with database.session() as session:
            assert list_feeds(session) == []
            assert session.get(AppState, "default_feeds_subscribed") is not None
            # The user had removed every default feed: they stay removed.
            assert subscribe_default_feeds(session) == 0
    finally:
        database.dispose()
