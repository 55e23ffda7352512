"""``watchlist db copy --to URL``: a SQLite watchlist moves into an empty PostgreSQL database."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, select, text

from tests.pg import PG_PASSWORD, PostgresCluster
from watchlist.cli.app import main
from watchlist.core.db import Database, open_database
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
from watchlist.paths import app_paths

pytestmark = pytest.mark.postgres

WHEN = datetime(2026, 2, 15, 9, 30, tzinfo=UTC)


def seed(db: Database) -> None:
    with db.session() as session:
        feed = Feed(url="https://deadline.com/feed/", title="Deadline", etag='"abc"')
        for n in range(3):
            film = Film(
                title=f"Film {n}",
                year=2026,
                identity_key=f"film {n}|2026",
                people=[FilmPerson(name="Lena Dunham", role="director")],
                aliases=[FilmAlias(title=f"Working title {n}")],
            )
            article = Article(feed=feed, guid=f"g{n}", title="T", published_at=WHEN)
            event = Event(
                film=film,
                kind="deal.acquisition",
                fingerprint="netflix",
                fields={"buyer": "Netflix", "price_usd": 55_000_000},
                occurred_at=WHEN,
            )
            session.add_all([film, article, event])
            session.flush()
            session.add(EventArticle(event=event, article=article, evidence="Netflix bought it."))
            session.add(EventState(event_id=event.id, user_key="alice", read_at=WHEN))
            session.add(
                NotificationRecord(
                    user_key="alice", summary="acquired", film_id=film.id, event_ids=[event.id]
                )
            )


def dump(url: str) -> dict[str, list[dict[str, Any]]]:
    database = open_database(url, migrate=False)
    try:
        with database.engine.connect() as connection:
            return {
                table.name: [
                    dict(row)
                    for row in connection.execute(
                        select(table).order_by(*table.primary_key.columns)
                    ).mappings()
                ]
                for table in Base.metadata.sorted_tables
            }
    finally:
        database.dispose()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'mine.sqlite3'}"
    database = open_database(url)
    seed(database)
    database.dispose()
    return url


def test_copy_moves_every_row_and_new_rows_follow(
    sqlite_url: str, empty_pg_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "db", "copy", "--to", empty_pg_database_url]) == 0
    out, err = capsys.readouterr()
    assert "Copied 25 rows into postgresql+psycopg://watchlist_test:***@127.0.0.1" in out
    assert "3 films, 1 feeds, 3 articles, 3 events" in out
    assert PG_PASSWORD not in out + err + app_paths().log_file.read_text()
    assert dump(empty_pg_database_url) == dump(sqlite_url)

    copied = open_database(empty_pg_database_url)
    try:
        with copied.session() as session:
            session.add(Film(title="New", identity_key="new|"))
            session.add(Feed(url="https://variety.com/feed/"))
        with copied.session() as session:
            assert session.scalars(select(Film.id).order_by(Film.id)).all() == [1, 2, 3, 4]
    finally:
        copied.dispose()


def test_a_target_that_holds_a_watchlist_is_refused_untouched(
    sqlite_url: str, pg_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    target = open_database(pg_database_url)
    with target.session() as session:
        session.add(Film(title="Theirs", identity_key="theirs|"))
    target.dispose()
    before = dump(pg_database_url)

    assert main(["--db", sqlite_url, "db", "copy", "--to", pg_database_url, "--json"]) == 2
    _, err = capsys.readouterr()
    assert "already holds a watchlist (1 films); db copy only fills an empty database" in err
    assert PG_PASSWORD not in err
    assert dump(pg_database_url) == before


def test_a_target_with_other_tables_is_refused(
    sqlite_url: str, empty_pg_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = create_engine(empty_pg_database_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE invoices (id integer)"))
    engine.dispose()
    assert main(["--db", sqlite_url, "db", "copy", "--to", empty_pg_database_url]) == 2
    _, err = capsys.readouterr()
    assert "is not empty (it has the tables invoices)" in err


def test_a_wrong_password_is_a_sentence_without_the_password(
    sqlite_url: str, pg_cluster: PostgresCluster, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = pg_cluster.url("postgres", password="hunter2-wrong-secret")
    assert main(["--db", sqlite_url, "db", "copy", "--to", wrong]) == 2
    _, err = capsys.readouterr()
    assert err.startswith("watchlist: Copying into postgresql+psycopg://watchlist_test:***@")
    assert "password authentication failed" in err
    assert "hunter2" not in err + app_paths().log_file.read_text()


def test_copy_json_reports_rows_per_table(
    sqlite_url: str, empty_pg_database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--db", sqlite_url, "db", "copy", "--to", empty_pg_database_url, "--json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["rows"]["films"] == 3
    assert document["rows"]["event_states"] == 3
    assert document["total"] == sum(document["rows"].values())
