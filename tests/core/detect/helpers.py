"""Shared test material: a few followed films, and helpers to read detections."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from watchlist.core.detect.extract import ArticleText, Detection, Detector
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile

PUBLISHED = datetime(2025, 2, 15, 10, 0, tzinfo=UTC)

FILMS = [
    FilmProfile(1, "Good Sex", 2026, (), ("Lena Dunham", "Natalie Portman")),
    FilmProfile(2, "Her", 2013, (), ("Spike Jonze", "Joaquin Phoenix", "Scarlett Johansson")),
    FilmProfile(3, "Heat", 1995, (), ("Michael Mann", "Al Pacino")),
    FilmProfile(4, "Marrowby Lane", 2025, (), ("Mara Quint", "Teo Vance")),
    FilmProfile(5, "Frankenstein", 2025, (), ("Guillermo del Toro", "Oscar Isaac")),
    FilmProfile(6, "Tiny Furniture", 2010, (), ("Lena Dunham",)),
    FilmProfile(7, "Us", 2019, (), ("Jordan Peele", "Lupita Nyong'o")),
    FilmProfile(8, "The Lantern Keeper", 2026, ("Untitled Quint Project",), ("Mara Quint",)),
    FilmProfile(9, "Up", 2009, (), ("Pete Docter",)),
]

Detect = Callable[..., list[Detection]]


def make_detect(films: list[FilmProfile] | None = None) -> Detect:
    """A function running a detector over ``films`` on one headline and summary."""
    detector = Detector(FilmMatcher(films or FILMS), discover=True)

    def run(title: str, summary: str = "", published: datetime = PUBLISHED) -> list[Detection]:
        article = ArticleText("a1", title, summary, "https://example.test/a1", published)
        return detector.detect(article)

    return run


def kinds(detections: list[Detection], *, followed_only: bool = True) -> list[tuple[str, str]]:
    """(film title, kind) pairs, in order."""
    return [(d.film.title, str(d.kind)) for d in detections if d.film.followed or not followed_only]
