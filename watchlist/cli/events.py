"""``watchlist events``: the stored timeline of status changes, newest news last."""

from __future__ import annotations

import argparse
from typing import Any

from watchlist.cli.context import CliContext
from watchlist.core.detect.taxonomy import describe_event, kind_label
from watchlist.core.detect.timeline import events_for_film, list_events
from watchlist.core.errors import NotFoundError
from watchlist.core.films import find_film
from watchlist.core.models import Event, Film


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the events verb."""
    events = subparsers.add_parser(
        "events", help="show the timeline of events (deals, dates, trailers...) of your films"
    )
    events.add_argument("--film", metavar="TITLE", help="only this film's timeline")
    events.add_argument("--year", type=int, help="the film's year, when two share a title")
    events.add_argument(
        "--discovered",
        action="store_true",
        help="also show events of films you do not follow (discovered in the news)",
    )
    events.add_argument("--json", action="store_true", help="one JSON document")
    events.set_defaults(handler=events_command)


def event_to_json(event: Event, film: Film) -> dict[str, Any]:
    """The stable JSON shape of an event in ``events --json``."""
    return {
        "film": film.title,
        "year": film.year,
        "followed": film.followed,
        "kind": event.kind,
        "fields": event.fields,
        "confidence": event.confidence,
        "evidence": event.evidence,
        "occurred_at": event.occurred_at.isoformat(),
        "first_seen_at": event.first_seen_at.isoformat(),
        "sources": [
            {
                "link": source.article.link,
                "title": source.article.title,
                "source": source.article.source,
                "evidence": source.evidence,
            }
            for source in event.sources
        ],
    }


def events_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Print the timeline."""
    with ctx.db.session() as session:
        if args.film:
            film = find_film(session, args.film, args.year)
            if film is None:
                raise NotFoundError(f"There is no film called '{args.film}' in your watchlist.")
            pairs = [(event, film) for event in events_for_film(session, film.id)]
        else:
            pairs = [(e, e.film) for e in list_events(session, include_discovered=args.discovered)]
        if args.json:
            ctx.print_json({"events": [event_to_json(e, f) for e, f in pairs]})
            return 0
        if not pairs:
            ctx.print("No events yet. They appear when the news mentions a film you follow.")
            return 0
        for event, film in pairs:
            summary, body = describe_event(film.title, event.kind, event.fields)
            sources = len(event.sources)
            line = f"{event.occurred_at:%Y-%m-%d}  [{kind_label(event.kind)}]  {summary}"
            if body:
                line += f" ({body})"
            if sources > 1:
                line += f"  [{sources} sources]"
            ctx.print(line)
    return 0
