"""``watchlist export | import``: CSV and iCalendar out, Watchlist/Letterboxd/IMDb CSV in."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from watchlist.cli.context import CliContext
from watchlist.core.errors import NotFoundError, UsageError
from watchlist.core.films import find_film
from watchlist.core.transfer import (
    ExportKind,
    ImportPreview,
    apply_import,
    export_file,
    export_to_stream,
    preview_import,
)


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the export and import verbs."""
    export = subparsers.add_parser(
        "export",
        help="write the watchlist (CSV), timelines (CSV) or release dates (iCalendar)",
        description="Write one export; PATH '-' writes to standard output.",
    )
    what = export.add_mutually_exclusive_group(required=True)
    what.add_argument("--csv", metavar="PATH", help="the followed films, one row each")
    what.add_argument("--events", metavar="PATH", help="the event timelines, one row per event")
    what.add_argument("--ics", metavar="PATH", help="release dates as all-day calendar events")
    export.add_argument(
        "--excel", action="store_true", help="start the CSV with a BOM so Excel reads it as UTF-8"
    )
    export.add_argument(
        "--film",
        metavar="TITLE",
        action="append",
        default=[],
        help='only this film\'s timeline with --events (repeatable; "Title (2026)" picks a year)',
    )
    export.set_defaults(handler=export_command)

    importing = subparsers.add_parser(
        "import",
        help="follow the films in a Watchlist, Letterboxd or IMDb CSV",
        description="Import a CSV: Watchlist's own export, a Letterboxd watchlist export "
        "(the ZIP or its watchlist.csv) or an IMDb list, watchlist or ratings export. "
        "Nothing is written unless every row was read; invalid rows are listed and skipped.",
    )
    importing.add_argument("path", type=Path)
    importing.add_argument(
        "--dry-run", action="store_true", help="show what would be imported, write nothing"
    )
    importing.set_defaults(handler=import_command)


def _film_ids(session: Session, titles: list[str]) -> list[int]:
    ids: list[int] = []
    for text in titles:
        title, year = _title_and_year(text)
        film = find_film(session, title, year)
        if film is None:
            raise NotFoundError(f"No film called '{text}' is in the watchlist or the news.")
        ids.append(film.id)
    return ids


def _title_and_year(text: str) -> tuple[str, int | None]:
    """ "Good Sex (2026)" -> ("Good Sex", 2026); a title without a year is returned as is."""
    stripped = text.strip()
    if stripped.endswith(")") and "(" in stripped:
        title, _, year = stripped[:-1].rpartition("(")
        if year.strip().isdigit() and title.strip():
            return title.strip(), int(year)
    return stripped, None


def export_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Write the requested export to a file or standard output."""
    if args.excel and not args.csv:
        raise UsageError("--excel only applies to --csv.")
    if args.film and not args.events:
        raise UsageError("--film only applies to --events.")
    # argparse makes exactly one of --csv, --events and --ics present.
    targets = {ExportKind.CSV: args.csv, ExportKind.EVENTS: args.events, ExportKind.ICS: args.ics}
    kind, target = next((kind, target) for kind, target in targets.items() if target)
    film_ids = None
    if args.film:
        with ctx.db.session() as session:
            film_ids = _film_ids(session, args.film)
    if target == "-":
        with ctx.db.session() as session:
            export_to_stream(session, kind, ctx.out, excel=args.excel, film_ids=film_ids)
        return 0
    count = export_file(ctx.db, Path(target), kind, excel=args.excel, film_ids=film_ids)
    ctx.print(f"Wrote {count} {kind.noun}{'' if count == 1 else 's'} to {target}.")
    return 0


def _print_preview(ctx: CliContext, preview: ImportPreview) -> None:
    ctx.print(f"{preview.path.name}: {preview.format.label}. {preview.summary()}")
    if preview.notice:
        ctx.print(preview.notice)
    discovered = preview.discovered_count
    if discovered:
        ctx.print(f"{discovered} of the new films are already in the news; their timelines stay.")
    for invalid in preview.invalid:
        ctx.print(f"  {invalid}")


def import_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Preview an import, and apply it unless --dry-run."""
    with ctx.db.session() as session:
        preview = preview_import(session, args.path)
        _print_preview(ctx, preview)
        if args.dry_run:
            ctx.print("Dry run: nothing was imported.")
            return 0
        result = apply_import(session, preview)
    ctx.print(result.summary())
    return 0
