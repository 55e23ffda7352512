"""Event rules, one family at a time, on trade-press style headlines and summaries."""

from __future__ import annotations

from datetime import UTC, datetime

from tests.core.detect.helpers import Detect, kinds
from watchlist.core.detect.taxonomy import EventKind

GOOD_SEX_HEADLINE = (
    "Netflix Lands Lena Dunham's Rom-Com 'Good Sex' Starring Natalie Portman For $55M "
    "After Bidding War At EFM"
)
GOOD_SEX_SUMMARY = (
    "Netflix has won the bidding war for worldwide rights to Good Sex, the Lena Dunham-written "
    "and directed romantic comedy starring Natalie Portman, in a deal worth $55 million struck "
    "during the European Film Market in Berlin. Netflix has not yet announced a release date."
)


def test_canonical_deal_is_exactly_one_acquisition_with_every_field(detect: Detect) -> None:
    [deal] = detect(GOOD_SEX_HEADLINE, GOOD_SEX_SUMMARY)
    assert (deal.film.title, deal.kind) == ("Good Sex", EventKind.DEAL_ACQUISITION)
    assert deal.fields == {
        "buyer": "Netflix",
        "price_text": "$55M",
        "price_usd": 55_000_000,
        "territory": "worldwide",
        "market": "EFM",
        "bidding_war": True,
    }
    assert deal.evidence and deal.confidence >= 0.9


def test_passive_and_sold_to_deals_name_the_buyer(detect: Detect) -> None:
    [deal] = detect("'Marrowby Lane' Sells To Neon In Seven-Figure Deal")
    assert deal.fields["buyer"] == "Neon"
    assert deal.fields["price_text"] == "seven figures"
    assert "price_usd" not in deal.fields
    [deal] = detect("", "Marrowby Lane, the debut of Mara Quint, has been acquired by IFC Films.")
    assert deal.fields["buyer"] == "IFC Films"


def test_prices_are_normalised_only_when_exact(detect: Detect) -> None:
    [deal] = detect("Focus Features Buys Mara Quint Drama 'Marrowby Lane' For $7.5M")
    assert deal.fields["price_usd"] == 7_500_000
    [floor] = detect("LD Distribution Acquires 'Marrowby Lane' For North Of $1 Million")
    assert floor.fields["price_text"] == "North Of $1 Million"
    assert "price_usd" not in floor.fields


def test_talks_are_a_separate_lower_confidence_state(detect: Detect) -> None:
    [talks] = detect("Searchlight Nearing Deal For Cannes Drama 'Marrowby Lane'")
    assert talks.kind is EventKind.DEAL_TALKS
    assert talks.fields["buyer"] == "Searchlight Pictures"
    assert talks.confidence < 0.9


def test_casting_negotiations_are_not_deal_talks(detect: Detect) -> None:
    found = detect(
        "", "Teo Vance has entered negotiations to star in Marrowby Lane for Mara Quint."
    )
    assert kinds(found) == [("Marrowby Lane", "production")]


def test_a_sentence_about_another_film_does_not_count(detect: Detect) -> None:
    found = detect(
        "Sundance Deals",
        "Neon paid $14m for worldwide rights to Marrowby Lane, while A24 acquired US rights to "
        "horror The Silent Orchard.",
    )
    [deal] = [d for d in found if d.film.followed]
    assert deal.fields["buyer"] == "Neon"
    assert deal.fields["price_usd"] == 14_000_000
    [other] = [d for d in found if not d.film.followed] or [None]
    assert other is None or other.film.title != "Marrowby Lane"


def test_negations_and_hedges_give_no_event(detect: Detect) -> None:
    assert detect("", "Netflix has yet to announce a release date for Marrowby Lane.") == []
    assert detect("", "No release date has been set for Marrowby Lane.") == []
    assert detect("", "Marrowby Lane could land on Netflix in March 2026, sources say.") == []
    assert detect("", "Neon is reportedly eyeing a fall 2026 release for Marrowby Lane.") == []
    assert detect("", "Neon may acquire Marrowby Lane, a rumored deal.") == []


def test_release_dates_keep_their_precision(detect: Detect) -> None:
    [day] = detect("Neon Sets 'Marrowby Lane' For March 5, 2027")
    assert (day.fields["date"], day.fields["precision"]) == ("2027-03-05", "day")
    [month] = detect("Neon Dates 'Marrowby Lane' For June 2026")
    assert (month.fields["date"], month.fields["precision"]) == ("2026-06", "month")
    [season] = detect("'Marrowby Lane' Release Date Set For Summer 2026")
    assert season.fields == {
        "date": "2026",
        "precision": "season",
        "season": "summer",
        "medium": "theatrical",
    }
    [year] = detect("", "Neon will theatrically release Marrowby Lane in the U.S. in 2026.")
    assert (year.fields["date"], year.fields["precision"]) == ("2026", "year")


def test_a_date_without_year_takes_it_from_publication(detect: Detect) -> None:
    published = datetime(2018, 3, 1, tzinfo=UTC)
    [date] = detect("", "Marrowby Lane will now bow theatrically March 30 in New York.", published)
    assert date.fields["date"] == "2018-03-30"


def test_two_media_make_two_dates(detect: Detect) -> None:
    found = detect(
        "Netflix Sets Premiere Date For Guillermo del Toro's 'Frankenstein'",
        "Netflix has set November 7, 2025 for the global streaming debut of Guillermo del "
        "Toro's Frankenstein, which will get a limited theatrical release on October 17.",
    )
    dates = {(d.fields["date"], d.fields["medium"]) for d in found}
    assert dates == {("2025-11-07", "streaming"), ("2025-10-17", "theatrical")}


def test_restated_dates_are_not_news(detect: Detect) -> None:
    assert kinds(
        detect(
            "", "Universal released a teaser for Marrowby Lane ahead of its July 17, 2026 release."
        )
    ) == [("Marrowby Lane", "trailer")]
    assert detect("", "Marrowby Lane, which bows September 19, stars Teo Vance.") == []


def test_date_change_direction_comes_from_the_dates(detect: Detect) -> None:
    [moved] = detect(
        "", "Open Road is moving up its horror feature Marrowby Lane from April 23 to April 30."
    )
    assert moved.kind is EventKind.RELEASE_DATE_CHANGED
    assert moved.fields["old_date"] == "2025-04-23"
    assert moved.fields["new_date"] == "2025-04-30"
    assert moved.fields["direction"] == "delayed"


def test_pulled_from_the_schedule(detect: Detect) -> None:
    [pulled] = detect(
        "Lionsgate Pulls 'Marrowby Lane' From Fall Calendar",
        "Lionsgate has taken Marrowby Lane off its October 16 release date; "
        "no new date has been set.",
    )
    assert pulled.fields["direction"] == "pulled"
    assert pulled.fields["old_date"] == "2025-10-16"


def test_world_premiere_at_a_festival_with_section(detect: Detect) -> None:
    [premiere] = detect(
        "Venice: Guillermo del Toro's 'Frankenstein' Set For Competition World Premiere"
    )
    assert premiere.fields == {"festival": "Venice", "section": "Competition"}


def test_past_and_non_world_premieres_are_not_events(detect: Detect) -> None:
    assert detect("", "Marrowby Lane, which premiered at Sundance, stars Teo Vance.") == []
    assert (
        detect(
            "Toronto Adds Titles To Its Line-Up",
            "SPECIAL PRESENTATIONS: Marrowby Lane Mara Quint, USA, North American Premiere.",
        )
        == []
    )


def test_available_now(detect: Detect) -> None:
    [available] = detect("'Frankenstein' Is Now Streaming On Netflix")
    assert available.fields == {"medium": "streaming", "platform": "Netflix"}


def test_trailers_but_not_featurettes_or_awards(detect: Detect) -> None:
    [trailer] = detect("'Marrowby Lane' Teaser: First Look At Mara Quint's Drama")
    assert trailer.kind is EventKind.TRAILER
    assert detect("'Marrowby Lane' Featurette Goes Behind The Scenes") == []
    assert detect("Golden Trailer Awards: 'Marrowby Lane' Among Winners") == []


def test_production_stages(detect: Detect) -> None:
    [casting] = detect("Teo Vance Joins Cast Of 'Marrowby Lane'")
    assert casting.fields == {"stage": "casting"}
    [filming] = detect("'Marrowby Lane' Begins Production In Montreal")
    assert filming.fields == {"stage": "filming"}
    assert detect("", "Marrowby Lane wrapped filming in New York last summer.") == []


def test_retail_price_drop(detect: Detect) -> None:
    [price] = detect("'Heat' 4K Ultra HD Drops To $19.99 At Amazon", "Michael Mann's crime epic.")
    assert price.kind is EventKind.DEAL_PRICE
    assert price.fields == {"retailer": "Amazon", "price_text": "$19.99", "format": "4K"}
    assert detect("'Heat' Becomes Best-Selling 4K Disc", "List price holds at $44.98.") == []


def test_reviews_and_box_office_carry_no_events(detect: Detect) -> None:
    assert detect("Review: 'Marrowby Lane' Is A Tender Drama", "It opens in theaters Friday.") == []
    assert detect("Box Office: 'Marrowby Lane' Tops Weekend With $44M") == []


def test_discovered_films_come_from_quoted_headline_titles(detect: Detect) -> None:
    [found] = detect("Neon Acquires 'The Silent Orchard' At Sundance")
    assert found.film.title == "The Silent Orchard"
    assert not found.film.followed
    assert found.fields["buyer"] == "Neon"


def test_aliases_match_like_titles(detect: Detect) -> None:
    [deal] = detect("A24 Acquires 'Untitled Quint Project'")
    assert deal.film.title == "The Lantern Keeper"


def test_deal_round_up_lists_buyer_in_parentheses(detect: Detect) -> None:
    found = detect(
        "Sundance 2025 Deals So Far",
        "The list so far: 'Marrowby Lane' (Neon, $9.5M); 'Tiny Furniture' (IFC Films).",
    )
    assert [(d.film.title, d.fields.get("buyer"), d.fields.get("price_usd")) for d in found] == [
        ("Marrowby Lane", "Neon", 9_500_000),
        ("Tiny Furniture", "IFC Films", None),
    ]


def test_a_prize_is_not_a_deal(detect: Detect) -> None:
    assert detect("Netflix Wins Emmy For 'Marrowby Lane'") == []
    [deal] = detect("A24 Wins 'Marrowby Lane' After Bidding War")
    assert deal.fields["buyer"] == "A24" and deal.fields["bidding_war"] is True


def test_the_month_may_is_not_a_hedge(detect: Detect) -> None:
    [date] = detect("", "Neon will release Marrowby Lane in theaters in May.")
    assert date.fields["date"] == "2025-05"
    assert detect("", "Neon may acquire Marrowby Lane.") == []
