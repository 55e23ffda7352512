"""Which film an article is about: everyday-word titles, aliases, other works with the name."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.core.detect.helpers import FILMS
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile, TitleClass, classify_title
from watchlist.core.detect.textspan import normalise_with_offsets, split_sentences
from watchlist.core.text import normalize_title

MATCHER = FilmMatcher(FILMS)


def found(title: str, summary: str = "") -> list[str]:
    """Titles of the films accepted in an article."""
    mentions = MATCHER.mentions(split_sentences(title, summary))
    return sorted({m.film.title for m in mentions})


def test_titles_are_classified_by_a_word_list_not_by_examples() -> None:
    assert classify_title("Good Sex") is TitleClass.COMMON
    assert classify_title("Tiny Furniture") is TitleClass.COMMON
    assert classify_title("Nope") is TitleClass.COMMON  # short single word
    assert classify_title("Her") is TitleClass.FUNCTION
    assert classify_title("Us") is TitleClass.FUNCTION
    assert classify_title("Oppenheimer") is TitleClass.DISTINCTIVE
    assert classify_title("Marrowby Lane") is TitleClass.DISTINCTIVE


def test_everyday_phrase_needs_corroboration() -> None:
    assert found("Good Sex Tips From A Couples Therapist Who Has Heard It All") == []
    assert found("", "It was good sex, she says, but that is not the same as communication.") == []
    assert found("Netflix Lands Rom-Com 'Good Sex'") == ["Good Sex"]  # quoted
    assert found("", "Natalie Portman stars in Good Sex for Netflix.") == ["Good Sex"]  # person
    assert found("", "The streamer bought the rom-com Good Sex this week.") == ["Good Sex"]


def test_pronoun_titles_must_be_marked_as_titles() -> None:
    assert found("Oprah Flips Out Over Getting Her Own Exhibit") == []
    assert found("Scarlett Johansson On Her New Film And Returning To Directing") == []
    assert found("Climate change threatens half of US bases worldwide") == []
    assert found("'Her' Turns 10: Spike Jonze's AI Romance Returns") == ["Her"]
    assert found("", "Jordan Peele's Us, starring Lupita Nyong'o, returns to theaters.") == ["Us"]


def test_a_word_inside_another_quoted_title_is_not_the_film() -> None:
    assert found("Review: 'It Ends With Us' Is A Bumpy Adaptation") == []


def test_other_works_with_the_same_name_do_not_match() -> None:
    assert found("Watch The 1931 'Frankenstein' On Peacock For Halloween") == []
    assert found("Heat 2: Michael Mann Says The Sequel Novel Is Coming Along") == []
    assert found("'Tiny Furniture' Season 2 Ordered At HBO") == []
    assert found("Lakers Re-Up Their Star Guard") == []
    assert found("Former Miami Heat player dies at 38", "The Heat paid tribute.") == []


def test_outlet_names_are_not_films() -> None:
    deadline = FilmProfile(20, "Deadline", 2012, (), ("Curt Hahn",))
    matcher = FilmMatcher([deadline])
    sentences = split_sentences("", "According to Deadline, the streamer sealed the deal.")
    assert matcher.mentions(sentences) == []


def test_surname_next_to_a_single_word_title_is_a_name() -> None:
    lee = FilmProfile(30, "Lee", 2023, (), ("Ellen Kuras", "Kate Winslet"))
    matcher = FilmMatcher([lee])
    assert matcher.mentions(split_sentences("Ang Lee Returns With A New Film")) == []
    assert matcher.mentions(split_sentences("IFC Acquires Ellen Kuras' 'Lee'")) != []


def test_longest_title_wins_when_names_overlap() -> None:
    dune = FilmProfile(40, "Dune", 2021, (), ("Denis Villeneuve",))
    part_two = FilmProfile(41, "Dune: Part Two", 2024, ("Dune 2",), ("Denis Villeneuve",))
    matcher = FilmMatcher([dune, part_two])
    mentions = matcher.mentions(split_sentences("'Dune: Part Two' 4K Steelbook Drops To $24.99"))
    assert [m.film.title for m in mentions] == ["Dune: Part Two"]
    mentions = matcher.mentions(split_sentences("Denis Villeneuve Talks 'Dune 2'"))
    assert [m.film.title for m in mentions] == ["Dune: Part Two"]


def test_might_match_is_a_cheap_filter() -> None:
    assert MATCHER.might_match("Netflix lands Good Sex")
    assert not MATCHER.might_match("Nothing about any film at all")


def test_matching_scales_to_many_films() -> None:
    films = [FilmProfile(i, f"Zorbulon Picture {i}", 2020, (), ()) for i in range(10_000)]
    films.append(FilmProfile(10_000, "Marrowby Lane", 2025, (), ()))
    matcher = FilmMatcher(films)
    mentions = matcher.mentions(
        split_sentences("Neon Buys 'Marrowby Lane' And 'Zorbulon Picture 77'")
    )
    assert sorted(m.film.key for m in mentions) == [77, 10_000]


@given(st.text(max_size=200))
def test_offset_normalisation_agrees_with_normalize_title(text: str) -> None:
    normalised = normalise_with_offsets(text)
    assert normalised.text == normalize_title(text)
    assert len(normalised.origin) == len(normalised.text)
    assert all(0 <= i < len(text) for i in normalised.origin)


def test_sequel_numbers_match_in_words_or_digits() -> None:
    part_two = FilmProfile(50, "Dune: Part Two", 2024, (), ("Denis Villeneuve",))
    matcher = FilmMatcher([part_two])
    mentions = matcher.mentions(split_sentences("Villeneuve's 'Dune Part 2' Gets A 4K Release"))
    assert [m.film.title for m in mentions] == ["Dune: Part Two"]


def test_other_people_point_an_everyday_title_elsewhere() -> None:
    assert found("", "Heat, starring Jamie Foxx and Colin Farrell, is on cable tonight.") == []
    assert found("", "Heat, starring Al Pacino and Robert De Niro, returns to theaters.") == [
        "Heat"
    ]
