"""Small units of work the window runs in the background (each opens one session)."""

from __future__ import annotations

from collections.abc import Sequence

from watchlist.core.db import Database
from watchlist.core.errors import NotFoundError
from watchlist.core.films import FilmSpec, add_film, film_to_spec, remove_film, update_film
from watchlist.core.models import Film
from watchlist.core.readstate import mark_read, mark_unread


def _film(session_film: Film | None) -> Film:
    if session_film is None:
        raise NotFoundError("This film is no longer in the database.")
    return session_film


def follow_film(db: Database, spec: FilmSpec) -> int:
    """Follow a film (a discovered one keeps its timeline); returns its id."""
    with db.session() as session:
        return add_film(session, spec).id


def follow_discovered_film(db: Database, film_id: int) -> int:
    """Follow a film detection discovered, keeping its timeline; returns its id."""
    with db.session() as session:
        film = _film(session.get(Film, film_id))
        return add_film(session, film_to_spec(film)).id


def edit_film(db: Database, film_id: int, spec: FilmSpec) -> int:
    """Save the edit dialog's fields onto a film; returns its id."""
    with db.session() as session:
        return update_film(session, _film(session.get(Film, film_id)), spec).id


def load_film_spec(db: Database, film_id: int) -> FilmSpec:
    """The editable fields of a film, for the edit dialog."""
    with db.session() as session:
        return film_to_spec(_film(session.get(Film, film_id)))


def set_film_muted(db: Database, film_id: int, muted: bool) -> None:
    """Mute (no notifications) or unmute a film."""
    with db.session() as session:
        _film(session.get(Film, film_id)).muted = muted


def mark_events_read(db: Database, event_ids: Sequence[int], user_key: str) -> None:
    """Mark events read for this user."""
    with db.session() as session:
        mark_read(session, event_ids, user_key)


def mark_events_unread(db: Database, event_ids: Sequence[int], user_key: str) -> None:
    """Mark events unread again for this user."""
    with db.session() as session:
        mark_unread(session, event_ids, user_key)


def delete_films(db: Database, film_ids: Sequence[int]) -> None:
    """Unfollow films for good, with their timelines (after the undo period has passed)."""
    with db.session() as session:
        for film_id in film_ids:
            film = session.get(Film, film_id)
            if film is not None and film.followed:
                remove_film(session, film.title, film.year)
