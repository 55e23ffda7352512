"""The iCalendar export, read back with the icalendar library."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import icalendar
import pytest
from sqlalchemy.orm import Session

from tests.core.transfer.factories import add_event
from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, add_film, update_film
from watchlist.core.models import Film, film_identity_key
from watchlist.core.transfer import export_ics
from watchlist.core.transfer.ics import fold_line, release_day

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)


def dated_film(
    session: Session,
    title: str,
    year: int | None,
    release_date: str,
    precision: str | None,
    **extra: str,
) -> Film:
    film = add_film(session, FilmSpec(title, year))
    film.status = "dated"
    film.release_date, film.release_precision = release_date, precision
    for name, value in extra.items():
        setattr(film, name, value)
    session.flush()
    return film


def export(session: Session) -> str:
    out = io.StringIO(newline="")
    export_ics(session, out, now=NOW)
    return out.getvalue()


def events_by_summary(text: str) -> dict[str, icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(text)
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


@pytest.mark.postgres
def test_one_all_day_event_per_dated_followed_film(db: Database) -> None:
    with db.session() as session:
        good_sex = dated_film(
            session,
            "Good Sex",
            2026,
            "2027-03-05",
            "day",
            release_medium="streaming",
            release_platform="Netflix",
        )
        add_event(
            session,
            good_sex,
            "release.date_announced",
            {"date": "2027-03-05"},
            datetime(2026, 6, 1, tzinfo=UTC),
            ["https://variety.com/good-sex-date"],
        )
        dated_film(session, "Sinners", 2025, "2025-04-18", None, release_medium="theatrical")
        dated_film(session, "Month Film", 2027, "2027-03", "month")
        dated_film(session, "Season Word", 2026, "2026-fall", "season")
        dated_film(session, "Season Month", 2027, "2027-07", "season")
        dated_film(session, "Year Film", 2028, "2028", "year")
        dated_film(session, "Coarser Stated", 2027, "2027-03-01", "month")
        dated_film(session, "Unreadable", 2027, "soon", None)
        add_film(session, FilmSpec("Undated", 2027))
        session.add(
            Film(
                title="Discovered",
                year=2027,
                identity_key=film_identity_key("Discovered", 2027),
                followed=False,
                release_date="2027-01-01",
            )
        )
        text = export(session)

    events = events_by_summary(text)
    expected = {
        "Good Sex — release on Netflix": date(2027, 3, 5),
        "Sinners — in theaters": date(2025, 4, 18),
        "Month Film — March 2027 (month announced)": date(2027, 3, 1),
        "Season Word — Fall 2026 (season announced)": date(2026, 9, 1),
        "Season Month — Summer 2027 (season announced)": date(2027, 6, 1),
        "Year Film — 2028 (year announced)": date(2028, 1, 1),
        "Coarser Stated — March 2027 (month announced)": date(2027, 3, 1),
    }
    assert {summary: event.decoded("DTSTART") for summary, event in events.items()} == expected
    for event in events.values():
        start = event.decoded("DTSTART")
        assert type(start) is date  # all-day: VALUE=DATE, not a datetime
        assert (event.decoded("DTEND") - start).days == 1
        assert str(event["UID"]).startswith("film-")
        assert str(event["UID"]).endswith("@watchlist")
        assert event.decoded("DTSTAMP") == NOW
    assert len({str(event["UID"]) for event in events.values()}) == len(events)

    good_sex_event = events["Good Sex — release on Netflix"]
    assert str(good_sex_event["URL"]) == "https://variety.com/good-sex-date"
    description = str(good_sex_event["DESCRIPTION"])
    assert description.startswith("Release date: March 5, 2027.\n")
    assert "Platform: Netflix" in description
    assert "Source: https://variety.com/good-sex-date" in description
    month = str(events["Month Film — March 2027 (month announced)"]["DESCRIPTION"])
    assert "only the month is announced; shown on its first day" in month


def test_file_is_crlf_folded_at_75_octets_and_escaped(db: Database) -> None:
    title = "Amélie, le fabuleux destin; « 漢字 » \\ " + "très long titre " * 5
    with db.session() as session:
        dated_film(session, title, 2001, "2001-04-25", "day")
        text = export(session)
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    assert any(line.startswith(" ") for line in lines)  # the long summary was folded
    assert "\n" not in text.replace("\r\n", "")
    [event] = events_by_summary(text).values()
    assert str(event["SUMMARY"]) == f"{title.strip()} — release"
    assert "\\," in text and "\\;" in text and "\\\\" in text


def test_uid_is_stable_so_a_new_export_updates_the_calendar(db: Database) -> None:
    with db.session() as session:
        film = dated_film(session, "Good Sex", 2026, "2027-03", "month")
        [first] = events_by_summary(export(session)).values()
        film.release_date, film.release_precision = "2027-05-14", "day"
        [second] = events_by_summary(export(session)).values()
        assert second["UID"] == first["UID"]
        assert second.decoded("DTSTART") == date(2027, 5, 14)
        update_film(session, film, FilmSpec("Good Sex", 2027))
        [renamed] = events_by_summary(export(session)).values()
        assert renamed["UID"] != first["UID"]  # another year is another film


def test_fold_line_never_splits_a_character() -> None:
    line = "SUMMARY:" + "é" * 100
    folded = fold_line(line)
    pieces = folded.split("\r\n")
    assert all(len(piece.encode("utf-8")) <= 75 for piece in pieces)
    assert "".join(piece.removeprefix(" ") for piece in pieces) == line


@pytest.mark.parametrize(
    ("value", "precision", "expected"),
    [
        ("2027-03-05", "day", (date(2027, 3, 5), "day", "March 5, 2027")),
        ("2027-03-05", None, (date(2027, 3, 5), "day", "March 5, 2027")),
        ("2027-03", "day", (date(2027, 3, 1), "month", "March 2027")),
        ("2027-12", "season", (date(2027, 12, 1), "season", "Winter 2027")),
        ("2027-01", "season", (date(2027, 1, 1), "season", "Winter 2027")),
        ("2027-winter", "season", (date(2027, 1, 1), "season", "Winter 2027")),
        ("2027-Spring", None, (date(2027, 3, 1), "season", "Spring 2027")),
        ("2027", "day", (date(2027, 1, 1), "year", "2027")),
    ],
)
def test_release_day_placement(
    value: str, precision: str | None, expected: tuple[date, str, str]
) -> None:
    release = release_day(value, precision)
    assert release is not None
    assert (release.day, release.precision, release.text) == expected


@pytest.mark.parametrize("value", ["", "soon", "2027-13", "2027-02-30", "TBA 2027"])
def test_unreadable_release_dates_are_skipped(value: str) -> None:
    assert release_day(value, None) is None
