"""Reading a CSV someone hands us: its encoding, which app wrote it, and each row as a film.

Three formats are recognised from the header row: Watchlist's own CSV (any file with a
``title`` column, such as the detector's FILMS.csv), a Letterboxd watchlist export and an IMDb
list, watchlist or ratings export. A problem with the whole file raises ImportFileError; a
problem with one row makes that row invalid, with its number and the reason.
"""

from __future__ import annotations

import codecs
import csv
import enum
import io
import zipfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path

from watchlist.core.errors import UsageError, WatchlistError
from watchlist.core.films import FilmSpec, PersonSpec, parse_people, validate_spec
from watchlist.core.models import PersonRole, film_identity_key
from watchlist.core.text import normalize_title
from watchlist.core.transfer.cells import parse_timestamp, restore_cell, split_aliases

MAX_FILE_BYTES = 50 * 1024 * 1024
BINARY_SAMPLE_BYTES = 64 * 1024
EXPECTED = "expected an IMDb, Letterboxd or Watchlist CSV"
LETTERBOXD_MEMBER = "watchlist.csv"
# IMDb title types that are not something one follows as a film; compared without case or
# spaces, because IMDb wrote "tvEpisode" before 2024 and "TV Episode" since.
SKIPPED_IMDB_TYPES = {
    "tvepisode": "a TV episode",
    "videogame": "a video game",
    "podcastepisode": "a podcast episode",
    "podcastseries": "a podcast",
}


class ImportFileError(WatchlistError):
    """The file as a whole cannot be imported (unreadable, wrong encoding, unknown columns)."""


class ImportFormat(enum.StrEnum):
    """Which application wrote an imported file."""

    WATCHLIST = "watchlist"
    LETTERBOXD = "letterboxd"
    IMDB = "imdb"

    @property
    def label(self) -> str:
        """The name shown to people: "Letterboxd watchlist"."""
        return {
            ImportFormat.WATCHLIST: "Watchlist CSV",
            ImportFormat.LETTERBOXD: "Letterboxd watchlist",
            ImportFormat.IMDB: "IMDb list",
        }[self]


@dataclass(frozen=True)
class ImportRow:
    """One valid row: the film it describes, and since when it was on the user's list."""

    row_number: int
    spec: FilmSpec
    followed_at: datetime | None = None

    @cached_property
    def identity_key(self) -> str:
        """The film's identity (normalised title + year)."""
        return film_identity_key(self.spec.title, self.spec.year)

    @property
    def display_title(self) -> str:
        """ "Good Sex (2026)"."""
        return f"{self.spec.title} ({self.spec.year})" if self.spec.year else self.spec.title


@dataclass(frozen=True)
class InvalidRow:
    """A row that will not be imported, and why."""

    row_number: int
    reason: str

    def __str__(self) -> str:
        return f"row {self.row_number}: {self.reason}"


@dataclass
class ParsedFile:
    """A decoded import file: its format, its valid rows and its invalid ones."""

    format: ImportFormat
    rows: list[ImportRow] = field(default_factory=list)
    invalid: list[InvalidRow] = field(default_factory=list)
    notice: str | None = None  # e.g. the file was read as Windows-1252 rather than UTF-8


class RowError(ValueError):
    """Why one row cannot be imported (becomes an InvalidRow)."""


def _sentence_to_reason(message: str) -> str:
    # "The year 1700 is not..." reads better as "row 4: the year 1700 is not..."; a first
    # word such as "IMDb" keeps its capitals.
    message = message.rstrip(".")
    first_word = message.split(" ", 1)[0]
    if first_word[:1].isupper() and (len(first_word) == 1 or first_word[1:].islower()):
        return message[0].lower() + message[1:]
    return message


# --- bytes to text -------------------------------------------------------------------------


def read_import_bytes(path: Path) -> tuple[bytes, str | None]:
    """The CSV bytes at ``path`` (the watchlist.csv inside a Letterboxd ZIP), and a notice."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ImportFileError(
                f"{path.name} is {size // (1024 * 1024)} MB, too large for a list of films "
                f"({MAX_FILE_BYTES // (1024 * 1024)} MB at most); {EXPECTED}."
            )
        data = path.read_bytes()
    except OSError as exc:
        raise ImportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    if data.startswith(b"PK\x03\x04"):
        return _read_from_zip(path, data), f"Read {LETTERBOXD_MEMBER} from the archive."
    return data, None


def _read_from_zip(path: Path, data: bytes) -> bytes:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            if "[Content_Types].xml" in names:
                raise ImportFileError(
                    f"{path.name} is a spreadsheet workbook, not CSV; save it as "
                    '"CSV UTF-8" and import that file.'
                )
            if LETTERBOXD_MEMBER not in names:
                raise ImportFileError(
                    f"{path.name} is a ZIP archive without a {LETTERBOXD_MEMBER}; unzip it and "
                    f"import the CSV inside ({EXPECTED})."
                )
            info = archive.getinfo(LETTERBOXD_MEMBER)
            if info.file_size > MAX_FILE_BYTES:
                raise ImportFileError(
                    f"The {LETTERBOXD_MEMBER} inside {path.name} is too large for a list of films."
                )
            return archive.read(info)
    except (zipfile.BadZipFile, OSError, RuntimeError) as exc:
        raise ImportFileError(f"{path.name} is a damaged ZIP archive ({exc}).") from None


def decode_import_bytes(data: bytes, name: str) -> tuple[str, str | None]:
    """Decode CSV bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or Windows-1252.

    Windows-1252 is what Excel writes when it saves "CSV" on Windows; it is only tried when
    the bytes are not UTF-8, and the returned notice says so.
    """
    if not data.strip():
        raise ImportFileError(f"{name} is empty; {EXPECTED}.")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None
        except UnicodeDecodeError:
            raise ImportFileError(f"{name} is damaged UTF-16 text; {EXPECTED}.") from None
    sample = data[:BINARY_SAMPLE_BYTES]
    # A stray NUL in a title is still text (and round-trips); a file full of them is not.
    if sample.count(b"\x00") * 100 > len(sample):
        raise ImportFileError(f"{name} is not a text file; {EXPECTED}.")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{name} is not UTF-8 text (line {line} has bytes that are not UTF-8); "
            'save it as "CSV UTF-8" and import it again.'
        ) from None
    return text, (
        f"{name} is not UTF-8 (line {line}); it was read as Windows-1252, the encoding Excel "
        "uses. Check accented titles before importing."
    )


# --- text to rows ----------------------------------------------------------------------------


Cells = Mapping[str, str]
RowParser = Callable[[Cells], tuple[FilmSpec, datetime | None]]


def _year(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit():
        raise RowError(f"the year '{text}' is not a number")
    return int(text)


def _timestamp(text: str, column: str) -> datetime | None:
    if not text.strip():
        return None
    moment = parse_timestamp(text)
    if moment is None:
        raise RowError(f"{column} '{text.strip()}' is not a date like 2026-11-25")
    return moment


def _watchlist_row(cells: Cells) -> tuple[FilmSpec, datetime | None]:
    # Only Watchlist's own files are neutralised against formulas, so only they are restored.
    def cell(name: str) -> str:
        return restore_cell(cells.get(name, ""))

    spec = FilmSpec(
        title=cell("title"),
        year=_year(cell("year")),
        people=parse_people(cell("people")),
        aliases=split_aliases(cell("aliases")),
        notes=cell("notes"),
        original_title=cell("original_title") or None,
    )
    return spec, _timestamp(cell("followed_since"), "followed_since")


def _letterboxd_row(cells: Cells) -> tuple[FilmSpec, datetime | None]:
    spec = FilmSpec(title=cells.get("name", ""), year=_year(cells.get("year", "")))
    return spec, _timestamp(cells.get("date", ""), "Date")


def _imdb_row(cells: Cells) -> tuple[FilmSpec, datetime | None]:
    title_type = cells.get("title type", "")
    skipped = SKIPPED_IMDB_TYPES.get(title_type.replace(" ", "").casefold())
    if skipped:
        raise RowError(f"'{cells.get('title', '')}' is {skipped}, not a film")
    title = cells.get("title", "")
    original = cells.get("original title", "").strip()
    directors = [
        PersonSpec(name.strip(), PersonRole.DIRECTOR.value)
        for name in cells.get("directors", "").split(",")
        if name.strip()
    ]
    spec = FilmSpec(
        title=title,
        year=_year(cells.get("year", "")),
        people=directors,
        notes=cells.get("description", ""),
        original_title=original if normalize_title(original) != normalize_title(title) else None,
    )
    return spec, _timestamp(cells.get("created", ""), "Created")


def _recognise(columns: set[str], first_row: list[str]) -> tuple[ImportFormat, RowParser]:
    """Which format a header row belongs to, or ImportFileError naming the missing column."""
    if "letterboxd uri" in columns or ({"name", "year"} <= columns and "title" not in columns):
        if "name" not in columns:
            raise ImportFileError(f"The file is missing the Name column; {EXPECTED}.")
        return ImportFormat.LETTERBOXD, _letterboxd_row
    if "const" in columns:
        if "title" not in columns:
            raise ImportFileError(f"The file is missing the Title column; {EXPECTED}.")
        return ImportFormat.IMDB, _imdb_row
    if "title" in columns:
        return ImportFormat.WATCHLIST, _watchlist_row
    shown = ", ".join(cell.strip() for cell in first_row[:6]) or "empty"
    raise ImportFileError(
        f"The file is missing the Title column; {EXPECTED} (its first row reads: {shown})."
    )


def _header_and_delimiter(text: str) -> tuple[list[str], str]:
    """The header row, split by the delimiter that makes it a known header.

    Excel saves "CSV" with semicolons in locales that use a decimal comma, and some tools
    write tabs, so each is tried; a comma is assumed when none of them is recognised.
    """
    first_line = text.splitlines()[0] if text else ""
    fallback: list[str] | None = None
    for delimiter in (",", ";", "\t"):
        header = next(csv.reader([first_line], delimiter=delimiter), [])
        if fallback is None:
            fallback = header
        names = {cell.strip().casefold() for cell in header}
        if names & {"title", "name", "const", "letterboxd uri"}:
            return header, delimiter
    return fallback or [], ","


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) for every row after the header; the header is row 1."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    row_number = 0
    try:
        for cells in reader:
            row_number += 1
            yield row_number, cells
    except csv.Error as exc:
        reason = {
            "unexpected end of data": "a quoted cell is never closed",
        }.get(str(exc), str(exc))
        if str(exc).endswith("expected after '\"'"):
            reason = 'a quote inside a quoted cell is not doubled ("")'
        raise ImportFileError(
            f"Row {row_number + 1} (line {reader.line_num}) is broken: {reason}; fix it and "
            "import again. Nothing was imported."
        ) from None


def parse_import_text(text: str) -> ParsedFile:
    """Recognise the format from the header and turn each row into a film or a reason."""
    header, delimiter = _header_and_delimiter(text)
    columns = [cell.strip().casefold() for cell in header]
    file_format, parse_row = _recognise(set(columns), header)
    parsed = ParsedFile(format=file_format)
    records = _records(text, delimiter)
    next(records, None)  # the header
    for row_number, cells in records:
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            parsed.invalid.append(
                InvalidRow(
                    row_number,
                    f"it has {len(cells)} cells but the header has {len(columns)} "
                    "(a comma inside a cell needs quotes)",
                )
            )
            continue
        if len(cells) < len(columns):
            parsed.invalid.append(
                InvalidRow(
                    row_number,
                    f"it has {len(cells)} cells but the header has {len(columns)}",
                )
            )
            continue
        named: dict[str, str] = {}
        for name, value in zip(columns, cells, strict=False):
            named.setdefault(name, value)
        try:
            spec, followed_at = parse_row(named)
            spec = validate_spec(spec)
        except (RowError, UsageError) as exc:
            parsed.invalid.append(InvalidRow(row_number, _sentence_to_reason(str(exc))))
            continue
        parsed.rows.append(ImportRow(row_number, spec, followed_at))
    return parsed


def read_import_file(path: Path) -> ParsedFile:
    """Read and parse an import file; ImportFileError when it cannot be imported at all."""
    data, archive_notice = read_import_bytes(path)
    text, encoding_notice = decode_import_bytes(data, path.name)
    parsed = parse_import_text(text)
    notices = [notice for notice in (archive_notice, encoding_notice) if notice]
    parsed.notice = " ".join(notices) or None
    return parsed
