"""Exports to a file or stream by kind, written so a failure never leaves half a file behind."""

from __future__ import annotations

import enum
from collections.abc import Callable, Collection
from pathlib import Path
from typing import TextIO, TypeVar

from sqlalchemy.orm import Session

from watchlist.core.db import Database
from watchlist.core.errors import WatchlistError
from watchlist.core.files import write_file_atomically
from watchlist.core.transfer.events_csv import export_events_csv
from watchlist.core.transfer.films_csv import export_csv
from watchlist.core.transfer.ics import export_ics

T = TypeVar("T")


class ExportFileError(WatchlistError):
    """The export file cannot be written (missing folder, no permission, disk full)."""


class ExportKind(enum.StrEnum):
    """What an export contains."""

    CSV = "csv"  # the watchlist, one row per followed film
    EVENTS = "events"  # event timelines, one row per event
    ICS = "ics"  # release dates as an iCalendar file

    @property
    def noun(self) -> str:
        """What the returned count counts: "film", "event", "dated film"."""
        return {ExportKind.CSV: "film", ExportKind.EVENTS: "event", ExportKind.ICS: "dated film"}[
            self
        ]


def export_to_stream(
    session: Session,
    kind: ExportKind,
    out: TextIO,
    *,
    excel: bool = False,
    film_ids: Collection[int] | None = None,
) -> int:
    """Write one export to ``out``; returns how many films or events it holds.

    ``excel`` applies to the watchlist CSV, ``film_ids`` to the events CSV.
    """
    if kind is ExportKind.CSV:
        return export_csv(session, out, excel=excel)
    if kind is ExportKind.EVENTS:
        return export_events_csv(session, out, film_ids)
    return export_ics(session, out)


def write_export(path: Path, write: Callable[[TextIO], T]) -> T:
    """Call ``write`` with a UTF-8 text file (newline="") that replaces ``path`` once complete;
    a failed export leaves any previous file untouched (raises ExportFileError)."""
    return write_file_atomically(path, write, error=ExportFileError)


def export_file(
    db: Database,
    path: Path,
    kind: ExportKind,
    *,
    excel: bool = False,
    film_ids: Collection[int] | None = None,
) -> int:
    """Write one export to ``path`` in its own read session (blocking: for a worker thread).

    Returns the count written; raises ExportFileError when the file cannot be written.
    """
    with db.session() as session:
        return write_export(
            path,
            lambda out: export_to_stream(session, kind, out, excel=excel, film_ids=film_ids),
        )
