"""Release dates as an iCalendar file (RFC 5545), written by hand: one all-day event per film.

Each film's event has a UID derived from its identity (title + year), so importing a newer
export into a calendar updates the events instead of adding copies.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TextIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from watchlist import __version__
from watchlist.core.detect.taxonomy import format_date, status_label
from watchlist.core.models import Film, utcnow
from watchlist.core.transfer.sources import latest_source_links

CRLF = "\r\n"
MAX_LINE_OCTETS = 75
PRODUCT_ID = f"-//Watchlist//Watchlist {__version__}//EN"
CALENDAR_NAME = "Watchlist releases"
# Meteorological seasons, which is how the trade press uses them ("a fall 2026 release");
# winter is the one that opens the year, and "holiday" is the November-December corridor.
SEASON_START_MONTH = {"winter": 1, "spring": 3, "summer": 6, "fall": 9, "autumn": 9, "holiday": 11}
PRECISIONS = ("day", "month", "season", "year")
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(frozen=True)
class ReleaseDay:
    """Where a release date sits on a calendar, and how much of it is actually known."""

    day: date
    precision: str  # day / month / season / year
    text: str  # "March 2027", "Fall 2026", "March 5, 2027"


def _season_of_month(month: int) -> str:
    if month in (3, 4, 5):
        return "spring"
    if month in (6, 7, 8):
        return "summer"
    if month in (9, 10, 11):
        return "fall"
    return "winter"


def release_day(value: str, precision: str | None) -> ReleaseDay | None:
    """Place a stored release date on the calendar, or None when it cannot be read.

    "2027-03-05" is that day; "2027-03" the first of March; "2027-fall" (or a date at season
    precision) the first day of the season; "2027" the first of January. The stored precision
    wins when it is coarser than the text ("2027-03-01" at month precision is March 2027).
    """
    parts = value.strip().lower().split("-")
    try:
        year = int(parts[0])
        if len(parts) >= 2 and parts[1] in SEASON_START_MONTH:
            season = parts[1]
            return ReleaseDay(
                date(year, SEASON_START_MONTH[season], 1),
                "season",
                format_date(value, "season", season),
            )
        month = int(parts[1]) if len(parts) >= 2 else None
        day = int(parts[2]) if len(parts) >= 3 else None
        exact = date(year, month or 1, day or 1)
    except (ValueError, IndexError):
        return None
    inferred = "year" if month is None else "month" if day is None else "day"
    stated = precision if precision in PRECISIONS else inferred
    coarser = max(stated, inferred, key=PRECISIONS.index)
    if coarser == "year" or month is None:
        return ReleaseDay(date(year, 1, 1), "year", str(year))
    if coarser == "season":
        season = _season_of_month(month)
        # December opens the winter that spans the new year; never move a date back a year.
        start = date(year, 12 if month == 12 else SEASON_START_MONTH[season], 1)
        return ReleaseDay(start, "season", format_date(f"{year}", "season", season))
    if coarser == "month":
        return ReleaseDay(date(year, month, 1), "month", format_date(f"{year}-{month:02d}"))
    return ReleaseDay(exact, "day", format_date(exact.isoformat()))


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and newlines."""
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    value = value.replace("\n", "\\n")
    return _CONTROL.sub("", value)


def fold_line(line: str) -> str:
    """Fold a content line into lines of at most 75 octets, never inside a UTF-8 character."""
    if len(line.encode("utf-8")) <= MAX_LINE_OCTETS:
        return line
    pieces: list[str] = []
    current: list[str] = []
    size = 0
    limit = MAX_LINE_OCTETS
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size = [], 0
            limit = MAX_LINE_OCTETS - 1  # continuation lines start with a space
        current.append(char)
        size += width
    pieces.append("".join(current))
    return (CRLF + " ").join(pieces)


def film_uid(film: Film) -> str:
    """A UID that stays the same for a film across exports and databases."""
    digest = hashlib.sha256(film.identity_key.encode("utf-8")).hexdigest()[:20]
    return f"film-{digest}@watchlist"


def _ics_timestamp(moment: datetime) -> str:
    return moment.strftime("%Y%m%dT%H%M%SZ")


def _release_words(film: Film) -> str:
    if film.release_platform:
        return f"release on {film.release_platform}"
    if film.release_medium == "theatrical":
        return "in theaters"
    return f"release ({film.release_medium})" if film.release_medium else "release"


_PRECISION_NOTES = {
    "day": "",
    "month": "only the month is announced; shown on its first day",
    "season": "only the season is announced; shown on its first day",
    "year": "only the year is announced; shown on January 1",
}


def film_event_lines(film: Film, release: ReleaseDay, link: str | None, stamp: str) -> list[str]:
    """The content lines (unfolded) of one film's VEVENT."""
    if release.precision == "day":
        summary = f"{film.title} — {_release_words(film)}"
    else:
        summary = f"{film.title} — {release.text} ({release.precision} announced)"
    note = _PRECISION_NOTES[release.precision]
    description = [f"Release date: {release.text}" + (f" ({note})" if note else "") + "."]
    details = [
        f"{label}: {value}"
        for label, value in (
            ("Medium", film.release_medium),
            ("Platform", film.release_platform),
            ("Status", status_label(film.status)),
        )
        if value
    ]
    description.append(", ".join(details) + ".")
    if link:
        description.append(f"Source: {link}")
    lines = [
        "BEGIN:VEVENT",
        f"UID:{film_uid(film)}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{release.day.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{(release.day + timedelta(days=1)).strftime('%Y%m%d')}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(chr(10).join(description))}",
        "TRANSP:TRANSPARENT",
    ]
    if link:
        lines.append(f"URL:{link}")
    if film.last_event_at is not None:
        lines.append(f"LAST-MODIFIED:{_ics_timestamp(film.last_event_at)}")
    lines.append("END:VEVENT")
    return lines


def _safe_link(link: str | None) -> str | None:
    # Only web links go into a calendar, and nothing that could break a content line.
    if link and link.startswith(("https://", "http://")) and not _CONTROL.search(link):
        return link
    return None


def export_ics(session: Session, out: TextIO, *, now: datetime | None = None) -> int:
    """Write an iCalendar file with one all-day event per dated followed film; return the count.

    Open a file for it with ``encoding="utf-8", newline=""`` (the lines end in CRLF as the
    standard requires). ``now`` is the DTSTAMP of every event (default: the current time).
    """
    stamp = _ics_timestamp(now or utcnow())
    links = latest_source_links(session)
    films = session.scalars(
        select(Film)
        .where(Film.followed.is_(True), Film.release_date.is_not(None))
        .order_by(Film.title, Film.year, Film.id)
    )
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{CALENDAR_NAME}",
    ]
    count = 0
    for film in films:
        release = release_day(film.release_date or "", film.release_precision)
        if release is None:
            continue
        lines.extend(film_event_lines(film, release, _safe_link(links.get(film.id)), stamp))
        count += 1
    lines.append("END:VCALENDAR")
    out.write("".join(fold_line(line) + CRLF for line in lines))
    return count
