"""Argument parsing and dispatch for ``watchlist``; errors become one sentence and an exit code."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from types import ModuleType

from watchlist import __version__
from watchlist.cli import (
    backup,
    desktop,
    detect,
    events,
    feeds,
    films,
    poll,
    serve,
    team,
    transfer,
)
from watchlist.cli.context import CliContext
from watchlist.core.errors import WatchlistError
from watchlist.logs import configure_logging
from watchlist.paths import app_paths, resolve_database_url

log = logging.getLogger(__name__)

Handler = Callable[[CliContext, argparse.Namespace], int]
VERB_MODULES: tuple[ModuleType, ...] = (
    films,
    feeds,
    poll,
    events,
    transfer,
    detect,
    serve,
    team,
    backup,
    desktop,
)


def build_parser() -> argparse.ArgumentParser:
    """The full ``watchlist`` argument parser."""
    parser = argparse.ArgumentParser(
        prog="watchlist",
        description="Follow films and hear the moment a deal, a date or a trailer breaks. "
        "With no command, the desktop app starts.",
    )
    parser.add_argument("--version", action="version", version=f"watchlist {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="database URL (any SQLAlchemy URL; default: a SQLite file in the user data "
        "folder; the WATCHLIST_DB environment variable does the same)",
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="log details, show tracebacks on errors"
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="start the window on a temporary database with sample films and bundled feeds",
    )
    # Hidden: the packaging smoke test starts the window and quits cleanly after SECONDS.
    parser.add_argument("--quit-after", type=float, metavar="SECONDS", help=argparse.SUPPRESS)
    subparsers = parser.add_subparsers(dest="verb", metavar="COMMAND")
    for module in VERB_MODULES:
        module.register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI (or the window when no verb is given) and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    paths = app_paths()
    warning = configure_logging(verbose=args.verbose, log_file=paths.log_file)
    if warning:
        print(warning, file=sys.stderr)
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from watchlist.ui.app import run_gui  # Qt is only imported for the window

            quit_after_ms = None if args.quit_after is None else round(args.quit_after * 1000)
            return run_gui(
                db_url=resolve_database_url(args.db), demo=args.demo, quit_after_ms=quit_after_ms
            )
        ctx = CliContext(db_url=resolve_database_url(args.db), verbose=args.verbose)
        try:
            return handler(ctx, args)
        finally:
            ctx.close()
    except WatchlistError as exc:
        log.debug("Command failed", exc_info=True)
        print(f"watchlist: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("watchlist: interrupted.", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:
        log.exception("Unexpected error")
        if args.verbose:
            raise
        print(
            f"watchlist: unexpected error ({type(exc).__name__}: {exc}); "
            f"details are in {paths.log_file}. Run with --verbose to see the traceback.",
            file=sys.stderr,
        )
        return 1
