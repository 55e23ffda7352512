"""Importing Watchlist, Letterboxd and IMDb files: preview, merge, bad files, one transaction."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, func, select, text
from sqlalchemy.orm import Session

from tests.conftest import TEST_DATA
from tests.core.transfer.factories import add_event
from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, PersonSpec, add_film, find_film, list_films
from watchlist.core.models import Film, film_identity_key
from watchlist.core.transfer import (
    ImportConflictError,
    ImportFileError,
    ImportFormat,
    ImportPreview,
    apply_import,
    export_csv,
    preview_import,
)
from watchlist.core.transfer.reading import decode_import_bytes, parse_import_text

SAMPLES = TEST_DATA / "import"


def preview(db: Database, path: Path) -> ImportPreview:
    with db.session() as session:
        return preview_import(session, path)


def titles(candidates: list[Any]) -> list[str]:
    return [candidate.row.display_title for candidate in candidates]


def followed(db: Database) -> dict[str, Film]:
    with db.session() as session:
        return {film.display_title: film for film in list_films(session)}


def discover(session: Session, title: str, year: int | None) -> Film:
    film = Film(title=title, year=year, identity_key=film_identity_key(title, year), followed=False)
    session.add(film)
    session.flush()
    return film


@pytest.mark.postgres
def test_letterboxd_watchlist(db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Sinners", 2025, notes="mine"))
        anatomy = discover(session, "Anatomy of a Fall", 2023)
        add_event(
            session,
            anatomy,
            "release.premiere",
            {"festival": "Cannes"},
            datetime(2023, 5, 21, tzinfo=UTC),
        )
    result = preview(db, SAMPLES / "letterboxd-watchlist.csv")
    assert result.format is ImportFormat.LETTERBOXD
    assert titles(result.new) == [
        "Past Lives (2023)",
        "Crouching Tiger, Hidden Dragon (2000)",
        "Amélie (2001)",
        "Anatomy of a Fall (2023)",
        'The "Burial" of Kojo (2018)',
        "Good Sex",
    ]
    assert result.discovered_count == 1
    assert [c.row.row_number for c in result.already_followed] == [7, 9]  # Sinners, repeat
    assert [str(invalid) for invalid in result.invalid] == [
        "row 10: the year 'twenty-ten' is not a number"
    ]
    assert result.summary() == "6 new films, 2 already followed, 1 invalid row."
    assert followed(db).keys() == {"Sinners (2025)"}  # the preview wrote nothing

    with db.session() as session:
        outcome = apply_import(session, result)
    assert (outcome.added, outcome.followed_discovered, outcome.already_followed) == (5, 1, 2)
    films = followed(db)
    assert len(films) == 7
    assert films["Past Lives (2023)"].followed_at == datetime(2023, 1, 8, tzinfo=UTC)
    assert films["Sinners (2025)"].notes == "mine"  # already followed: left as it was
    with db.session() as session:
        film = find_film(session, "Anatomy of a Fall", 2023)
        assert film is not None and film.followed
        assert [event.kind for event in film.events] == ["release.premiere"]  # timeline kept
        assert session.scalar(select(func.count()).select_from(Film)) == 7


def test_importing_the_same_file_twice_adds_nothing(db: Database) -> None:
    path = SAMPLES / "letterboxd-watchlist.csv"
    with db.session() as session:
        apply_import(session, preview_import(session, path))
    again = preview(db, path)
    assert again.new == []
    assert len(again.already_followed) == 8


@pytest.mark.postgres
def test_imdb_watchlist_export(db: Database) -> None:
    result = preview(db, SAMPLES / "imdb-watchlist.csv")
    assert result.format is ImportFormat.IMDB
    assert titles(result.new) == [
        "Parasite (2019)",
        "Crouching Tiger, Hidden Dragon (2000)",
        "Breaking Bad (2008)",
        "Anatomy of a Fall (2023)",
        "Dune: Part Two (2024)",
        "The Big Lebowski (1998)",
    ]
    assert [str(invalid) for invalid in result.invalid] == [
        "row 5: 'Pilot' is a TV episode, not a film"
    ]
    with db.session() as session:
        apply_import(session, result)
    films = followed(db)
    parasite = films["Parasite (2019)"]
    assert parasite.original_title == "Gisaengchung"
    assert [(p.name, p.role) for p in parasite.people] == [("Bong Joon Ho", "director")]
    assert parasite.followed_at == datetime(2024, 1, 5, tzinfo=UTC)
    lebowski = films["The Big Lebowski (1998)"]
    assert [p.name for p in lebowski.people] == ["Joel Coen", "Ethan Coen"]
    assert lebowski.original_title is None  # same as the title
    tiger = films["Crouching Tiger, Hidden Dragon (2000)"]
    assert tiger.notes == "Rewatch, with the director's commentary"


def test_imdb_ratings_export_with_older_title_types(db: Database) -> None:
    result = preview(db, SAMPLES / "imdb-ratings.csv")
    assert result.format is ImportFormat.IMDB
    assert titles(result.new) == ["Amélie (2001)", "Tiny Furniture (2010)"]
    assert [str(i) for i in result.invalid] == ["row 4: 'Ozymandias' is a TV episode, not a film"]
    assert result.new[0].row.spec.original_title == "Le fabuleux destin d'Amélie Poulain"
    assert result.new[0].row.followed_at is None  # rated, not listed: followed from now on


def test_letterboxd_export_zip_is_read_directly(db: Database, tmp_path: Path) -> None:
    archive = tmp_path / "letterboxd-someone-2026-11-25-utc.zip"
    with zipfile.ZipFile(archive, "w") as bundle:
        bundle.writestr("watched.csv", "Date,Name,Year,Letterboxd URI\r\n")
        bundle.write(SAMPLES / "letterboxd-watchlist.csv", "watchlist.csv")
    result = preview(db, archive)
    assert result.format is ImportFormat.LETTERBOXD
    assert len(result.new) == 7
    assert result.notice == "Read watchlist.csv from the archive."


def write(tmp_path: Path, content: bytes, name: str = "films.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(content)
    return path


def test_windows_1252_file_is_read_with_a_notice(db: Database, tmp_path: Path) -> None:
    content = "Const,Title,Year,Title Type\r\ntt0211915,Amélie,2001,movie\r\n".encode("cp1252")
    result = preview(db, write(tmp_path, content))
    assert titles(result.new) == ["Amélie (2001)"]
    assert result.notice is not None
    assert "not UTF-8 (line 2)" in result.notice
    assert "Windows-1252" in result.notice


def test_utf8_with_bom_and_utf16_files(db: Database, tmp_path: Path) -> None:
    text = "Date,Name,Year,Letterboxd URI\r\n2024-01-01,Amélie,2001,https://boxd.it/1ZjC\r\n"
    for encoding in ("utf-8-sig", "utf-16"):
        result = preview(db, write(tmp_path, text.encode(encoding)))
        assert titles(result.new) == ["Amélie (2001)"]
        assert result.notice is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "films.csv is empty; expected an IMDb, Letterboxd or Watchlist CSV."),
        (b"\x00\x01\x02\x03" * 100, "films.csv is not a text file"),
        (
            b"title,year\r\nGood Sex,2026\r\n\x81\x8d,2027\r\n",
            "films.csv is not UTF-8 text (line 3 has bytes that are not UTF-8)",
        ),
        (
            b"Foo,Bar\r\n1,2\r\n",
            "The file is missing the Title column; expected an IMDb, Letterboxd or Watchlist "
            "CSV (its first row reads: Foo, Bar).",
        ),
        (b"Const,Year\r\ntt1,2001\r\n", "The file is missing the Title column"),
        (b"Date,Year,Letterboxd URI\r\n", "The file is missing the Name column"),
        (
            b'title,year\r\nGood Sex,2026\r\n"Unclosed,2027\r\nNope,2022\r\n',
            "Row 3 (line 4) is broken: a quoted cell is never closed",
        ),
        (
            b'title,year\r\nGood Sex,2026\r\n"Bad"x,2027\r\n',
            'Row 3 (line 3) is broken: a quote inside a quoted cell is not doubled ("")',
        ),
    ],
)
def test_bad_files_say_what_is_wrong(
    db: Database, tmp_path: Path, content: bytes, message: str
) -> None:
    with pytest.raises(ImportFileError) as raised:
        preview(db, write(tmp_path, content))
    assert message in str(raised.value)
    assert followed(db) == {}


def test_spreadsheet_files_are_named(db: Database, tmp_path: Path) -> None:
    workbook = io.BytesIO()
    with zipfile.ZipFile(workbook, "w") as bundle:
        bundle.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(ImportFileError, match="is a spreadsheet workbook, not CSV"):
        preview(db, write(tmp_path, workbook.getvalue(), "films.xlsx"))
    with pytest.raises(ImportFileError, match="Cannot read"):
        preview(db, tmp_path / "missing.csv")


def test_invalid_rows_are_listed_with_numbers_and_reasons(db: Database, tmp_path: Path) -> None:
    content = (
        "title,year,followed_since\r\n"
        "Good Sex,2026,2026-01-01\r\n"
        ",2026,\r\n"
        "Old,1700,\r\n"
        '"Multi\nline title",2027,\r\n'
        "Too,many,cells,here\r\n"
        "Short\r\n"
        "Dated,2026,25/12/2026\r\n"
        ",,\r\n"
        "!!!,2026,\r\n"
    )
    result = preview(db, write(tmp_path, content.encode()))
    assert result.format is ImportFormat.WATCHLIST
    assert titles(result.new) == ["Good Sex (2026)", "Multi line title (2027)"]
    assert [str(invalid) for invalid in result.invalid] == [
        "row 3: a film needs a title with at least one letter or digit",
        "row 4: the year 1700 is not between 1878 and 2100",
        "row 6: it has 4 cells but the header has 3 (a comma inside a cell needs quotes)",
        "row 7: it has 1 cells but the header has 3",
        "row 8: followed_since '25/12/2026' is not a date like 2026-11-25",
        "row 10: a film needs a title with at least one letter or digit",
    ]


def test_semicolon_separated_csv_from_a_spreadsheet(db: Database, tmp_path: Path) -> None:
    content = "title;year;people\r\nGood Sex;2026;Lena Dunham (director)\r\n"
    result = preview(db, write(tmp_path, content.encode()))
    assert titles(result.new) == ["Good Sex (2026)"]
    assert result.new[0].row.spec.people == [PersonSpec("Lena Dunham", "director")]


@pytest.mark.postgres
def test_rows_without_a_year_match_the_only_film_of_that_title(
    db: Database, tmp_path: Path
) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026))
        add_film(session, FilmSpec("Her", 2013))
        add_film(session, FilmSpec("Her", 2030))
    content = "title,year\r\ngood sex,\r\nHer,\r\nNope,\r\n"
    result = preview(db, write(tmp_path, content.encode()))
    assert [c.row.row_number for c in result.already_followed] == [2]
    assert titles(result.new) == ["Nope"]
    assert [str(i) for i in result.invalid] == [
        "row 3: more than one film is called 'Her' (2013, 2030); add the year"
    ]


@pytest.mark.postgres
def test_a_film_followed_after_the_preview_is_not_added_twice(db: Database, tmp_path: Path) -> None:
    path = write(tmp_path, b"title,year\r\nGood Sex,2026\r\nNope,2022\r\n")
    result = preview(db, path)
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026))
    with db.session() as session:
        outcome = apply_import(session, result)
    assert (outcome.added, outcome.already_followed) == (1, 1)
    assert outcome.summary() == "Imported 1 film; 1 already followed were left as they are."
    assert followed(db).keys() == {"Good Sex (2026)", "Nope (2022)"}


def test_a_failure_while_writing_imports_nothing(db: Database, tmp_path: Path) -> None:
    rows = "".join(f"Film {number},2020\r\n" for number in range(50))
    result = preview(db, write(tmp_path, f"title,year\r\n{rows}".encode()))
    with db.session() as session:
        # Another writer's constraint refuses one film in the middle of the batch.
        session.execute(
            text(
                "CREATE TRIGGER refuse_film_25 BEFORE INSERT ON films "
                "WHEN NEW.title = 'Film 25' BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
    with pytest.raises(ImportConflictError, match="nothing was imported"), db.session() as session:
        apply_import(session, result)
    assert followed(db) == {}


@contextmanager
def counted_statements(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine, "before_cursor_execute", record)


@pytest.mark.postgres
def test_a_big_import_does_not_query_per_row(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        session.add_all(
            Film(title=f"Film {n}", year=2020, identity_key=film_identity_key(f"Film {n}", 2020))
            for n in range(0, 1500, 3)
        )
    rows = "".join(
        f'"Film {n}",2020,"Someone (director); Other (cast)","Alias {n}; Other {n}"\r\n'
        for n in range(1500)
    )
    path = write(tmp_path, f"title,year,people,aliases\r\n{rows}".encode())
    with counted_statements(db) as statements:
        result = preview(db, path)
        with db.session() as session:
            apply_import(session, result)
    assert (len(result.new), len(result.already_followed)) == (1000, 500)
    films = followed(db)
    assert len(films) == 1500
    assert [(p.name, p.role) for p in films["Film 1 (2020)"].people] == [
        ("Someone", "director"),
        ("Other", "cast"),
    ]
    assert [a.title for a in films["Film 1 (2020)"].aliases] == ["Alias 1", "Other 1"]
    assert len(statements) < 40, f"{len(statements)} statements for 1,500 rows"


def test_own_export_round_trips_with_status_columns_ignored(db: Database, tmp_path: Path) -> None:
    with db.session() as session:
        film = add_film(session, FilmSpec("Good Sex", 2026, aliases=["A; B"]))
        film.status, film.deal_buyer = "acquired", "Netflix"
        out = io.StringIO(newline="")
        export_csv(session, out)
    path = tmp_path / "export.csv"
    path.write_text(out.getvalue(), encoding="utf-8", newline="")
    with db.session() as session:
        session.delete(session.scalars(select(Film)).one())
    result = preview(db, path)
    with db.session() as session:
        apply_import(session, result)
    [film] = followed(db).values()
    assert [alias.title for alias in film.aliases] == ["A; B"]
    assert (film.status, film.deal_buyer) == ("unannounced", None)  # news decides the status


csv_like = st.text(
    alphabet=st.sampled_from(list("title,year;Name\tConst\"\r\n'=é漢\x00 0123456789")), max_size=200
)


@given(st.binary(max_size=300) | csv_like.map(lambda text: text.encode("utf-8")))
def test_no_file_content_crashes_the_reader(data: bytes) -> None:
    try:
        text, _ = decode_import_bytes(data, "films.csv")
        parsed = parse_import_text(text)
    except ImportFileError as exc:
        assert str(exc).endswith(".")
        return
    for invalid in parsed.invalid:
        assert invalid.row_number >= 2 and invalid.reason
