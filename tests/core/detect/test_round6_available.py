"""Availability and premieres, round 6: "out now" said in the ways trade copy says it.

Every sentence here is invented; each positive has a near miss that must not fire. The
shared test films are published on Saturday 2025-02-15.
"""

from __future__ import annotations

import pytest

from tests.core.detect.helpers import FILMS, Detect, kinds, make_detect
from watchlist.core.detect.matcher import FilmProfile
from watchlist.core.detect.taxonomy import EventKind

AVAILABLE = str(EventKind.RELEASE_AVAILABLE)
PREMIERE = str(EventKind.RELEASE_PREMIERE)


def _available(detect: Detect, title: str, summary: str = "") -> list[str]:
    return [film for film, kind in kinds(detect(title, summary)) if kind == AVAILABLE]


@pytest.mark.parametrize(
    "headline",
    [
        "Marrowby Lane arrives in theaters and on Max this weekend",
        "'Marrowby Lane' Drops on Netflix Today",
        "'Marrowby Lane' Streams on Peacock Starting Today",
        "'Marrowby Lane' Goes Online Today",
        "You can now stream Marrowby Lane on Hulu",
    ],
)
def test_a_release_that_reaches_its_outlet_today_is_available(
    detect: Detect, headline: str
) -> None:
    assert _available(detect, headline) == ["Marrowby Lane"]


@pytest.mark.parametrize(
    "headline",
    [
        "Marrowby Lane will stream on Peacock starting March 3",
        "Marrowby Lane drops on Netflix on March 3",
        "Marrowby Lane goes online on March 3",
        "Marrowby Lane drops a new poster today",
    ],
)
def test_a_release_on_another_day_or_no_release_is_not_available(
    detect: Detect, headline: str
) -> None:
    assert _available(detect, headline) == []


def _premieres(detect: Detect, title: str, summary: str = "") -> list[str]:
    return [film for film, kind in kinds(detect(title, summary)) if kind == PREMIERE]


@pytest.mark.parametrize(
    "headline",
    [
        "Marrowby Lane drew a standing ovation at its Cannes world premiere",
        "Photos from the world premiere of Marrowby Lane in Hollywood",
        "Mara Quint skipped the Venice world premiere of Marrowby Lane",
        "Marrowby Lane reactions: Venice world premiere crowd raves",
    ],
)
def test_a_premiere_told_for_what_happened_there_is_no_premiere_news(
    detect: Detect, headline: str
) -> None:
    assert _premieres(detect, headline) == []


@pytest.mark.parametrize(
    "headline",
    [
        "Marrowby Lane is set to world premiere at Venice, where Mara Quint will walk the "
        "red carpet",
        "Marrowby Lane will get its world premiere at Cannes, with photos to follow",
    ],
)
def test_a_premiere_to_come_is_news_whatever_the_red_carpet_plans(
    detect: Detect, headline: str
) -> None:
    assert _premieres(detect, headline) == ["Marrowby Lane"]


@pytest.mark.parametrize(
    "headline",
    [
        "Marrowby Lane will open this year's Sundance Film Festival",
        "The 40th Sundance Film Festival will open with Marrowby Lane",
        "New Marrowby Lane trailer ahead of its premiere at Sundance",
    ],
)
def test_an_opening_slot_or_a_named_premiere_to_come_is_a_premiere(
    detect: Detect, headline: str
) -> None:
    assert _premieres(detect, headline) == ["Marrowby Lane"]


@pytest.mark.parametrize(
    "headline",
    [
        "Marrowby Lane will open this year's theatrical season",
        "New Marrowby Lane trailer ahead of its Sundance premiere",
    ],
)
def test_a_season_opener_or_a_known_premiere_recalled_is_no_premiere(
    detect: Detect, headline: str
) -> None:
    assert _premieres(detect, headline) == []


def test_a_company_whose_name_ends_in_a_title_is_not_the_film(detect: Detect) -> None:
    company = detect("", "The sales agency Cold Heat is streaming Marrowby Lane now on Netflix.")
    assert [film for film, _ in kinds(company)] == ["Marrowby Lane"]
    film = detect("", "Michael Mann's Heat is streaming now on Netflix.")
    assert kinds(film) == [("Heat", AVAILABLE)]


def test_a_sequel_named_by_its_long_subtitle_alone_is_the_film() -> None:
    sequels = [
        FilmProfile(10, "Lantern Saga: The Night the Lamps Went Out", 2025, (), ("Mara Quint",)),
        FilmProfile(11, "Lantern Saga: The Iron Gate", 2025, (), ("Teo Vance",)),
    ]
    detect = make_detect([*FILMS, *sequels])
    long_subtitle = detect(
        "",
        "The third Lantern Saga movie, The Night the Lamps Went Out, arrives in theaters "
        "and on Max this weekend.",
    )
    assert kinds(long_subtitle) == [("Lantern Saga: The Night the Lamps Went Out", AVAILABLE)]
    # Three words are too few to name a film alone: "The Iron Gate" is also a place.
    short_subtitle = detect(
        "", "The third Lantern Saga movie, The Iron Gate, arrives on Max this weekend."
    )
    assert kinds(short_subtitle) == []


@pytest.mark.parametrize(
    "summary",
    [
        "New on Blu-ray this week: Marrowby Lane, Tiny Furniture.",
        "This week's new digital releases: Marrowby Lane and Tiny Furniture.",
        "New Releases (Blu-ray): Marrowby Lane, Tiny Furniture.",
    ],
)
def test_a_weekly_new_release_list_makes_each_film_available(detect: Detect, summary: str) -> None:
    assert _available(detect, "", summary) == ["Marrowby Lane", "Tiny Furniture"]


@pytest.mark.parametrize(
    "summary",
    [
        "New Blu-ray releases coming soon: Marrowby Lane, Tiny Furniture.",
        "New releases coming soon to Blu-ray: Marrowby Lane, Tiny Furniture.",
    ],
)
def test_a_list_of_releases_to_come_is_not_available(detect: Detect, summary: str) -> None:
    assert _available(detect, "", summary) == []


@pytest.mark.parametrize(
    "headline",
    [
        "Marrowby Lane opens this weekend with a projected $20 million",
        "Marrowby Lane dropped today's trailer on YouTube",
    ],
)
def test_a_box_office_sum_or_a_trailer_of_the_day_is_not_availability(
    detect: Detect, headline: str
) -> None:
    assert _available(detect, headline) == []


def test_an_opening_today_with_a_rental_price_is_available(detect: Detect) -> None:
    rental = "Marrowby Lane drops on Apple TV today, available to rent for $5.99"
    assert _available(detect, rental) == ["Marrowby Lane"]
