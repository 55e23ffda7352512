"""Alembic environment: runs migrations on the engine handed in by watchlist.core.db."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from watchlist.core.models import Base

engine = context.config.attributes.get("engine")
if not isinstance(engine, Engine):
    raise RuntimeError("Run migrations through watchlist.core.db.upgrade_schema")

with engine.begin() as connection:
    context.configure(
        connection=connection,
        target_metadata=Base.metadata,
        render_as_batch=True,  # SQLite alters tables by copying them
        compare_type=True,
    )
    context.run_migrations()
