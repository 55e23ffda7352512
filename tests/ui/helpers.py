"""Building blocks for the window tests: seeded films with timelines, dialog answers."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, add_film, parse_people
from watchlist.core.models import Article, Event, EventArticle, Feed, Film

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Seeded:
    """Ids of what ``seed_film`` created."""

    film_id: int
    event_ids: list[int]


def seed_film(
    db: Database,
    title: str,
    year: int | None = None,
    *,
    people: str = "",
    followed: bool = True,
    status: str = "unannounced",
    cached: dict[str, Any] | None = None,
    events: list[dict[str, Any]] | None = None,
) -> Seeded:
    """A film (followed or discovered) with its cached status and a timeline.

    Each event dict has ``kind``, ``fields``, ``evidence`` and ``sources``: a list of
    (outlet, headline, link) tuples, stored as articles of a feed named after the outlet.
    """
    with db.session() as session:
        if followed:
            film = add_film(session, FilmSpec(title, year, parse_people(people)))
        else:
            film = Film(
                title=title,
                year=year,
                identity_key=f"{title.casefold()}|{year or ''}",
                followed=False,
                followed_at=None,
                discovered_at=NOW,
            )
            session.add(film)
            session.flush()
        film.status = status
        for key, value in (cached or {}).items():
            setattr(film, key, value)
        event_ids = []
        for number, spec in enumerate(events or []):
            occurred = spec.get("occurred_at", NOW)
            event = Event(
                film_id=film.id,
                kind=spec["kind"],
                fingerprint=f"{spec['kind']}-{number}",
                fields=spec.get("fields", {}),
                evidence=spec.get("evidence", ""),
                occurred_at=occurred,
                first_seen_at=occurred,
            )
            session.add(event)
            session.flush()
            event_ids.append(event.id)
            for outlet, headline, link in spec.get("sources", []):
                feed = session.query(Feed).filter_by(url=f"https://{outlet}.example/feed").first()
                if feed is None:
                    feed = Feed(url=f"https://{outlet}.example/feed", title=outlet)
                    session.add(feed)
                    session.flush()
                article = Article(
                    feed_id=feed.id,
                    guid=f"{film.id}-{number}-{outlet}",
                    link=link,
                    title=headline,
                    summary="",
                    published_at=occurred,
                    source=outlet,
                    processed_at=occurred,
                )
                session.add(article)
                session.flush()
                session.add(
                    EventArticle(event_id=event.id, article_id=article.id, evidence=headline)
                )
            film.last_event_at = max(film.last_event_at or occurred, occurred)
            film.last_event_kind = spec["kind"]
        return Seeded(film.id, event_ids)


def answer_next_message_box(button_text: str) -> list[str]:
    """Click ``button_text`` in the next modal message box; returns the texts it showed."""
    shown: list[str] = []

    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click)
            return
        shown.append(box.text())
        for button in box.buttons():
            if button.text().replace("&", "") == button_text:
                button.click()
                return
        raise AssertionError(f"no {button_text!r} button in {[b.text() for b in box.buttons()]}")

    QTimer.singleShot(0, click)
    return shown
