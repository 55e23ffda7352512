"""Premieres and availability: festival wording, captions, markets, and what is on sale now."""

from __future__ import annotations

from datetime import UTC, date, datetime

from tests.core.detect.helpers import Detect, make_detect
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.matcher import FilmProfile
from watchlist.core.detect.patterns import SECTION_PATTERN, find_dates, section_name
from watchlist.core.detect.taxonomy import EventKind


def _of(detections: list[Detection], kind: EventKind) -> list[Detection]:
    return [d for d in detections if d.kind == kind and d.film.followed]


def test_festival_premiere_wording_names_festival_and_section(detect: Detect) -> None:
    [premiere] = _of(
        detect("", "Marrowby Lane will world premiere in Competition at Venice."),
        EventKind.RELEASE_PREMIERE,
    )
    assert premiere.fields == {"festival": "Venice", "section": "Competition"}
    [premiere] = _of(
        detect("", "Mara Quint's Marrowby Lane is set to bow at TIFF in September."),
        EventKind.RELEASE_PREMIERE,
    )
    assert premiere.fields["festival"] == "TIFF"
    [premiere] = _of(
        detect("", "Marrowby Lane debuts in the Midnight Madness section at TIFF."),
        EventKind.RELEASE_PREMIERE,
    )
    assert premiere.fields == {"festival": "TIFF", "section": "Midnight Madness"}


def test_world_premiere_takes_the_headline_festival_despite_a_platform_nearby(
    detect: Detect,
) -> None:
    detections = detect(
        "TIFF Deals: Netflix Buys 'Marrowby Lane'",
        "Netflix has acquired worldwide rights to Marrowby Lane. The film will have its world "
        "premiere Saturday, September 8, and marks the first Netflix original film from Ghana.",
    )
    [premiere] = _of(detections, EventKind.RELEASE_PREMIERE)
    assert premiere.fields == {"festival": "TIFF"}


def test_streaming_premiere_and_festival_winner_are_no_festival_premiere(detect: Detect) -> None:
    detections = detect(
        "",
        "Shudder has acquired North American rights to the Sitges best film winner Marrowby "
        "Lane and will premiere it on the service in 2027.",
    )
    assert _of(detections, EventKind.RELEASE_PREMIERE) == []
    assert _of(detections, EventKind.DEAL_ACQUISITION)


def test_distributor_named_open_road_is_not_an_opening(detect: Detect) -> None:
    detections = detect(
        "Sundance Deals: The Big Sales",
        "The other major acquisitions at the festival went to traditional distributors: "
        "'Marrowby Lane' sold for $7 million to Open Road.",
    )
    assert _of(detections, EventKind.RELEASE_PREMIERE) == []
    [deal] = _of(detections, EventKind.DEAL_ACQUISITION)
    assert deal.fields["buyer"] == "Open Road"


def test_market_sales_slate_and_section_descriptor_are_no_premiere(detect: Detect) -> None:
    detections = detect(
        "Kaleidoscope takes on six titles for EFM sales including 'Marrowby Lane'",
        "'Heat' and 'Up' among other new pickups.",
    )
    assert _of(detections, EventKind.RELEASE_PREMIERE) == []
    detections = detect(
        "",
        "Bleecker Street has closed a deal for U.S. rights to Marrowby Lane, the Premieres "
        "section comedy, and plans a summer release.",
    )
    assert _of(detections, EventKind.RELEASE_PREMIERE) == []


def test_preview_captions_give_each_film_its_section(detect: Detect) -> None:
    detections = detect(
        "Cannes 2026 Preview, Part 2",
        "Marrowby Lane: Mara Quint's debut is a story of two sisters told in one take. "
        "(Un Certain Regard) Frankenstein: Guillermo del Toro returns with Oscar Isaac. "
        "(Out of Competition)",
    )
    sections = {d.film.title: d.fields for d in _of(detections, EventKind.RELEASE_PREMIERE)}
    assert sections == {
        "Marrowby Lane": {"festival": "Cannes", "section": "Un Certain Regard"},
        "Frankenstein": {"festival": "Cannes", "section": "Out of Competition"},
    }


def test_captions_need_a_festival_headline(detect: Detect) -> None:
    detections = detect(
        "Our Picks For The Weekend",
        "Marrowby Lane: Mara Quint's debut is a story of two sisters. (Competition)",
    )
    assert _of(detections, EventKind.RELEASE_PREMIERE) == []


def test_available_now_on_disc_digital_and_rental(detect: Detect) -> None:
    [available] = _of(
        detect("", "The Lantern Keeper hits Blu-ray and 4K Ultra HD today from Searchlight."),
        EventKind.RELEASE_AVAILABLE,
    )
    assert available.fields == {"medium": "disc"}
    [available] = _of(
        detect("", "Marrowby Lane came to digital this week, ahead of its planned release."),
        EventKind.RELEASE_AVAILABLE,
    )
    assert available.fields == {"medium": "digital"}
    # The date belongs to the later DVD release; it does not make this one a future date.
    [available] = _of(
        detect("", "Marrowby Lane is also available on Digital ahead of its April 7 DVD release."),
        EventKind.RELEASE_AVAILABLE,
    )
    assert available.fields == {"medium": "digital"}
    [available] = _of(
        detect(
            "",
            "The new hub already has films like 'Marrowby Lane' available for rent or purchase "
            "on digital.",
        ),
        EventKind.RELEASE_AVAILABLE,
    )
    assert available.fields == {"medium": "digital"}


def test_will_be_available_is_a_date_not_availability(detect: Detect) -> None:
    detections = detect(
        "", "Universal announced that 'Marrowby Lane' will be available to rent on Friday."
    )
    assert _of(detections, EventKind.RELEASE_AVAILABLE) == []


def test_weekday_after_the_release_verb_is_the_coming_one(detect: Detect) -> None:
    # Published on Saturday 2025-02-15: "opens Friday" is 2025-02-21.
    [dated] = _of(
        detect("", "Mara Quint's Marrowby Lane opens Friday in theaters nationwide."),
        EventKind.RELEASE_DATE_ANNOUNCED,
    )
    assert dated.fields["date"] == "2025-02-21"
    [dated] = _of(
        detect("", "Marrowby Lane opens Friday, March 5 in theaters."),
        EventKind.RELEASE_DATE_ANNOUNCED,
    )
    assert dated.fields["date"] == "2025-03-05"


def test_a_part_after_a_semicolon_refers_back_to_its_film(detect: Detect) -> None:
    detections = detect(
        "",
        "As previously announced, Marrowby Lane will open on February 26; on March 26 it will "
        "become available on PVoD.",
    )
    [dated] = _of(detections, EventKind.RELEASE_DATE_ANNOUNCED)
    assert (dated.fields["date"], dated.fields["medium"]) == ("2025-03-26", "digital")


def test_from_a_credit_is_not_from_an_old_date(detect: Detect) -> None:
    detections = detect(
        "", "Neon's Marrowby Lane, from Scott Cooper, also has a date and is now set for Oct. 29."
    )
    [dated] = _of(detections, EventKind.RELEASE_DATE_ANNOUNCED)
    assert dated.fields["date"] == "2025-10-29"
    assert _of(detections, EventKind.RELEASE_DATE_CHANGED) == []


def test_a_date_opening_the_clause_belongs_to_the_list_after_it(detect: Detect) -> None:
    detections = detect(
        "",
        "Universal announced that on Friday, current releases 'Marrowby Lane,' 'Frankenstein' "
        "and 'Good Sex' will be available to rent for 48 hours.",
    )
    dated = {d.film.title: d.fields for d in _of(detections, EventKind.RELEASE_DATE_ANNOUNCED)}
    assert set(dated) == {"Marrowby Lane", "Frankenstein", "Good Sex"}
    assert {f["date"] for f in dated.values()} == {"2025-02-21"}
    assert _of(detections, EventKind.RELEASE_AVAILABLE) == []


def test_a_date_of_another_clause_is_not_fronted(detect: Detect) -> None:
    detections = detect(
        "", "Heat closed on Friday, but Marrowby Lane will be available to rent soon."
    )
    assert _of(detections, EventKind.RELEASE_DATE_ANNOUNCED) == []


def test_a_limited_run_from_a_date_until_later_is_its_opening(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane will have a limited cinematic run from Friday, November 7 until the end "
        "of the month.",
    )
    [dated] = _of(detections, EventKind.RELEASE_DATE_ANNOUNCED)
    assert (dated.fields["date"], dated.fields["medium"]) == ("2025-11-07", "theatrical")
    # "isn't out until" still restates a known date.
    assert (
        _of(detect("", "Marrowby Lane isn't out until May 5."), EventKind.RELEASE_DATE_ANNOUNCED)
        == []
    )


def test_a_numeric_date_with_equal_day_and_month_is_unambiguous() -> None:
    [same] = find_dates("opens 2/2/2018", date(2017, 12, 1))
    assert same.iso == "2018-02-02"
    [month_first] = find_dates("opens 8/6/2021", date(2021, 1, 1))
    assert month_first.iso == "2021-08-06"


def test_a_listed_date_after_the_rest_of_the_title(detect: Detect) -> None:
    detections = detect(
        "The Latest Date Changes: New dates",
        "New dates: Marrowby Lane: The House On The Hill 2/2/2026 (from 2/23/2026).",
        datetime(2025, 11, 1, tzinfo=UTC),
    )
    [moved] = _of(detections, EventKind.RELEASE_DATE_CHANGED)
    assert moved.fields["new_date"] == "2026-02-02"
    assert moved.fields["old_date"] == "2026-02-23"
    assert moved.fields["direction"] == "moved_up"


def test_sundance_midnight_section_only_when_named_as_a_section(detect: Detect) -> None:
    [premiere] = _of(
        detect("", "Marrowby Lane debuts in the Midnight section at Sundance."),
        EventKind.RELEASE_PREMIERE,
    )
    assert premiere.fields == {"festival": "Sundance", "section": "Midnight"}
    [premiere] = _of(
        detect("", "Marrowby Lane will world premiere at Sundance, with a screening at midnight."),
        EventKind.RELEASE_PREMIERE,
    )
    assert premiere.fields == {"festival": "Sundance"}


def test_availability_wording_names_the_medium(detect: Detect) -> None:
    cases = {
        "Marrowby Lane is now streaming on Netflix.": {
            "medium": "streaming",
            "platform": "Netflix",
        },
        "Marrowby Lane is in theaters now.": {"medium": "theatrical"},
        "Marrowby Lane hits digital and PVOD today.": {"medium": "digital"},
        "Marrowby Lane arrives on Blu-ray this week.": {"medium": "disc"},
    }
    for summary, fields in cases.items():
        [available] = _of(detect("", summary), EventKind.RELEASE_AVAILABLE)
        assert available.fields == fields, summary


def test_a_scheduled_world_premiere_is_not_a_past_one(detect: Detect) -> None:
    detections = detect(
        "Buyers eye Toronto avalanche",
        "Heat kicks off the night at the Ryerson on Thursday after the 8pm world premiere of "
        "Marrowby Lane at Roy Thomson Hall.",
    )
    [premiere] = _of(detections, EventKind.RELEASE_PREMIERE)
    assert (premiere.film.title, premiere.fields) == ("Marrowby Lane", {"festival": "TIFF"})
    detections = detect(
        "", "Fresh off its world premiere at Sundance, Marrowby Lane sold to Neon for $5M."
    )
    assert _of(detections, EventKind.RELEASE_PREMIERE) == []


def test_common_word_sections_only_count_capitalised() -> None:
    assert SECTION_PATTERN.search("night-time world premieres for three titles") is None
    assert SECTION_PATTERN.search("will premiere it on the platform") is None
    match = SECTION_PATTERN.search("the Premieres section comedy")
    assert match is not None and section_name(match) == "Premieres"


def test_a_trigger_word_inside_the_title_is_no_event() -> None:
    run = make_detect([FilmProfile(20, "Quiet Exit", 2025, (), ("Ana Lutz",))])
    detections = run("", "Ana Lutz's Quiet Exit opens on March 12.")
    assert [str(d.kind) for d in detections if d.film.followed] == ["release.date_announced"]


def test_credits_list_and_sales_agent_boarding_are_no_casting(detect: Detect) -> None:
    assert (
        _of(detect("", "Marrowby Lane. Cast: Mara Quint, Teo Vance."), EventKind.PRODUCTION) == []
    )
    detections = detect("Protagonist Boards International Sales On 'Marrowby Lane' Ahead Of Berlin")
    assert _of(detections, EventKind.PRODUCTION) == []
    [joined] = _of(detect("Teo Vance Boards 'Marrowby Lane'"), EventKind.PRODUCTION)
    assert joined.fields == {"stage": "casting"}


def test_an_interview_headline_reports_no_events(detect: Detect) -> None:
    summary = "The film is directed by Mara Quint and will arrive on Hulu on August 5."
    headline = "Marrowby Lane Director Explains Why The Movie Is Skipping Theaters"
    assert _of(detect(headline, summary), EventKind.RELEASE_DATE_ANNOUNCED) == []
    assert _of(detect("Marrowby Lane Skips Theaters", summary), EventKind.RELEASE_DATE_ANNOUNCED)


def test_a_paycheck_for_a_film_is_a_purchase_by_a_buyer_only(detect: Detect) -> None:
    detections = detect(
        "",
        "Neon, whose purchase of Heat paid off, kicked off its buying spree with a $12 million "
        "paycheck for the drama Marrowby Lane.",
    )
    deals = {d.film.title: d.fields for d in _of(detections, EventKind.DEAL_ACQUISITION)}
    assert deals["Marrowby Lane"] == {
        "buyer": "Neon",
        "price_text": "$12 million",
        "price_usd": 12_000_000,
    }
    actor = detect(
        "", "Teo Vance got a $2 million paycheck for Marrowby Lane, his first lead role."
    )
    assert _of(actor, EventKind.DEAL_ACQUISITION) == []
