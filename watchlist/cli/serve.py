"""``watchlist serve``: the headless poller of a team database (or of one machine's watchlist).

Every cycle claims the feeds that are due (so a second ``serve`` by mistake fetches none of
them twice), polls them, runs detection, and logs one health line to stdout. SIGTERM or SIGINT
stops it cleanly: feeds in flight finish, nothing new starts, exit code 0.
"""

from __future__ import annotations

import argparse
import logging
import signal
import sqlite3
import sys
import threading
import time
from types import FrameType
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from watchlist.cli.context import CliContext
from watchlist.core.backup import backup_database
from watchlist.core.db import Database, hide_secrets, redact_url
from watchlist.core.errors import UsageError, WatchlistError
from watchlist.core.feeds.poller import PollReport
from watchlist.core.feeds.retention import (
    DEFAULT_RETENTION_DAYS,
    MIN_RETENTION_DAYS,
    prune_articles,
)
from watchlist.core.pipeline import PollOutcome, run_poll
from watchlist.logs import LOG_FORMAT
from watchlist.paths import app_paths

log = logging.getLogger("watchlist.serve")

DEFAULT_INTERVAL_MIN = 5.0
MIN_INTERVAL_MIN = 0.1


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the ``serve`` verb."""
    serve = subparsers.add_parser(
        "serve",
        help="poll the feeds headless on a schedule (the team server)",
        description="Poll the feeds on a schedule without a window, logging one health line "
        "per cycle to stdout. Each feed is fetched when its own schedule says it is due; "
        "several serve processes on one database share the work without fetching a feed "
        "twice. SIGTERM or Ctrl+C stops it cleanly.",
    )
    serve.add_argument(
        "--interval",
        type=float,
        default=DEFAULT_INTERVAL_MIN,
        metavar="MIN",
        help=f"minutes between cycles that look for due feeds (default {DEFAULT_INTERVAL_MIN:g})",
    )
    serve.add_argument(
        "--retention-days",
        type=int,
        default=DEFAULT_RETENTION_DAYS,
        metavar="DAYS",
        help="delete articles fetched longer ago than this that are no event's evidence "
        f"(default {DEFAULT_RETENTION_DAYS})",
    )
    serve.add_argument("--once", action="store_true", help="run one cycle, then exit")
    serve.set_defaults(handler=serve_command)


def serve_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Run poll cycles until stopped (or once with ``--once``)."""
    if args.interval < MIN_INTERVAL_MIN:
        raise UsageError(f"--interval must be at least {MIN_INTERVAL_MIN:g} minutes.")
    if args.retention_days < MIN_RETENTION_DAYS:
        raise UsageError(f"--retention-days must be at least {MIN_RETENTION_DAYS}.")
    _log_to_stdout(verbose=ctx.verbose)
    stop = threading.Event()
    stopped_by: list[str] = []

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        stopped_by.append(signal.Signals(signum).name)
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    try:
        db = ctx.db
        log.info(
            "Serving %s: looking for due feeds every %s (%s).",
            redact_url(db.url),
            _minutes(args.interval),
            "one cycle" if args.once else "SIGTERM or Ctrl+C stops",
        )
        cycle = 0
        while not stop.is_set():
            cycle += 1
            backup_daily(db)
            run_cycle(
                db,
                cycle,
                stop,
                retention_days=args.retention_days,
                next_in=None if args.once else _minutes(args.interval),
            )
            if args.once or stop.wait(args.interval * 60):
                break
        reason = f" on {stopped_by[0]}" if stopped_by else ""
        log.info("Stopped%s after %d cycle%s.", reason, cycle, "" if cycle == 1 else "s")
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0


def run_cycle(
    db: Database,
    cycle: int,
    stop: threading.Event,
    *,
    retention_days: int = DEFAULT_RETENTION_DAYS,
    next_in: str | None = None,
) -> PollOutcome | None:
    """Poll the due feeds (claimed by this poller), detect, prune; log the health line.

    Returns None on failure.
    """
    started = time.monotonic()
    try:
        outcome = run_poll(db, due_only=True, cancel=stop)
        with db.session() as session:
            pruned = prune_articles(session, older_than_days=retention_days)
    except (WatchlistError, SQLAlchemyError) as exc:
        # A database restart must not end the service: say so and try again next cycle.
        detail = hide_secrets(str(getattr(exc, "orig", None) or exc).strip(), db.url)
        first = detail.splitlines()[0] if detail else type(exc).__name__
        retry = f"; retrying in {next_in}" if next_in else ""
        log.error("cycle %d failed: %s%s.", cycle, first, retry)
        return None
    for result in outcome.report.results:
        if result.outcome == "error":
            log.warning("%s: %s", result.url, result.error)
    log.info(
        "cycle %d ok: %s in %.1f s%s",
        cycle,
        describe_cycle(outcome.report, len(outcome.changes), pruned),
        time.monotonic() - started,
        f"; next in {next_in}" if next_in else "",
    )
    return outcome


def backup_daily(db: Database) -> None:
    """Today's rolling backup of a SQLite watchlist (written once a day, old ones pruned)."""
    path = db.sqlite_path
    if path is None:
        return
    try:
        backup_database(path, app_paths().backup_dir)
    except (OSError, sqlite3.Error) as exc:
        # Polling matters more than the backup; say so and try again next cycle.
        log.warning("The daily backup failed: %s.", exc)


def describe_cycle(report: PollReport, new_events: int, pruned: int = 0) -> str:
    """The figures of one health line."""
    failed = sum(1 for result in report.results if result.outcome == "error")
    checked = len(report.results)
    parts = [
        f"{checked} feed{'' if checked == 1 else 's'} checked",
        f"{failed} failed",
        f"{report.new_articles} new articles",
        f"{new_events} new events",
    ]
    if pruned:
        parts.append(f"{pruned} old articles pruned")
    if report.cancelled:
        parts.append("cancelled")
    return ", ".join(parts)


def _minutes(value: float) -> str:
    return f"{value:g} minute{'' if value == 1 else 's'}"


def _log_to_stdout(*, verbose: bool) -> None:
    # A service logs to stdout (the journal under systemd); the terminal's warnings-only
    # stderr handler would say everything twice.
    root = logging.getLogger()
    for handler in list(root.handlers):
        if isinstance(handler, logging.StreamHandler) and not isinstance(
            handler, logging.FileHandler
        ):
            root.removeHandler(handler)
    console = logging.StreamHandler(sys.stdout)
    console.setLevel(logging.DEBUG if verbose else logging.INFO)
    console.setFormatter(logging.Formatter(LOG_FORMAT))
    root.addHandler(console)
