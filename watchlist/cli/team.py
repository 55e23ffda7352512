"""``watchlist db copy --to URL``: move a watchlist into an empty (PostgreSQL) database."""

from __future__ import annotations

import argparse
from typing import Any

from watchlist.cli.context import CliContext
from watchlist.core.team.copy import copy_database

# The order a person reads a summary in; every other table follows in copy order.
_SUMMARY_ORDER = ("films", "feeds", "articles", "events")


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``db`` verb and its ``copy`` command."""
    db = subparsers.add_parser("db", help="database tools for team mode")
    commands = db.add_subparsers(dest="db_command", metavar="COMMAND", required=True)
    copy = commands.add_parser(
        "copy",
        help="copy this watchlist (--db, default the SQLite file) into an empty database",
        description="Copy every row of this watchlist into an empty database (typically a "
        "PostgreSQL team database), in one transaction verified by row counts. The target is "
        "migrated first; a target that already holds data is refused and left untouched.",
    )
    copy.add_argument(
        "--to",
        required=True,
        metavar="URL",
        help="the target, e.g. postgresql+psycopg:///watchlist?service=watchlist (keep the "
        "password in a libpq service or password file rather than in the URL)",
    )
    copy.add_argument("--json", action="store_true", help="one JSON document")
    copy.set_defaults(handler=copy_command)


def copy_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Copy the current database into the target and report the rows copied."""
    report = copy_database(ctx.db, args.to)
    if args.json:
        ctx.print_json({"target": report.target, "rows": report.rows, "total": report.total})
        return 0
    named = [name for name in _SUMMARY_ORDER if name in report.rows]
    parts = [f"{report.rows[name]} {name}" for name in named]
    parts += [f"{count} {name}" for name, count in report.rows.items() if name not in named]
    ctx.print(f"Copied {report.total} rows into {report.target}: {', '.join(parts)}.")
    ctx.print(
        "Point every desktop and `watchlist serve` at it with --db or WATCHLIST_DB; "
        "the SQLite file is unchanged."
    )
    return 0
