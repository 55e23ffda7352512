"""Detection over files, without a database: FILMS.csv and ARTICLES.jsonl.

``watchlist detect`` and the quality benchmark read the same formats:

- FILMS.csv has the columns ``title, year, people, aliases``; people and aliases are
  separated by ";" (a role in parentheses after a name is allowed and ignored for matching).
- Each ARTICLES.jsonl line is an object with ``id``, ``title``, ``summary``, ``link`` and
  ``published`` (ISO 8601, or the RFC 822 form RSS uses). Title and summary may hold HTML, as
  feeds carry them; they are reduced to text the way the feed parser does it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, TextIO

from watchlist.core.detect.extract import ArticleText, Detection
from watchlist.core.detect.matcher import FilmProfile
from watchlist.core.errors import UsageError
from watchlist.core.films import parse_people
from watchlist.core.text import clean_text, fold_whitespace


def read_films_csv(stream: TextIO, *, name: str = "FILMS.csv") -> list[FilmProfile]:
    """Films from a FILMS.csv stream; raises UsageError naming the row that is wrong."""
    reader = csv.DictReader(stream)
    if reader.fieldnames is not None:
        # Spreadsheets write "Title, Year": the header is matched without case or spaces.
        reader.fieldnames = [(f or "").strip().lower() for f in reader.fieldnames]
    if reader.fieldnames is None or "title" not in reader.fieldnames:
        raise UsageError(
            f"{name} has no 'title' column; expected the columns title,year,people,aliases."
        )
    films: list[FilmProfile] = []
    for row_number, row in enumerate(reader, start=2):
        row = {k or "": (v or "") for k, v in row.items()}
        title = fold_whitespace(row.get("title", ""))
        if not title:
            raise UsageError(f"Row {row_number} of {name} has no title.")
        year_text = row.get("year", "").strip()
        year: int | None = None
        if year_text:
            try:
                year = int(year_text)
            except ValueError:
                raise UsageError(
                    f"Row {row_number} of {name} has the year '{year_text}', which is not a number."
                ) from None
        people = tuple(p.name for p in parse_people(row.get("people", "")))
        aliases = tuple(
            a for a in (fold_whitespace(x) for x in row.get("aliases", "").split(";")) if a
        )
        films.append(
            FilmProfile(key=len(films), title=title, year=year, aliases=aliases, people=people)
        )
    return films


def load_films_csv(path: Path) -> list[FilmProfile]:
    """Films from a FILMS.csv file."""
    try:
        with path.open(encoding="utf-8-sig", newline="") as stream:
            return read_films_csv(stream, name=path.name)
    except OSError as exc:
        raise UsageError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    except UnicodeDecodeError:
        raise UsageError(f"{path} is not UTF-8 text.") from None


# Longer texts are cut as the feed parser cuts them: a summary is a lead, not an article.
MAX_TITLE_CHARS = 500
MAX_SUMMARY_CHARS = 4000


def parse_published(value: Any) -> datetime | None:
    """An aware UTC datetime from an ISO 8601 or RFC 822 string, or None when absent or
    unreadable (dates in the text then resolve without a reference day)."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def article_from_json(
    document: Any, *, where: str, default_published: datetime | None = None
) -> ArticleText:
    """An ArticleText from one decoded JSONL object; raises UsageError when it is not one.

    ``default_published`` stands in for a missing or unreadable ``published``.
    """
    if not isinstance(document, dict):
        raise UsageError(f"{where} is not a JSON object.")
    title = document.get("title") or ""
    summary = document.get("summary") or ""
    if not isinstance(title, str) or not isinstance(summary, str):
        raise UsageError(f"{where} has a title or summary that is not text.")
    link = document.get("link")
    return ArticleText(
        id=str(document.get("id", "")),
        title=clean_text(title, MAX_TITLE_CHARS),
        summary=clean_text(summary, MAX_SUMMARY_CHARS),
        link=link if isinstance(link, str) else None,
        published=parse_published(document.get("published")) or default_published,
        source=str(document.get("source", "")),
    )


def iter_articles_jsonl(
    stream: TextIO,
    *,
    name: str = "ARTICLES.jsonl",
    on_bad_line: Callable[[str], None] | None = None,
    default_published: datetime | None = None,
) -> Iterator[tuple[ArticleText, dict[str, Any]]]:
    """(article, raw object) for each non-blank line.

    A malformed line raises UsageError naming it, unless ``on_bad_line`` is given: then that
    message goes to ``on_bad_line`` and the line is skipped, so one broken line in a large
    archive does not cost the rest of it. ``default_published`` is passed to
    article_from_json.
    """
    for line_number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        where = f"Line {line_number} of {name}"
        try:
            try:
                document = json.loads(line)
            except json.JSONDecodeError as exc:
                raise UsageError(f"{where} is not valid JSON ({exc.msg}).") from None
            article = article_from_json(document, where=where, default_published=default_published)
        except UsageError as exc:
            if on_bad_line is None:
                raise
            on_bad_line(str(exc))
            continue
        yield article, document


def detection_to_json(detection: Detection) -> dict[str, Any]:
    """The stable JSON shape of one detected event (``watchlist detect`` output)."""
    return {
        "article_id": detection.article_id,
        "film": detection.film.title,
        "kind": str(detection.kind),
        "fields": detection.fields,
        "confidence": detection.confidence,
        "evidence": detection.evidence,
        "followed": detection.film.followed,
    }
