"""The same Alembic migrations build the schema on PostgreSQL as on SQLite."""

from __future__ import annotations

import sys

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect

from watchlist.core.db import current_revision, head_revision, open_database
from watchlist.core.errors import UsageError
from watchlist.core.models import Base

pytestmark = pytest.mark.postgres


def test_empty_postgresql_database_is_migrated_to_the_models(empty_pg_database_url: str) -> None:
    database = open_database(empty_pg_database_url)
    try:
        assert database.engine.dialect.name == "postgresql"
        assert current_revision(database.engine) == head_revision()
        assert set(Base.metadata.tables) <= set(inspect(database.engine).get_table_names())
        with database.engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        database.dispose()


def test_a_missing_postgresql_driver_is_a_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(UsageError, match=r"pip install 'watchlist\[postgres\]'") as raised:
        open_database("postgresql+psycopg://ann:s3cr3t@127.0.0.1/watchlist")
    assert "s3cr3t" not in str(raised.value)
