"""How single CSV cells are written and read back: formula neutralising, lists, timestamps.

Every rule here has an exact inverse, so the app's own CSV round-trips; docs/file-formats.md
states the rules for people who read or write the files by hand.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

# A spreadsheet treats a cell starting with one of these as a formula (tab and carriage return
# because some spreadsheets strip them and then see the character after).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
# Cells that need the neutralising quote: a trigger, possibly after quotes. Quotes before the
# trigger are included so that a value which really starts with "'=" gets a quote of its own
# and reading strips exactly one: the rule stays reversible for every string.
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
ALIAS_SEPARATOR = "; "
LEGACY_IMDB_TIMESTAMP = "%a %b %d %H:%M:%S %Y"


def neutralise_cell(value: str) -> str:
    """Prefix a single quote to a cell a spreadsheet would run as a formula.

    >>> neutralise_cell("=SUM(A1)"), neutralise_cell("'=x"), neutralise_cell("'Salem's Lot")
    ("'=SUM(A1)", "''=x", "'Salem's Lot")
    """
    return "'" + value if _NEEDS_QUOTE.match(value) else value


def restore_cell(value: str) -> str:
    """The exact inverse of neutralise_cell: drop the one quote it added.

    >>> restore_cell("'=SUM(A1)"), restore_cell("''=x"), restore_cell("'Salem's Lot")
    ('=SUM(A1)', "'=x", "'Salem's Lot")
    """
    if value.startswith("'") and _NEEDS_QUOTE.match(value, 1):
        return value[1:]
    return value


def join_aliases(aliases: Iterable[str]) -> str:
    """Aliases in one cell: "; " between them, "\\;" and "\\\\" for a ";" or "\\" inside one."""
    return ALIAS_SEPARATOR.join(
        alias.replace("\\", "\\\\").replace(";", "\\;") for alias in aliases
    )


def split_aliases(cell: str) -> list[str]:
    """The inverse of join_aliases; also reads hand-typed "A;B" lists.

    A backslash before anything other than ";" or "\\" is kept as typed, so a hand-written
    title such as "AC\\DC" survives.
    """
    aliases: list[str] = []
    current: list[str] = []
    chars = iter(cell)
    for char in chars:
        if char == "\\":
            following = next(chars, "")
            if following in (";", "\\"):
                current.append(following)
            else:
                current.append(char + following)
        elif char == ";":
            aliases.append("".join(current).strip())
            current = []
        else:
            current.append(char)
    aliases.append("".join(current).strip())
    return [alias for alias in aliases if alias]


def format_timestamp(moment: datetime | None) -> str:
    """An aware datetime as ISO 8601 UTC to the second ("2026-11-25T14:41:34Z"), or ""."""
    if moment is None:
        return ""
    return moment.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def format_date(moment: datetime | None) -> str:
    """The UTC calendar date of an aware datetime ("2026-11-25"), or ""."""
    return "" if moment is None else moment.astimezone(UTC).date().isoformat()


def parse_timestamp(text: str) -> datetime | None:
    """Read an ISO 8601 date or datetime; naive values are taken as UTC. None when unreadable.

    Accepts what Watchlist writes ("2026-11-25T14:41:34Z"), what Letterboxd and IMDb write
    ("2026-11-25"), and the "Sat Jan 10 00:00:00 2015" of older IMDb exports.
    """
    text = text.strip()
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        try:
            moment = datetime.strptime(text, LEGACY_IMDB_TIMESTAMP)
        except ValueError:
            return None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
