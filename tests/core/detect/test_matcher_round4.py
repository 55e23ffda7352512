"""Round 4 of the matcher: trade-news wording that marks an everyday title as a film."""

from __future__ import annotations

from watchlist.core.detect.matcher import FilmMatcher, FilmProfile
from watchlist.core.detect.textspan import split_sentences

FILMS = [
    FilmProfile(1, "Good Sex", 2026, (), ("Lena Dunham", "Natalie Portman")),
    FilmProfile(2, "Heat", 1995, (), ("Michael Mann", "Al Pacino")),
    FilmProfile(3, "Marrowby Lane", 2025, (), ("Mara Quint",)),
    FilmProfile(4, "Garden Party 2: The Return", 2026, ("Garden Party 2",), ("Ida Brook",)),
    FilmProfile(5, "It", 2017, ("It Chapter One",), ("Andy Muschietti",)),
    FilmProfile(6, "Quarrel Bay", 2026, (), ("Theo Lark",)),
    FilmProfile(7, "Marigold Season", 2026, (), ("Ruth Vane",)),
    FilmProfile(8, "Cats", 2019, (), ("Tom Hooper",)),
    FilmProfile(9, "The High Note", 2020, (), ("Nisha Ganatra",)),
]
MATCHER = FilmMatcher(FILMS)


def found(title: str, summary: str = "") -> list[str]:
    """Titles of the films accepted in an article."""
    return sorted({m.film.title for m in MATCHER.mentions(split_sentences(title, summary))})


def test_a_sequel_number_marks_an_everyday_name_as_a_film() -> None:
    dates = "New dates: Garden Party 2 6/18/2026 (from 7/2/2026); more to come."
    assert found("", dates) == ["Garden Party 2: The Return"]
    assert found("", "We went to a garden party 2 weeks ago.") == []
    assert found("Garden Party 2 Days Before The Wedding Went Wrong") == []


def test_a_pronoun_alias_needs_title_marks_even_when_the_full_title_does_not() -> None:
    assert found("", "It premieres at 2.30pm at the Elgin, Followed By A Q&A.") == []
    assert found("It Premieres At Midnight At The Elgin") == []
    assert found("", "'It' premieres at midnight at the Elgin.") == ["It"]
    assert found("", "It Chapter One premieres at midnight at the Elgin.") == ["It"]


def test_another_films_title_is_not_read_as_context() -> None:
    swap = "Lionsgate's Quarrel Bay and Marigold Season are swapping release dates."
    headline = "'Quarrel Bay' And 'Marigold Season' Swap Dates"
    assert found(headline, swap) == ["Marigold Season", "Quarrel Bay"]
    # A real TV season next to the title still means another work.
    assert found("", "Quarrel Bay season 2 arrives on the streamer in May.") == []


def test_trade_verbs_after_a_coordinated_or_undated_title() -> None:
    deal = "Comedic Marrowby Lane and Good Sex both went to Bleecker Street."
    assert found("", deal) == ["Good Sex", "Marrowby Lane"]
    slate = "Heat now doesn't have a release date, and Marrowby Lane moves to May."
    assert found("", slate) == ["Heat", "Marrowby Lane"]
    assert found("", "The heat now doesn't have a release date in the forecast.") == []


def test_musical_as_a_genre_word_does_not_rule_a_film_out() -> None:
    flop = '"Cats," the musical flop, is also available on Digital ahead of DVD.'
    assert found("'Cats' Arrives On Digital Ahead Of DVD", flop) == ["Cats"]
    stage = '"Cats," the musical, returns to the West End in the spring.'
    assert found("'Cats' Returns", stage) == []


def test_where_to_watch_wording_marks_a_title() -> None:
    assert found("", "The High Note — Where to watch it: rent on digital.") == ["The High Note"]
    assert found("", "She hit the high note — where to watch it: online.") == []
