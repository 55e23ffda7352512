"""Release dates, round 7: a date counts only when the verb governing it is the release's.

Every sentence here is invented; each positive has a near miss that must not fire. The
shared test films are published on Saturday 2025-02-15.
"""

from __future__ import annotations

from tests.core.detect.helpers import Detect, make_detect
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.matcher import FilmProfile
from watchlist.core.detect.taxonomy import EventKind

ANNOUNCED = EventKind.RELEASE_DATE_ANNOUNCED
CHANGED = EventKind.RELEASE_DATE_CHANGED


def _dated(detections: list[Detection]) -> list[tuple[str, str]]:
    return sorted(
        (d.film.title, str(d.fields.get("date") or d.fields.get("new_date")))
        for d in detections
        if d.kind in (ANNOUNCED, CHANGED) and d.film.followed
    )


def test_a_reports_day_is_not_the_release_date(detect: Detect) -> None:
    told = detect("", "Deadline reported on Thursday that Neon will release Marrowby Lane.")
    assert _dated(told) == []
    # The near miss: the release's own verb with a day still dates it.
    dated = detect("", "Neon will release Marrowby Lane on Thursday, Deadline reported.")
    assert _dated(dated) == [("Marrowby Lane", "2025-02-20")]


def test_a_death_date_in_an_obituary_is_no_release(detect: Detect) -> None:
    obituary = detect(
        "", "Quint, who brought Marrowby Lane to the big screen, died in July after an illness."
    )
    assert _dated(obituary) == []
    assert _dated(detect("", "Marrowby Lane comes to the big screen in July.")) == [
        ("Marrowby Lane", "2025-07")
    ]


def test_a_festival_debut_on_a_day_is_no_release_date(detect: Detect) -> None:
    festival = detect("", "Marrowby Lane will make its world debut at Hot Docs on Monday.")
    assert _dated(festival) == []
    assert _dated(detect("", "Marrowby Lane will debut on Hulu on Monday.")) == [
        ("Marrowby Lane", "2025-02-17")
    ]


def test_a_festival_opening_with_the_film_is_not_the_films_release(detect: Detect) -> None:
    festival = detect("", "The festival opens on May 13 with the premiere of Marrowby Lane.")
    assert _dated(festival) == []
    assert _dated(detect("", "Marrowby Lane opens on May 13 in theaters.")) == [
        ("Marrowby Lane", "2025-05-13")
    ]


def test_a_standing_date_repeated_in_a_trailer_story_is_background(detect: Detect) -> None:
    background = detect(
        "Neon Unveils Second Marrowby Lane Trailer",
        "Quint introduced the trailer for Marrowby Lane, which will open on June 20.",
    )
    assert _dated(background) == []
    # The near miss: outside a trailer story the same relative clause can carry news.
    news = detect(
        "Neon Acquires Marrowby Lane",
        "Neon has acquired the film Marrowby Lane, which will open on June 20.",
    )
    assert _dated(news) == [("Marrowby Lane", "2025-06-20")]


def test_a_title_that_reads_as_a_date_is_not_a_date() -> None:
    detect = make_detect([FilmProfile(1, "22 July", 2018, (), ("Paul Greengrass",))])
    assert _dated(detect("", "Netflix will release 22 July on its service this fall.")) == [
        ("22 July", "2025")
    ]
    assert _dated(detect("", "Netflix has released the 22 July cast list.")) == []


def test_a_possessive_date_qualifies_a_noun_not_the_release(detect: Detect) -> None:
    hits = detect("", "Marrowby Lane, one of this summer's biggest hits, will hit Max.")
    assert _dated(hits) == []
    assert _dated(detect("", "Marrowby Lane will hit Max this summer.")) == [
        ("Marrowby Lane", "2025")
    ]


def test_a_move_whose_new_date_comes_in_the_next_sentence_is_one_move(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane has been moved from April 3. It will skip theaters and premiere on "
        "Netflix on May 22.",
    )
    moves = [d for d in detections if d.kind == CHANGED]
    assert [(m.fields["old_date"], m.fields.get("new_date")) for m in moves] == [
        ("2025-04-03", "2025-05-22")
    ]
    assert moves[0].fields["direction"] == "delayed"
    assert [d for d in detections if d.kind == ANNOUNCED] == []


def test_a_move_stays_open_when_the_next_date_is_another_films(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane has been moved from April 3. Frankenstein opens on May 22."
    )
    moves = [(d.film.title, d.fields.get("new_date")) for d in detections if d.kind == CHANGED]
    assert moves == [("Marrowby Lane", None)]


def test_a_hedge_before_a_firm_announcement_does_not_hedge_its_date(detect: Detect) -> None:
    firm = detect(
        "",
        "It looks like Neon meant it, because it was just announced that Marrowby Lane will "
        "hit theaters on June 16.",
    )
    assert _dated(firm) == [("Marrowby Lane", "2025-06-16")]
    # The near miss: the hedge inside the announced statement still hedges it.
    hedged = detect(
        "", "It was just announced that Marrowby Lane looks set to hit theaters on June 16."
    )
    assert _dated(hedged) == []


def test_a_moves_direction_comes_from_its_dates_not_the_headlines_wording(
    detect: Detect,
) -> None:
    detections = detect(
        "Frankenstein Moves to June, Marrowby Lane Moves Up a Week",
        "Frankenstein is now opening on June 27, having moved from March 6. Marrowby Lane is "
        "moving up a week to May 16.",
    )
    directions = {d.film.title: d.fields["direction"] for d in detections if d.kind == CHANGED}
    assert directions == {"Frankenstein": "delayed", "Marrowby Lane": "moved_up"}


def test_a_from_that_names_an_origin_is_no_move(detect: Detect) -> None:
    origin = detect(
        "",
        "Marrowby Lane is a drama. The project, hailing from two brothers, is now set for a "
        "September 6 wide release.",
    )
    assert [(d.kind, d.fields.get("date")) for d in origin if d.kind in (ANNOUNCED, CHANGED)] == [
        (ANNOUNCED, "2025-09-06")
    ]
    # The near miss: a "from" that leaves a slot makes the same words a move.
    move = detect("", "Marrowby Lane moved from its summer slot and is now set for September 6.")
    assert [d.kind for d in move if d.kind in (ANNOUNCED, CHANGED)] == [CHANGED]
