"""Move a watchlist to a server: copy every row into an empty database, all or nothing.

The target is migrated first (the same migrations as everywhere), then every table is copied
in one transaction, parents before children, ids kept so links and per-user state survive;
row counts are compared inside that transaction, so a copy that does not match is rolled back
and leaves the target empty.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import Connection, Engine, Table, func, inspect, select, text
from sqlalchemy.exc import SQLAlchemyError

from watchlist.core.db import (
    Database,
    create_db_engine,
    hide_secrets,
    redact_url,
    upgrade_schema,
)
from watchlist.core.errors import DatabaseError, UsageError
from watchlist.core.models import Base

log = logging.getLogger(__name__)

BATCH_ROWS = 1000
# Tables the user thinks of, named in the refusal message when the target is not empty.
_PRESENTED_TABLES = ("films", "feeds", "events", "articles")


@dataclass(frozen=True)
class CopyReport:
    """What ``copy_database`` copied: rows per table, in copy order."""

    target: str
    rows: dict[str, int]

    @property
    def total(self) -> int:
        """Rows copied over all tables."""
        return sum(self.rows.values())


def copy_database(source: Database, target_url: str) -> CopyReport:
    """Copy every row of ``source`` into the empty database at ``target_url``.

    Raises UsageError when the target is the source or is not empty (nothing is written), and
    DatabaseError when the target cannot be reached or the copy fails (nothing is kept).
    """
    shown = redact_url(target_url)
    engine = create_db_engine(target_url)
    try:
        if engine.url == source.url:
            raise UsageError(f"The target {shown} is the database being copied; name another.")
        _refuse_foreign_tables(engine, shown)
        upgrade_schema(engine)
        tables = Base.metadata.sorted_tables
        with source.engine.connect() as reader, engine.begin() as writer:
            _refuse_rows(writer, shown)
            rows = {table.name: _copy_table(reader, writer, table) for table in tables}
            if writer.dialect.name == "postgresql":
                _advance_sequences(writer, tables)
            _verify(writer, rows, shown)
    except SQLAlchemyError as exc:
        detail = hide_secrets(str(getattr(exc, "orig", None) or exc).strip(), target_url)
        first = detail.splitlines()[0] if detail else type(exc).__name__
        raise DatabaseError(f"Copying into {shown} failed ({first}); nothing was copied.") from None
    finally:
        engine.dispose()
    log.info("Copied %d rows into %s", sum(rows.values()), shown)
    return CopyReport(target=shown, rows=rows)


def _refuse_foreign_tables(engine: Engine, shown: str) -> None:
    known = {*Base.metadata.tables, "alembic_version"}
    foreign = sorted(set(inspect(engine).get_table_names()) - known)
    if foreign:
        raise UsageError(
            f"The target database {shown} is not empty (it has the tables "
            f"{', '.join(foreign[:5])}); db copy only fills an empty database, so nothing "
            "was copied."
        )


def _refuse_rows(writer: Connection, shown: str) -> None:
    counts = {
        table.name: writer.scalar(select(func.count()).select_from(table)) or 0
        for table in Base.metadata.sorted_tables
    }
    if any(counts.values()):
        held = ", ".join(
            f"{counts[name]} {name}" for name in _PRESENTED_TABLES if counts.get(name)
        ) or ", ".join(f"{count} {name}" for name, count in counts.items() if count)
        raise UsageError(
            f"The target database {shown} already holds a watchlist ({held}); db copy only "
            "fills an empty database, so nothing was copied."
        )


def _copy_table(reader: Connection, writer: Connection, table: Table) -> int:
    copied = 0
    result = reader.execution_options(yield_per=BATCH_ROWS).execute(select(table))
    for batch in result.mappings().partitions():
        writer.execute(table.insert(), [dict(row) for row in batch])
        copied += len(batch)
    return copied


def _advance_sequences(writer: Connection, tables: list[Table]) -> None:
    # Rows came in with their ids, so each id sequence must move past them before new inserts.
    for table in tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        writer.execute(
            text(
                f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "  # noqa: S608
                f"COALESCE((SELECT max(id) FROM {table.name}), 0) + 1, false)"
            )
        )


def _verify(writer: Connection, rows: dict[str, int], shown: str) -> None:
    for table in Base.metadata.sorted_tables:
        stored = writer.scalar(select(func.count()).select_from(table)) or 0
        if stored != rows[table.name]:
            raise DatabaseError(
                f"Copying into {shown} stored {stored} rows of {table.name} instead of "
                f"{rows[table.name]}; nothing was copied."
            )
