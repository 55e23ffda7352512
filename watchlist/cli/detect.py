"""``watchlist detect``: run the detector over an archive of articles, no database involved."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from watchlist.cli.context import CliContext
from watchlist.core.detect.archive import detection_to_json, iter_articles_jsonl, load_films_csv
from watchlist.core.detect.extract import Detector
from watchlist.core.detect.keywords import load_keyword_rules
from watchlist.core.detect.matcher import FilmMatcher
from watchlist.core.errors import UsageError


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the detect verb."""
    detect = subparsers.add_parser(
        "detect",
        help="find events in an archive of articles (JSON lines) for the films in a CSV file",
        description="Prints one JSON line per event found; an article with no event prints "
        "nothing. No database is read or written.",
    )
    detect.add_argument(
        "--films",
        required=True,
        type=Path,
        metavar="FILMS.csv",
        help='films to look for: columns title,year,people,aliases (lists separated by ";")',
    )
    detect.add_argument(
        "articles",
        metavar="ARTICLES.jsonl",
        help='one JSON object per line with "id", "title", "summary", "link", "published" '
        '("-" reads standard input)',
    )
    detect.add_argument(
        "--discover",
        action="store_true",
        help='also report deals and dates of films not in FILMS.csv, marked "followed": false',
    )
    detect.set_defaults(handler=detect_command)


def detect_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Print the events found in ARTICLES.jsonl."""
    films = load_films_csv(args.films)
    detector = Detector(FilmMatcher(films), keywords=load_keyword_rules(), discover=args.discover)
    if args.articles == "-":
        skipped = _run(ctx, detector, sys.stdin, "standard input")
    else:
        path = Path(args.articles)
        try:
            with path.open(encoding="utf-8-sig") as stream:
                skipped = _run(ctx, detector, stream, path.name)
        except OSError as exc:
            raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from None
        except UnicodeDecodeError:
            raise UsageError(f"{path} is not UTF-8 text.") from None
    if skipped:
        raise UsageError(
            f"{skipped} line{'s' if skipped != 1 else ''} of {args.articles} could not be read "
            f"and {'were' if skipped != 1 else 'was'} skipped (see above); "
            "the other lines were processed."
        )
    return 0


def _run(ctx: CliContext, detector: Detector, stream: Any, name: str) -> int:
    """Print the events of every readable line; the number of lines skipped."""
    skipped = 0

    def report(message: str) -> None:
        nonlocal skipped
        skipped += 1
        ctx.err.write(f"watchlist: {message} Skipped.\n")

    # An item without a readable date is read as today's news, as a poll would store it, so
    # "March 5" still resolves to a year.
    articles = iter_articles_jsonl(
        stream, name=name, on_bad_line=report, default_published=datetime.now(UTC)
    )
    for article, _raw in articles:
        for detection in detector.detect(article):
            ctx.print(json.dumps(detection_to_json(detection), ensure_ascii=False, sort_keys=True))
    return skipped
