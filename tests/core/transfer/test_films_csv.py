"""The watchlist CSV: columns, quoting, spreadsheet safety, and an exact round trip."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import delete
from sqlalchemy.orm import Session

from tests.core.transfer.factories import add_event
from watchlist.core.db import Database
from watchlist.core.errors import UsageError
from watchlist.core.films import FilmSpec, PersonSpec, add_film, list_films, validate_spec
from watchlist.core.models import Film, PersonRole, film_identity_key
from watchlist.core.transfer import FILM_COLUMNS, apply_import, export_csv, preview_import

HEADER = (
    "title,year,people,aliases,status,release_date,release_precision,medium,platform,buyer,"
    "price,territory,last_event_kind,last_event_date,source_link,notes,followed_since,"
    "original_title"
)


def exported(session: Session, *, excel: bool = False) -> str:
    out = io.StringIO(newline="")
    export_csv(session, out, excel=excel)
    return out.getvalue()


def rows_of(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline="")))


def test_header_columns_in_order_with_crlf(db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026))
        text = exported(session)
    assert text.startswith(HEADER + "\r\n")
    assert ",".join(FILM_COLUMNS) == HEADER
    assert text.count("\r\n") == 2
    assert "\n" not in text.replace("\r\n", "")


def test_excel_option_writes_a_bom_and_plain_has_none(db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Amélie", 2001))
        assert exported(session, excel=True).startswith("\ufefftitle,")
        assert exported(session).startswith("title,")


@pytest.mark.postgres
def test_status_columns_come_from_the_cached_film_state(db: Database) -> None:
    with db.session() as session:
        film = add_film(
            session,
            FilmSpec(
                "Good Sex",
                2026,
                people=[
                    PersonSpec("Lena Dunham", "director"),
                    PersonSpec("Natalie Portman", "cast"),
                ],
                aliases=["Untitled Lena Dunham Project", "Sex; Good"],
                notes="Netflix rom-com",
            ),
        )
        film.status = "acquired"
        film.release_date, film.release_precision = "2027-03", "month"
        film.release_medium, film.release_platform = "streaming", "Netflix"
        film.deal_buyer, film.deal_price_text, film.deal_territory = "Netflix", "$55M", "worldwide"
        film.last_event_kind = "deal.acquisition"
        film.last_event_at = datetime(2026, 2, 14, 23, 30, tzinfo=UTC)
        film.followed_at = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)
        old = datetime(2026, 1, 10, tzinfo=UTC)
        add_event(session, film, "deal.talks", {}, old, ["https://example.com/talks"])
        latest = datetime(2026, 2, 14, tzinfo=UTC)
        add_event(
            session,
            film,
            "deal.acquisition",
            {"buyer": "Netflix"},
            latest,
            ["https://deadline.com/good-sex", "https://variety.com/good-sex"],
        )
        [row] = rows_of(exported(session))
    assert row == {
        "title": "Good Sex",
        "year": "2026",
        "people": "Lena Dunham (director); Natalie Portman (cast)",
        "aliases": "Untitled Lena Dunham Project; Sex\\; Good",
        "status": "Acquired",
        "release_date": "2027-03",
        "release_precision": "month",
        "medium": "streaming",
        "platform": "Netflix",
        "buyer": "Netflix",
        "price": "$55M",
        "territory": "worldwide",
        "last_event_kind": "Acquisition",
        "last_event_date": "2026-02-14",
        "source_link": "https://deadline.com/good-sex",
        "notes": "Netflix rom-com",
        "followed_since": "2026-01-02T03:04:05Z",
        "original_title": "",
    }


def test_only_followed_films_are_exported(db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Followed", 2026))
        session.add(
            Film(
                title="Discovered",
                year=2026,
                identity_key=film_identity_key("Discovered", 2026),
                followed=False,
            )
        )
        session.flush()
        assert [row["title"] for row in rows_of(exported(session))] == ["Followed"]


def test_formula_cells_are_neutralised(db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec('=HYPERLINK("http://evil","x")', 2026, notes="@SUM(A1)"))
        text = exported(session)
    [row] = rows_of(text)
    assert row["title"] == '\'=HYPERLINK("http://evil","x")'
    assert row["notes"] == "'@SUM(A1)"
    assert '"\'=HYPERLINK(""http://evil"",""x"")"' in text  # RFC 4180 doubled quotes


# --- the round trip -------------------------------------------------------------------------

# Titles with everything that breaks naive CSV: separators, quotes, line breaks, formula
# starters, quotes before formula starters, non-Latin scripts and emoji.
tricky_text = st.text(
    alphabet=st.sampled_from(list("ab Z9,;\"'\n\r\t=@+-\\()é—漢😀:")), min_size=1, max_size=16
) | st.text(alphabet=st.characters(exclude_categories=("Cs",)), min_size=1, max_size=16)
# parse_people reads "name (role)" and "role: name", so people names avoid those characters.
person_names = st.text(alphabet=st.sampled_from(list("ab Z9,'\"=@+-é漢")), min_size=1, max_size=10)
people = st.lists(
    st.builds(PersonSpec, person_names, st.sampled_from([role.value for role in PersonRole])),
    max_size=3,
)
film_specs = st.builds(
    FilmSpec,
    title=tricky_text,
    year=st.none() | st.integers(1878, 2100),
    people=people,
    aliases=st.lists(tricky_text, max_size=3),
    notes=st.text(max_size=40) | tricky_text,
    original_title=st.none() | tricky_text,
)


def snapshot(session: Session) -> list[tuple[Any, ...]]:
    return [
        (
            film.title,
            film.year,
            [(person.name, person.role) for person in film.people],
            [alias.title for alias in film.aliases],
            film.notes,
            film.original_title,
            film.followed_at.replace(microsecond=0) if film.followed_at else None,
        )
        for film in list_films(session)
    ]


def valid_specs(specs: list[FilmSpec]) -> list[FilmSpec]:
    cleaned: dict[str, FilmSpec] = {}
    for spec in specs:
        try:
            valid = validate_spec(spec)
        except UsageError:
            continue
        cleaned.setdefault(film_identity_key(valid.title, valid.year), valid)
    return list(cleaned.values())


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(specs=st.lists(film_specs, min_size=1, max_size=4), excel=st.booleans())
def test_export_then_import_reproduces_the_films(
    db: Database, tmp_path: Path, specs: list[FilmSpec], excel: bool
) -> None:
    specs = valid_specs(specs)
    assume(specs)
    with db.session() as session:
        session.execute(delete(Film))
        for spec in specs:
            add_film(session, spec)
    with db.session() as session:
        before = snapshot(session)
        path = tmp_path / "watchlist.csv"
        path.write_text(exported(session, excel=excel), encoding="utf-8", newline="")
        session.execute(delete(Film))
    with db.session() as session:
        preview = preview_import(session, path)
        assert preview.invalid == []
        assert len(preview.new) == len(specs)
        apply_import(session, preview)
    with db.session() as session:
        assert snapshot(session) == before
