"""The one event taxonomy: kinds of news, film statuses, and the words used to show them.

Storage, the window, notifications and CSV export all use these names and labels, so a
deal reads "Good Sex: acquired by Netflix" wherever it appears.

Fields carried by each kind (all optional except where noted):

- ``deal.acquisition`` / ``deal.talks``: ``buyer``, ``price_text``, ``price_usd`` (int),
  ``territory``, ``market``, ``bidding_war`` (bool).
- ``deal.price``: ``retailer``, ``price_text``, ``price_usd``, ``format``.
- ``release.date_announced``: ``date`` (ISO at its precision: "2027-03-05", "2027-03",
  "2027"), ``precision`` (day / month / season / year), ``season``, ``medium`` (theatrical /
  streaming / digital / disc), ``platform``.
- ``release.date_changed``: ``old_date``, ``new_date``, ``direction`` (delayed / moved_up /
  pulled), plus ``precision``, ``medium``, ``platform`` of the new date.
- ``release.premiere``: ``festival``, ``section``.
- ``release.available``: ``medium``, ``platform``.
- ``trailer``: ``type`` (trailer / teaser / first_look / spot).
- ``production``: ``stage`` (development, writer attached, director attached, director exit,
  casting, filming, wrap).
"""

from __future__ import annotations

import calendar
import enum
from collections.abc import Mapping
from typing import Any

from watchlist.core.changes import StatusChange


class EventKind(enum.StrEnum):
    """What happened to a film; stored as its value in ``events.kind``."""

    DEAL_ACQUISITION = "deal.acquisition"
    DEAL_TALKS = "deal.talks"
    DEAL_PRICE = "deal.price"
    RELEASE_DATE_ANNOUNCED = "release.date_announced"
    RELEASE_DATE_CHANGED = "release.date_changed"
    RELEASE_PREMIERE = "release.premiere"
    RELEASE_AVAILABLE = "release.available"
    TRAILER = "trailer"
    PRODUCTION = "production"


class FilmStatus(enum.StrEnum):
    """Where a film stands, derived from its events; stored in ``films.status``.

    The order of the members is the order of progress: a later event only moves a film
    forward (a trailer does not undo "Dated"), except that a film pulled from the schedule
    becomes ``UNDATED`` until a new date is set.
    """

    UNANNOUNCED = "unannounced"
    IN_DEVELOPMENT = "in_development"
    IN_PRODUCTION = "in_production"
    WRAPPED = "wrapped"
    PREMIERED = "premiered"
    IN_TALKS = "in_talks"
    ACQUIRED = "acquired"
    UNDATED = "undated"
    DATED = "dated"
    AVAILABLE = "available"


STATUS_LABELS: dict[FilmStatus, str] = {
    FilmStatus.UNANNOUNCED: "Unannounced",
    FilmStatus.IN_DEVELOPMENT: "In development",
    FilmStatus.IN_PRODUCTION: "In production",
    FilmStatus.WRAPPED: "Wrapped",
    FilmStatus.PREMIERED: "Premiered",
    FilmStatus.IN_TALKS: "In talks",
    FilmStatus.ACQUIRED: "Acquired",
    FilmStatus.UNDATED: "Pulled from schedule",
    FilmStatus.DATED: "Dated",
    FilmStatus.AVAILABLE: "Available",
}

KIND_LABELS: dict[EventKind, str] = {
    EventKind.DEAL_ACQUISITION: "Acquisition",
    EventKind.DEAL_TALKS: "Deal talks",
    EventKind.DEAL_PRICE: "Price drop",
    EventKind.RELEASE_DATE_ANNOUNCED: "Release date",
    EventKind.RELEASE_DATE_CHANGED: "Date change",
    EventKind.RELEASE_PREMIERE: "Premiere",
    EventKind.RELEASE_AVAILABLE: "Available",
    EventKind.TRAILER: "Trailer",
    EventKind.PRODUCTION: "Production",
}

_SEASON_WORDS = {"spring", "summer", "fall", "winter", "holiday"}


def status_label(status: str) -> str:
    """The words for a stored status: "acquired" -> "Acquired"; unknown values are tidied."""
    try:
        return STATUS_LABELS[FilmStatus(status)]
    except ValueError:
        return status.replace("_", " ").capitalize()


def kind_label(kind: str) -> str:
    """The words for an event kind: "deal.acquisition" -> "Acquisition"."""
    try:
        return KIND_LABELS[EventKind(kind)]
    except ValueError:
        return kind.replace(".", " ").replace("_", " ").capitalize()


def format_date(value: str | None, precision: str | None = None, season: str | None = None) -> str:
    """A release date for people: "2027-03-05" -> "March 5, 2027", "2027-03" -> "March 2027".

    A season precision reads "Fall 2026"; anything unparseable is returned unchanged.
    """
    if not value:
        return "no date"
    parts = value.split("-")
    try:
        year = int(parts[0])
        if precision == "season" and season:
            return f"{season.capitalize()} {year}"
        if len(parts) >= 2 and parts[1].lower() in _SEASON_WORDS:
            return f"{parts[1].capitalize()} {year}"
        if len(parts) == 1:
            return str(year)
        month = calendar.month_name[int(parts[1])]
        if len(parts) == 2:
            return f"{month} {year}"
        return f"{month} {int(parts[2])}, {year}"
    except (ValueError, IndexError):
        return value


def _price(fields: Mapping[str, Any]) -> str | None:
    text = fields.get("price_text")
    if text:
        return str(text)
    usd = fields.get("price_usd")
    if isinstance(usd, int) and usd > 0:
        if usd >= 1_000_000 and usd % 100_000 == 0:
            return f"${usd / 1_000_000:g}M"
        return f"${usd:,}"
    return None


def _join(*parts: object) -> str:
    return ", ".join(str(p) for p in parts if p not in (None, "", False))


def _release_date_text(fields: Mapping[str, Any], key: str = "date") -> str:
    return format_date(fields.get(key), fields.get("precision"), fields.get("season"))


def describe_event(
    film_title: str,
    kind: str,
    fields: Mapping[str, Any],
    previous: Mapping[str, Any] | None = None,
) -> tuple[str, str]:
    """(summary, body) for an event: ("Good Sex: acquired by Netflix", "$55M, worldwide, EFM").

    ``previous`` holds the fields of the event a date change supersedes, so the body can say
    from what date the film moved.
    """
    medium_platform = _join(fields.get("medium"), fields.get("platform"))
    match kind:
        case EventKind.DEAL_ACQUISITION:
            buyer = fields.get("buyer")
            summary = f"acquired by {buyer}" if buyer else "acquired"
            bidding = "after a bidding war" if fields.get("bidding_war") else None
            body = _join(_price(fields), fields.get("territory"), fields.get("market"), bidding)
        case EventKind.DEAL_TALKS:
            buyer = fields.get("buyer")
            summary = f"in talks with {buyer}" if buyer else "in deal talks"
            body = _join(fields.get("territory"), fields.get("market"))
        case EventKind.DEAL_PRICE:
            price = _price(fields)
            summary = f"price drop to {price}" if price else "price drop"
            body = _join(fields.get("format"), fields.get("retailer"))
        case EventKind.RELEASE_DATE_ANNOUNCED:
            summary = f"dated {_release_date_text(fields)}"
            body = medium_platform
        case EventKind.RELEASE_DATE_CHANGED:
            direction = fields.get("direction")
            new = _release_date_text(fields, "new_date") if fields.get("new_date") else None
            old_value = fields.get("old_date") or (previous or {}).get("date")
            old = format_date(old_value) if old_value else None
            if direction == "pulled":
                summary = "pulled from the release schedule"
            elif direction == "moved_up":
                summary = f"moved up to {new}" if new else "release moved up"
            else:
                summary = f"delayed to {new}" if new else "release delayed"
            body = _join(f"was {old}" if old else None, medium_platform)
        case EventKind.RELEASE_PREMIERE:
            festival = fields.get("festival")
            summary = f"premiere at {festival}" if festival else "festival premiere"
            body = _join(fields.get("section"))
        case EventKind.RELEASE_AVAILABLE:
            platform = fields.get("platform")
            medium = fields.get("medium")
            if platform:
                summary = f"now on {platform}"
            elif medium == "theatrical":
                summary = "now in theaters"
            elif medium:
                summary = f"now available ({medium})"
            else:
                summary = "now available"
            body = ""
        case EventKind.TRAILER:
            kind_word = str(fields.get("type") or "trailer").replace("_", " ")
            summary = f"new {kind_word}"
            body = ""
        case EventKind.PRODUCTION:
            stage = fields.get("stage")
            summary = f"production update: {stage}" if stage else "production update"
            body = ""
        case _:
            summary = kind_label(kind).lower()
            body = _join(*(f"{k}: {v}" for k, v in sorted(fields.items())))
    keyword = fields.get("keyword")
    if keyword and not body:
        # An event from a user keyword rule shows the phrase that triggered it.
        body = f'matched "{keyword}"'
    return f"{film_title}: {summary}", body


def describe_change(change: StatusChange) -> tuple[str, str]:
    """(summary, body) for a notification or a list row about one status change."""
    return describe_event(change.film_title, change.kind, change.fields, change.previous)
