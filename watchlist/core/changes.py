"""A status change: what detection hands to notifications, the window and team desktops."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class StatusChange:
    """One new event on a film's timeline (a repeat by another outlet is not a change).

    ``previous`` holds the fields of the event this one supersedes (the old release date of a
    ``release.date_changed``), when there is one.
    """

    event_id: int
    film_id: int
    film_title: str
    kind: str
    fields: dict[str, Any]
    occurred_at: datetime
    followed: bool = True
    muted: bool = False
    confidence: float = 1.0
    evidence: str = ""
    link: str | None = None
    previous: dict[str, Any] | None = field(default=None)
