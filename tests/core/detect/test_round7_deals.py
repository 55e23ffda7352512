"""Deals round 7: wording that only means a deal in a deals context.

Every sentence here is invented; each class of wording has a near miss next to it.
"""

from __future__ import annotations

import pytest

from tests.core.detect.helpers import FILMS, Detect, make_detect
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.matcher import FilmProfile
from watchlist.core.detect.taxonomy import EventKind

ACQ = EventKind.DEAL_ACQUISITION
TALKS = EventKind.DEAL_TALKS


def _deals(detections: list[Detection]) -> list[tuple[str, str | None]]:
    return [(d.film.title, d.fields.get("buyer")) for d in detections if d.kind is ACQ]


def test_weak_verbs_are_deals_under_a_round_up_headline(detect: Detect) -> None:
    headline = "Toronto 2025: Every Film Bought So Far"
    assert _deals(detect(headline, "Neon took Mara Quint's Marrowby Lane.")) == [
        ("Marrowby Lane", "Neon")
    ]
    summary = "Metrograph Pictures nabbed two films: Marrowby Lane and Tiny Furniture."
    assert _deals(detect(headline, summary)) == [
        ("Marrowby Lane", "Metrograph Pictures"),
        ("Tiny Furniture", "Metrograph Pictures"),
    ]


def test_weak_verbs_outside_a_deals_context_are_no_deal(detect: Detect) -> None:
    assert _deals(detect("Festival review round-up", "Neon took Marrowby Lane.")) == []
    # A deals headline does not make an unknown subject a buyer.
    assert _deals(detect("Every Film Bought So Far", "Mara Quint took Marrowby Lane.")) == []


def _territories(detections: list[Detection]) -> list[tuple[str, str | None]]:
    return [(d.film.title, d.fields.get("territory")) for d in detections if d.kind is ACQ]


def test_the_film_as_the_sellers_subject_is_a_territory_deal(detect: Detect) -> None:
    assert _territories(detect("", "Marrowby Lane has sold in France, Italy and Spain.")) == [
        ("Marrowby Lane", "France; Italy; Spain")
    ]
    assert _territories(detect("Marrowby Lane Pre-Sells Germany and Spain", "")) == [
        ("Marrowby Lane", "Germany; Spain")
    ]
    summary = "Marrowby Lane pre-sold rights to Germany to a new distributor for $3 million."
    [deal] = [d for d in detect("", summary) if d.kind is ACQ]
    assert deal.fields["territory"] == "Germany"
    assert "buyer" not in deal.fields


def test_sold_in_without_a_territory_is_no_deal(detect: Detect) -> None:
    assert _deals(detect("", "Marrowby Lane has sold in theaters nationwide.")) == []
    assert _deals(detect("", "Tickets for Marrowby Lane have sold in record numbers.")) == []
    assert _deals(detect("", "Marrowby Lane, which sold in France last year, opens today.")) == []


@pytest.mark.parametrize(
    ("summary", "buyer"),
    [
        ("Neon has purchased Marrowby Lane.", "Neon"),
        ("Neon purchased the rights to Marrowby Lane for $2 million.", "Neon"),
        # The negation is rhetorical: the deal is affirmed.
        ("Neon didn't just acquire Marrowby Lane, it also renamed it.", "Neon"),
        # A nationality and a role before the name are not the name.
        ("Dutch public broadcaster VPRO has acquired Dutch rights to Marrowby Lane.", "VPRO"),
        ("French distributor Le Pacte has acquired Marrowby Lane.", "Le Pacte"),
    ],
)
def test_purchases_and_affirmed_deals(detect: Detect, summary: str, buyer: str) -> None:
    assert _deals(detect("", summary)) == [("Marrowby Lane", buyer)]


@pytest.mark.parametrize(
    "summary",
    [
        "Neon didn't acquire Marrowby Lane.",
        "Tickets can be purchased for Marrowby Lane at the box office.",
        # A deal the outlet reported before is background.
        "Neon also bought Marrowby Lane, as we reported earlier.",
    ],
)
def test_near_misses_of_purchases(detect: Detect, summary: str) -> None:
    assert _deals(detect("", summary)) == []


def test_a_tracker_entry_with_a_blurb_names_its_distributor(detect: Detect) -> None:
    summary = "Marrowby Lane. A drama about a lane. Distributor: Owlreel Films."
    assert _deals(detect("Every Film Acquired at Sundance", summary)) == [
        ("Marrowby Lane", "Owlreel Films")
    ]
    # A line-up's distributor is a deal made before.
    assert _deals(detect("The Sundance Line-Up", summary)) == []


def test_talks_name_the_subject_after_an_adverb(detect: Detect) -> None:
    summary = "Owlreel Films are currently in talks to finalize the rights to Marrowby Lane."
    talks = [d for d in detect("", summary) if d.kind is TALKS]
    assert [d.fields.get("buyer") for d in talks] == ["Owlreel Films"]


def test_a_title_that_is_a_country_in_a_territory_list_is_the_country() -> None:
    films = [*FILMS, FilmProfile(30, "Portugal", 2024, (), ("Ines Amaral",))]
    detect = make_detect(films)
    summary = (
        "Owlreel Films struck a deal with Neon for Marrowby Lane for Spain, Portugal and Japan."
    )
    assert _deals(detect("", summary)) == [("Marrowby Lane", "Neon")]
    # The list shows the name is the country in the headline too.
    headline = "Neon Takes Portugal"
    assert _deals(detect(headline, "Neon took Portugal and Spain for Marrowby Lane.")) == []
    # Elsewhere the title is the film.
    assert _deals(detect("", "Neon has acquired Portugal, Ines Amaral's drama.")) == [
        ("Portugal", "Neon")
    ]
    opening = detect("", "Ines Amaral's Portugal opens in Portugal on Nov. 26.")
    assert [d.film.title for d in opening] == ["Portugal"]


def test_a_past_perfect_deal_is_news_under_a_headline_about_it(detect: Detect) -> None:
    summary = "Word came down that Marrowby Lane had been sold to Netflix."
    headline = "Netflix Makes Its Move With a Deal for Marrowby Lane"
    assert _deals(detect(headline, summary)) == [("Marrowby Lane", "Netflix")]
    # Under other news it stays background.
    assert _deals(detect("Marrowby Lane Trailer", summary)) == []


def test_an_aside_between_dashes_does_not_hedge_the_deal(detect: Detect) -> None:
    summary = (
        "On Friday - hours before the film was set to premiere - Marrowby Lane was "
        "acquired by Neon."
    )
    assert _deals(detect("", summary)) == [("Marrowby Lane", "Neon")]
    assert _deals(detect("", "Marrowby Lane was previously acquired by Neon.")) == []


def test_went_for_a_price_to_a_buyer(detect: Detect) -> None:
    summary = "Marrowby Lane went for a vague eight figures to A24."
    [deal] = [d for d in detect("", summary) if d.kind is ACQ]
    assert deal.fields["buyer"] == "A24"
    assert deal.fields["price_text"] == "eight figures"
    assert _deals(detect("", "Marrowby Lane went for broke to Neon's delight.")) == []


def test_more_sales_are_territory_deals_with_unnamed_buyers(detect: Detect) -> None:
    assert _deals(detect("Berlin Title 'Marrowby Lane' Scores More Sales", "")) == [
        ("Marrowby Lane", None)
    ]
    further = detect("", "Marrowby Lane has clocked further sales.")
    assert _deals(further) == [("Marrowby Lane", None)]
    assert _deals(detect("", "Marrowby Lane scored strong sales at the box office.")) == []
    assert _deals(detect("", "Marrowby Lane scores more sales agents.")) == []


def test_a_list_of_films_named_with_their_directors(detect: Detect) -> None:
    summary = "Neon acquired Ana Ruiz's Marrowby Lane and Teo Vance's Tiny Furniture."
    assert _deals(detect("", summary)) == [("Marrowby Lane", "Neon"), ("Tiny Furniture", "Neon")]
    # Another company's film is not on the list.
    summary = "Neon acquired Ana Ruiz's Marrowby Lane and Netflix's Tiny Furniture is next."
    assert _deals(detect("", summary)) == [("Marrowby Lane", "Neon")]
