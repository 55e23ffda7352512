"""Release dates, round 6: a date is news only when the film's own verb sets or moves it.

Every sentence here is invented; each positive has a near miss that must not fire. The
shared test films are published on Saturday 2025-02-15.
"""

from __future__ import annotations

from tests.core.detect.helpers import Detect
from watchlist.core.detect.extract import Detection
from watchlist.core.detect.taxonomy import EventKind

ANNOUNCED = EventKind.RELEASE_DATE_ANNOUNCED
CHANGED = EventKind.RELEASE_DATE_CHANGED


def _of(detections: list[Detection], kind: EventKind) -> list[Detection]:
    return [d for d in detections if d.kind == kind and d.film.followed]


def _dated(detections: list[Detection]) -> list[tuple[str, str]]:
    return sorted(
        (d.film.title, str(d.fields.get("date") or d.fields.get("new_date")))
        for d in detections
        if d.kind in (ANNOUNCED, CHANGED) and d.film.followed
    )


def test_a_move_from_a_scheduled_date_of_one_day_to_another(detect: Detect) -> None:
    detections = detect(
        "",
        "Paramount has opted to move Marrowby Lane from its scheduled opening date of "
        "October 1 to October 22.",
    )
    [move] = _of(detections, CHANGED)
    assert (move.fields["old_date"], move.fields["new_date"]) == ("2025-10-01", "2025-10-22")
    assert move.fields["direction"] == "delayed"
    assert _of(detections, ANNOUNCED) == []


def test_a_press_release_is_not_a_release(detect: Detect) -> None:
    assert _dated(detect("9/26 Press Release For Marrowby Lane")) == []
    # The near miss: a press release that states a release date still gives it.
    detections = detect("Press Release: Marrowby Lane arrives on digital March 4")
    assert _dated(detections) == [("Marrowby Lane", "2025-03-04")]


def test_delays_in_the_films_past_are_no_move(detect: Detect) -> None:
    past = detect("", "After a long decade of delays, Marrowby Lane is finally coming to theaters.")
    assert _of(past, CHANGED) == []
    news = detect("", "Sony delays Marrowby Lane to May 9.")
    assert [d.fields["new_date"] for d in _of(news, CHANGED)] == ["2025-05-09"]


def test_a_date_past_a_but_is_not_the_moves_new_date(detect: Detect) -> None:
    detections = detect("Marrowby Lane pushed back to 2026 but teaser at Christmas")
    [move] = _of(detections, CHANGED)
    assert (move.fields["new_date"], move.fields["precision"]) == ("2026", "year")
    # The near miss: the film named after the "but" keeps the date after it.
    both = detect("", "Heat stays put but Marrowby Lane moves to December 5.")
    assert [d.fields["new_date"] for d in _of(both, CHANGED)] == ["2025-12-05"]


def test_a_fronted_with_phrase_sets_the_scene(detect: Detect) -> None:
    scene = detect(
        "",
        "And so with director Mara Quint's new comedy, Marrowby Lane opening in June, we get "
        "a ragtag crew of hunters.",
    )
    assert _dated(scene) == []
    both = detect(
        "", "With Marrowby Lane opening on June 6, Sony has set Frankenstein for June 20."
    )
    assert _dated(both) == [("Frankenstein", "2025-06-20")]
    # The near miss: "with" after the news names the film that follows it.
    news = detect("", "Marrowby Lane opens June 6, with a sequel to follow.")
    assert _dated(news) == [("Marrowby Lane", "2025-06-06")]


def test_the_rival_on_a_date_is_not_released_by_it(detect: Detect) -> None:
    rival = detect("", "Tiny Furniture will go up against Marrowby Lane on October 1.")
    assert ("Marrowby Lane", "2025-10-01") not in _dated(rival)
    opens = detect("", "Sony will open Marrowby Lane on October 1.")
    assert _dated(opens) == [("Marrowby Lane", "2025-10-01")]


def test_a_date_set_earlier_in_a_narrated_history_is_no_news(detect: Detect) -> None:
    history = detect(
        "",
        "The rights were held by Sony, who went on to set a release date of September 25 "
        "for Marrowby Lane, but has since let the film go.",
    )
    assert _dated(history) == []
    news = detect("", "Sony went ahead and set a release date of September 25 for Marrowby Lane.")
    assert _dated(news) == [("Marrowby Lane", "2025-09-25")]


def test_a_fronted_date_before_a_company_and_its_verb(detect: Detect) -> None:
    detections = detect(
        "", "The following month, on August 15, Netflix will release Marrowby Lane."
    )
    [dated] = _of(detections, ANNOUNCED)
    assert (dated.fields["date"], dated.fields.get("platform")) == ("2025-08-15", "Netflix")
    # The near miss: the company's own doing on that day is not the film's release.
    told = detect("", "On August 15, Netflix told staff it will release Marrowby Lane.")
    assert _of(told, ANNOUNCED) == []


def test_day_and_date_in_described_theaters(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane will be released in domestic theaters and on digital on July 22."
    )
    media = sorted(str(d.fields["medium"]) for d in _of(detections, ANNOUNCED))
    assert media == ["digital", "theatrical"]
    one = detect("", "Marrowby Lane will be released in domestic theaters on July 22.")
    assert [d.fields["medium"] for d in _of(one, ANNOUNCED)] == ["theatrical"]


def test_earlier_than_its_original_date_is_a_move(detect: Detect) -> None:
    detections = detect(
        "", "Marrowby Lane will open on May 31, one week earlier than its original June 7 date."
    )
    [move] = _of(detections, CHANGED)
    assert (move.fields["old_date"], move.fields["new_date"]) == ("2025-06-07", "2025-05-31")
    assert move.fields["direction"] == "moved_up"
    # The near miss: earlier than another thing is no move.
    plain = detect("", "Marrowby Lane will open on May 31, earlier than its rivals.")
    assert _of(plain, CHANGED) == []


def test_bringing_a_film_to_blu_ray_on_black_friday(detect: Detect) -> None:
    detections = detect("Severin Bringing Marrowby Lane to Blu-ray on Black Friday")
    [disc] = _of(detections, ANNOUNCED)
    assert (disc.fields["date"], disc.fields["medium"]) == ("2025-11-28", "disc")
    # The near miss: a Black Friday sale names no day, and bringing a film to a festival
    # is no release.
    assert _of(detect("Marrowby Lane Blu-ray in Black Friday sale"), ANNOUNCED) == []
    assert _of(detect("Neon Bringing Marrowby Lane to Cannes in May"), ANNOUNCED) == []


def test_a_date_in_a_description_before_the_verb_is_the_old_one(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane, a sequel Mara Quint wrote for a March release, has been delayed to "
        "May 2026.",
    )
    [move] = _of(detections, CHANGED)
    assert (move.fields["old_date"], move.fields["new_date"]) == ("2025-03", "2026-05")
    # The near miss: a description without a date leaves the new date alone.
    plain = detect("", "Marrowby Lane, the sequel, has been delayed to May 2026.")
    [only] = _of(plain, CHANGED)
    assert "old_date" not in only.fields
    assert only.fields["new_date"] == "2026-05"


def test_the_body_gives_the_day_of_a_headline_month(detect: Detect) -> None:
    detections = detect(
        "Shout To Release Marrowby Lane On Blu-ray In March 2025",
        "On March 4, 2025, Shout is proud to present Marrowby Lane on Blu-ray.",
    )
    [disc] = _of(detections, ANNOUNCED)
    assert (disc.fields["date"], disc.fields["precision"]) == ("2025-03-04", "day")
    # The near miss: a day in another month, or in a sentence about another film, is not it.
    other = detect(
        "Shout To Release Marrowby Lane On Blu-ray In March 2025",
        "Shout released Frankenstein on Blu-ray on March 4, 2025.",
    )
    [month] = _of(other, ANNOUNCED)
    assert (month.fields["date"], month.fields["precision"]) == ("2025-03", "month")


def test_a_list_of_objects_shares_the_date_after_it(detect: Detect) -> None:
    detections = detect(
        "", "Netflix has pushed Marrowby Lane, Frankenstein and Tiny Furniture to 2026."
    )
    assert _dated(detections) == [
        ("Frankenstein", "2026"),
        ("Marrowby Lane", "2026"),
        ("Tiny Furniture", "2026"),
    ]
    # The near miss: a clause about another film between them keeps its date to itself.
    other = detect("", "Netflix has pushed Marrowby Lane, while Frankenstein stays on May 2.")
    assert ("Marrowby Lane", "2025-05-02") not in _dated(other)


def test_a_one_off_screening_is_no_release_date(detect: Detect) -> None:
    screening = detect("", "Marrowby Lane will debut at a special screening on May 31 in Austin.")
    assert _of(screening, ANNOUNCED) == []
    release = detect("", "Marrowby Lane will debut in theaters on May 31.")
    assert [d.fields["date"] for d in _of(release, ANNOUNCED)] == ["2025-05-31"]


def test_an_old_plan_in_the_sentence_before_makes_the_new_date_a_move(detect: Detect) -> None:
    detections = detect(
        "",
        "Sony will be releasing Marrowby Lane, which was originally scheduled for September "
        "24. On the October 1 date, Marrowby Lane will go up against a superhero film.",
    )
    [move] = _of(detections, CHANGED)
    assert (move.fields["old_date"], move.fields["new_date"]) == ("2025-09-24", "2025-10-01")
    assert move.fields["direction"] == "delayed"
    assert _of(detections, ANNOUNCED) == []
    # The near miss: a sentence before without an old plan leaves a first date.
    first = detect(
        "",
        "Sony will be releasing Marrowby Lane, a thriller from Mara Quint. On October 1, "
        "Marrowby Lane will go up against a superhero film.",
    )
    assert [d.fields["date"] for d in _of(first, ANNOUNCED)] == ["2025-10-01"]
    assert _of(first, CHANGED) == []


def test_an_awards_season_run_is_no_tv_season(detect: Detect) -> None:
    detections = detect(
        "",
        "Warner Bros. is setting the Marrowby Lane release date for this December, just in "
        "time for an awards-season run.",
    )
    assert [d.fields["date"] for d in _of(detections, ANNOUNCED)] == ["2025-12"]
    series = detect("", "Marrowby Lane season-two episodes will premiere on December 5.")
    assert _of(series, ANNOUNCED) == []


def test_a_festival_day_in_the_body_does_not_refine_a_headline_month(detect: Detect) -> None:
    detections = detect(
        "Marrowby Lane Hits Theaters In March 2025",
        "Marrowby Lane screens at SXSW on March 10.",
    )
    assert [d.fields["date"] for d in _of(detections, ANNOUNCED)] == ["2025-03"]


def test_a_move_verb_before_a_while_is_not_the_next_films(detect: Detect) -> None:
    detections = detect(
        "",
        "Marrowby Lane will open on May 31, one week earlier than its original June 7 date, "
        "while Frankenstein has targeted July 19 as its new date, jumping forward two weeks "
        "from August 2.",
    )
    [move] = [d for d in _of(detections, CHANGED) if d.film.title == "Frankenstein"]
    assert (move.fields["old_date"], move.fields["new_date"]) == ("2025-08-02", "2025-07-19")
    assert move.fields["direction"] == "moved_up"
    assert ("Marrowby Lane", "2025-05-31") in _dated(detections)


def test_a_buyers_year_plan_told_with_the_deal_is_no_date(detect: Detect) -> None:
    plan = detect("Neon acquires Marrowby Lane for 2026 release")
    assert _dated(plan) == []
    # The near misses: a day is a date, and so is a year the buyer sets in its own clause.
    assert _dated(detect("Neon acquires Marrowby Lane for March 6 release")) == [
        ("Marrowby Lane", "2025-03-06")
    ]
    assert _dated(detect("Neon acquires Marrowby Lane, sets it for fall 2026 release")) == [
        ("Marrowby Lane", "2026")
    ]
