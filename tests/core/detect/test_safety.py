"""No text crashes the detector, and no pattern can backtrack catastrophically."""

from __future__ import annotations

import re
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.detect.helpers import make_detect
from watchlist.core.detect import extract, matcher, patterns, textspan

try:  # Python 3.11+: the parser lives in re._parser (sre_parse is a deprecated alias).
    from re import _constants as sre_constants  # type: ignore[attr-defined]
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

MODULES: tuple[ModuleType, ...] = (extract, matcher, patterns, textspan)
REPEATS = {sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT}
POSSESSIVE = getattr(sre_constants, "POSSESSIVE_REPEAT", None)
if POSSESSIVE is not None:
    REPEATS.add(POSSESSIVE)
UNBOUNDED = sre_constants.MAXREPEAT

# Words that reach every rule family, so random text exercises the rules, not just the filter.
VOCABULARY = [
    "Netflix",
    "acquires",
    "'Marrowby Lane'",
    "Marrowby Lane",
    "for",
    "$55M",
    "in talks",
    "sets",
    "March 5, 2027",
    "moves",
    "from",
    "to",
    "April 30",
    "world premiere",
    "at",
    "Venice",
    "trailer",
    "now streaming",
    "on",
    "Hulu",
    "joins",
    "cast",
    "Good Sex",
    "Her",
    "'",
    '"',
    ",",
    ";",
    ".",
    "!",
    "?",
    "-",
    "(",
    ")",
    "2026",
    "no release date",
    "could",
    "rights",
    "worldwide",
    "drops to",
    "$19.99",
    "4K",
    "Amazon",
    "which premiered",
    "the film",
]


def compiled_patterns() -> Iterator[tuple[str, re.Pattern[str]]]:
    """Every module-level compiled pattern of the detection modules."""
    for module in MODULES:
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern):
                yield f"{module.__name__}.{name}", value
        for name, value in vars(module).items():
            if isinstance(value, tuple) and value and hasattr(value[0], "pattern"):
                for index, item in enumerate(value):
                    if isinstance(getattr(item, "pattern", None), re.Pattern):
                        yield f"{module.__name__}.{name}[{index}]", item.pattern


def _nested_unbounded(tree: Any, inside_unbounded: bool = False) -> bool:
    """True when an unbounded repeat sits inside another unbounded repeat."""
    for op, arg in tree:
        children: list[tuple[Any, bool]] = []
        if op in REPEATS:
            _low, high, sub = arg
            unbounded = high == UNBOUNDED
            if unbounded and inside_unbounded:
                return True
            children = [(sub, inside_unbounded or unbounded)]
        elif op == sre_constants.SUBPATTERN:
            children = [(arg[-1], inside_unbounded)]
        elif op == sre_constants.BRANCH:
            children = [(branch, inside_unbounded) for branch in arg[1]]
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            children = [(arg[1], inside_unbounded)]
        if any(_nested_unbounded(child, inside) for child, inside in children):
            return True
    return False


PATTERNS = list(compiled_patterns())


def test_the_inspection_finds_the_patterns_and_catches_nesting() -> None:
    assert len(PATTERNS) > 40
    assert _nested_unbounded(sre_parse.parse(r"(a+)+b"))
    assert _nested_unbounded(sre_parse.parse(r"(?:\w+\s)*x"))
    assert not _nested_unbounded(sre_parse.parse(r"(?:\w+\s){0,3}x"))


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_no_pattern_nests_unbounded_quantifiers(name: str, pattern: re.Pattern[str]) -> None:
    assert not _nested_unbounded(sre_parse.parse(pattern.pattern, pattern.flags)), name


DETECT = make_detect()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400), st.text(max_size=400))
def test_any_text_is_handled(title: str, summary: str) -> None:
    for detection in DETECT(title, summary):
        assert detection.evidence


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.sampled_from(VOCABULARY), max_size=60),
    st.lists(st.sampled_from(VOCABULARY), max_size=120),
)
def test_any_mix_of_trade_words_is_handled(title: list[str], summary: list[str]) -> None:
    for detection in DETECT(" ".join(title), " ".join(summary)):
        assert detection.kind.value
        assert detection.film.title


@pytest.mark.parametrize(
    "chunk",
    ["Netflix acquires 'Marrowby Lane' for $55M. ", "a" * 50 + " ", "' , ' ; ", "Heat Heat "],
)
def test_huge_repetitive_articles_are_capped_and_finish(chunk: str) -> None:
    text = chunk * 5_000
    DETECT(text, text)
