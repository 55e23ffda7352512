"""The event timeline CSV: one row per event, all followed films or the chosen ones."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest
from sqlalchemy.orm import Session

from tests.core.transfer.factories import add_event
from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Film, film_identity_key
from watchlist.core.transfer import EVENT_COLUMNS, export_events_csv


def exported_rows(session: Session, film_ids: list[int] | None = None) -> list[dict[str, str]]:
    out = io.StringIO(newline="")
    count = export_events_csv(session, out, film_ids)
    text = out.getvalue()
    assert text.startswith(",".join(EVENT_COLUMNS) + "\r\n")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == count
    return rows


def make_timelines(session: Session) -> tuple[Film, Film, Film]:
    good_sex = add_film(session, FilmSpec("Good Sex", 2026))
    add_event(
        session,
        good_sex,
        "release.date_announced",
        {"date": "2027-03-05", "precision": "day", "medium": "streaming", "platform": "Netflix"},
        datetime(2026, 6, 1, tzinfo=UTC),
        ["https://variety.com/good-sex-date"],
        evidence="Netflix set March 5, 2027 for Good Sex.",
    )
    add_event(
        session,
        good_sex,
        "deal.acquisition",
        {"buyer": "Netflix", "price_text": "$55M", "territory": "worldwide"},
        datetime(2026, 2, 14, tzinfo=UTC),
        ["https://deadline.com/good-sex", "https://variety.com/good-sex"],
        evidence="=Netflix Lands 'Good Sex' For $55M",
    )
    sinners = add_film(session, FilmSpec("Sinners", 2025))
    add_event(session, sinners, "trailer", {"type": "teaser"}, datetime(2025, 1, 1, tzinfo=UTC))
    discovered = Film(
        title="Unfollowed",
        year=2026,
        identity_key=film_identity_key("Unfollowed", 2026),
        followed=False,
    )
    session.add(discovered)
    session.flush()
    add_event(session, discovered, "deal.talks", {}, datetime(2026, 3, 1, tzinfo=UTC))
    return good_sex, sinners, discovered


@pytest.mark.postgres
def test_all_followed_timelines_in_film_then_date_order(db: Database) -> None:
    with db.session() as session:
        make_timelines(session)
        rows = exported_rows(session)
    assert [(row["title"], row["kind"]) for row in rows] == [
        ("Good Sex", "deal.acquisition"),
        ("Good Sex", "release.date_announced"),
        ("Sinners", "trailer"),
    ]
    deal = rows[0]
    assert deal["year"] == "2026"
    assert deal["occurred_at"] == "2026-02-14T00:00:00Z"
    assert deal["kind_label"] == "Acquisition"
    assert deal["summary"] == "Good Sex: acquired by Netflix"
    assert deal["details"] == "$55M, worldwide"
    assert deal["evidence"] == "'=Netflix Lands 'Good Sex' For $55M"  # neutralised
    assert deal["source"] == "Deadline"
    assert deal["source_link"] == "https://deadline.com/good-sex"
    assert deal["article_count"] == "2"
    assert rows[1]["summary"] == "Good Sex: dated March 5, 2027"
    assert rows[2]["source_link"] == ""


@pytest.mark.postgres
def test_selected_films_only_including_discovered_ones(db: Database) -> None:
    with db.session() as session:
        _, sinners, discovered = make_timelines(session)
        rows = exported_rows(session, [sinners.id, discovered.id])
    assert [(row["title"], row["kind"]) for row in rows] == [
        ("Sinners", "trailer"),
        ("Unfollowed", "deal.talks"),
    ]
