"""Deals round 6: buyers the gazetteer does not know, and subjects away from the deal verb.

Every sentence here is invented; each class of wording has a near miss next to it.
"""

from __future__ import annotations

import pytest

from tests.core.detect.helpers import Detect
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.taxonomy import EventKind

ACQ = EventKind.DEAL_ACQUISITION


def _deals(detections: list[Detection]) -> list[tuple[str, str | None]]:
    return [(d.film.title, d.fields.get("buyer")) for d in detections if d.kind is ACQ]


@pytest.mark.parametrize(
    ("summary", "buyer"),
    [
        # The film's side names an unknown distributor after with/via.
        ("Marrowby Lane has secured distribution with Indie Owl Movies.", "Indie Owl Movies"),
        ("Marrowby Lane has scored distribution via the good people at OwlReel.", "OwlReel"),
        # "not only ... but" affirms.
        (
            "Marrowby Lane has not only found a home with OwlReel, but it opens in May.",
            "OwlReel",
        ),
        # A company of everyday words opening the clause is the subject.
        ("Harbor Squad has acquired the worldwide rights for Marrowby Lane.", "Harbor Squad"),
        # The deal verb's subject is a pronoun or a gerund: the company opening the sentence.
        (
            "Quillfeather Media recently told fans that they've acquired the rights to "
            "Marrowby Lane.",
            "Quillfeather Media",
        ),
        (
            "Quillfeather Media got into the action by acquiring the rights to Marrowby Lane.",
            "Quillfeather Media",
        ),
        (
            "Quillfeather Pictures also swooped in for the kill acquiring Marrowby Lane.",
            "Quillfeather Pictures",
        ),
    ],
)
def test_unknown_buyers_are_named(detect: Detect, summary: str, buyer: str) -> None:
    assert _deals(detect("", summary)) == [("Marrowby Lane", buyer)]


@pytest.mark.parametrize(
    "summary",
    [
        "Marrowby Lane has not secured distribution with Indie Owl Movies.",
        "Marrowby Lane has secured distribution in North America.",
        "Marrowby Lane has found a home at Cannes.",
        "Quillfeather Media, which recently acquired Marrowby Lane, is expanding.",
    ],
)
def test_near_misses_name_no_unknown_buyer(detect: Detect, summary: str) -> None:
    assert _deals(detect("", summary)) == []


def test_a_festival_inside_a_buyers_name_is_no_market(detect: Detect) -> None:
    [deal] = [
        d for d in detect("", "Sundance Channel has acquired Marrowby Lane.") if d.kind is ACQ
    ]
    assert deal.fields["buyer"] == "Sundance Channel"
    assert "market" not in deal.fields
    [deal] = [
        d for d in detect("", "Neon has acquired Marrowby Lane at Sundance.") if d.kind is ACQ
    ]
    assert deal.fields["market"] == "Sundance"


def test_unattributed_reported_talks_are_hedged(detect: Detect) -> None:
    talks = EventKind.DEAL_TALKS
    hedged = detect(
        "", "Neon is reportedly in negotiations for a $4 million acquisition of Marrowby Lane."
    )
    assert [d for d in hedged if d.kind in (ACQ, talks)] == []
    for summary in (
        "As Variety reports, Neon is in negotiations to acquire Marrowby Lane.",
        "Neon is reportedly in final negotiations to acquire Marrowby Lane.",
    ):
        assert [(d.kind, d.fields.get("buyer")) for d in detect("", summary)] == [(talks, "Neon")]


def test_a_release_slot_as_the_object_is_no_deal(detect: Detect) -> None:
    assert _deals(detect("NEON Nabs An August Release For Mara Quint's MARROWBY LANE")) == []
    assert _deals(detect("Neon Nabs U.S. Rights For Marrowby Lane")) == [("Marrowby Lane", "Neon")]


def test_a_deal_told_as_a_participle_is_background(detect: Detect) -> None:
    for summary in (
        "Picked up by Neon, Marrowby Lane opens Friday.",
        "Marrowby Lane, acquired by Neon at Sundance, opens Friday.",
        "Picked up by Neon, it's been reported that Marrowby Lane will play in May.",
    ):
        assert _deals(detect("", summary)) == []
    # A headline naming the deal is the news.
    assert _deals(detect("Picked Up By Neon: Marrowby Lane")) == [("Marrowby Lane", "Neon")]
    assert _deals(detect("", "Neon picked up Marrowby Lane, and it's set for March.")) == [
        ("Marrowby Lane", "Neon")
    ]


def test_rights_to_distribute_keep_the_film_as_object(detect: Detect) -> None:
    summary = (
        "Quillfeather Entertainment has acquired the North American rights to distribute "
        "Else Films' horror feature MARROWBY LANE."
    )
    assert _deals(detect("", summary)) == [("Marrowby Lane", "Quillfeather Entertainment")]
    # A second buyer's verb before the film still hands it to that buyer.
    assert _deals(detect("", "HBO acquired Heat and Netflix will distribute Marrowby Lane.")) == [
        ("Heat", "HBO"),
        ("Marrowby Lane", "Netflix"),
    ]


def test_rights_without_a_film_after_are_the_clauses_film(detect: Detect) -> None:
    headline = "Neon Boards 'Marrowby Lane', Bags US Rights"
    assert _deals(detect(headline)) == [("Marrowby Lane", "Neon")]
    assert _deals(detect("Neon Boards 'Marrowby Lane', Takes Sales Rights")) == []
    assert (
        _deals(detect("", "Neon screened Marrowby Lane, and acquired the rights to a novel.")) == []
    )


def test_snatched_up_is_a_purchase_unless_recalled(detect: Detect) -> None:
    assert _deals(detect("", "Neon has snatched up Marrowby Lane for U.S. release.")) == [
        ("Marrowby Lane", "Neon")
    ]
    assert _deals(detect("", "Marrowby Lane was snatched up by Neon.")) == [
        ("Marrowby Lane", "Neon")
    ]
    assert _deals(detect("", "Neon snatched up Marrowby Lane way back in December.")) == []


def test_black_friday_without_a_price_is_a_day(detect: Detect) -> None:
    price = EventKind.DEAL_PRICE
    headline = "Severin Films Bringing 'Marrowby Lane' to Blu-ray on Black Friday"
    assert [d for d in detect(headline) if d.kind is price] == []
    sale = detect("", "Black Friday deals: Marrowby Lane on Blu-ray is 50% off.")
    assert [d.kind for d in sale] == [price]


def test_the_announcing_company_is_the_buyer_not_the_headlines(detect: Detect) -> None:
    headline = "Film Acquisition Rundown: IFC Films Takes 'Heat' and More"
    for summary, buyer in (
        (
            "Distributer FilmRise has announced that is has acquired US rights to Marrowby Lane.",
            "FilmRise",
        ),
        (
            "Distributor Quillfeather has announced that it has acquired Marrowby Lane.",
            "Quillfeather",
        ),
    ):
        assert ("Marrowby Lane", buyer) in _deals(detect(headline, summary))
    # A reporter with the buyer named after "that" keeps that buyer.
    assert _deals(detect("", "The festival announced that Neon has acquired Marrowby Lane.")) == [
        ("Marrowby Lane", "Neon")
    ]


def test_a_film_side_pickup_takes_the_distributor_named_next(detect: Detect) -> None:
    picked = "Marrowby Lane has been picked up for theatrical distribution in North America."
    named = detect("", f"{picked} According to a report, Quill Films will distribute the film.")
    assert _deals(named) == [("Marrowby Lane", "Quill Films")]
    # A company releasing another film is not this one's buyer.
    other = detect("", f"{picked} Quill Films will release Heat in May.")
    assert _deals(other) == [("Marrowby Lane", None)]


def test_talks_with_a_producer_about_the_film_are_talks(detect: Detect) -> None:
    talks = EventKind.DEAL_TALKS
    summary = (
        "As Variety reports, Neon is in negotiations with producer Quill Pictures to acquire "
        "worldwide distribution rights to the film by Mara Quint, 'Marrowby Lane'."
    )
    assert [(d.kind, d.fields.get("buyer")) for d in detect("", summary)] == [(talks, "Neon")]
    corporate = "Neon is in talks to acquire Quill Pictures, the producer of Marrowby Lane."
    assert detect("", corporate) == []


def test_a_hyphenated_pick_up_is_a_purchase(detect: Detect) -> None:
    assert _deals(detect("", "Neon announced the pick-up of Marrowby Lane.")) == [
        ("Marrowby Lane", "Neon")
    ]
    assert _deals(detect("", "The pick-up of Marrowby Lane was the talk of the town.")) == []
