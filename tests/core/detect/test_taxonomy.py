"""The words shown for kinds, statuses and changes."""

from __future__ import annotations

from datetime import UTC, datetime

from watchlist.core.changes import StatusChange
from watchlist.core.detect.taxonomy import (
    EventKind,
    FilmStatus,
    describe_change,
    format_date,
    kind_label,
    status_label,
)


def _change(
    kind: EventKind, fields: dict[str, object], previous: dict[str, object] | None = None
) -> StatusChange:
    return StatusChange(
        1,
        1,
        "Good Sex",
        kind.value,
        dict(fields),
        datetime(2025, 2, 15, tzinfo=UTC),
        previous=previous,
    )


def test_every_kind_and_status_has_a_label() -> None:
    assert {kind_label(k) for k in EventKind} and all(kind_label(k) for k in EventKind)
    assert status_label("acquired") == "Acquired"
    assert status_label(FilmStatus.IN_DEVELOPMENT) == "In development"
    assert kind_label("deal.acquisition") == "Acquisition"
    assert status_label("something_new") == "Something new"


def test_describe_a_deal() -> None:
    fields = {"buyer": "Netflix", "price_text": "$55M", "territory": "worldwide", "market": "EFM"}
    assert describe_change(_change(EventKind.DEAL_ACQUISITION, fields)) == (
        "Good Sex: acquired by Netflix",
        "$55M, worldwide, EFM",
    )


def test_describe_a_date_change_says_from_what() -> None:
    change = _change(
        EventKind.RELEASE_DATE_CHANGED,
        {
            "new_date": "2027-04-02",
            "precision": "day",
            "direction": "delayed",
            "medium": "streaming",
        },
        previous={"date": "2027-03-05", "precision": "day"},
    )
    assert describe_change(change) == (
        "Good Sex: delayed to April 2, 2027",
        "was March 5, 2027, streaming",
    )


def test_dates_read_at_their_precision() -> None:
    assert format_date("2027-03-05", "day") == "March 5, 2027"
    assert format_date("2027-03", "month") == "March 2027"
    assert format_date("2026", "season", "fall") == "Fall 2026"
    assert format_date("2026", "year") == "2026"
    assert format_date(None) == "no date"


def test_keyword_events_show_their_phrase() -> None:
    change = _change(EventKind.PRODUCTION, {"keyword": "table read"})
    assert describe_change(change) == ("Good Sex: production update", 'matched "table read"')
