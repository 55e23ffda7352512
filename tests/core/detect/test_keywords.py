"""User keyword rules from settings.toml: per film or global, and bad files never crash."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from tests.core.detect.helpers import FILMS, PUBLISHED
from watchlist.core.detect.extract import ArticleText, Detector, KeywordRule
from watchlist.core.detect.keywords import load_keyword_rules, save_keyword_rules
from watchlist.core.detect.matcher import FilmMatcher
from watchlist.core.detect.taxonomy import EventKind
from watchlist.core.errors import WatchlistError
from watchlist.paths import app_paths

RULES = """
[[detection.keywords]]
phrase = "table read"
kind = "production"
film = "Marrowby Lane"

[[detection.keywords]]
phrase = "heads to streaming"
kind = "release.available"
"""


def _write(text: str) -> Path:
    path = app_paths().settings_file
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _detect(rules_text: str, title: str) -> list[tuple[str, str, dict[str, object]]]:
    _write(rules_text)
    detector = Detector(FilmMatcher(FILMS), keywords=load_keyword_rules())
    found = detector.detect(ArticleText("1", title, "", None, PUBLISHED))
    return [(d.film.title, str(d.kind), d.fields) for d in found]


def test_film_and_global_keywords_count_as_their_kind() -> None:
    assert _detect(RULES, "Mara Quint Holds 'Marrowby Lane' Table Read") == [
        ("Marrowby Lane", "production", {"keyword": "table read"})
    ]
    assert _detect(RULES, "'Frankenstein' Heads To Streaming") == [
        ("Frankenstein", "release.available", {"keyword": "heads to streaming"})
    ]


def test_a_film_keyword_does_not_apply_to_other_films() -> None:
    assert _detect(RULES, "Guillermo del Toro Holds 'Frankenstein' Table Read") == []


def test_no_settings_file_means_no_rules() -> None:
    assert load_keyword_rules() == []


def test_a_broken_file_is_logged_and_ignored(caplog: pytest.LogCaptureFixture) -> None:
    path = _write("[[detection.keywords]\nphrase = ")
    with caplog.at_level(logging.WARNING):
        assert load_keyword_rules() == []
    assert f"{path} is not valid TOML" in caplog.text


def test_bad_rules_are_skipped_with_a_reason(caplog: pytest.LogCaptureFixture) -> None:
    _write(
        RULES
        + """
[[detection.keywords]]
phrase = "sold out"
kind = "deal.sold"

[[detection.keywords]]
kind = "trailer"
"""
    )
    with caplog.at_level(logging.WARNING):
        rules = load_keyword_rules()
    assert [r.kind for r in rules] == [EventKind.PRODUCTION, EventKind.RELEASE_AVAILABLE]
    assert "unknown kind 'deal.sold'" in caplog.text
    assert "keyword rule 4" in caplog.text and "no phrase" in caplog.text


def test_saved_rules_are_read_back_and_the_rest_of_the_file_is_kept() -> None:
    path = _write(
        '# my notes\n[retention]\ndays = 90\n\n[[detection.keywords]]\nphrase = "old"\n'
        'kind = "trailer"\n'
    )
    rules = [
        KeywordRule('sneak "peek"', EventKind.TRAILER),
        KeywordRule("table read", EventKind.PRODUCTION, "Marrowby Lane"),
    ]
    save_keyword_rules(rules)
    assert load_keyword_rules() == rules
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# my notes\n[retention]\ndays = 90\n")
    assert '"old"' not in text
    save_keyword_rules([])
    assert load_keyword_rules() == []
    assert "days = 90" in path.read_text(encoding="utf-8")


def test_a_settings_file_being_edited_is_not_overwritten() -> None:
    path = _write("[detection\nphrase = ")
    with pytest.raises(WatchlistError, match="not valid TOML"):
        save_keyword_rules([KeywordRule("x", EventKind.TRAILER)])
    assert path.read_text(encoding="utf-8") == "[detection\nphrase = "
