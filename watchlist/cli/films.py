"""``watchlist add | list | remove``: the watchlist itself."""

from __future__ import annotations

import argparse
from typing import Any

from watchlist.cli.context import CliContext
from watchlist.core.films import FilmSpec, add_film, format_people, list_films, parse_people
from watchlist.core.films import remove_film as remove_film_from_db
from watchlist.core.models import Film


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the add/list/remove verbs."""
    add = subparsers.add_parser("add", help="follow a film")
    add.add_argument("title")
    add.add_argument("--year", type=int)
    add.add_argument(
        "--people",
        default="",
        help='people separated by ";", a role in parentheses: '
        '"Lena Dunham (director); Natalie Portman (cast)"',
    )
    add.add_argument(
        "--alias", action="append", default=[], help="another or working title (repeatable)"
    )
    add.add_argument("--notes", default="")
    add.set_defaults(handler=add_command)

    listing = subparsers.add_parser("list", help="show the films you follow")
    listing.add_argument("--json", action="store_true", help="one JSON document")
    listing.set_defaults(handler=list_command)

    remove = subparsers.add_parser("remove", help="unfollow a film (its timeline is deleted)")
    remove.add_argument("title")
    remove.add_argument("--year", type=int)
    remove.set_defaults(handler=remove_command)


def add_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Follow a film."""
    spec = FilmSpec(
        title=args.title,
        year=args.year,
        people=parse_people(args.people),
        aliases=list(args.alias),
        notes=args.notes,
    )
    with ctx.db.session() as session:
        film = add_film(session, spec)
        ctx.print(f"Following {film.display_title}.")
    return 0


def film_to_json(film: Film) -> dict[str, Any]:
    """The stable JSON shape of a film in ``list --json``."""
    return {
        "title": film.title,
        "year": film.year,
        "people": [{"name": p.name, "role": p.role} for p in film.people],
        "aliases": [a.title for a in film.aliases],
        "notes": film.notes,
        "muted": film.muted,
        "status": film.status,
        "release_date": film.release_date,
        "release_precision": film.release_precision,
        "release_medium": film.release_medium,
        "release_platform": film.release_platform,
        "deal_buyer": film.deal_buyer,
        "deal_price": film.deal_price_text,
        "last_event_kind": film.last_event_kind,
        "last_event_at": film.last_event_at.isoformat() if film.last_event_at else None,
        "followed_at": film.followed_at.isoformat() if film.followed_at else None,
    }


def list_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Print the watchlist."""
    with ctx.db.session() as session:
        films = list_films(session)
        if args.json:
            ctx.print_json({"films": [film_to_json(f) for f in films]})
            return 0
        if not films:
            ctx.print('You follow no films yet. Add one with: watchlist add "Title" --year 2026')
            return 0
        for film in films:
            people = format_people(film.people)
            status = film.status.replace("_", " ")
            ctx.print(f"{film.display_title}  [{status}]" + (f"  — {people}" if people else ""))
    return 0


def remove_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Unfollow a film."""
    with ctx.db.session() as session:
        film = remove_film_from_db(session, args.title, args.year)
        ctx.print(f"No longer following {film.display_title}.")
    return 0
