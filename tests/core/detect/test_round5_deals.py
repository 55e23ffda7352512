"""Deals round 5: trade phrasing that the earlier rules missed, and the traps next to it.

Every sentence here is invented; each class of wording has a near miss that must not fire.
"""

from __future__ import annotations

import pytest

from tests.core.detect.helpers import Detect
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.taxonomy import EventKind

ACQ = EventKind.DEAL_ACQUISITION
TALKS = EventKind.DEAL_TALKS


def _deals(detections: list[Detection]) -> list[tuple[str, str, str | None]]:
    return [
        (d.film.title, d.kind.value, d.fields.get("buyer"))
        for d in detections
        if d.film.followed and d.kind in (ACQ, TALKS)
    ]


@pytest.mark.parametrize(
    ("title", "summary", "buyer"),
    [
        # Partners teaming up to buy: the first one named is the buyer, even when the
        # second is better known as a sales company.
        (
            "",
            "Roadside Attractions and FilmNation teamed up to secure U.S. rights to Marrowby Lane.",
            "Roadside Attractions",
        ),
        (
            "",
            "Magnolia Pictures has taken North American rights to Marrowby Lane.",
            "Magnolia Pictures",
        ),
        ("Paramount Wins Auction For 'Marrowby Lane'", "", "Paramount"),
        ("", "Netflix has won a fierce bidding war for Marrowby Lane.", "Netflix"),
        ("'Marrowby Lane' Gets U.S. Distribution Via Neon", "", "Neon"),
        ("", "Marrowby Lane has landed a distributor in Bleecker Street.", "Bleecker Street"),
        ("Sundance '27: Alchemy Takes 'Marrowby Lane'", "", "Alchemy"),
        (
            "Onyx Collective and ABC News Acquire Sundance Doc 'Marrowby Lane'",
            "",
            "Onyx Collective",
        ),
    ],
)
def test_acquisition_wording_names_the_buyer(
    detect: Detect, title: str, summary: str, buyer: str
) -> None:
    assert _deals(detect(title, summary)) == [("Marrowby Lane", ACQ.value, buyer)]


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("", "Roadside Attractions and FilmNation teamed up to launch sales on Marrowby Lane."),
        ("Netflix Nabs Emmy Nominations For 'Marrowby Lane'", ""),
        ("", "Neon picked up an award for Marrowby Lane at the Spirit Awards."),
        ("Neon Takes 'Marrowby Lane' To Cannes", ""),
        ("'Marrowby Lane' Gets A Release Date", ""),
    ],
)
def test_near_misses_of_acquisition_wording_are_no_deal(
    detect: Detect, title: str, summary: str
) -> None:
    assert _deals(detect(title, summary)) == []


def test_a_prize_describing_the_film_does_not_hide_the_deal(detect: Detect) -> None:
    detections = detect("Neon Picks Up Cannes Prize Winner 'Marrowby Lane'")
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Neon")]


def test_an_object_pointing_back_is_the_film_named_before(detect: Detect) -> None:
    detections = detect(
        "Berlin Market Wrap",
        "Marrowby Lane: Neon picked up this coming-of-age drama from Mara Quint.",
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Neon")]
    # The possessive is background ("picked up the film's rights" told as history) and
    # "the rights to a novel" is another object.
    assert _deals(detect("", "Marrowby Lane: Neon picked up the rights to a novel.")) == []


def test_a_caption_is_the_object_of_a_verb_without_one(detect: Detect) -> None:
    detections = detect(
        "Sundance 2027: Film Acquisitions",
        "Marrowby Lane: A fall release is planned after Bleecker Street acquired worldwide "
        "rights for $3 million.",
    )
    [deal] = [d for d in detections if d.kind is ACQ]
    assert deal.fields["buyer"] == "Bleecker Street"
    assert deal.fields["price_usd"] == 3_000_000


def test_tracker_entries_headed_or_labelled_by_the_buyer(detect: Detect) -> None:
    headed = detect(
        "All the Sundance Acquisitions So Far",
        "Neon: Marrowby Lane – The drama from Mara Quint follows two sisters.",
    )
    assert _deals(headed) == [("Marrowby Lane", ACQ.value, "Neon")]
    labelled = detect("Sundance Deals Tracker", "Title: Marrowby Lane. Buyer: Neon.")
    assert _deals(labelled) == [("Marrowby Lane", ACQ.value, "Neon")]
    # A production round-up lists studios, and a line-up labels other fields.
    assert _deals(detect("Production Roundup", "Marrowby Lane (Warner Bros. Studios).")) == []
    assert _deals(detect("Sundance Lineup", "Title: Marrowby Lane. Director: Mara Quint.")) == []
    assert _deals(detect("Production Roundup", "Warner Bros: Marrowby Lane – A thriller.")) == []


def test_talks_wording_inside_a_deal_phrase_keeps_it_talks(detect: Detect) -> None:
    detections = detect("Netflix Closing In On Deal For 'Marrowby Lane'")
    assert _deals(detections) == [("Marrowby Lane", TALKS.value, "Netflix")]


def test_talks_hedged_by_a_modal_are_no_event(detect: Detect) -> None:
    assert _deals(detect("", "Neon could be eyeing Marrowby Lane.")) == []
    # "reportedly in talks" with no source named is hedged (labelling guide); attributed or
    # nearly closed talks are talks (tests/core/detect/test_round6_deals.py).
    assert _deals(detect("", "Neon is reportedly in talks to acquire Marrowby Lane.")) == []


def test_a_shoppers_purchase_is_no_acquisition(detect: Detect) -> None:
    detections = detect(
        "'Marrowby Lane' Drops To $4.99 On Apple TV",
        "Mara Quint's Marrowby Lane is on sale for $4.99 to buy in digital HD on Apple TV.",
    )
    assert _deals(detections) == []
    assert [d.kind for d in detections if d.film.followed] == [EventKind.DEAL_PRICE]


@pytest.mark.parametrize(
    ("title", "summary", "kind", "buyer"),
    [
        ("IFC Films Gets 'Marrowby Lane'", "", ACQ, "IFC Films"),
        ("", "Gunpowder & Sky Distribution has acquired Marrowby Lane.", ACQ, "Gunpowder & Sky"),
        ("", "Lionsgate swooped in and paid $3.2 million for Marrowby Lane.", ACQ, "Lionsgate"),
        ("", "Neon plunked down $2 million for U.S. rights to Marrowby Lane.", ACQ, "Neon"),
        ("", "Netflix has emerged as the buyer of Marrowby Lane.", ACQ, "Netflix"),
        ("", "Rights to Marrowby Lane are going to IFC Films for $1.5 million.", ACQ, "IFC Films"),
        # The seller named after the deal does not make it a sales-agent story.
        ("", "Neon has acquired Marrowby Lane from sales agent HanWay Films.", ACQ, "Neon"),
        ("", "Neon is the frontrunner for Marrowby Lane.", TALKS, "Neon"),
        ("", "Netflix and Neon are in a bidding war for Marrowby Lane.", TALKS, "Netflix"),
    ],
)
def test_more_deal_wording(
    detect: Detect, title: str, summary: str, kind: EventKind, buyer: str
) -> None:
    assert _deals(detect(title, summary)) == [("Marrowby Lane", kind.value, buyer)]


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Netflix Gets First Trailer For 'Marrowby Lane'", ""),
        ("", "Neon got Marrowby Lane into Cannes."),
        ("", "Neon paid tribute to Marrowby Lane."),
        ("Marrowby Lane Heads To Netflix This Friday", ""),
        ("", "Marrowby Lane goes to Netflix on March 5."),
        ("", "Mara Quint's production company also took the rights to Marrowby Lane."),
    ],
)
def test_near_misses_of_the_new_wording(detect: Detect, title: str, summary: str) -> None:
    assert _deals(detect(title, summary)) == []


def test_a_company_named_by_what_it_is_is_the_articles_buyer(detect: Detect) -> None:
    detections = detect(
        "Neon Goes Big At Sundance",
        "The indie distributor also paid $4 million for Marrowby Lane.",
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Neon")]


def test_a_described_object_with_its_title_is_not_a_pointer_back(detect: Detect) -> None:
    detections = detect(
        "Neon Spends At Sundance",
        "The distributor paid $6 million for the Grateful Dead documentary 'Long Road' and "
        "seven figures for the comedy Marrowby Lane.",
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Neon")]


def test_talks_for_a_territory_are_about_a_deal(detect: Detect) -> None:
    detections = detect(
        "",
        "The big story is Neon's pursuit of Marrowby Lane, on which the company remains in "
        "exclusive negotiations for most of the world.",
    )
    assert _deals(detections) == [("Marrowby Lane", TALKS.value, "Neon")]
    assert (
        _deals(detect("", "Marrowby Lane: the guild is in negotiations for the world tour.")) == []
    )


def test_rights_added_and_deals_reported_with_it(detect: Detect) -> None:
    added = detect("", "Mubi also added North American rights on Mara Quint's Marrowby Lane.")
    assert _deals(added) == [("Marrowby Lane", ACQ.value, "MUBI")]
    revealed = detect("", "Neon revealed it has nabbed the rights to Marrowby Lane.")
    assert _deals(revealed) == [("Marrowby Lane", ACQ.value, "Neon")]
    # A relative clause is still background.
    assert _deals(detect("", "Marrowby Lane, which it acquired last year, opens Friday.")) == []


def test_a_list_item_with_a_description_shares_the_verb(detect: Detect) -> None:
    detections = detect(
        "",
        "The streamer Neon picked up 'Long Road,' and Mara Quint's quietly shot quarantine "
        "film 'Marrowby Lane' for $30 million.",
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Neon")]


def test_a_sellers_list_of_title_to_buyer(detect: Detect) -> None:
    detections = detect(
        "Sundance Deals Wrap",
        "The agency is behind three sales: Long Road to Netflix for $8 million; Marrowby Lane "
        "to Bleecker Street; and Heat to Neon.",
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Bleecker Street")]
    # Outside a deals article, or with a date, it is no sale.
    assert _deals(detect("Sundance Wrap", "Marrowby Lane to Bleecker Street.")) == []
    assert _deals(detect("Deals Wrap", "Marrowby Lane to Netflix on March 5.")) == []


def test_talks_with_offers_take_no_buyer_from_another_sentence(detect: Detect) -> None:
    detections = detect(
        "Snowy Sundance Brought Cash",
        "Marrowby Lane went to Searchlight Pictures. The agency is still negotiating on "
        "four films including Heat 2, and Mara Quint's Marrowby Lane sequel, which has offers.",
    )
    assert ("Marrowby Lane", TALKS.value, None) not in _deals(detections)
    talks = detect(
        "Snowy Sundance Brought Cash",
        "Searchlight Pictures took Heat. The agency is still negotiating on Marrowby Lane, "
        "which has several offers.",
    )
    assert _deals(talks) == [("Marrowby Lane", TALKS.value, None)]


def test_a_sales_agents_territory_deals_name_the_first_distributor(detect: Detect) -> None:
    sold = detect(
        "Cannes Market: Sales Roundup",
        "Films Boutique sold Mara Quint's Marrowby Lane for Canada, Greece (Word of Mouth) and "
        "Benelux (Lumiere), with talks underway for other territories.",
    )
    assert _deals(sold) == [("Marrowby Lane", ACQ.value, "Word of Mouth")]
    bought = detect(
        "Cannes Market",
        "Deals were also struck on Mara Quint's horror film Marrowby Lane. On the basis of the "
        "promo reel, the film was bought for the UK (Momentum) and Germany (Square One).",
    )
    assert _deals(bought) == [("Marrowby Lane", ACQ.value, "Momentum")]
    # A sale with no distributor named is the seller's news only; "sold out" is no sale.
    assert _deals(detect("", "HanWay sold Marrowby Lane for several territories.")) == []
    assert _deals(detect("", "Marrowby Lane sold out its Cannes screenings (twice).")) == []


def test_an_owner_before_a_distributor_is_not_its_name(detect: Detect) -> None:
    detections = detect("", "The UK's Paxton Releasing has acquired Marrowby Lane.")
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Paxton Releasing")]


def test_awards_and_box_office_wording_are_no_deals(detect: Detect) -> None:
    razzies = detect(
        "Razzies: Worst Picture",
        "The Sony extravaganza beat out 'Marrowby Lane' and 'Heat' for Worst Picture.",
    )
    assert _deals(razzies) == []
    assert _deals(detect("'Marrowby Lane' Eyes $2 Billion Run After Second Weekend")) == []
    rivals = detect("", "Neon beat out several bidders for Marrowby Lane.")
    assert _deals(rivals) == [("Marrowby Lane", ACQ.value, "Neon")]
    named = detect("", "Neon beat out Netflix and Amazon to land Marrowby Lane for $10M.")
    assert _deals(named) == [("Marrowby Lane", ACQ.value, "Neon")]


def test_a_purchase_told_as_a_noun_after_its_owner(detect: Detect) -> None:
    detections = detect("", "Then came Apple's global $15M grab for Mara Quint's Marrowby Lane.")
    [deal] = [d for d in detections if d.kind is ACQ]
    assert (deal.fields["buyer"], deal.fields["price_usd"]) == ("Apple", 15_000_000)
    assert _deals(detect("", "Then came Mara Quint's late grab for the Marrowby Lane lead.")) == []


def test_an_acquisition_under_negotiation_is_talks(detect: Detect) -> None:
    detections = detect(
        "", "Neon is in negotiations for a $15 million acquisition of the thriller Marrowby Lane."
    )
    assert _deals(detections) == [("Marrowby Lane", TALKS.value, "Neon")]


def test_territory_sales_told_from_the_films_side(detect: Detect) -> None:
    presold = detect(
        "",
        "Mara Quint's Marrowby Lane pre-sold, ahead of its festival premiere, to Italy "
        "(iFilmo); Benelux (Lumiere) and India (Superfine Films).",
    )
    assert _deals(presold) == [("Marrowby Lane", ACQ.value, "iFilmo")]
    including = detect(
        "",
        "Marrowby Lane has been acquired for distribution in several territories, including "
        "Neon in North America.",
    )
    assert _deals(including) == [("Marrowby Lane", ACQ.value, "Neon")]
    # Territory deals whose distributors go unnamed are still deals, with no buyer.
    unnamed = detect("", "Marrowby Lane has secured deals for Spain, Italy and Japan.")
    assert _deals(unnamed) == [("Marrowby Lane", ACQ.value, None)]


@pytest.mark.parametrize(
    "summary",
    [
        "Marrowby Lane has been picked up for a second season.",
        "Marrowby Lane has closed deals with Teo Vance and Mara Quint to star.",
        "Marrowby Lane has been sold out at every screening.",
        "The studio was in four acquisitions, including a $4 million pickup of Marrowby Lane.",
    ],
)
def test_near_misses_of_the_films_side(detect: Detect, summary: str) -> None:
    assert _deals(detect("", summary)) == []


def test_a_camel_case_distributor_is_a_buyer(detect: Detect) -> None:
    detections = detect("Magnolia Takes 'Heat'; eOne Takes 'Marrowby Lane'")
    assert ("Marrowby Lane", ACQ.value, "Entertainment One") in _deals(detections)


def test_a_script_or_book_bought_is_a_project_not_a_film_deal(detect: Detect) -> None:
    spec = detect(
        "", "Lionsgate has acquired the spec script Marrowby Lane as a vehicle for Teo Vance."
    )
    assert _deals(spec) == []
    novel = detect("", "Netflix has bought the novel Marrowby Lane to adapt as a film.")
    assert _deals(novel) == []


def test_a_passive_with_its_agent_after_a_purpose(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane has been acquired for UK release by Second Sight after FrightFest."
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Second Sight Films")]


@pytest.mark.parametrize(
    "title",
    [
        "Teo Vance Signs First-Look Deal With Netflix After Marrowby Lane",
        "Mara Quint Inks Overall Deal With Neon Following Marrowby Lane Success",
        "Marrowby Lane Heads To Netflix After Theatrical Run",
        "Neon Takes Marrowby Lane Wide This Weekend",
        "Neon Nabs Video Game Rights To Marrowby Lane",
        "Marrowby Lane Soundtrack Lands At Sony Music",
        "Netflix Lands Marrowby Lane TV Series Adaptation",
        "Neon Takes Over Marrowby Lane Oscar Campaign",
        "Marrowby Lane Gets Sequel Deal With Neon",
    ],
)
def test_trade_headlines_about_other_deals_name_no_film_deal(detect: Detect, title: str) -> None:
    assert _deals(detect(title)) == []


def test_a_pointer_back_after_an_award_is_still_the_deal(detect: Detect) -> None:
    detections = detect("Marrowby Lane Wins Audience Award, Neon Buys It")
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Neon")]


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        ("Memento International Picks Up 'Marrowby Lane' Ahead Of Berlin", ""),
        ("", "Netflix is in talks to acquire Neon, the owner of Marrowby Lane."),
        ("", "Marrowby Lane is expected to land at Neon."),
        ("", "There are rumors that Neon, the indie, is in final negotiations for Marrowby Lane."),
    ],
)
def test_agents_corporate_talks_forecasts_and_rumours_are_no_deals(
    detect: Detect, title: str, summary: str
) -> None:
    assert _deals(detect(title, summary)) == []


@pytest.mark.parametrize(
    ("summary", "kind", "buyer"),
    [
        ("The Match Factory closed deals on Marrowby Lane with Neon for the U.S.", ACQ, "Neon"),
        ("Cinetic Media is negotiating the sale of Marrowby Lane.", TALKS, None),
        ("Neon is working on a domestic pact in the $11M range for Marrowby Lane.", TALKS, "Neon"),
        (
            "The project goes to buyers at AFM with Neon set to distribute Marrowby Lane in the US",
            ACQ,
            "Neon",
        ),
        (
            "Doppelganger, the genre arm of Neon, has acquired U.S. rights to Marrowby Lane.",
            ACQ,
            "Doppelganger",
        ),
    ],
)
def test_sellers_closing_and_buyers_working_on_deals(
    detect: Detect, summary: str, kind: EventKind, buyer: str | None
) -> None:
    assert _deals(detect("", summary)) == [("Marrowby Lane", kind.value, buyer)]


def test_a_labels_owner_is_not_part_of_its_name(detect: Detect) -> None:
    detections = detect("Music Box's Doppelganger Acquires U.S. Rights To 'Marrowby Lane'")
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Doppelganger")]


@pytest.mark.parametrize(
    "title",
    [
        "'Marrowby Lane' Season 3 Lands At Hulu In June",
        "Netflix Picks Up 'Marrowby Lane' For Season 3",
        "Netflix Nabs Rights To 'Marrowby Lane' Audiobooks",
        "Netflix In Talks With 'Marrowby Lane' Star For New Series",
        "'Marrowby Lane' Lands At Hulu On March 5",
    ],
)
def test_seasons_spinoffs_stars_and_release_dates_are_no_film_deal(
    detect: Detect, title: str
) -> None:
    assert _deals(detect(title)) == []


def test_a_landing_with_the_buyers_release_plan_is_a_deal(detect: Detect) -> None:
    assert _deals(detect("'Marrowby Lane' Lands At Neon For A March Release")) == [
        ("Marrowby Lane", ACQ.value, "Neon")
    ]
    relative = detect("", "Marrowby Lane lands at Neon, which sets a March 5 release.")
    assert ("Marrowby Lane", ACQ.value, "Neon") in _deals(relative)


@pytest.mark.parametrize(
    ("title", "summary", "buyer"),
    [
        ("'Marrowby Lane' Inks Distribution Deal With Vertical", "", "Vertical"),
        ("Neon Swoops On 'Marrowby Lane'", "", "Neon"),
        ("'Marrowby Lane' Rights Go To Neon", "", "Neon"),
        (
            "",
            "After an all-night auction, Neon emerged with Marrowby Lane for $10 million.",
            "Neon",
        ),
    ],
)
def test_film_side_deals_swoops_and_auction_winners(
    detect: Detect, title: str, summary: str, buyer: str
) -> None:
    assert _deals(detect(title, summary)) == [("Marrowby Lane", ACQ.value, buyer)]


@pytest.mark.parametrize(
    "title",
    [
        "Marrowby Lane Producers Strike Financing Deal With Neon",
        "Marrowby Lane Signs Deal With Teo Vance To Star",
        "Marrowby Lane Walked Away With The Grand Jury Prize",
        "Marrowby Lane Rights Go To Court",
    ],
)
def test_near_misses_of_film_side_deals(detect: Detect, title: str) -> None:
    assert _deals(detect(title)) == []


def test_the_first_buyer_the_sentence_names_wins(detect: Detect) -> None:
    detections = detect(
        "",
        "Paxton Releasing has also acquired Heat from Celluloid Dreams and Mara Quint's "
        "Spanish feature Marrowby Lane from Wild Bunch, who also sold it to Paramount for Spain.",
    )
    assert ("Marrowby Lane", ACQ.value, "Paxton Releasing") in _deals(detections)


def test_an_active_verb_does_not_reach_into_a_while_clause(detect: Detect) -> None:
    detections = detect(
        "",
        "Lionsgate pre-acquired The Crow, the remake of the cult classic, while the comedy "
        "Marrowby Lane went to Bleecker Street.",
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Bleecker Street")]


@pytest.mark.parametrize(
    ("title", "buyer"),
    [
        ("Cannes: 'Marrowby Lane' To Neon", "Neon"),
        ("Sundance: 'Marrowby Lane' To Netflix In $12M Deal", "Netflix"),
    ],
)
def test_a_headline_title_to_buyer_is_a_sale(detect: Detect, title: str, buyer: str) -> None:
    assert _deals(detect(title)) == [("Marrowby Lane", ACQ.value, buyer)]


@pytest.mark.parametrize(
    "title",
    [
        "'Marrowby Lane' To Netflix In March",
        "'Marrowby Lane' To Premiere At Cannes",
        "'Marrowby Lane' To Neon Star Teo Vance: Thanks",
    ],
)
def test_near_misses_of_title_to_buyer(detect: Detect, title: str) -> None:
    assert _deals(detect(title)) == []


@pytest.mark.parametrize(
    ("title", "summary", "buyer"),
    [
        ("Netflix And Neon Battle For 'Marrowby Lane'", "", "Netflix"),
        ("Netflix And Neon In The Hunt For 'Marrowby Lane'", "", "Netflix"),
        ("Neon Circles 'Marrowby Lane'", "", "Neon"),
        ("", "Netflix has made an offer for Marrowby Lane.", "Netflix"),
        ("", "Neon Kicks The Tires On Marrowby Lane.", "Neon"),
    ],
)
def test_contest_and_offer_wording_is_talks(
    detect: Detect, title: str, summary: str, buyer: str
) -> None:
    assert _deals(detect(title, summary)) == [("Marrowby Lane", TALKS.value, buyer)]


def test_talks_told_before_the_deal_do_not_undo_it(detect: Detect) -> None:
    detections = detect(
        "",
        "Both Amazon and Netflix were in the hunt for Marrowby Lane, the tale that sold to A24 "
        "for low seven figures.",
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "A24")]
    assert _deals(detect("Marrowby Lane In The Running For Palme d'Or")) == []


@pytest.mark.parametrize(
    "title",
    [
        "Hulu Closes U.S. Deal For StudioCanal Series 'Marrowby Lane'",
        "Acorn TV Picks Up BBC Drama Series 'Marrowby Lane'",
        "Netflix In Talks For Korean Show 'Marrowby Lane'",
    ],
)
def test_a_series_or_show_is_television_not_a_film_deal(detect: Detect, title: str) -> None:
    assert _deals(detect(title)) == []


def test_tracker_fields_before_the_buyer(detect: Detect) -> None:
    inline = detect(
        "Sundance 2027 Deals: The Complete List",
        "Title: “Marrowby Lane” Section: World Cinema Dramatic Competition Buyer: Kino Lorber "
        "The film follows a couple.",
    )
    assert _deals(inline) == [("Marrowby Lane", ACQ.value, "Kino Lorber")]
    lines = detect(
        "Fall Festival Sales",
        "Marrowby Lane. Section: Venice/Telluride. Distributor: Paramount Pictures.",
    )
    assert _deals(lines) == [("Marrowby Lane", ACQ.value, "Paramount")]
    # In a line-up, the distributor is known already; other fields are no buyer.
    lineup = detect("TIFF 2027 Lineup", "Marrowby Lane. Section: Galas. Distributor: Neon.")
    assert _deals(lineup) == []
    producer = detect("Fall Festival Sales", "Marrowby Lane. Director: Mara Quint. Producer: Neon.")
    assert _deals(producer) == []


def test_a_deal_in_a_past_year_is_recalled_not_news(detect: Detect) -> None:
    old = detect("", "Marrowby Lane premiered at Sundance. Neon acquired it in 2019.")
    assert _deals(old) == []
    new = detect("", "Marrowby Lane premiered at Sundance. Neon acquired it for release in 2026.")
    assert _deals(new) == [("Marrowby Lane", ACQ.value, "Neon")]


def test_a_described_first_item_still_lists_the_next_film(detect: Detect) -> None:
    detections = detect(
        "",
        "Neon acquired the U.S. rights to Heat, a comedy starring Teo Vance about a cook who "
        "loses her sense of taste, and Mara Quint's Marrowby Lane, the thriller.",
    )
    assert ("Marrowby Lane", ACQ.value, "Neon") in _deals(detections)
    rival = detect(
        "", "Neon acquired Heat, a film by Mara Quint, and Netflix's Marrowby Lane is unsold."
    )
    assert ("Marrowby Lane", ACQ.value, "Neon") not in _deals(rival)


def test_shelling_out_and_rights_acquired_after_the_fact(detect: Detect) -> None:
    shelled = detect("", "Neon has shelled out $5 million for Marrowby Lane.")
    assert _deals(shelled) == [("Marrowby Lane", ACQ.value, "Neon")]
    recalled = detect("", "Marrowby Lane is worth the $55 million that Netflix shelled out for it.")
    assert _deals(recalled) == []
    after = detect(
        "", "Neon will release Marrowby Lane in theaters after acquiring North American rights."
    )
    assert _deals(after) == [("Marrowby Lane", ACQ.value, "Neon")]


def test_a_sales_agent_names_the_distributors_it_sold_to(detect: Detect) -> None:
    presold = detect("", "Sales agent HanWay has pre-sold Marrowby Lane to Le Pacte for France.")
    assert _deals(presold) == [("Marrowby Lane", ACQ.value, "Le Pacte")]
    closed = detect(
        "", "HanWay has closed deals on Marrowby Lane for France (Le Pacte) and Italy (Lucky Red)."
    )
    assert _deals(closed) == [("Marrowby Lane", ACQ.value, "Le Pacte")]
    boarded = detect(
        "", "HanWay has boarded sales on Marrowby Lane and will meet buyers in Cannes."
    )
    assert _deals(boarded) == []


@pytest.mark.parametrize(
    ("summary", "buyer"),
    [
        ("levelFILM has acquired Canadian rights to Marrowby Lane.", "levelFILM"),
        ("O-Scope scooped up the U.S. rights to Marrowby Lane.", "Oscilloscope"),
        ("Sky Cinema has acquired UK rights to Marrowby Lane.", "Sky Cinema"),
    ],
)
def test_distributors_spelled_in_lower_camel_case_or_short_forms(
    detect: Detect, summary: str, buyer: str
) -> None:
    assert _deals(detect("", summary)) == [("Marrowby Lane", ACQ.value, buyer)]


def test_a_work_named_as_television_or_as_a_credit_is_no_film_deal(detect: Detect) -> None:
    series = detect(
        "Sundance Sold So Far: Indie TV Series 'Marrowby Lane' Goes to Mubi",
        "“Marrowby Lane” Section: Indie Episodics Distributor: Mubi",
    )
    assert _deals(series) == []
    credit = detect("Lionsgate Picks Up Horror Movie From The Director Of 'Marrowby Lane'")
    assert _deals(credit) == []


@pytest.mark.parametrize(
    ("title", "summary"),
    [
        (
            "Neon Releases Trailer For 'Marrowby Lane'",
            "Marrowby Lane, acquired by Neon at Sundance, opens Friday.",
        ),
        (
            "Neon Releases Trailer For 'Marrowby Lane'",
            "The film, which Neon acquired out of Sundance, opens March 5.",
        ),
        ("'Marrowby Lane' Review", "Neon bought Marrowby Lane at Sundance for $5 million."),
        (
            "'Marrowby Lane' Sets March 5 Release",
            "Neon acquired the film out of Sundance in January.",
        ),
        (
            "Teo Vance Talks 'Marrowby Lane'",
            "Vance said he was thrilled when Neon bought the film.",
        ),
    ],
)
def test_a_deal_told_as_background_to_other_news(detect: Detect, title: str, summary: str) -> None:
    assert _deals(detect(title, summary)) == []


def test_a_deal_reported_in_the_present_perfect_is_news_whatever_the_headline(
    detect: Detect,
) -> None:
    detections = detect(
        "'Marrowby Lane' Trailer", "Neon has acquired Marrowby Lane for $5 million."
    )
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Neon")]
    learned = detect("", "Variety has learned that Neon has acquired Marrowby Lane.")
    assert _deals(learned) == [("Marrowby Lane", ACQ.value, "Neon")]


@pytest.mark.parametrize(
    "title",
    [
        "Neon Lands Teo Vance For 'Marrowby Lane'",
        "Neon Nabs Teo Vance To Star In 'Marrowby Lane'",
        "Netflix Grabs Mara Quint To Direct 'Marrowby Lane'",
    ],
)
def test_a_person_hired_for_the_film_is_casting_not_a_deal(detect: Detect, title: str) -> None:
    assert _deals(detect(title)) == []


def test_a_directors_possessive_credit_is_still_the_films_deal(detect: Detect) -> None:
    detections = detect("Bleecker Street Buys Mara Quint's 'Marrowby Lane'")
    assert _deals(detections) == [("Marrowby Lane", ACQ.value, "Bleecker Street")]


def test_territory_deals_from_screen_style_copy(detect: Detect) -> None:
    boarded = detect("", "Curzon has boarded Marrowby Lane for the UK.")
    assert _deals(boarded) == [("Marrowby Lane", ACQ.value, "Curzon")]
    struck = detect("", "Mubi has struck deals for Marrowby Lane in the UK, Ireland and Turkey.")
    assert _deals(struck) == [("Marrowby Lane", ACQ.value, "MUBI")]
    snapped = detect("", "Madman has snapped up Australian rights to Marrowby Lane.")
    assert _deals(snapped) == [("Marrowby Lane", ACQ.value, "Madman Entertainment")]
    # A co-producer boarding, and a distributor known already, are no deal news.
    assert _deals(detect("", "Curzon has boarded Marrowby Lane as a co-producer.")) == []
    known = detect("", "Neon is already set to distribute Marrowby Lane in the U.S.")
    assert _deals(known) == []
