"""A season-precision date keeps its season on the film's cached status row."""

from __future__ import annotations

from datetime import UTC, datetime

from watchlist.core.detect.store import apply_status
from watchlist.core.models import Event, Film

WHEN = datetime(2026, 5, 1, tzinfo=UTC)


def test_a_season_date_is_cached_with_its_season() -> None:
    film = Film(title="Good Sex", year=2026, identity_key="good sex|2026")
    event = Event(
        kind="release.date_announced",
        fingerprint="x",
        fields={"date": "2027", "precision": "season", "season": "Fall", "medium": "streaming"},
        occurred_at=WHEN,
    )
    apply_status(film, [event])
    assert film.release_date == "2027-fall"
    assert film.release_precision == "season"


def test_a_day_date_is_cached_as_is() -> None:
    film = Film(title="Nope", year=2022, identity_key="nope|2022")
    event = Event(
        kind="release.date_announced",
        fingerprint="y",
        fields={"date": "2027-03-05", "precision": "day"},
        occurred_at=WHEN,
    )
    apply_status(film, [event])
    assert film.release_date == "2027-03-05"
