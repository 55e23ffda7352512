"""Films' event timelines as CSV: one row per event, with its evidence and first source."""

from __future__ import annotations

import csv
from collections.abc import Collection
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session, contains_eager, selectinload

from watchlist.core.detect.taxonomy import describe_event, kind_label
from watchlist.core.models import Article, Event, EventArticle, Film
from watchlist.core.transfer.cells import format_timestamp, neutralise_cell

# Documented in docs/file-formats.md; new columns go at the end.
EVENT_COLUMNS = (
    "title",
    "year",
    "occurred_at",
    "kind",
    "kind_label",
    "summary",
    "details",
    "evidence",
    "confidence",
    "source",
    "source_link",
    "article_count",
    "first_seen_at",
)


def event_row(event: Event) -> dict[str, str]:
    """One event's cells, neutralised against formula injection."""
    film = event.film
    summary, details = describe_event(film.title, event.kind, event.fields)
    first = event.sources[0].article if event.sources else None
    cells = {
        "title": film.title,
        "year": str(film.year) if film.year is not None else "",
        "occurred_at": format_timestamp(event.occurred_at),
        "kind": event.kind,
        "kind_label": kind_label(event.kind),
        "summary": summary,
        "details": details,
        "evidence": event.evidence,
        "confidence": f"{event.confidence:.2f}",
        "source": (first.source or (first.feed.title if first.feed else "")) if first else "",
        "source_link": (first.link or "") if first else "",
        "article_count": str(len(event.sources)),
        "first_seen_at": format_timestamp(event.first_seen_at),
    }
    return {column: neutralise_cell(value) for column, value in cells.items()}


def export_events_csv(
    session: Session, out: TextIO, film_ids: Collection[int] | None = None
) -> int:
    """Write the timelines of ``film_ids`` (default: every followed film); return the row count.

    Rows are ordered by film, then by when the news happened. Open a file for it with
    ``encoding="utf-8", newline=""``.
    """
    query = (
        select(Event)
        .join(Event.film)
        .options(
            contains_eager(Event.film),
            selectinload(Event.sources)
            .selectinload(EventArticle.article)
            .selectinload(Article.feed),
        )
        .order_by(Film.title, Film.year, Film.id, Event.occurred_at, Event.id)
    )
    if film_ids is None:
        query = query.where(Film.followed.is_(True))
    else:
        query = query.where(Film.id.in_(list(film_ids)))
    writer = csv.DictWriter(out, fieldnames=EVENT_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    count = 0
    for event in session.scalars(query):
        writer.writerow(event_row(event))
        count += 1
    return count
