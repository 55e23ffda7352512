"""Rolling backups of the SQLite database, restore, and recovery from a corrupt file.

Nothing here ever deletes a user's database: a damaged or replaced file is moved aside.
"""

from __future__ import annotations

import logging
import re
import shutil
import sqlite3
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from watchlist.core.errors import DatabaseError

log = logging.getLogger(__name__)

BACKUP_NAME = re.compile(r"^watchlist-(\d{4}-\d{2}-\d{2})\.sqlite3$")
DEFAULT_KEEP_DAYS = 7
SIDECARS = ("-wal", "-shm", "-journal")


class CorruptDatabaseError(DatabaseError):
    """The database file is damaged or is not a database at all."""

    def __init__(self, path: Path, detail: str) -> None:
        super().__init__(
            f"The database {path} is damaged ({detail}). It was left as it is; "
            "'watchlist restore' puts back the latest backup and keeps the damaged file aside."
        )
        self.path = path


@dataclass(frozen=True)
class Backup:
    """One daily backup file."""

    path: Path
    day: date

    @property
    def label(self) -> str:
        """How the backup is shown to a user."""
        return f"{self.day.isoformat()} ({self.path.stat().st_size / 1e6:.1f} MB)"


def check_database_file(path: Path) -> None:
    """Raise CorruptDatabaseError unless ``path`` is a missing file or a healthy database."""
    if not path.exists() or path.stat().st_size == 0:
        return
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            result = connection.execute("PRAGMA quick_check").fetchone()
        finally:
            connection.close()
    except sqlite3.DatabaseError as exc:
        raise CorruptDatabaseError(path, str(exc)) from None
    if not result or result[0] != "ok":
        raise CorruptDatabaseError(path, f"integrity check: {result[0] if result else 'failed'}")


def move_aside(path: Path, reason: str, *, now: datetime | None = None) -> Path:
    """Rename ``path`` and its WAL/SHM files to ``<name>.<reason>-<time>``; return the new path."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    counter = 1
    while target.exists():
        target = path.with_name(f"{path.name}.{reason}-{stamp}-{counter}")
        counter += 1
    path.rename(target)
    for suffix in SIDECARS:
        sidecar = path.with_name(path.name + suffix)
        if sidecar.exists():
            sidecar.rename(target.with_name(target.name + suffix))
    log.warning("Moved %s aside to %s (%s)", path, target, reason)
    return target


def list_backups(backup_dir: Path) -> list[Backup]:
    """Backups in ``backup_dir``, newest first."""
    if not backup_dir.is_dir():
        return []
    found = []
    for entry in backup_dir.iterdir():
        match = BACKUP_NAME.match(entry.name)
        if match:
            found.append(Backup(entry, date.fromisoformat(match.group(1))))
    return sorted(found, key=lambda b: b.day, reverse=True)


def backup_database(
    db_path: Path,
    backup_dir: Path,
    *,
    keep_days: int = DEFAULT_KEEP_DAYS,
    today: date | None = None,
) -> Path | None:
    """Write today's backup with SQLite's online backup API, once a day; prune old ones.

    Returns the new backup, or None when today's already exists or there is nothing to back up.
    """
    today = today or datetime.now(UTC).date()
    if not db_path.exists():
        return None
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = backup_dir / f"watchlist-{today.isoformat()}.sqlite3"
    written: Path | None = None
    if not target.exists():
        partial = target.with_suffix(".partial")
        source = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
        destination = sqlite3.connect(partial)
        try:
            source.backup(destination)
        finally:
            destination.close()
            source.close()
        # Renamed only once complete, so a crash never leaves a half backup that looks whole.
        partial.replace(target)
        written = target
        log.info("Backed up the database to %s", target)
    cutoff = today - timedelta(days=keep_days - 1)
    for backup in list_backups(backup_dir):
        if backup.day < cutoff:
            backup.path.unlink()
    return written


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace the database with ``backup``; the current file is moved aside, not deleted.

    Returns where the replaced database went (None when there was none).
    """
    check_database_file(backup)
    moved = move_aside(db_path, "replaced") if db_path.exists() else None
    staging = db_path.with_name(db_path.name + ".restoring")
    shutil.copyfile(backup, staging)
    staging.replace(db_path)
    log.info("Restored %s from %s", db_path, backup)
    return moved
