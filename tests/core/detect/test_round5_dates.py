"""Release dates, round 5: what a release date is, and what only looks like one.

Every sentence here is invented; each positive has a near miss that must not fire. The
shared test films are published on Saturday 2025-02-15 unless a test says otherwise.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from tests.core.detect.helpers import Detect
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.patterns import find_dates, infer_year
from watchlist.core.detect.taxonomy import EventKind

ANNOUNCED = EventKind.RELEASE_DATE_ANNOUNCED
CHANGED = EventKind.RELEASE_DATE_CHANGED


def _dates(detections: list[Detection], kind: EventKind = ANNOUNCED) -> list[str]:
    key = "date" if kind is ANNOUNCED else "new_date"
    return sorted(str(d.fields.get(key)) for d in detections if d.kind == kind and d.film.followed)


def _of(detections: list[Detection], kind: EventKind) -> list[Detection]:
    return [d for d in detections if d.kind == kind and d.film.followed]


# -- numbers and words that make a date --------------------------------------------------


def test_a_numeric_date_reads_month_first_like_us_trade_copy() -> None:
    [april] = find_dates("set for 4K on 4/2", date(2019, 2, 15))
    assert april.iso == "2019-04-02"
    [day_first] = find_dates("out 13/8", date(2019, 2, 15))
    assert day_first.iso == "2019-08-13"
    assert find_dates("a 4/5 stars verdict", date(2019, 2, 15)) == []


def test_a_home_video_date_written_in_numbers(detect: Detect) -> None:
    detections = detect("", "Paramount has set Marrowby Lane for Blu-ray and 4K on 4/2.")
    [disc] = _of(detections, ANNOUNCED)
    assert (disc.fields["date"], disc.fields["medium"]) == ("2025-04-02", "disc")


def test_next_year_after_a_date_gives_its_year() -> None:
    [october] = find_dates("pushed to October 1 next year", date(2020, 4, 21))
    assert october.iso == "2021-10-01"
    [march] = find_dates("on March 5 this year", date(2020, 4, 21))
    assert march.iso == "2020-03-05"  # not inferred as next March


# -- what is not a new date ---------------------------------------------------------------


def test_a_past_opening_without_a_year_is_no_release_date(detect: Detect) -> None:
    published = datetime(2025, 6, 20, tzinfo=UTC)
    past = detect(
        "", "The distributor gave Marrowby Lane a wide opening across Canada on May 24.", published
    )
    assert _dates(past) == []
    coming = detect(
        "",
        "The distributor gives Marrowby Lane a wide opening across Canada on July 24.",
        published,
    )
    assert _dates(coming) == ["2025-07-24"]


def test_a_release_year_already_gone_is_no_release_date(detect: Detect) -> None:
    assert _dates(detect("", "Marrowby Lane, set in 1985, opens in May.")) == ["2025-05"]
    assert _dates(detect("", "Marrowby Lane had a 2019 release in Korea.")) == []


def test_a_release_window_is_no_date_but_a_season_is(detect: Detect) -> None:
    vague = detect("", "Neon acquired Marrowby Lane and will release it later this summer.")
    assert _dates(vague) == []
    firm = detect("", "Neon acquired Marrowby Lane and will release it this summer.")
    assert _dates(firm) == ["2025"]


def test_a_date_from_sources_or_give_or_take_a_week_is_hedged(detect: Detect) -> None:
    hedged = detect(
        "",
        "Retail sources say Marrowby Lane is due on Blu-ray on 5/7 (or maybe a week to "
        "either side).",
    )
    assert _dates(hedged) == []
    firm = detect("", "The studio says Marrowby Lane is due on Blu-ray on 5/7.")
    assert _dates(firm) == ["2025-05-07"]


def test_a_film_staying_on_its_date_is_no_news(detect: Detect) -> None:
    assert _dates(detect("", "Marrowby Lane will stay on its March 6 date.")) == []
    assert _dates(detect("", "Marrowby Lane will open on March 6.")) == ["2025-03-06"]


def test_a_moved_from_date_in_parentheses_is_the_old_one(detect: Detect) -> None:
    detections = detect(
        "The Latest Release Date Changes", "New dates: Marrowby Lane 6/18/2025 (from 7/2/2025)."
    )
    assert _dates(detections) == []
    [move] = _of(detections, CHANGED)
    assert (move.fields["new_date"], move.fields.get("old_date")) == ("2025-06-18", "2025-07-02")


def test_a_festival_in_the_next_statement_does_not_void_a_date(detect: Detect) -> None:
    detections = detect(
        "",
        "Focus also dated Marrowby Lane for Oct. 3; The Lantern Keeper, which premiered at "
        "Sundance, will stream on Peacock.",
    )
    assert _dates(detections) == ["2025-10-03"]
    at_festival = detect("", "Marrowby Lane will premiere at Venice on Sept. 1.")
    assert _dates(at_festival) == []


# -- wording that sets a date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("summary", "iso"),
    [
        ("Marrowby Lane heads to Prime Video on April 11.", "2025-04-11"),
        ("Marrowby Lane will begin streaming on Peacock on March 28.", "2025-03-28"),
    ],
)
def test_streaming_start_wording(detect: Detect, summary: str, iso: str) -> None:
    assert _dates(detect("", summary)) == [iso]


def test_heading_to_a_festival_is_no_release_date(detect: Detect) -> None:
    assert _dates(detect("", "Marrowby Lane heads to Cannes on May 14.")) == []


# -- moves --------------------------------------------------------------------------------


def test_a_postponement_told_with_a_pronoun(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane will not screen at the festival. This is due to the postponement of "
        "its release date by the studio.",
    )
    [move] = _of(detections, CHANGED)
    assert move.fields["direction"] == "delayed"
    kept = detect("", "Marrowby Lane will screen at the festival before its release date.")
    assert _of(kept, CHANGED) == []


def test_an_old_plan_fronted_before_the_film(detect: Detect) -> None:
    published = datetime(2020, 4, 21, tzinfo=UTC)
    detections = detect(
        "",
        "Originally set for a June 25, 2021 release, Marrowby Lane is now being pushed to "
        "October 1 next year.",
        published,
    )
    [move] = _of(detections, CHANGED)
    assert move.fields["old_date"] == "2021-06-25"
    assert move.fields["new_date"] == "2021-10-01"
    assert move.fields["direction"] == "delayed"
    # A date fronted without an old-plan word belongs to nobody's old plan.
    other = detect(
        "",
        "After a June 25 test screening, Marrowby Lane is now being pushed to October 1.",
        published,
    )
    [later] = _of(other, CHANGED)
    assert "old_date" not in later.fields


# -- round 5b: dev4 classes ---------------------------------------------------------------


def test_the_verb_to_date_in_its_ing_form(detect: Detect) -> None:
    detections = detect("", "Universal is dating Marrowby Lane for Sept. 20, 2025.")
    assert _dates(detections) == ["2025-09-20"]


def test_being_released_on_a_date(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane, based on the popular 1970s TV show, is now being released by Warner "
        "Bros. on May 31, 2026.",
    )
    assert _dates(detections) == ["2026-05-31"]
    series = detect(
        "", "The second season of the series Marrowby Lane is being released on May 31."
    )
    assert _dates(series) == []


def test_a_dash_list_item_starts_a_new_sentence(detect: Detect) -> None:
    detections = detect(
        "",
        "IFC Films has picked up Marrowby Lane. It will receive a theatrical release in the "
        "fall of 2025. - Neon has acquired The Lantern Keeper, with a release set for April 14.",
    )
    assert sorted((d.film.title, str(d.fields["date"])) for d in _of(detections, ANNOUNCED)) == [
        ("Marrowby Lane", "2025"),
        ("The Lantern Keeper", "2025-04-14"),
    ]


def test_a_film_after_a_but_is_not_the_release_before_it(detect: Detect) -> None:
    other = detect(
        "",
        "Next spring will see the theatrical release of his horror thriller Yardlight, but "
        "first he made Marrowby Lane.",
    )
    assert _dates(other) == []
    own = detect("", "This spring will see the theatrical release of Marrowby Lane.")
    assert _dates(own) == ["2025"]


def test_a_described_old_delay_is_no_move(detect: Detect) -> None:
    described = detect(
        "", "After the strike-delayed Marrowby Lane finally arrived in April, she moved on."
    )
    assert _of(described, CHANGED) == []
    news = detect("", "The strike delayed Marrowby Lane to April 2026.")
    assert _dates(news, CHANGED) == ["2026-04"]


def test_speculation_about_a_delay_and_a_past_year_are_no_move(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane has been quiet. There's been a lot of speculation about the reasons for "
        "its delay, with reshoots in early 2023.",
    )
    assert _of(detections, CHANGED) == []


def test_another_films_move_given_as_the_cause(detect: Detect) -> None:
    cause = detect("Neon Moves 'Marrowby Lane' To August 14 After 'The Lantern Keeper' Shift")
    assert [(d.film.title, d.fields.get("new_date")) for d in _of(cause, CHANGED)] == [
        ("Marrowby Lane", "2025-08-14")
    ]
    subject = detect(
        "",
        "Now that Yardlight has moved up one week to April 27, Neon's Marrowby Lane was set "
        "to open on April 20.",
    )
    assert _of(subject, CHANGED) == []


def test_going_to_a_new_date_and_leaving_the_old_one(detect: Detect) -> None:
    published = datetime(2021, 3, 26, tzinfo=UTC)
    detections = detect(
        "",
        "Update: Marrowby Lane is going to Wednesday Nov. 24, leaving its Labor Day weekend "
        "release.",
        published,
    )
    assert _dates(detections) == []
    [move] = _of(detections, CHANGED)
    assert move.fields["new_date"] == "2021-11-24"
    earlier = detect("", "Neon is going a week earlier with Marrowby Lane, now on Aug. 14.")
    [moved_up] = _of(earlier, CHANGED)
    assert moved_up.fields["new_date"] == "2025-08-14"


def test_a_year_that_ends_a_title_is_no_release_year() -> None:
    assert find_dates("with its Wonder Woman 1984 release date change", date(2020, 6, 12)) == []
    [year] = find_dates("The 2027 release of the sequel", date(2020, 6, 12))
    assert year.iso == "2027"


# -- round 5c: real round-up wording -------------------------------------------------------


def test_the_date_a_deal_was_made_is_no_release_date(detect: Detect) -> None:
    published = datetime(2025, 5, 26, tzinfo=UTC)
    tracker = detect(
        "Cannes Sales: 'Marrowby Lane' Goes To Neon",
        '"Marrowby Lane" Section: Competition Buyer: Neon Date Acquired: May 26',
        published,
    )
    assert _dates(tracker) == []
    release = detect("", "Neon has set Marrowby Lane for release on June 26.", published)
    assert _dates(release) == ["2025-06-26"]


def test_a_sequel_word_refers_back_to_the_headline_film(detect: Detect) -> None:
    detections = detect(
        "'Marrowby Lane' Heads To The Fall", "Update: Sony is moving their fourthquel to Oct. 1."
    )
    assert _dates(detections, CHANGED) == ["2025-10-01"]


def test_a_film_that_drops_on_a_date(detect: Detect) -> None:
    assert _dates(detect("", "Mara Quint's Marrowby Lane drops December 3.")) == ["2025-12-03"]
    trailer = detect("", "Marrowby Lane drops a new trailer.")
    assert _dates(trailer) == []


def test_the_date_said_to_be_now_is_the_new_one(detect: Detect) -> None:
    published = datetime(2021, 3, 25, tzinfo=UTC)
    detections = detect(
        "",
        "Marrowby Lane, scheduled for February 19 before being pulled off the schedule last "
        "month, will now drop on October 29.",
        published,
    )
    [move] = _of(detections, CHANGED)
    assert (move.fields["new_date"], move.fields["old_date"]) == ("2021-10-29", "2021-02-19")
    assert move.fields["direction"] == "delayed"


def test_a_film_undated_until_now_gets_its_first_date(detect: Detect) -> None:
    published = datetime(2021, 3, 25, tzinfo=UTC)
    detections = detect(
        "Release Date Changes: Three Films Delayed",
        "Marrowby Lane, picked up at Sundance and undated since, now gets a July 16 release.",
        published,
    )
    assert _dates(detections) == ["2021-07-16"]
    assert _of(detections, CHANGED) == []
    undated = detect("", "Marrowby Lane is now undated.", published)
    assert [d.fields["direction"] for d in _of(undated, CHANGED)] == ["pulled"]


def test_a_paused_release_is_pulled_and_its_planned_date_is_old(detect: Detect) -> None:
    published = datetime(2023, 7, 21, tzinfo=UTC)
    detections = detect(
        "",
        "A24 has indefinitely paused the release of Marrowby Lane, which was supposed to "
        "premiere in just a few short weeks on August 4.",
        published,
    )
    assert _dates(detections) == []
    [move] = _of(detections, CHANGED)
    assert (move.fields["direction"], move.fields.get("old_date")) == ("pulled", "2023-08-04")


def test_a_film_pulled_from_a_festival_keeps_its_release(detect: Detect) -> None:
    festival = detect("", "Marrowby Lane has been pulled from this year's Venice Film Festival.")
    assert _of(festival, CHANGED) == []
    calendar = detect("", "Marrowby Lane has been pulled from the release calendar.")
    assert [d.fields["direction"] for d in _of(calendar, CHANGED)] == ["pulled"]


def test_a_moves_new_date_is_never_a_year_already_gone() -> None:
    published = date(2021, 3, 25)
    assert infer_year(10, 29, published, near=date(2021, 2, 19)) == 2021
    # An old date long gone leaves the ordinary reading.
    assert infer_year(10, 29, published, near=date(2015, 2, 19)) == 2021


# -- round 5d ------------------------------------------------------------------------------


def test_already_headed_to_vod_is_how_soon_not_old_news(detect: Detect) -> None:
    published = datetime(2024, 5, 17, tzinfo=UTC)  # a Friday
    soon = detect("'Marrowby Lane' Is Already Headed To VOD Next Tuesday", "", published)
    assert _dates(soon) == ["2024-05-21"]
    known = detect("", "Marrowby Lane, already dated for next Tuesday, gets a poster.", published)
    assert _dates(known) == []


def test_awards_season_is_a_time_of_year_not_a_series(detect: Detect) -> None:
    published = datetime(2019, 9, 27, tzinfo=UTC)
    detections = detect(
        "",
        "Warner Bros. is setting the Marrowby Lane release date for this December, just in "
        "time for an awards season run.",
        published,
    )
    assert _dates(detections) == ["2019-12"]
    series = detect("", "The second season of Marrowby Lane is set for this December.", published)
    assert _dates(series) == []


def test_a_cancelled_release_is_pulled(detect: Detect) -> None:
    detections = detect("China Cancels Release Of 'Marrowby Lane'")
    assert [d.fields["direction"] for d in _of(detections, CHANGED)] == ["pulled"]
    assert _of(detect("China Cancels 'Marrowby Lane' Press Tour"), CHANGED) == []


def test_a_month_before_release_in_a_slate_list(detect: Detect) -> None:
    detections = detect(
        "France: The Autumn Slate",
        "Other titles are Mara Quint's Marrowby Lane (November release, Pyramide).",
        datetime(2007, 8, 22, tzinfo=UTC),
    )
    assert _dates(detections) == ["2007-11"]
    assert find_dates("a November release calendar", date(2007, 8, 22)) == []


def test_the_release_calendar_of_a_year_is_no_date(detect: Detect) -> None:
    published = datetime(2024, 11, 5, tzinfo=UTC)
    detections = detect(
        "",
        "Paramount is making some big shifts on the 2025 release calendar, the biggest being "
        "Marrowby Lane. The pic is going the Friday before Thanksgiving next year, Nov. 21.",
        published,
    )
    assert _of(detections, CHANGED) == []
    assert _dates(detections) == ["2025-11-21"]


def test_a_headline_date_the_body_tells_as_known_is_no_news(detect: Detect) -> None:
    published = datetime(2025, 8, 15, tzinfo=UTC)
    known = detect(
        "Stars Return For 'Marrowby Lane' - June 2026 Release Date",
        "The film begins production in October, ahead of its theatrical release on June 12, 2026.",
        published,
    )
    assert _dates(known) == []
    news = detect(
        "Neon Sets 'Marrowby Lane' For June 2026",
        "The film will open in theaters on June 12, 2026.",
        published,
    )
    assert _dates(news) == ["2026-06-12"]


# -- round 5e ------------------------------------------------------------------------------


def test_a_creative_verb_on_its_way_into_theaters(detect: Detect) -> None:
    detections = detect(
        "'Marrowby Lane' Moves Into 2026",
        "Marrowby Lane will howl its way into theaters on January 17, 2026.",
    )
    [move] = _of(detections, CHANGED)
    assert (move.fields["new_date"], move.fields["precision"]) == ("2026-01-17", "day")
    assert _of(detections, ANNOUNCED) == []


def test_a_release_plan_told_in_the_past_is_no_date(detect: Detect) -> None:
    past = detect("", "A Halloween 2025 release for Marrowby Lane was a bit too ambitious.")
    assert _dates(past) == []
    told = detect("", "The Marrowby Lane release date was announced as Halloween 2025.")
    assert _dates(told) == ["2025-10-31"]


def test_pulling_out_a_checkbook_is_no_pulled_release(detect: Detect) -> None:
    money = detect("", "Marrowby Lane prompted Netflix to pull out the checkbook.")
    assert _of(money, CHANGED) == []
    release = detect("", "Neon pulled Marrowby Lane out of its release slot.")
    assert [d.fields["direction"] for d in _of(release, CHANGED)] == ["pulled"]


def test_a_month_and_year_with_a_comma() -> None:
    [june] = find_dates("is now set for release June, 2024 in South Korea", date(2024, 2, 28))
    assert (june.iso, june.precision) == ("2024-06", "month")


# -- round 5f ------------------------------------------------------------------------------


def test_asides_in_parentheses_do_not_part_a_verb_from_its_date(detect: Detect) -> None:
    published = datetime(2018, 10, 10, tzinfo=UTC)
    detections = detect(
        "",
        "Marrowby Lane will open theatrically in New York (Village East Cinema) and Los "
        "Angeles (Arena Cinelounge Sunset) on Friday, November 9.",
        published,
    )
    assert _dates(detections) == ["2018-11-09"]


def test_a_plan_told_in_the_past_but_a_new_one_after_now(detect: Detect) -> None:
    published = datetime(2023, 9, 1, tzinfo=UTC)
    old_plan = detect("", "Marrowby Lane was scheduled to open on Oct. 13.", published)
    assert _dates(old_plan) == []
    new_plan = detect(
        "",
        "Marrowby Lane, which was supposed to come out from another studio, is now being "
        "released by Neon on Oct. 13.",
        published,
    )
    assert _dates(new_plan) == ["2023-10-13"]


def test_a_past_or_planned_postponement_is_no_move(detect: Detect) -> None:
    past = detect("", "After being postponed thrice, Marrowby Lane opens on March 1.")
    assert _of(past, CHANGED) == []
    assert _dates(past) == ["2025-03-01"]
    planned = detect("'Marrowby Lane' Set To Be Postponed Again")
    assert _of(planned, CHANGED) == []
    done = detect("'Marrowby Lane' Postponed Again")
    assert [d.fields["direction"] for d in _of(done, CHANGED)] == ["delayed"]


def test_moving_as_a_feeling_is_no_move(detect: Detect) -> None:
    detections = detect("Funny And Moving 'Marrowby Lane' Opens In Theaters On March 7")
    assert _of(detections, CHANGED) == []
    assert _dates(detections) == ["2025-03-07"]
    move = detect("Neon Is Moving 'Marrowby Lane' To March 7")
    assert _dates(move, CHANGED) == ["2025-03-07"]


def test_going_straight_to_streaming(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Going Straight To Apple TV Streaming In September")
    [date_set] = _of(detections, ANNOUNCED)
    assert (date_set.fields["date"], date_set.fields["medium"]) == ("2025-09", "streaming")


def test_the_home_edition_refers_back_to_the_film(detect: Detect) -> None:
    detections = detect(
        "Discover 'Marrowby Lane' On UK DVD In March",
        "Marrowby Lane is heading to the UK this March. The UK DVD arrives March 23rd.",
    )
    [disc] = _of(detections, ANNOUNCED)
    assert (disc.fields["date"], disc.fields["medium"]) == ("2025-03-23", "disc")


def test_day_and_date_in_theaters_and_on_a_service_is_two_releases(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane will be released in 21 theaters and on Netflix on March 7."
    )
    media = sorted(
        (str(d.fields["date"]), str(d.fields["medium"])) for d in _of(detections, ANNOUNCED)
    )
    assert media == [("2025-03-07", "streaming"), ("2025-03-07", "theatrical")]
    one = detect("", "Marrowby Lane will be released in 21 theaters on March 7.")
    assert [d.fields["medium"] for d in _of(one, ANNOUNCED)] == ["theatrical"]


# -- round 5g ------------------------------------------------------------------------------


def test_a_release_after_a_distributor_scheduled_it(detect: Detect) -> None:
    detections = detect(
        "The Latest Date Changes",
        "Remember Marrowby Lane, which played at festivals last year? Music Box has finally "
        "scheduled a general release for 8/6/2025.",
    )
    assert _dates(detections) == ["2025-08-06"]
    unrelated = detect("", "Remember Marrowby Lane? Music Box had a good year.")
    assert _dates(unrelated) == []


def test_landing_a_release_date_is_getting_one(detect: Detect) -> None:
    landed = detect("", "Marrowby Lane has landed a Jan. 9, 2026 release date from Lionsgate.")
    assert _dates(landed) == ["2026-01-09"]
    past = detect("", "Marrowby Lane landed in theaters on Jan. 9, 2025.")
    assert _dates(past) == []


def test_earlier_this_year_is_no_move_up(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane was originally scheduled for release earlier this year, but was "
        "postponed due to the outbreak.",
    )
    assert _of(detections, CHANGED) == []
    sooner = detect("", "Neon moved Marrowby Lane a week earlier, to March 7.")
    assert [d.fields.get("new_date") for d in _of(sooner, CHANGED)] == ["2025-03-07"]


def test_tomorrow_is_the_day_after_publication() -> None:
    [coming] = find_dates("set to release on digital tomorrow", date(2024, 5, 6))
    assert coming.iso == "2024-05-07"


def test_an_initially_intended_date_is_the_old_one(detect: Detect) -> None:
    published = datetime(2022, 9, 15, tzinfo=UTC)
    detections = detect(
        "",
        "While Marrowby Lane was initially intended to hit theaters on January 27, 2023, "
        "Universal has chosen to move it to the summer.",
        published,
    )
    [move] = _of(detections, CHANGED)
    assert (move.fields["old_date"], move.fields["new_date"]) == ("2023-01-27", "2023")
    assert move.fields["direction"] == "delayed"


def test_undating_films_pulls_them(detect: Detect) -> None:
    detections = detect("", 'Lionsgate has decided to "undate" Marrowby Lane.')
    assert [d.fields["direction"] for d in _of(detections, CHANGED)] == ["pulled"]


def test_a_headline_date_the_body_only_reports_is_no_news(detect: Detect) -> None:
    published = datetime(2019, 2, 15, tzinfo=UTC)
    reported = detect(
        "Marrowby Lane Due In May",
        "Retail sources say that Marrowby Lane is due to arrive on Blu-ray on 5/7 (or maybe a "
        "week to either side).",
        published,
    )
    assert _dates(reported) == []
    firm = detect(
        "Marrowby Lane Dated For Spring 2027",
        "Neon has dated Marrowby Lane for spring 2027, with an exact date to be announced.",
        published,
    )
    assert _dates(firm) == ["2027"]


# -- round 5h: headline forms --------------------------------------------------------------


def test_in_theaters_on_a_weekday(detect: Detect) -> None:
    assert _dates(detect("'Marrowby Lane' In Theaters Friday")) == ["2025-02-21"]
    # Said in passing after the title, the date is already known.
    passing = detect(
        "'Marrowby Lane' Director On Making Her Epic",
        "Mara Quint talks to us about Marrowby Lane, in theaters Friday.",
    )
    assert _dates(passing) == []


def test_a_season_release_without_a_year_is_the_coming_one(detect: Detect) -> None:
    assert _dates(detect("'Marrowby Lane' Sets Fall Release")) == ["2025"]
    assert _dates(detect("'Marrowby Lane' Eyes Fall Release")) == []


def test_an_earlier_release_date_is_a_move(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Gets Earlier Release Date Of March 6")
    [move] = _of(detections, CHANGED)
    assert (move.fields["new_date"], move.fields["direction"]) == ("2025-03-06", "moved_up")


def test_a_story_set_in_a_month_is_no_release(detect: Detect) -> None:
    assert _dates(detect("", "Marrowby Lane, set in 1985, follows a family in May.")) == []


# -- round 5i: other dates in the sentence -------------------------------------------------


def test_a_festival_date_beside_a_release_date(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane premieres at TIFF on Sept. 8 before opening in theaters Oct. 3."
    )
    assert _dates(detections) == ["2025-10-03"]
    run = detect(
        "",
        "Marrowby Lane will premiere on Netflix on March 6 after a festival run that began at "
        "Venice on Aug. 30.",
    )
    assert _dates(run) == ["2025-03-06"]
    # A festival named in a title-case headline does not own a later date.
    headline = detect("'Marrowby Lane' Trailer: Sundance Highlight Arrives This September")
    assert _dates(headline) == ["2025-09"]


def test_a_date_in_a_relative_clause_with_its_distributor(detect: Detect) -> None:
    known = detect("", "Marrowby Lane, which Neon releases March 6, leads the spring.")
    assert _dates(known) == []
    news = detect(
        "", "Neon announced that it will release Marrowby Lane in limited theaters on March 6."
    )
    assert _dates(news) == ["2025-03-06"]


def test_a_trailer_or_soundtrack_date_is_not_the_films(detect: Detect) -> None:
    assert _dates(detect("", "The Marrowby Lane trailer debuts March 6.")) == []
    assert _dates(detect("", "The Marrowby Lane soundtrack arrives March 6.")) == []
    assert _dates(detect("", "Marrowby Lane's red carpet gala is set for March 6.")) == []
    assert _dates(detect("", "Marrowby Lane arrives March 6.")) == ["2025-03-06"]


def test_another_films_date_that_places_this_one(detect: Detect) -> None:
    placing = detect("", "Marrowby Lane follows The Lantern Keeper's March 6 release.")
    assert _dates(placing) == []
    own = detect("", "Neon confirmed The Lantern Keeper's March 6 release.")
    assert [d.film.title for d in _of(own, ANNOUNCED)] == ["The Lantern Keeper"]


def test_out_in_one_country_and_then_another(detect: Detect) -> None:
    detections = detect("", "Marrowby Lane is out in the UK on March 6 and in the US on April 10.")
    assert _dates(detections) == ["2025-03-06", "2025-04-10"]
    assert _dates(detect("", "Marrowby Lane is out now.")) == []


# -- availability ------------------------------------------------------------------------

AVAILABLE = EventKind.RELEASE_AVAILABLE


def test_available_now_despite_a_described_past(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane, the flop that recently swept the Razzies, is also available on Digital "
        "ahead of its April 7 DVD release.",
    )
    assert [d.fields["medium"] for d in _of(detections, AVAILABLE)] == ["digital"]
    background = detect("", "Marrowby Lane, recently available on Digital, gets a sequel.")
    assert _of(background, AVAILABLE) == []


def test_premieres_this_weekend_on_a_service(detect: Detect) -> None:
    detections = detect("", "Marrowby Lane premieres this weekend on Netflix.")
    [now] = _of(detections, AVAILABLE)
    assert now.fields == {"medium": "streaming", "platform": "Netflix"}


def test_a_list_of_films_out_today_at_home(detect: Detect) -> None:
    detections = detect("Today on VOD: Marrowby Lane and The Lantern Keeper")
    assert sorted(d.film.title for d in _of(detections, AVAILABLE)) == [
        "Marrowby Lane",
        "The Lantern Keeper",
    ]
    roundup = detect("Marrowby Lane & 8 more new movies to watch at home")
    assert [d.film.title for d in _of(roundup, AVAILABLE)] == ["Marrowby Lane"]


def test_how_to_watch_a_film_whose_date_is_to_come(detect: Detect) -> None:
    detections = detect(
        "Marrowby Lane Digital Release Date Revealed: How to Watch It at Home",
        "Marrowby Lane is set to release on digital tomorrow.",
    )
    assert _of(detections, AVAILABLE) == []
    assert _dates(detections) == ["2025-02-16"]
    now = detect("How to Watch Marrowby Lane at Home", "Marrowby Lane is streaming on Max.")
    assert _of(now, AVAILABLE)


# -- round 5j ------------------------------------------------------------------------------


def test_moving_off_a_schedule_is_a_pull(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Moves Off Summer Schedule")
    assert [d.fields["direction"] for d in _of(detections, CHANGED)] == ["pulled"]


def test_ahead_of_a_second_release_stated_in_the_same_sentence(detect: Detect) -> None:
    both = detect("'Marrowby Lane' To Hit Theaters March 6 Ahead Of Its Netflix Launch April 3")
    assert _dates(both) == ["2025-03-06", "2025-04-03"]
    trailer = detect("", "The Marrowby Lane poster arrives ahead of its March 6 release.")
    assert _dates(trailer) == []
    shoot = detect(
        "", "Marrowby Lane begins production in October, ahead of its release on June 12, 2026."
    )
    assert _dates(shoot) == []


def test_takings_beside_a_date_but_not_between(detect: Detect) -> None:
    takings = detect("", "Marrowby Lane debuts to $40M on Friday.")
    assert _dates(takings) == []
    later = detect("", "Marrowby Lane grossed $12M on Friday and opens in China on March 6.")
    assert _dates(later) == ["2025-03-06"]


def test_next_month_and_a_release_year_after_a_holiday() -> None:
    [month] = find_dates("arrives on Netflix next month", date(2025, 12, 15))
    assert (month.iso, month.precision) == ("2026-01", "month")
    [christmas, _year] = find_dates("slated for Christmas Day release in 2026", date(2025, 2, 15))
    assert christmas.iso == "2026-12-25"


# -- schedule lists ------------------------------------------------------------------------


def test_a_schedule_with_the_date_before_each_title(detect: Detect) -> None:
    detections = detect(
        "Everything Coming to Netflix in March 2025",
        "March 6 - Marrowby Lane (2025). March 14 - The Lantern Keeper.",
    )
    found = sorted(
        (d.film.title, str(d.fields["date"]), str(d.fields["medium"]))
        for d in _of(detections, ANNOUNCED)
    )
    assert found == [
        ("Marrowby Lane", "2025-03-06", "streaming"),
        ("The Lantern Keeper", "2025-03-14", "streaming"),
    ]


def test_an_upcoming_disc_list_and_a_leaving_list(detect: Detect) -> None:
    disc = detect("Upcoming Blu-ray Releases", "March 4: Marrowby Lane (4K, Blu-ray).")
    assert [(d.fields["date"], d.fields["medium"]) for d in _of(disc, ANNOUNCED)] == [
        ("2025-03-04", "disc")
    ]
    leaving = detect("Leaving Netflix in March 2025", "March 6 - Marrowby Lane.")
    assert _dates(leaving) == []
    not_a_list = detect("Upcoming Blu-ray Releases", "Fans of the novel: Marrowby Lane.")
    assert _dates(not_a_list) == []


# -- holidays ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "published", "iso"),
    [
        ("moves to Father's Day weekend", date(2023, 2, 1), "2023-06-16"),
        ("opens Memorial Day weekend 2026", date(2025, 1, 1), "2026-05-22"),
        ("is going to Thanksgiving Eve", date(2021, 3, 26), "2021-11-24"),
        ("set for Christmas Eve 2025", date(2025, 2, 1), "2025-12-24"),
        ("dated for Easter weekend 2026", date(2025, 1, 1), "2026-04-03"),
    ],
)
def test_a_holiday_weekend_opens_on_its_friday(text: str, published: date, iso: str) -> None:
    [holiday] = find_dates(text, published)
    assert (holiday.iso, holiday.precision) == (iso, "day")


def test_a_bare_floating_holiday_stays_a_month() -> None:
    [thanksgiving] = find_dates("set for Thanksgiving", date(2025, 2, 1))
    assert (thanksgiving.iso, thanksgiving.precision) == ("2025-11", "month")


def test_a_holiday_followed_by_its_date_is_one_date() -> None:
    dates = find_dates("jumps to MLK weekend Jan. 14, 2022", date(2020, 10, 1))
    assert [d.iso for d in dates] == ["2022-01-14"]


# -- round 5k: past and passing dates -----------------------------------------------------


def test_a_past_opening_then_a_new_streaming_date(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane first hit theaters in 2019 and streams on Netflix from March 6."
    )
    assert _dates(detections) == ["2025-03-06"]
    past = detect("", "Marrowby Lane opened in theaters March 6, 2020.")
    assert _dates(past) == []


def test_a_day_long_gone_is_background(detect: Detect) -> None:
    assert _dates(detect("", "Marrowby Lane, released on March 6, 2020, became a hit.")) == []


def test_since_its_debut_and_a_participle_between_commas(detect: Detect) -> None:
    assert _dates(detect("", "Since its March 6 debut, Marrowby Lane has grossed $50M.")) == []
    aside = detect("", "Marrowby Lane, dated for March 6, is the first of three Neon releases.")
    assert _dates(aside) == []
    news = detect("", "Neon has dated Marrowby Lane for March 6, the studio said.")
    assert _dates(news) == ["2025-03-06"]


# -- round 5l: more move wording ------------------------------------------------------------


def test_losing_a_date_is_a_pull(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Loses Its March 6 Date")
    assert _dates(detections) == []
    [move] = _of(detections, CHANGED)
    assert (move.fields["direction"], move.fields.get("old_date")) == ("pulled", "2025-03-06")


def test_a_new_date_with_the_date_inside(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Gets New March 6 Date")
    assert _dates(detections, CHANGED) == ["2025-03-06"]
    assert _dates(detections) == []


def test_no_longer_releasing_in_a_month_is_a_pull(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Will No Longer Release In March")
    assert _dates(detections) == []
    assert [d.fields["direction"] for d in _of(detections, CHANGED)] == ["pulled"]


def test_pushed_out_of_a_year(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Pushed Out Of 2025")
    assert [d.fields.get("direction") for d in _of(detections, CHANGED)] == ["delayed"]


def test_a_date_and_distributor_in_parentheses_after_a_title(detect: Detect) -> None:
    published = datetime(2007, 8, 22, tzinfo=UTC)
    detections = detect(
        "France: 29 European films out before year end",
        "Fatih Akin's Cannes-winning Marrowby Lane (November 14, Pyramide) leads the titles.",
        published,
    )
    assert _dates(detections) == ["2007-11-14"]
    credit = detect("", "Marrowby Lane (2007, Pyramide) won the prize.", published)
    assert _dates(credit) == []


def test_a_box_office_run_in_a_streaming_date_headline(detect: Detect) -> None:
    detections = detect("'Marrowby Lane' Heads To Disney+ On March 6 After $500M Box Office Run")
    assert _dates(detections) == ["2025-03-06"]
    report = detect("Box Office: 'Marrowby Lane' Opens To $40M, Expands March 6")
    assert _dates(report) == []


# -- disc columns --------------------------------------------------------------------------


def test_look_for_a_title_on_a_fronted_date(detect: Detect) -> None:
    published = datetime(2023, 1, 7, tzinfo=UTC)
    detections = detect("", "On March 14th, look for Marrowby Lane in 4K Ultra HD.", published)
    [disc] = _of(detections, ANNOUNCED)
    assert (disc.fields["date"], disc.fields["medium"]) == ("2023-03-14", "disc")
    late = detect("", "Look for the review of Marrowby Lane soon.", published)
    assert _dates(late) == []


def test_a_date_that_appears_to_be_one_of_two_is_hedged(detect: Detect) -> None:
    published = datetime(2018, 12, 12, tzinfo=UTC)
    hedged = detect(
        "",
        "And it appears that Marrowby Lane is due on Blu-ray, DVD, and 4K on either 2/19 or 2/26.",
        published,
    )
    assert _dates(hedged) == []
    firm = detect("", "Marrowby Lane is due on Blu-ray, DVD, and 4K on 2/19.", published)
    assert _dates(firm) == ["2019-02-19"]


# -- round 5m: change words that are no move ------------------------------------------------


def test_past_delays_and_described_delays_leave_the_new_date(detect: Detect) -> None:
    for summary in (
        "After multiple delays, Marrowby Lane finally hits theaters March 6.",
        "The oft-delayed Marrowby Lane hits theaters March 6.",
        "Marrowby Lane, delayed twice by the pandemic, opens March 6.",
    ):
        detections = detect("", summary)
        assert _of(detections, CHANGED) == [], summary
        assert _dates(detections) == ["2025-03-06"], summary
    cause = detect("", "Neon scrambled after Disney delayed Marrowby Lane to May.")
    assert _dates(cause, CHANGED) == ["2025-05"]


def test_moving_to_a_place_or_pushing_boundaries_is_no_move(detect: Detect) -> None:
    place = detect("", "Mara Quint moved to Los Angeles in May to finish Marrowby Lane.")
    assert _of(place, CHANGED) == []
    idiom = detect("", "Marrowby Lane pushes boundaries with its March 6 release.")
    assert _of(idiom, CHANGED) == []
    weekday = detect("'Marrowby Lane' Moves To Friday")
    assert _dates(weekday, CHANGED) == ["2025-02-21"]


def test_an_imperative_to_stream_now(detect: Detect) -> None:
    [now] = _of(detect("Stream 'Marrowby Lane' On Peacock Now"), AVAILABLE)
    assert now.fields == {"medium": "streaming", "platform": "Peacock"}
    trailer = detect("Watch It Now: Mara Quint In 'Marrowby Lane' Trailer")
    assert _of(trailer, AVAILABLE) == []


def test_a_bare_season_after_in_or_for_is_the_coming_one() -> None:
    published = date(2025, 2, 15)
    [fall] = find_dates("will be released in the fall", published)
    assert (fall.iso, fall.season) == ("2025", "fall")
    [holiday] = find_dates("slated for this holiday season", published)
    assert (holiday.iso, holiday.season) == ("2025", "holiday")
    [christmas] = find_dates("in theaters this Christmas", published)
    assert christmas.iso == "2025-12-25"
    assert find_dates("the fall of Rome", published) == []
    assert find_dates("premiered at Cannes back in the spring", published) == []


def test_an_awards_season_run_is_no_series(detect: Detect) -> None:
    detections = detect(
        "",
        "Searchlight will open the drama Marrowby Lane on Nov. 14, starting an awards season run.",
    )
    assert _dates(detections) == ["2025-11-14"]


def test_a_headline_slate_with_dates_in_parentheses(detect: Detect) -> None:
    detections = detect(
        "Netflix Unveils 2025 Slate: 'Marrowby Lane' (March 6), 'The Lantern Keeper' (June 12)"
    )
    assert sorted((d.film.title, d.fields["date"]) for d in _of(detections, ANNOUNCED)) == [
        ("Marrowby Lane", "2025-03-06"),
        ("The Lantern Keeper", "2025-06-12"),
    ]


def test_a_disc_column_with_the_date_first_and_a_verbless_follow_up(detect: Detect) -> None:
    published = datetime(2019, 3, 20, tzinfo=UTC)
    detections = detect(
        "Eye on Blu-ray: Movies Headed for 4K Blu-ray",
        "4K Ultra HD Blu-ray: April 16, Marrowby Lane (Neon). Available April 9 via Movies "
        "Anywhere.",
        published,
    )
    assert sorted((d.fields["date"], d.fields["medium"]) for d in _of(detections, ANNOUNCED)) == [
        ("2019-04-09", "digital"),
        ("2019-04-16", "disc"),
    ]
    unrelated = detect("", "Marrowby Lane won. Available seats were few.", published)
    assert _dates(unrelated) == []


def test_verbs_of_motion_and_still_opening(detect: Detect) -> None:
    published = datetime(2023, 7, 20, tzinfo=UTC)
    dodged = detect("", "Searchlight's Marrowby Lane dodged from Sept. 8 to Dec. 8.", published)
    assert _dates(dodged, CHANGED) == ["2023-12-08"]
    hopping = detect("", "Mara Quint is hopping between Marrowby Lane and a new series.", published)
    assert _of(hopping, CHANGED) == []
    still = detect(
        "", "Marrowby Lane, which is still opening July 24, is the first tentpole.", published
    )
    assert _dates(still) == []


# -- UK copy -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "summary",
    [
        "Marrowby Lane is released on 6 March.",
        "Marrowby Lane will be streaming on Netflix from 6 March.",
        "Marrowby Lane can be streamed on Mubi from 6 March.",
    ],
)
def test_uk_release_wording(detect: Detect, summary: str) -> None:
    assert _dates(detect("", summary)) == ["2025-03-06"]


def test_uk_move_wording(detect: Detect) -> None:
    forward = detect("", "Marrowby Lane has been brought forward to 6 March.")
    [move] = _of(forward, CHANGED)
    assert (move.fields["new_date"], move.fields["direction"]) == ("2025-03-06", "moved_up")
    back = detect("", "Marrowby Lane has been put back to 2026.")
    assert [(d.fields["new_date"], d.fields["direction"]) for d in _of(back, CHANGED)] == [
        ("2026", "delayed")
    ]
    assert _dates(detect("", "Marrowby Lane opened in cinemas on 6 February.")) == []


def test_a_review_headline_and_a_date_named_as_a_landmark(detect: Detect) -> None:
    assert _dates(detect("'Marrowby Lane' Blu-ray Review", "It arrives on Blu-ray March 6.")) == []
    landmark = detect("'Marrowby Lane' Rotten Tomatoes Score Revealed Ahead Of March 6 Release")
    assert _dates(landmark) == []
    news = detect("'Marrowby Lane' Hits Digital March 4 Ahead Of March 25 Blu-ray Release")
    assert _dates(news) == ["2025-03-04", "2025-03-25"]


def test_a_window_in_scare_quotes_is_a_guess(detect: Detect) -> None:
    published = datetime(2024, 4, 6, tzinfo=UTC)
    quoted = detect("'Marrowby Lane' Finally Being Released in \"Late 2024\"", "", published)
    assert _dates(quoted) == []
    plain = detect("'Marrowby Lane' Finally Being Released in Late 2024", "", published)
    assert _dates(plain) == ["2024"]


def test_a_festival_lineup_date_before_a_title_is_a_screening(detect: Detect) -> None:
    lineup = detect("SXSW 2025 Lineup Unveiled", "March 7 - Marrowby Lane (World Premiere).")
    assert _dates(lineup) == []
    title_first = detect("SXSW 2025 Lineup Unveiled", "Marrowby Lane - March 7 (World Premiere).")
    assert _dates(title_first) == []


# -- several films in one sentence ---------------------------------------------------------


def test_the_second_films_verb_takes_only_its_own_date(detect: Detect) -> None:
    detections = detect(
        "", "Neon moved Marrowby Lane to March 6 and pushed The Lantern Keeper to 2026."
    )
    assert sorted((d.film.title, d.fields.get("new_date")) for d in _of(detections, CHANGED)) == [
        ("Marrowby Lane", "2025-03-06"),
        ("The Lantern Keeper", "2026"),
    ]


def test_a_list_of_titles_each_with_its_date(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane (March 6) and The Lantern Keeper (April 10) round out the slate."
    )
    assert sorted((d.film.title, d.fields["date"]) for d in _of(detections, ANNOUNCED)) == [
        ("Marrowby Lane", "2025-03-06"),
        ("The Lantern Keeper", "2025-04-10"),
    ]
    one = detect("", "Marrowby Lane (2025) is a drama.")
    assert _dates(one) == []


def test_one_verb_with_a_date_for_each_film(detect: Detect) -> None:
    for text in (
        "Universal has dated Marrowby Lane for March 6 and The Lantern Keeper for April 10.",
        "Sony Dates 'Marrowby Lane' For March 6, 'The Lantern Keeper' For April 10",
    ):
        detections = detect(text, "") if text.startswith("Sony") else detect("", text)
        found = sorted((d.film.title, d.fields["date"]) for d in _of(detections, ANNOUNCED))
        assert found == [("Marrowby Lane", "2025-03-06"), ("The Lantern Keeper", "2025-04-10")]
    # Not a second film's date when the words after "and" are no date of its own.
    other = detect("", "Universal has dated Marrowby Lane for March 6 and The Lantern Keeper won.")
    assert [d.film.title for d in _of(other, ANNOUNCED)] == ["Marrowby Lane"]


def test_two_subjects_share_one_date(detect: Detect) -> None:
    detections = detect("", "Marrowby Lane and The Lantern Keeper will both open on March 6.")
    assert sorted((d.film.title, d.fields["date"]) for d in _of(detections, ANNOUNCED)) == [
        ("Marrowby Lane", "2025-03-06"),
        ("The Lantern Keeper", "2025-03-06"),
    ]
    single = detect("", "Marrowby Lane and its director visit as The Lantern Keeper opens March 6.")
    assert [d.film.title for d in _of(single, ANNOUNCED)] == ["The Lantern Keeper"]
