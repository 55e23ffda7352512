"""Article text cut into sentences, and normalised text that still knows where it came from."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain, repeat

from watchlist.core.text import fold_quotes, fold_whitespace

# Detection reads at most this much of an article: feeds carry a headline and a summary, and
# a cap keeps the cost of any pathological input bounded.
MAX_TITLE_CHARS = 1_000
MAX_SUMMARY_CHARS = 20_000

_WORD_CHAR = re.compile(r"\w")
_EXTRA_SPACES = re.compile(r"^ +| +$|(?<= ) +")


def words(text: str) -> frozenset[str]:
    """A set of words written as one whitespace-separated string (for word lists)."""
    return frozenset(text.split())


# A sentence ends at . ! or ? followed by space and a capital, a digit, or an opening quote.
# A sentence ends before a capital, or before a list item's dash ("... 2017. - Neon has",
# "... May 12. -Samuel Goldwyn"); a dash glued to a capitalised word opens a list item even
# without a full stop ("... and More -Grasshopper Film has acquired").
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s+(?:-\s?)?(?=[\"'(\[]?[A-Z0-9])|\s+-(?=[A-Z][a-z])")
_LAST_TOKEN = re.compile(r"(\S+)$")
_ABBREVIATIONS = words(
    """mr mrs ms dr st jr sr vs inc corp co ltd bros no dir prod jan feb mar apr jun jul aug
    sep sept oct nov dec mt ft approx est dept gen gov sen rep u.s u.k e.g i.e etc"""
)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article; ``headline`` is true for the article's title."""

    text: str
    index: int
    headline: bool

    @property
    def title_case(self) -> bool:
        """True when most long words are capitalised, as in "Netflix Lands 'Good Sex'"."""
        words = [w for w in re.findall(r"[A-Za-z][A-Za-z'-]{3,}", self.text)]
        if len(words) < 2:
            return self.headline
        capitalised = sum(1 for w in words if w[0].isupper())
        return capitalised / len(words) >= 0.6


def prepare(text: str, limit: int) -> str:
    """Fold curly quotes and dashes, collapse whitespace, and cap the length."""
    return fold_whitespace(fold_quotes(text[:limit]))


def split_sentences(title: str, summary: str = "") -> list[Sentence]:
    """The headline as sentence 0, then the summary's sentences in order."""
    sentences: list[Sentence] = []
    headline = prepare(title, MAX_TITLE_CHARS)
    if headline:
        sentences.append(Sentence(headline, 0, True))
    body = prepare(summary, MAX_SUMMARY_CHARS)
    start = 0
    for match in _SENTENCE_END.finditer(body):
        before = body[start : match.start() + 1]
        token = _LAST_TOKEN.search(before)
        word = token.group(1).rstrip(".").casefold() if token else ""
        # "Dir. Sofia Coppola", "Scott Z. Burns", "U.S. rights": not the end of a sentence.
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        # "Shazam! Fury of the Gods": an exclamation mark inside a capitalised title.
        if body[match.start()] == "!" and token and token.group(1)[:1].isupper():
            following = body[match.end() : match.end() + 1]
            if following.isupper() and not token.group(1).rstrip("!").isupper():
                continue
        piece = body[start : match.end()].strip().removesuffix(" -")
        if piece:
            sentences.append(Sentence(piece, len(sentences), False))
        start = match.end()
    rest = body[start:].strip()
    if rest:
        sentences.append(Sentence(rest, len(sentences), False))
    return sentences


@lru_cache(maxsize=8192)
def _normalise_char(char: str) -> str:
    # Cached: articles repeat a small alphabet, and this runs once per character of every
    # sentence detection reads (five times faster on real feeds; see docs/performance.md).
    folded = "".join(
        c for c in unicodedata.normalize("NFKD", fold_quotes(char)) if not unicodedata.combining(c)
    ).casefold()
    if folded == "&":
        return " and "
    if folded == "'":
        return ""
    return "".join(c if _WORD_CHAR.match(c) else " " for c in folded)


@dataclass(frozen=True)
class NormalisedText:
    """``text`` is what normalize_title gives; ``origin[i]`` is the source index of text[i]."""

    text: str
    origin: tuple[int, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """The source range that produced normalised ``text[start:end]``."""
        return self.origin[start], self.origin[end - 1] + 1


def normalise_with_offsets(text: str) -> NormalisedText:
    """Normalise like ``normalize_title`` while remembering each character's source index."""
    # Built with C-level map/chain rather than a loop per character: this runs on every
    # sentence of every article (see docs/performance.md).
    pieces = list(map(_normalise_char, text))
    joined = "".join(pieces)
    origin = list(chain.from_iterable(map(repeat, range(len(pieces)), map(len, pieces))))
    kept_text: list[str] = []
    kept_origin: list[int] = []
    position = 0
    # Spaces at either end, and every space after another, are dropped.
    for extra in _EXTRA_SPACES.finditer(joined):
        kept_text.append(joined[position : extra.start()])
        kept_origin.extend(origin[position : extra.start()])
        position = extra.end()
    kept_text.append(joined[position:])
    kept_origin.extend(origin[position:])
    return NormalisedText("".join(kept_text), tuple(kept_origin))
