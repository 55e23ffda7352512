"""Following films: validation, duplicates, people parsing, removal."""

from __future__ import annotations

import pytest

from watchlist.core.db import Database
from watchlist.core.errors import DuplicateError, NotFoundError, UsageError
from watchlist.core.films import (
    FilmSpec,
    PersonSpec,
    add_film,
    find_film,
    format_people,
    list_films,
    parse_people,
    remove_film,
)

# The storage side (identity keys, cascades) runs on SQLite and PostgreSQL alike.
pytestmark = pytest.mark.postgres


def test_people_parse_with_roles_and_round_trip() -> None:
    people = parse_people("Lena Dunham (director); Natalie Portman (cast);; writer: Lena Dunham")
    assert people == [
        PersonSpec("Lena Dunham", "director"),
        PersonSpec("Natalie Portman", "cast"),
        PersonSpec("Lena Dunham", "writer"),
    ]
    assert parse_people(format_people(people)) == people


def test_same_film_typed_differently_is_a_duplicate(db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026))
    with (
        db.session() as session,
        pytest.raises(DuplicateError, match="already following Good Sex \\(2026\\)"),
    ):
        add_film(session, FilmSpec("  good   SEX ", 2026))


def test_same_title_other_year_is_another_film(db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Heat", 1995))
        add_film(session, FilmSpec("Heat", 2027))
    with db.session() as session:
        assert [f.display_title for f in list_films(session)] == ["Heat (1995)", "Heat (2027)"]
        with pytest.raises(UsageError, match="say which with --year"):
            find_film(session, "Heat")


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (FilmSpec("   "), "needs a title"),
        (FilmSpec("!!!"), "needs a title"),
        (FilmSpec("Old", 1700), "not between"),
        (FilmSpec("x" * 501), "longer than"),
    ],
)
def test_invalid_films_are_refused_with_a_reason(
    db: Database, spec: FilmSpec, message: str
) -> None:
    with db.session() as session, pytest.raises(UsageError, match=message):
        add_film(session, spec)


def test_aliases_repeating_the_title_are_dropped(db: Database) -> None:
    with db.session() as session:
        film = add_film(
            session, FilmSpec("Good Sex", 2026, aliases=["good sex", "Untitled", "Untitled"])
        )
        assert [a.title for a in film.aliases] == ["Untitled"]


def test_remove_unknown_film_says_so(db: Database) -> None:
    with (
        db.session() as session,
        pytest.raises(NotFoundError, match="not following a film called 'Nope'"),
    ):
        remove_film(session, "Nope")


def test_names_with_parentheses_that_are_not_roles_round_trip() -> None:
    people = [
        PersonSpec("Sam Smith (II)"),
        PersonSpec("Producer: The Band"),
        PersonSpec("Ava (Jr.)", "cast"),
    ]
    assert parse_people(format_people(people)) == people
    assert parse_people("Sam Smith (II)") == [PersonSpec("Sam Smith (II)")]


def test_control_and_bidi_characters_are_removed(db: Database) -> None:
    with db.session() as session:
        film = add_film(
            session,
            FilmSpec(
                "Good\x00 Sex\u202e", 2026, people=[PersonSpec("Lena\x07 Dunham")], notes="a\nb"
            ),
        )
        assert film.title == "Good Sex"
        assert film.people[0].name == "Lena Dunham"
        assert film.notes == "a\nb"
