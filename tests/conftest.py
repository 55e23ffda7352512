"""Fixtures shared by the whole suite: a fresh database per test, isolated user dirs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from watchlist.core.db import Database, open_database

REPO_ROOT = Path(__file__).resolve().parent.parent
TEST_DATA = Path(__file__).resolve().parent / "data"
SHARED_FEEDS = REPO_ROOT.parent / "shared" / "feeds"

# The throwaway PostgreSQL cluster, and the db_backend parametrisation of tests marked postgres.
pytest_plugins = ["tests.pg"]


@pytest.fixture(autouse=True)
def isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Path:
    """Point every XDG dir at a temp folder so no test touches the real user's data."""
    home = tmp_path_factory.mktemp("home")
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_STATE_HOME"):
        monkeypatch.setenv(name, str(home / name.lower()))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("WATCHLIST_DB", raising=False)
    return home


@pytest.fixture
def db_url(tmp_path: Path, db_backend: str, request: pytest.FixtureRequest) -> str:
    """URL of a new database: SQLite in a temp dir, or a fresh PostgreSQL one (tests.pg)."""
    if db_backend == "postgresql":
        return str(request.getfixturevalue("pg_database_url"))
    return f"sqlite:///{tmp_path / 'watchlist.sqlite3'}"


@pytest.fixture
def db(db_url: str) -> Iterator[Database]:
    """A fresh, fully migrated database."""
    database = open_database(db_url)
    yield database
    database.dispose()
