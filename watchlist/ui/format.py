"""Words and colours the window uses for statuses, dates and times (no widgets here)."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime

from watchlist.core.detect.taxonomy import format_date, kind_label, status_label

__all__ = [
    "STATUS_HUES",
    "kind_label",
    "relative_time",
    "release_text",
    "status_label",
]

MONTHS = tuple(calendar.month_name[1:])
SEASON_OF_MONTH = dict.fromkeys((3, 4, 5), "spring")
SEASON_OF_MONTH.update(dict.fromkeys((6, 7, 8), "summer"))
SEASON_OF_MONTH.update(dict.fromkeys((9, 10, 11), "fall"))
SEASON_OF_MONTH.update(dict.fromkeys((12, 1, 2), "winter"))

# Badge hues (RGB) picked to stay readable with white text on light and dark palettes alike.
STATUS_HUES: dict[str, tuple[int, int, int]] = {
    "unannounced": (110, 117, 128),
    "in_development": (123, 97, 171),
    "in_production": (141, 84, 190),
    "in_talks": (196, 120, 20),
    "acquired": (31, 128, 74),
    "wrapped": (93, 99, 168),
    "undated": (176, 72, 52),
    "dated": (36, 110, 196),
    "premiered": (188, 62, 118),
    "available": (22, 135, 140),
}
DEFAULT_HUE = (110, 117, 128)


def release_text(release_date: str | None, precision: str | None) -> str:
    """A release date at its precision: "March 5, 2027", "March 2027", "Fall 2027", "2027".

    A season is stored by name ("2027-fall"); a month at season precision names its season.
    """
    if not release_date:
        return ""
    parts = release_date.split("-")
    season = None
    if precision == "season" and len(parts) > 1 and parts[1].isdigit():
        season = SEASON_OF_MONTH.get(int(parts[1]))
    return format_date(release_date, precision, season)


# Where an imprecise date sorts: a season by its middle month, a bare year after December.
SEASON_SORT_MONTH = {"winter": 1, "spring": 4, "summer": 7, "fall": 10, "autumn": 10, "holiday": 12}
YEAR_SORT_MONTH = 13


def release_sort_key(release_date: str | None, precision: str | None) -> str:
    """A sortable "YYYY-MM-DD" for a date of any precision ("Fall 2027" sorts as October);
    "~" (after every digit) when there is no date."""
    if not release_date:
        return "~"
    parts = release_date.split("-")
    year = parts[0]
    month = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
    day = int(parts[2]) if len(parts) > 2 and parts[2].isdigit() else 0
    if month is None:
        word = (parts[1] if len(parts) > 1 else "").lower()
        month = SEASON_SORT_MONTH.get(word, YEAR_SORT_MONTH)
    elif precision == "season":
        day = 0
    return f"{year}-{month:02d}-{day:02d}"


def release_section(release_date: str, precision: str | None) -> str:
    """The calendar section of a release: its month ("March 2027"), its season ("Fall 2027")
    or its year ("2027")."""
    parts = release_date.split("-")
    if precision != "season" and len(parts) > 1 and parts[1].isdigit() and 1 <= int(parts[1]) <= 12:
        return f"{MONTHS[int(parts[1]) - 1]} {parts[0]}"
    return release_text(release_date, precision) if precision == "season" else parts[0]


def relative_time(when: datetime | None, now: datetime | None = None) -> str:
    """ "just now", "5 min ago", "3 h ago", "yesterday", "4 days ago", or a date."""
    if when is None:
        return ""
    now = now or datetime.now(UTC)
    seconds = (now - when).total_seconds()
    if seconds < 60:
        return "just now"
    if seconds < 3600:
        return f"{int(seconds // 60)} min ago"
    if seconds < 86400:
        return f"{int(seconds // 3600)} h ago"
    days = int(seconds // 86400)
    if days == 1:
        return "yesterday"
    if days < 30:
        return f"{days} days ago"
    return short_date(when.date())


def short_date(day: date) -> str:
    """ "12 Mar 2027"."""
    return f"{day.day} {MONTHS[day.month - 1][:3]} {day.year}"


def local_datetime_text(when: datetime | None) -> str:
    """An aware datetime in local time, "12 Mar 2027 14:05", or "never"."""
    if when is None:
        return "never"
    local = when.astimezone()
    return f"{short_date(local.date())} {local:%H:%M}"
