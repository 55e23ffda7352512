"""The watchlist as CSV: one row per followed film (the columns are a public file format)."""

from __future__ import annotations

import csv
from typing import TextIO

from sqlalchemy.orm import Session

from watchlist.core.detect.taxonomy import kind_label, status_label
from watchlist.core.films import format_people, list_films
from watchlist.core.models import Film
from watchlist.core.transfer.cells import (
    format_date,
    format_timestamp,
    join_aliases,
    neutralise_cell,
)
from watchlist.core.transfer.sources import latest_source_links

# Documented in docs/file-formats.md; readers find columns by name, so new columns go at the end.
FILM_COLUMNS = (
    "title",
    "year",
    "people",
    "aliases",
    "status",
    "release_date",
    "release_precision",
    "medium",
    "platform",
    "buyer",
    "price",
    "territory",
    "last_event_kind",
    "last_event_date",
    "source_link",
    "notes",
    "followed_since",
    "original_title",
)
UTF8_BOM = "\ufeff"


def csv_writer(out: TextIO) -> csv.DictWriter[str]:
    """An RFC 4180 writer (CRLF line ends, quotes only where needed) for ``out``."""
    return csv.DictWriter(out, fieldnames=FILM_COLUMNS, lineterminator="\r\n")


def film_row(film: Film, source_link: str | None) -> dict[str, str]:
    """One film's cells, neutralised against formula injection."""
    cells = {
        "title": film.title,
        "year": str(film.year) if film.year is not None else "",
        "people": format_people(film.people),
        "aliases": join_aliases(alias.title for alias in film.aliases),
        "status": status_label(film.status),
        "release_date": film.release_date or "",
        "release_precision": film.release_precision or "",
        "medium": film.release_medium or "",
        "platform": film.release_platform or "",
        "buyer": film.deal_buyer or "",
        "price": film.deal_price_text or "",
        "territory": film.deal_territory or "",
        "last_event_kind": kind_label(film.last_event_kind) if film.last_event_kind else "",
        "last_event_date": format_date(film.last_event_at),
        "source_link": source_link or "",
        "notes": film.notes,
        "followed_since": format_timestamp(film.followed_at),
        "original_title": film.original_title or "",
    }
    return {column: neutralise_cell(value) for column, value in cells.items()}


def export_csv(session: Session, out: TextIO, *, excel: bool = False) -> int:
    """Write every followed film to ``out`` as CSV; return the number of films written.

    Open a file for it with ``encoding="utf-8", newline=""`` (the writer puts the CRLFs).
    ``excel`` starts the text with a byte order mark, which is how Excel recognises UTF-8.
    """
    if excel:
        out.write(UTF8_BOM)
    writer = csv_writer(out)
    writer.writeheader()
    links = latest_source_links(session)
    films = list_films(session)
    for film in films:
        writer.writerow(film_row(film, links.get(film.id)))
    return len(films)
