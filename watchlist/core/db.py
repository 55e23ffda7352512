"""The one place that opens databases and sessions, and keeps the schema migrated."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import (
    ArgumentError,
    NoSuchModuleError,
    SQLAlchemyError,
)
from sqlalchemy.exc import DatabaseError as SQLAlchemyDatabaseError
from sqlalchemy.orm import Session, sessionmaker

from watchlist.core.backup import CorruptDatabaseError
from watchlist.core.errors import DatabaseError, SchemaTooNewError, UsageError

log = logging.getLogger(__name__)

MIGRATIONS_LOCATION = "watchlist.core:migrations"
SQLITE_BUSY_TIMEOUT_MS = 10_000
_SECRET_QUERY = re.compile(r"\b((?:ssl)?password)=[^&]*", re.IGNORECASE)


def redact_url(url: str | URL) -> str:
    """The URL with any password hidden, safe for logs and messages."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return "<unparseable URL>"
    # libpq also takes the password as a query parameter (?password=...).
    return _SECRET_QUERY.sub(r"\1=***", parsed.render_as_string(hide_password=True))


def hide_secrets(text: str, url: str | URL) -> str:
    """``text`` with the URL's password blanked, for driver errors that might echo it."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return text
    for key in ("password", "sslpassword"):
        value = parsed.query.get(key)
        if isinstance(value, str) and value:
            text = text.replace(value, "***")
    return text.replace(parsed.password, "***") if parsed.password else text


def parse_database_url(url: str) -> URL:
    """Parse a SQLAlchemy URL, or raise UsageError with a sentence saying what is wrong."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise UsageError(
            "The database setting is not a database URL; expected something like "
            "sqlite:////path/to/watchlist.sqlite3 or postgresql+psycopg://host/dbname."
        ) from None
    try:
        parsed.get_dialect()
    except NoSuchModuleError:
        raise UsageError(
            f"Unknown database type '{parsed.drivername}' in {redact_url(parsed)}; "
            "Watchlist supports sqlite and postgresql+psycopg."
        ) from None
    return parsed


def _set_sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    # WAL lets the window read while the poller writes; foreign keys make cascades real.
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def _ensure_sqlite_parent(url: URL) -> None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return
    parent = Path(database).expanduser().resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise DatabaseError(
            f"Cannot create the data folder {parent}: {exc.strerror or exc}."
        ) from None
    probe = parent / ".watchlist-write-test"
    try:
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DatabaseError(
            f"The data folder {parent} is not writable ({exc.strerror or exc}); "
            "choose another location with --db or WATCHLIST_DB."
        ) from None


def create_db_engine(url: str) -> Engine:
    """Create an engine for ``url`` with the settings Watchlist relies on."""
    parsed = parse_database_url(url)
    if parsed.get_backend_name() == "sqlite":
        _ensure_sqlite_parent(parsed)
        engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _set_sqlite_pragmas)
        return engine
    try:
        return create_engine(parsed, pool_pre_ping=True)
    except ImportError as exc:
        raise UsageError(
            f"The driver for {redact_url(parsed)} is not installed ({exc.name}); for PostgreSQL "
            "install Watchlist with its postgres extra: pip install 'watchlist[postgres]'."
        ) from None


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic configuration pointing at the migrations shipped in the package."""
    config = Config()
    config.set_main_option("script_location", MIGRATIONS_LOCATION)
    if engine is not None:
        config.attributes["engine"] = engine
    return config


def head_revision() -> str:
    """The newest migration this version of Watchlist knows."""
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The migration the database is at, or None for an empty database."""
    with engine.connect() as connection:
        return MigrationContext.configure(connection).get_current_revision()


def upgrade_schema(engine: Engine, revision: str = "head") -> None:
    """Apply migrations up to ``revision``; refuse a database written by a newer version."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(engine)
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise SchemaTooNewError(
                f"The database {redact_url(engine.url)} was written by a newer version of "
                f"Watchlist (schema {current}); it was left untouched. Update Watchlist to open it."
            ) from None
    if current == script.get_current_head() and revision == "head":
        return
    log.info("Migrating %s from %s to %s", redact_url(engine.url), current or "empty", revision)
    command.upgrade(alembic_config(engine), revision)


class Database:
    """An open, migrated database: the engine plus the session factory.

    Use ``with db.session() as session:`` for one unit of work; it commits on success and
    rolls back on error.
    """

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @property
    def url(self) -> URL:
        """The engine's URL (render it with ``redact_url`` before showing it)."""
        return self.engine.url

    @property
    def is_sqlite(self) -> bool:
        """True for the embedded SQLite backend."""
        return self.engine.dialect.name == "sqlite"

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file, or None for a server database or an in-memory one."""
        database = self.engine.url.database
        if not self.is_sqlite or not database or database == ":memory:":
            return None
        return Path(database).expanduser().resolve()

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one unit of work, committed when the block ends without error.

        On a storage failure (locked, disk full, read-only) everything is rolled back and a
        DatabaseError says so in words.
        """
        session = self._sessions()
        try:
            yield session
            session.commit()
        except SQLAlchemyDatabaseError as exc:
            session.rollback()
            raise storage_failure(exc, self.sqlite_path) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def dispose(self) -> None:
        """Close every pooled connection."""
        self.engine.dispose()


def open_database(url: str, *, migrate: bool = True) -> Database:
    """Open the database at ``url``, creating and migrating it as needed.

    Raises UsageError for a malformed URL and DatabaseError when it cannot be opened.
    """
    engine = create_db_engine(url)
    try:
        if migrate:
            upgrade_schema(engine)
        else:
            inspect(engine).get_table_names()
    except (SchemaTooNewError, UsageError):
        engine.dispose()
        raise
    except SQLAlchemyDatabaseError as exc:
        engine.dispose()
        database = engine.url.database
        sqlite_path = Path(database) if engine.dialect.name == "sqlite" and database else None
        failure = storage_failure(exc, sqlite_path)
        if isinstance(failure, CorruptDatabaseError):
            raise failure from None
        raise DatabaseError(
            f"Cannot open the database {redact_url(url)}: "
            f"{hide_secrets(_first_line(exc.orig), url)}."
        ) from None
    except SQLAlchemyError as exc:
        engine.dispose()
        raise DatabaseError(
            f"Cannot open the database {redact_url(url)}: {hide_secrets(_first_line(exc), url)}."
        ) from None
    return Database(engine)


# (driver message, what happened, what to do): waiting only helps a lock.
_STORAGE_FAILURES = (
    ("database is locked", "The database is locked by another program", "Try again in a moment"),
    ("database or disk is full", "The disk is full", "Free some space and try again"),
    ("disk i/o error", "The disk reported an input/output error", "Try again in a moment"),
    ("readonly database", "The database is read-only", "Check the permissions of its file"),
    ("unable to open database", "The database file cannot be opened", "Try again in a moment"),
)


def storage_failure(exc: SQLAlchemyDatabaseError, path: Path | None) -> DatabaseError:
    """A DatabaseError in words for a failed write or read; nothing was changed."""
    detail = _first_line(exc.orig).lower()
    if path is not None and ("not a database" in detail or "malformed" in detail):
        return CorruptDatabaseError(path, detail)
    for needle, sentence, advice in _STORAGE_FAILURES:
        if needle in detail:
            return DatabaseError(f"{sentence}; nothing was changed. {advice}.")
    return DatabaseError(f"The database failed ({detail}); nothing was changed.")


def _first_line(exc: object) -> str:
    text = str(exc).strip().splitlines()
    return text[0].rstrip(".") if text else type(exc).__name__
