"""Text normalisation shared by storage (identity keys) and detection (matching)."""

from __future__ import annotations

import re
import unicodedata
from html import unescape
from html.parser import HTMLParser

_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
    }
)
_NON_WORD = re.compile(r"[^\w]+")
_SPACES = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
_QUOTE_CHARS = re.compile("[" + "".join(re.escape(chr(code)) for code in _QUOTES) + "]")


def fold_quotes(text: str) -> str:
    """Replace curly quotes and dashes with their ASCII forms."""
    # A regex finds the few characters to replace much faster than translate() walks a
    # whole article through its table.
    return _QUOTE_CHARS.sub(_fold_quote, text)


def _fold_quote(match: re.Match[str]) -> str:
    return str(_QUOTES[ord(match.group())])


def _strip_run(match: re.Match[str]) -> str:
    decomposed = unicodedata.normalize("NFKD", match.group())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def strip_diacritics(text: str) -> str:
    """Remove combining accents: "Amélie" -> "Amelie"."""
    # Only runs of non-ASCII characters are decomposed: detection calls this on whole
    # articles, and a per-character loop over mostly-ASCII text dominated its time.
    return text if text.isascii() else _NON_ASCII.sub(_strip_run, text)


def normalize_title(text: str) -> str:
    """A matching key for a title: case, quotes, diacritics, "&"/"and" and punctuation folded.

    >>> normalize_title("Amélie & the “Good” Sex!")
    'amelie and the good sex'
    """
    folded = strip_diacritics(fold_quotes(text)).casefold().replace("&", " and ")
    folded = folded.replace("'", "")
    return _SPACES.sub(" ", _NON_WORD.sub(" ", folded)).strip()


def fold_whitespace(text: str) -> str:
    """Collapse runs of whitespace to single spaces and trim."""
    return _SPACES.sub(" ", text).strip()


# C0/C1 controls (tab and newline excepted: whitespace folding handles them), bidi overrides
# and isolates, which can make a headline display as something else, and BOMs.
_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200e\u200f\ufeff]"
)


def strip_unsafe_chars(text: str) -> str:
    """Remove control characters, bidi overrides and isolates (NUL included)."""
    return _UNSAFE_CHARS.sub("", text)


def contains_unsafe_chars(text: str) -> bool:
    """True when ``text`` holds a character strip_unsafe_chars would remove."""
    return _UNSAFE_CHARS.search(text) is not None


class _TextExtractor(HTMLParser):
    """Collects the text of an HTML fragment, skipping scripts and styles."""

    _SKIP = frozenset({"script", "style", "template", "noscript"})
    _BREAKS = frozenset({"br", "p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skipping += 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skipping:
            self._skipping -= 1
        elif tag in self._BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def html_to_text(fragment: str) -> str:
    """The visible text of an HTML fragment, entities decoded."""
    if "<" not in fragment:
        return unescape(fragment)
    extractor = _TextExtractor()
    extractor.feed(fragment)
    extractor.close()
    return "".join(extractor.parts)


def clean_text(value: object, limit: int) -> str:
    """Plain text: HTML stripped, entities decoded, unsafe characters removed, whitespace
    folded, and cut at ``limit`` characters with an ellipsis."""
    if not isinstance(value, str) or not value:
        return ""
    text = html_to_text(value)
    # Entities inside CDATA survive one round ("&amp;amp;"): decode what is left once more.
    if "&" in text:
        text = unescape(text)
    text = unicodedata.normalize("NFC", strip_unsafe_chars(text))
    text = fold_whitespace(text)
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text
