"""Export and import: the watchlist and timelines as CSV, release dates as iCalendar, and
imports from Watchlist, Letterboxd and IMDb CSV files (see docs/file-formats.md)."""

from __future__ import annotations

from watchlist.core.transfer.events_csv import EVENT_COLUMNS, export_events_csv
from watchlist.core.transfer.files import (
    ExportFileError,
    ExportKind,
    export_file,
    export_to_stream,
    write_export,
)
from watchlist.core.transfer.films_csv import FILM_COLUMNS, export_csv
from watchlist.core.transfer.ics import export_ics
from watchlist.core.transfer.importing import (
    ImportCandidate,
    ImportConflictError,
    ImportPreview,
    ImportResult,
    apply_import,
    preview_import,
)
from watchlist.core.transfer.reading import ImportFileError, ImportFormat, ImportRow, InvalidRow

__all__ = [
    "EVENT_COLUMNS",
    "FILM_COLUMNS",
    "ExportFileError",
    "ExportKind",
    "ImportCandidate",
    "ImportConflictError",
    "ImportFileError",
    "ImportFormat",
    "ImportPreview",
    "ImportResult",
    "ImportRow",
    "InvalidRow",
    "apply_import",
    "export_csv",
    "export_events_csv",
    "export_file",
    "export_ics",
    "export_to_stream",
    "preview_import",
    "write_export",
]
