"""``watchlist backup`` and ``watchlist restore``: the rolling backups of a SQLite watchlist."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from watchlist.cli.context import CliContext
from watchlist.core.backup import (
    backup_database,
    check_database_file,
    list_backups,
    restore_backup,
)
from watchlist.core.db import parse_database_url
from watchlist.core.errors import NotFoundError, UsageError
from watchlist.paths import app_paths


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the backup and restore verbs."""
    backup = subparsers.add_parser("backup", help="back up the database now (SQLite)")
    backup.add_argument("--list", action="store_true", help="list the backups instead")
    backup.set_defaults(handler=backup_command)
    restore = subparsers.add_parser(
        "restore", help="replace the database with a backup (the current file is kept aside)"
    )
    restore.add_argument("backup", nargs="?", help="backup file (default: the latest)")
    restore.set_defaults(handler=restore_command)


def _sqlite_file(ctx: CliContext) -> Path:
    url = parse_database_url(ctx.db_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        raise UsageError(
            "Backups here are for the embedded SQLite database; back up a server database "
            "with its own tools (pg_dump)."
        )
    return Path(url.database).expanduser().resolve()


def backup_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Write today's backup, or list the backups."""
    path = _sqlite_file(ctx)
    backup_dir = app_paths().backup_dir
    if args.list:
        backups = list_backups(backup_dir)
        if not backups:
            ctx.print(f"No backups yet in {backup_dir}.")
        for backup in backups:
            ctx.print(f"{backup.path}  {backup.label}")
        return 0
    check_database_file(path)
    written = backup_database(path, backup_dir)
    ctx.print(f"Backed up to {written}." if written else "Today's backup already exists.")
    return 0


def restore_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Restore a backup over the database."""
    path = _sqlite_file(ctx)
    if args.backup:
        source = Path(args.backup)
        if not source.is_file():
            raise NotFoundError(f"There is no backup file {source}.")
    else:
        backups = list_backups(app_paths().backup_dir)
        if not backups:
            raise NotFoundError(f"There are no backups in {app_paths().backup_dir}.")
        source = backups[0].path
    moved = restore_backup(source, path)
    ctx.print(f"Restored {path} from {source}.")
    if moved:
        ctx.print(f"The previous database was kept as {moved}.")
    return 0
