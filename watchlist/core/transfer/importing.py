"""Importing a list of films: a preview that writes nothing, then one transaction that applies it.

Merging never duplicates a film: a row is matched on the film's identity (normalised title and
year, as ``add_film`` does); a film already followed is left as it is, a discovered film (one
the news found but the user did not follow) becomes followed and keeps its timeline.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload

from watchlist.core.errors import WatchlistError
from watchlist.core.models import Film, FilmAlias, FilmPerson, utcnow
from watchlist.core.text import normalize_title
from watchlist.core.transfer.reading import (
    ImportFormat,
    ImportRow,
    InvalidRow,
    ParsedFile,
    read_import_file,
)

# Identity keys per IN (...) query: well under every backend's bound-parameter limit.
KEY_CHUNK = 500


class ImportConflictError(WatchlistError):
    """The watchlist changed between the preview and the import."""


@dataclass(frozen=True)
class ImportCandidate:
    """A valid row, and the stored film it matches (None for a film new to the database)."""

    row: ImportRow
    existing_key: str | None = None
    discovered: bool = False  # the match is a film the news found but the user did not follow

    @property
    def target_key(self) -> str:
        """The identity of the film this row imports into."""
        return self.existing_key or self.row.identity_key


@dataclass
class ImportPreview:
    """What an import would do, computed without writing anything."""

    path: Path
    format: ImportFormat
    new: list[ImportCandidate] = field(default_factory=list)
    already_followed: list[ImportCandidate] = field(default_factory=list)
    invalid: list[InvalidRow] = field(default_factory=list)
    notice: str | None = None

    @property
    def discovered_count(self) -> int:
        """How many of the new films are already known from the news (their timeline is kept)."""
        return sum(1 for candidate in self.new if candidate.discovered)

    def summary(self) -> str:
        """One sentence with the counts: "12 new films, 3 already followed, 2 invalid rows."."""
        return (
            f"{_count(len(self.new), 'new film')}, "
            f"{len(self.already_followed)} already followed, "
            f"{_count(len(self.invalid), 'invalid row')}."
        )


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: int
    followed_discovered: int
    already_followed: int
    invalid: int

    def summary(self) -> str:
        """One sentence for the user: "Imported 12 films; 3 were already followed."."""
        parts = [f"Imported {_count(self.added + self.followed_discovered, 'film')}"]
        if self.followed_discovered:
            parts.append(f"{self.followed_discovered} of them already had news")
        if self.already_followed:
            parts.append(f"{self.already_followed} already followed were left as they are")
        if self.invalid:
            parts.append(f"{_count(self.invalid, 'invalid row')} skipped")
        return "; ".join(parts) + "."


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


def _chunks(keys: Sequence[str]) -> Iterator[Sequence[str]]:
    for start in range(0, len(keys), KEY_CHUNK):
        yield keys[start : start + KEY_CHUNK]


def classify_rows(session: Session, parsed: ParsedFile, path: Path) -> ImportPreview:
    """Sort parsed rows into new, already followed and invalid against the stored films.

    Reads the identity of every stored film once (one scan), so the cost does not grow with
    a query per row. A row without a year matches the one stored film of that title, as
    ``find_film`` does, and is invalid when several films share the title.
    """
    preview = ImportPreview(
        path=path, format=parsed.format, invalid=list(parsed.invalid), notice=parsed.notice
    )
    followed_by_key: dict[str, bool] = {}
    keys_by_title: dict[str, list[tuple[str, int | None]]] = defaultdict(list)
    for key, year, followed in session.execute(select(Film.identity_key, Film.year, Film.followed)):
        followed_by_key[key] = followed
        keys_by_title[key.rpartition("|")[0]].append((key, year))
    first_row_of: dict[str, int] = {}
    for row in parsed.rows:
        key = row.identity_key
        if row.spec.year is None and key not in followed_by_key:
            same_title = keys_by_title.get(normalize_title(row.spec.title), [])
            if len(same_title) > 1:
                years = ", ".join(str(year) if year else "no year" for _, year in same_title)
                preview.invalid.append(
                    InvalidRow(
                        row.row_number,
                        f"more than one film is called '{row.spec.title}' ({years}); add the year",
                    )
                )
                continue
            if same_title:
                key = same_title[0][0]
        if key in first_row_of:
            # The same film twice in one file: the first row imports it, the next ones find it.
            preview.already_followed.append(ImportCandidate(row, key))
            continue
        first_row_of[key] = row.row_number
        if key not in followed_by_key:
            preview.new.append(ImportCandidate(row))
        elif followed_by_key[key]:
            preview.already_followed.append(ImportCandidate(row, key))
        else:
            preview.new.append(ImportCandidate(row, key, discovered=True))
    preview.invalid.sort(key=lambda invalid: invalid.row_number)
    return preview


def preview_import(session: Session, path: Path | str) -> ImportPreview:
    """Read ``path`` and say what importing it would do; nothing is written.

    Raises ImportFileError (a WatchlistError) when the file cannot be imported at all.
    """
    path = Path(path)
    return classify_rows(session, read_import_file(path), path)


def _load_films(session: Session, keys: Iterable[str]) -> dict[str, Film]:
    unique = sorted(set(keys))
    films: dict[str, Film] = {}
    for chunk in _chunks(unique):
        query = (
            select(Film)
            .options(selectinload(Film.people), selectinload(Film.aliases))
            .where(Film.identity_key.in_(chunk))
        )
        films.update((film.identity_key, film) for film in session.scalars(query))
    return films


def _follow_discovered(film: Film, row: ImportRow) -> None:
    # What the user typed fills in the discovered film; what the news found is kept.
    spec = row.spec
    film.followed = True
    film.followed_at = row.followed_at or utcnow()
    if spec.people:
        film.people = [
            FilmPerson(name=p.name, role=p.role, position=i) for i, p in enumerate(spec.people)
        ]
    known = {normalize_title(alias.title) for alias in film.aliases}
    known.add(normalize_title(film.title))
    film.aliases.extend(
        FilmAlias(title=alias) for alias in spec.aliases if normalize_title(alias) not in known
    )
    if spec.notes:
        film.notes = spec.notes
    if spec.original_title:
        film.original_title = spec.original_title


def _insert_new_films(session: Session, rows: Sequence[ImportRow]) -> None:
    """Insert films with their people and aliases in a few batched statements.

    Three executemany INSERTs plus one id lookup per 500 films, instead of the round trips
    per film that adding them one by one costs (SQLite cannot batch INSERT ... RETURNING).
    """
    now = utcnow()
    session.execute(
        insert(Film),
        [
            {
                "title": row.spec.title,
                "year": row.spec.year,
                "identity_key": row.identity_key,
                "followed": True,
                "followed_at": row.followed_at or now,
                "notes": row.spec.notes,
                "original_title": row.spec.original_title,
            }
            for row in rows
        ],
    )
    ids: dict[str, int] = {}
    for chunk in _chunks([row.identity_key for row in rows]):
        ids.update(
            (key, film_id)
            for film_id, key in session.execute(
                select(Film.id, Film.identity_key).where(Film.identity_key.in_(chunk))
            )
        )
    people = [
        {"film_id": ids[row.identity_key], "name": p.name, "role": p.role, "position": i}
        for row in rows
        for i, p in enumerate(row.spec.people)
    ]
    aliases = [
        {"film_id": ids[row.identity_key], "title": alias}
        for row in rows
        for alias in row.spec.aliases
    ]
    if people:
        session.execute(insert(FilmPerson), people)
    if aliases:
        session.execute(insert(FilmAlias), aliases)


def apply_import(session: Session, preview: ImportPreview) -> ImportResult:
    """Follow the preview's new films in the caller's transaction; return what was done.

    The stored films are read again, so a film followed since the preview is counted as
    already followed rather than added twice. Everything is flushed at once: on a conflict
    with another writer, ImportConflictError is raised and the caller's transaction (the
    ``Database.session()`` block) rolls back, so nothing is half-imported.
    """
    films = _load_films(session, (candidate.target_key for candidate in preview.new))
    new_rows: list[ImportRow] = []
    followed_discovered = 0
    already_followed = len(preview.already_followed)
    for candidate in preview.new:
        film = films.get(candidate.target_key)
        if film is None:
            new_rows.append(candidate.row)
        elif film.followed:
            already_followed += 1
        else:
            _follow_discovered(film, candidate.row)
            followed_discovered += 1
    try:
        session.flush()
        if new_rows:
            _insert_new_films(session, new_rows)
    except IntegrityError:
        raise ImportConflictError(
            "The watchlist changed while importing (a film in the file was added meanwhile); "
            "nothing was imported. Import the file again."
        ) from None
    return ImportResult(
        added=len(new_rows),
        followed_discovered=followed_discovered,
        already_followed=already_followed,
        invalid=len(preview.invalid),
    )
