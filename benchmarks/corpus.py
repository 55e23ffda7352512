"""Realistic inputs shared by the benchmark rows: films, feeds and article text.

Feeds are made from the real feed files in ``tests/data/feeds`` (MIT-licensed): each
generated item is a real item with its title, guid and link rewritten, so the bytes per item,
the markup and the HTML in summaries are those of real film news. Some titles are rewritten
to real headlines (``tests/data/detection/dev.jsonl``) or to deal headlines naming a followed
film, so detection has real work to do. Synthetic film titles are made of invented words, so
they never occur in real text by accident.
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from sqlalchemy import insert

from watchlist.core.db import Database
from watchlist.core.detect.archive import load_films_csv
from watchlist.core.feeds.parse import parse_document
from watchlist.core.models import Film, FilmPerson, film_identity_key
from watchlist.core.text import clean_text

REPO = Path(__file__).resolve().parent.parent
FEED_DIR = REPO / "tests" / "data" / "feeds"
DETECTION_DIR = REPO / "tests" / "data" / "detection"
# English film and entertainment news, RSS 2.0: from full-content (/Film) to short (TMZ).
TEMPLATE_FEEDS = ("guardian-us-2018.rss", "slashfilm-2015.xml", "tmz-2018.rss")
TEXT_FEEDS = (*TEMPLATE_FEEDS, "theverge-frontpage-atom-2017.xml")

_ITEM = re.compile(rb"<item[\s>].*?</item>", re.DOTALL)
_TITLE = re.compile(rb"<title>.*?</title>", re.DOTALL)
_GUID = re.compile(rb"<guid[^>]*>.*?</guid>", re.DOTALL)
_LINK = re.compile(rb"<link>.*?</link>", re.DOTALL)
_SYLLABLES = (
    "vel", "mor", "ast", "rin", "quo", "zan", "thel", "dru", "kav", "osk", "pell",
    "yar", "ith", "lum", "bra", "gorn", "esk", "vim", "tar", "nox", "ul", "fen",
    "dax", "ror", "wist", "kel", "mab", "ond", "sari", "grev", "hul", "ixa", "jor",
)  # fmt: skip
_PATTERNS = (
    "{w}",
    "The {w}",
    "{w} {v}",
    "The {w} Protocol",
    "A {w} Winter",
    "{w} of {v}",
    "Return to {w}",
    "The Last {w}",
)
_BUYERS = ("Netflix", "A24", "Neon", "Searchlight", "Amazon MGM", "Apple", "Focus Features")
_FIRST = ("Mara", "Jonas", "Ilse", "Teodor", "Rhea", "Caspian", "Odile", "Bram", "Sunniva")
_LAST = ("Quillfeather", "Branvik", "Ostrowe", "Delacorte", "Hazeldine", "Mirkwell", "Vantreux")


@dataclass(frozen=True)
class FilmSeed:
    """A film to follow: title, year and the people credited."""

    title: str
    year: int | None
    people: tuple[str, ...]


def _invented_word(rng: random.Random) -> str:
    return "".join(rng.choice(_SYLLABLES) for _ in range(rng.choice((2, 3)))).capitalize()


def synthetic_films(count: int, *, seed: int = 7) -> list[FilmSeed]:
    """``count`` films with invented, distinctive titles (no year, no people).

    No invented word is used twice, so no title occurs inside another: a plain regex search
    and the matcher (where the longer of two overlapping titles wins) find the same films.
    """
    rng = random.Random(seed)
    used: set[str] = set()
    films: list[FilmSeed] = []

    def fresh() -> str:
        while True:
            word = _invented_word(rng)
            if len(word) >= 5 and word not in used:
                used.add(word)
                return word

    while len(films) < count:
        pattern = rng.choice(_PATTERNS)
        films.append(FilmSeed(pattern.format_map(_Fresh(fresh)), None, ()))
    return films


class _Fresh(dict[str, str]):
    """Fills each placeholder of a title pattern with a new invented word."""

    def __init__(self, fresh: Callable[[], str]) -> None:
        super().__init__()
        self._fresh = fresh

    def __missing__(self, key: str) -> str:
        return self._fresh()


@cache
def real_films() -> tuple[FilmSeed, ...]:
    """The labelled watchlist of the detection data: real titles, years and people."""
    return tuple(
        FilmSeed(p.title, p.year, p.people) for p in load_films_csv(DETECTION_DIR / "films.csv")
    )


def followed_films(count: int) -> list[FilmSeed]:
    """The real labelled films, then invented ones, ``count`` in all."""
    real = list(real_films())[:count]
    return real + synthetic_films(count - len(real))


def add_films(db: Database, films: Sequence[FilmSeed]) -> None:
    """Follow ``films`` in one transaction (bulk insert, as an import of a large list)."""
    with db.session() as session:
        ids = session.scalars(
            insert(Film).returning(Film.id, sort_by_parameter_order=True),
            [
                {
                    "title": film.title,
                    "year": film.year,
                    "identity_key": film_identity_key(film.title, film.year),
                }
                for film in films
            ],
        ).all()
        people = [
            {"film_id": film_id, "name": name, "position": position}
            for film_id, film in zip(ids, films, strict=True)
            for position, name in enumerate(film.people)
        ]
        if people:
            session.execute(insert(FilmPerson), people)


@cache
def real_headlines() -> tuple[str, ...]:
    """Real film-news headlines (with the films of ``real_films``)."""
    with (DETECTION_DIR / "dev.jsonl").open(encoding="utf-8") as stream:
        return tuple(json.loads(line)["title"] for line in stream if line.strip())


def deal_headline(film: FilmSeed, rng: random.Random) -> str:
    """A trade-press deal headline naming ``film``."""
    buyer = rng.choice(_BUYERS)
    return f"{buyer} Acquires '{film.title}' For ${rng.randint(2, 60)}M After Bidding War"


@cache
def _template(name: str) -> tuple[bytes, tuple[bytes, ...], bytes]:
    data = (FEED_DIR / name).read_bytes()
    items = tuple(m.group(0) for m in _ITEM.finditer(data))
    head = data[: data.index(items[0])]
    tail = data[data.rindex(items[-1]) + len(items[-1]) :]
    return head, items, tail


def _rewrite_item(item: bytes, title: str | None, guid: str) -> bytes:
    if title is not None:
        new_title = b"<title>" + escape(title).encode() + b"</title>"
        item = _TITLE.sub(lambda _m: new_title, item, count=1)
    item = _LINK.sub(lambda _m: b"<link>" + guid.encode() + b"</link>", item, count=1)
    new_guid = b'<guid isPermaLink="true">' + guid.encode() + b"</guid>"
    if _GUID.search(item):
        return _GUID.sub(lambda _m: new_guid, item, count=1)
    return item.replace(b"</item>", new_guid + b"</item>", 1)


def make_feed(number: int, items: int, films: Sequence[FilmSeed], *, seed: int = 11) -> bytes:
    """Feed ``number`` with ``items`` real items, retitled and with fresh guids.

    One item in four carries a real headline, one in four a deal headline naming one of
    ``films``; the others keep their own title.
    """
    rng = random.Random(seed * 100_003 + number)
    head, originals, tail = _template(TEMPLATE_FEEDS[number % len(TEMPLATE_FEEDS)])
    headlines = real_headlines()
    parts = [head]
    for i in range(items):
        title: str | None = None
        if i % 4 == 0:
            title = rng.choice(headlines)
        elif i % 4 == 1 and films:
            title = deal_headline(rng.choice(films), rng)
        guid = f"https://bench.invalid/feed-{number}/item-{i}"
        parts.append(_rewrite_item(originals[i % len(originals)], title, guid))
    parts.append(tail)
    return b"".join(parts)


@cache
def real_texts() -> tuple[tuple[str, str], ...]:
    """(title, summary) of every item in the real English feed files, as plain text."""
    texts: list[tuple[str, str]] = []
    for name in TEXT_FEEDS:
        document = parse_document((FEED_DIR / name).read_bytes(), {}, f"file://{name}")
        for raw in document.raw_entries:
            summary = raw.get("summary") or ""
            texts.append((clean_text(raw.get("title", ""), 500), clean_text(summary, 4000)))
    return tuple(texts)
