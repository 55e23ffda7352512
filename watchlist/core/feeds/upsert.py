"""Conflict-safe inserts on SQLite and PostgreSQL (two desktops may poll one team database)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_if_absent(
    session: Session, table: Table, values: dict[str, Any], conflict_columns: Sequence[str]
) -> bool:
    """Insert one row unless it clashes on ``conflict_columns``; True when it was inserted."""
    dialect = session.get_bind().dialect.name
    module = postgresql if dialect == "postgresql" else sqlite
    # RETURNING rather than rowcount: psycopg reports -1 for a conflict-ignoring insert.
    statement = (
        module.insert(table)
        .values(**values)
        .on_conflict_do_nothing(index_elements=list(conflict_columns))
        .returning(*table.primary_key.columns)
    )
    return session.execute(statement).first() is not None
