"""The lexicons that make the rules generalise: buyers, verbs, talks, sellers, dates, moves.

Each test uses wording that the development sets do not contain, one pattern family at a time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.core.detect.helpers import Detect, kinds
from watchlist.core.detect.matcher import FilmProfile
from watchlist.core.detect.patterns import BUYERS, SALES_AGENTS, find_dates, find_money
from watchlist.core.detect.taxonomy import EventKind

DEAL = EventKind.DEAL_ACQUISITION
TALKS = EventKind.DEAL_TALKS
DATED = EventKind.RELEASE_DATE_ANNOUNCED
MOVED = EventKind.RELEASE_DATE_CHANGED


def _only(found: list, kind: EventKind) -> dict:  # type: ignore[type-arg]
    [event] = [d for d in found if d.kind is kind and d.film.followed]
    return dict(event.fields)


def test_the_gazetteer_knows_international_distributors_and_keeps_agents_apart() -> None:
    assert BUYERS["le pacte"] == "Le Pacte"
    assert BUYERS["madman entertainment"] == "Madman Entertainment"
    assert "hanway films" in SALES_AGENTS
    assert not set(BUYERS) & SALES_AGENTS


@pytest.mark.parametrize(
    ("headline", "buyer"),
    [
        ("Le Pacte Buys French Rights To 'Marrowby Lane'", "Le Pacte"),
        ("Madman Entertainment Takes Australian Rights To 'Marrowby Lane'", "Madman Entertainment"),
        ("Sundance Selects Nabs 'Marrowby Lane'", "Sundance Selects"),
        ("Mubi Scores 'Marrowby Lane' Out Of Cannes", "MUBI"),
        ("Amazon MGM Pre-Buys 'Marrowby Lane'", "Amazon MGM Studios"),
        ("Janus Films And Sideshow Buy 'Marrowby Lane'", "Janus Films"),
        ("'Marrowby Lane' Sets Magnolia As U.S. Distributor", "Magnolia Pictures"),
        ("Sony Pictures Classics Set As Distributor Of 'Marrowby Lane'", "Sony Pictures Classics"),
    ],
)
def test_acquisition_verbs_and_buyers_beyond_the_first_examples(
    detect: Detect, headline: str, buyer: str
) -> None:
    assert _only(detect(headline), DEAL)["buyer"] == buyer


def test_the_plain_verb_needs_a_plural_subject(detect: Detect) -> None:
    found = detect("Best Buy Slashes Price On 'Marrowby Lane' 4K To $19.99")
    assert (("Marrowby Lane", str(DEAL))) not in kinds(found)


def test_a_sellers_deal_names_the_buyer_not_the_agency(detect: Detect) -> None:
    sold = detect("", "WME sold domestic rights to Marrowby Lane to Amazon for $10 million.")
    assert _only(sold, DEAL)["buyer"] == "Amazon"
    negotiated = detect("", "CAA negotiated a $5 million deal with Netflix for Marrowby Lane.")
    assert _only(negotiated, DEAL)["buyer"] == "Netflix"


def test_sales_agents_boarding_a_film_are_not_a_deal(detect: Detect) -> None:
    assert detect("HanWay Films Launches Sales On 'Marrowby Lane' At AFM") == []
    assert detect("Altitude Boards 'Marrowby Lane' Ahead Of Berlin") == []
    found = detect("", "Cercamon has boarded international sales on Marrowby Lane.")
    assert DEAL not in {d.kind for d in found}


def test_the_company_opening_the_clause_is_the_buyer(detect: Detect) -> None:
    found = detect("", "Neon was another busy buyer, taking home the Venice title Marrowby Lane.")
    assert _only(found, DEAL)["buyer"] == "Neon"


@pytest.mark.parametrize(
    "headline",
    [
        "Neon In Talks For 'Marrowby Lane'",
        "A24 Circling 'Marrowby Lane'",
        "Searchlight In Advanced Talks For Sundance Hit 'Marrowby Lane'",
    ],
)
def test_a_known_buyer_talking_about_a_film_is_in_talks(detect: Detect, headline: str) -> None:
    assert DATED not in {d.kind for d in detect(headline)}
    _only(detect(headline), TALKS)


def test_talks_about_a_release_or_a_role_are_not_deal_talks(detect: Detect) -> None:
    assert detect("", "Neon is eyeing a fall release for Marrowby Lane.") == []
    found = detect("", "Netflix is in talks with Teo Vance to star in Marrowby Lane.")
    assert TALKS not in {d.kind for d in found}


@pytest.mark.parametrize(
    ("text", "written", "usd"),
    [
        ("a $20 million-plus deal", "$20 million-plus", None),
        ("for mid-seven figures", "mid-seven figures", None),
        ("for low eight figures", "low eight figures", None),
        ("a $30-million deal", "$30-million", 30_000_000),
        ("for $12M", "$12M", 12_000_000),
        ("north of $10M", "north of $10M", None),
    ],
)
def test_prices_keep_their_wording_and_only_exact_figures_get_dollars(
    text: str, written: str, usd: int | None
) -> None:
    [money] = find_money(text)
    assert (money.text, money.usd) == (written, usd)


PUBLISHED = date(2025, 2, 15)  # a Saturday


@pytest.mark.parametrize(
    ("text", "iso", "precision"),
    [
        ("opens Thanksgiving 2026", "2026-11", "month"),
        ("arrives Easter 2027", "2027-04", "month"),
        ("due early 2027", "2027", "year"),
        ("set for mid-2027", "2027", "year"),
        ("on 8/20/2025", "2025-08-20", "day"),
        ("on 3/14", "2025-03-14", "day"),
        ("on Friday", "2025-02-21", "day"),
        ("next Tuesday", "2025-02-18", "day"),
        ("on Friday, March 7", "2025-03-07", "day"),
        ("on July, 5, 2026", "2026-07-05", "day"),
    ],
)
def test_dates_in_more_trade_formats(text: str, iso: str, precision: str) -> None:
    [mention] = find_dates(text, PUBLISHED)
    assert (mention.iso, mention.precision) == (iso, precision)


@pytest.mark.parametrize("text", ["the 9/11 attacks", "24/7 coverage", "a 50/50 split"])
def test_numbers_with_a_slash_that_are_no_dates_are_skipped(text: str) -> None:
    assert find_dates(text, PUBLISHED) == []


def test_a_trigger_governs_the_film_of_its_own_clause(detect: Detect) -> None:
    found = detect(
        "",
        "Marrowby Lane is a Mara Quint drama and will open on March 7, 2025, "
        "The Lantern Keeper is a thriller and will open on May 2, 2025.",
    )
    dates = {(d.film.title, d.fields["date"]) for d in found if d.kind is DATED}
    assert dates == {("Marrowby Lane", "2025-03-07"), ("The Lantern Keeper", "2025-05-02")}


def test_streaming_from_a_date_starts_the_release(detect: Detect) -> None:
    found = detect("", "Marrowby Lane will stream on Netflix from April 4.")
    assert _only(found, DATED) == {
        "date": "2025-04-04",
        "precision": "day",
        "medium": "streaming",
        "platform": "Netflix",
    }


def test_the_word_nearer_the_date_decides_the_medium(detect: Detect) -> None:
    found = detect(
        "", "Marrowby Lane hits select cinemas on March 7 before arriving on Netflix April 4."
    )
    media = {d.fields["date"]: d.fields["medium"] for d in found if d.kind is DATED}
    assert media == {"2025-03-07": "theatrical", "2025-04-04": "streaming"}


def test_a_release_set_in_a_later_sentence_refers_back(detect: Detect) -> None:
    found = detect("Neon Picks Up 'Marrowby Lane'", "An April 4 theatrical release has been set.")
    assert _only(found, DATED)["date"] == "2025-04-04"


def test_restatements_and_tv_seasons_are_not_dates(detect: Detect) -> None:
    assert detect("", "As previously announced, Marrowby Lane will open on March 7.") == []
    assert (
        detect("", "Marrowby Lane, which just opened in theaters on Feb. 14, stars Teo Vance.")
        == []
    )
    assert (
        detect("", "The second season of the series Marrowby Lane premieres on Hulu April 4.") == []
    )


@pytest.mark.parametrize(
    "headline",
    [
        "'Marrowby Lane' Removed From Release Calendar",
        "'Marrowby Lane' Scrubbed From Neon's Schedule",
        "'Marrowby Lane' Release Date Moved Back Two Weeks",
        "Neon Swaps Dates For 'Marrowby Lane' And 'The Lantern Keeper'",
    ],
)
def test_moves_and_pulls_without_a_new_date(detect: Detect, headline: str) -> None:
    assert MOVED in {d.kind for d in detect(headline)}


def test_a_removal_says_pulled_and_a_move_back_says_delayed(detect: Detect) -> None:
    assert _only(detect("'Marrowby Lane' Removed From Release Calendar"), MOVED) == {
        "direction": "pulled"
    }
    assert _only(detect("'Marrowby Lane' Moved Back Two Weeks"), MOVED)["direction"] == "delayed"


def test_earlier_than_announced_is_a_move(detect: Detect) -> None:
    found = detect(
        "", "Marrowby Lane will open on March 7, a week earlier than previously announced."
    )
    assert _only(found, MOVED)["new_date"] == "2025-03-07"


def test_now_without_a_date_is_a_pull_only_in_a_change_article(detect: Detect) -> None:
    moved = detect(
        "Neon Shakes Up Its Slate",
        "Marrowby Lane now doesn't have a release date, and The Lantern Keeper moves to May 2.",
    )
    assert any(
        d.film.title == "Marrowby Lane" and d.kind is MOVED and d.fields["direction"] == "pulled"
        for d in moved
    )
    assert detect("", "Marrowby Lane doesn't have a release date yet.") == []


def test_a_common_title_followed_by_a_trade_verb_is_the_film() -> None:
    from tests.core.detect.helpers import make_detect

    run = make_detect([FilmProfile(1, "The Last Letter", 2026, (), ("Ana Ruiz",))])
    found = run(
        "Studio Shuffles Dates",
        "The Last Letter moves from March 6 to April 17.",
        datetime(2026, 1, 8, tzinfo=UTC),
    )
    assert _only(found, MOVED)["new_date"] == "2026-04-17"


def test_a_list_of_new_dates_with_the_old_ones_in_parentheses(detect: Detect) -> None:
    found = detect(
        "The Latest Date Changes: New Dates",
        "New dates: Marrowby Lane 8/14/2025 (from 7/25/2025); Frankenstein 11/21/2025.",
    )
    assert _only(found, MOVED) == {
        "new_date": "2025-08-14",
        "precision": "day",
        "medium": "theatrical",
        "old_date": "2025-07-25",
        "direction": "delayed",
    }
    assert ("Frankenstein", str(DATED)) in kinds(found)


def test_each_buyer_keeps_its_own_film(detect: Detect) -> None:
    found = detect(
        "",
        "Neon bought Frankenstein, while HBO acquired Some Other Doc and Netflix nabbed "
        "Marrowby Lane.",
    )
    buyers = {d.film.title: d.fields.get("buyer") for d in found if d.kind is DEAL}
    assert buyers == {"Frankenstein": "Neon", "Marrowby Lane": "Netflix"}


def test_a_list_of_purchases_shares_its_buyer(detect: Detect) -> None:
    found = detect(
        "",
        "Netflix paid $12 million for the Mara Quint drama Marrowby Lane, "
        "$8 million for the horror remake Frankenstein and more.",
    )
    deals = {d.film.title: (d.fields["buyer"], d.fields["price_usd"]) for d in found}
    assert deals == {
        "Marrowby Lane": ("Netflix", 12_000_000),
        "Frankenstein": ("Netflix", 8_000_000),
    }


def test_a_buyer_in_parentheses_after_a_territory(detect: Detect) -> None:
    found = detect("", "Marrowby Lane has sold to the US (Magnolia Pictures) and Germany (Plaion).")
    assert _only(found, DEAL)["buyer"] == "Magnolia Pictures"


@pytest.mark.parametrize(
    ("headline", "new_date"),
    [
        ("'Marrowby Lane' Shifts From Summer To Fall", "2025"),
        ("'Marrowby Lane' Now Opening March 5, 2027", "2027-03-05"),
        ("'Marrowby Lane' Goes From Oct. 2 To Nov. 20", "2025-11-20"),
    ],
)
def test_more_ways_to_say_a_date_moved(detect: Detect, headline: str, new_date: str) -> None:
    assert _only(detect(headline), MOVED)["new_date"] == new_date


def test_a_move_by_weeks_has_a_direction_but_no_date(detect: Detect) -> None:
    assert _only(detect("'Marrowby Lane' Release Moves Up Two Weeks"), MOVED) == {
        "direction": "moved_up"
    }


def test_a_season_naming_a_calendar_is_not_a_date() -> None:
    assert find_dates("pulled from the fall calendar", PUBLISHED) == []
    assert find_dates("moves from Fall Calendar", PUBLISHED) == []


def test_a_past_opening_is_not_an_announcement(detect: Detect) -> None:
    assert detect("", "Marrowby Lane opened in theaters on Feb. 7.") == []


def test_a_grammar_word_title_after_a_verb_is_its_particle(detect: Detect) -> None:
    found = detect("Disney Shakes Up Its Slate: 'Marrowby Lane' Moves Up")
    assert "Up" not in {d.film.title for d in found}


@pytest.mark.parametrize(
    ("headline", "buyer"),
    [
        ("Netflix Gets Worldwide Rights To 'Marrowby Lane'", "Netflix"),
        ("IFC Films Wins Rights To 'Marrowby Lane'", "IFC Films"),
    ],
)
def test_getting_or_winning_rights_is_a_deal(detect: Detect, headline: str, buyer: str) -> None:
    assert _only(detect(headline), DEAL)["buyer"] == buyer


def test_buyers_circling_without_a_name_are_talks(detect: Detect) -> None:
    found = detect("", "Several buyers are circling Marrowby Lane after its Sundance debut.")
    assert TALKS in {d.kind for d in found}


def test_a_word_of_another_quoted_title_is_not_context() -> None:
    from tests.core.detect.helpers import make_detect

    run = make_detect(
        [
            FilmProfile(1, "Midnight Harbor", 2026, (), ("Theo Lark",)),
            FilmProfile(2, "Starling Season", 2026, (), ("Ada Vell",)),
        ]
    )
    found = run("'Midnight Harbor' And 'Starling Season' Swap Dates")
    assert {d.film.title for d in found if d.kind is MOVED} == {
        "Midnight Harbor",
        "Starling Season",
    }


def test_that_at_the_start_of_a_sentence_refers_back(detect: Detect) -> None:
    found = detect(
        "Netflix's Next Films", "Also coming is Marrowby Lane. That's scheduled for March 2026."
    )
    assert _only(found, DATED)["date"] == "2026-03"


def test_a_possessive_title_is_the_film_but_a_possessive_word_is_not(detect: Detect) -> None:
    found = detect("", "Marrowby Lane's release date has been set for March 7.")
    assert _only(found, DATED)["date"] == "2025-03-07"
    from tests.core.detect.helpers import make_detect

    run = make_detect([FilmProfile(1, "Oppenheimer", 2023, (), ("Christopher Nolan",))])
    assert run("", "The oppenheimer's notes were set for release on March 7.") == []


def test_an_earlier_plan_in_the_sentence_makes_will_now_a_move(detect: Detect) -> None:
    found = detect("", "Marrowby Lane, previously slated for March 7, will now open April 4.")
    assert _only(found, MOVED)["new_date"] == "2025-04-04"


def test_an_expansion_after_the_opening_is_not_another_release_date(detect: Detect) -> None:
    found = detect(
        "",
        "Marrowby Lane opens in New York on March 7 and will expand nationwide on April 4.",
    )
    assert [d.fields["date"] for d in found if d.kind is DATED] == ["2025-03-07"]


@pytest.mark.parametrize(
    "text",
    [
        "Netflix has not acquired Marrowby Lane, despite reports.",
        "Neon denied it had bought Marrowby Lane.",
        "Neon never acquired Marrowby Lane.",
    ],
)
def test_a_denied_or_negated_deal_is_no_deal(detect: Detect, text: str) -> None:
    assert DEAL not in {d.kind for d in detect("", text)}
