"""Fuzzing the way in: feed bytes and article text through parse -> normalise -> detect -> store.

A hypothesis campaign (bounded for CI; ``WATCHLIST_STRESS_FUZZ_EXAMPLES`` raises it) feeds
mutated real feeds, random XML and random article text to the real poller and detection. The
poller turns any exception into "internal error" for the feed, so that message showing up is
how an escaped exception is caught here; everything else must be a stored result or a
sentence. Then every file of the shared feed corpus (about 2,100, the feedparser test suite
included) is polled in one cycle from a local server, with the same verdict.
"""

from __future__ import annotations

import itertools
import logging
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from tests.conftest import SHARED_FEEDS, TEST_DATA
from tests.core.feeds.conftest import TEST_LIMITS
from tests.feedserver import FeedServer, Route
from tests.reliability.conftest import stress_size
from watchlist.core.db import Database
from watchlist.core.detect.extract import ArticleText, Detector
from watchlist.core.detect.matcher import FilmMatcher, FilmProfile
from watchlist.core.detect.recorder import process_pending_articles
from watchlist.core.feeds.client import FetchRequest, FetchResponse, HttpxFeedClient
from watchlist.core.feeds.poller import FeedPoller, FeedResult
from watchlist.core.feeds.registry import add_feed
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Article, Feed, Film

# Each feed example is a whole poll and detection run; article text is much cheaper.
FEED_EXAMPLES = stress_size("FUZZ_EXAMPLES", 80)
TEXT_EXAMPLES = FEED_EXAMPLES * 5
# CI replays the same examples every run (a red build is then a regression, never luck);
# the stress command explores new ones.
EXPLORE = "WATCHLIST_STRESS_FUZZ_EXAMPLES" in os.environ
_FUZZ_CHECKS = [HealthCheck.function_scoped_fixture, HealthCheck.too_slow]
INTERNAL_ERROR = "internal error"
SEED_FEEDS = sorted(p for p in (TEST_DATA / "feeds").iterdir() if p.suffix != ".md")
FILMS = ["Good Sex", "Sinners", "The Bride!", "Amélie", "Mickey 17", "It"]
_serial = itertools.count()


@dataclass
class CannedClient:
    """A FeedClient answering every request with the same bytes."""

    body: bytes
    content_type: str = "application/rss+xml"

    def fetch(self, request: FetchRequest) -> FetchResponse:
        headers: Mapping[str, str] = {"content-type": self.content_type}
        return FetchResponse(request.url, 200, headers, self.body)


def follow_films(db: Database) -> None:
    with db.session() as session:
        for title in FILMS:
            add_film(session, FilmSpec(title, 2026))


def poll_bytes(db: Database, body: bytes, content_type: str) -> FeedResult:
    """Subscribe a fresh feed, poll it with ``body``, run detection; the feed's result."""
    with db.session() as session:
        feed_id = add_feed(session, f"https://fuzz.example/{next(_serial)}.xml").id
    poller = FeedPoller(db, client=CannedClient(body, content_type))
    [result] = poller.poll(feed_ids=[feed_id]).results
    process_pending_articles(db)
    return result


def assert_stored_or_in_words(result: FeedResult) -> None:
    if result.outcome == "error":
        assert result.error, "a failure without a message"
        assert INTERNAL_ERROR not in result.error, "an exception escaped parsing or storing"
        assert re.search(r"[a-z]{3}", result.error), result.error
    else:
        assert result.outcome == "new", result


def assert_nothing_swallowed(caplog: pytest.LogCaptureFixture) -> None:
    """Detection logs and skips an article it fails on; that must not happen either."""
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors == []


def mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Apply (position, delete-length, insertion) edits."""
    buffer = bytearray(data)
    for position, delete, insert in edits:
        at = position % (len(buffer) + 1)
        buffer[at : at + delete] = insert
    return bytes(buffer)


mutated_feeds = st.builds(
    mutate,
    st.sampled_from([path.read_bytes() for path in SEED_FEEDS]),
    st.lists(
        st.tuples(
            st.integers(0, 1 << 20),
            st.integers(0, 64),
            st.one_of(
                st.binary(max_size=16),
                st.sampled_from([b"<", b">", b"&", b"]]>", b"<![CDATA[", b"&#0;", b"\xff\xfe"]),
                st.sampled_from([b"<!ENTITY x 'y'>", b"&x;", b"</item>", b"<item>", b"\x00"]),
            ),
        ),
        min_size=1,
        max_size=12,
    ),
)

text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from(list("<>&\"'")),
    max_size=300,
)


@st.composite
def random_rss(draw: st.DrawFn) -> bytes:
    """RSS-shaped XML with random text, some escaped and some raw, and random structure."""
    items = []
    for _ in range(draw(st.integers(0, 5))):
        fields = {
            tag: draw(text | st.sampled_from(FILMS).map(lambda t: f"Netflix acquires {t}"))
            for tag in draw(st.sets(st.sampled_from(["title", "description", "link", "guid"])))
        }
        raw = draw(st.booleans())
        items.append(
            "<item>"
            + "".join(
                f"<{tag}>{value if raw else escape(value)}</{tag}>" for tag, value in fields.items()
            )
            + (f"<pubDate>{escape(draw(text))}</pubDate>" if draw(st.booleans()) else "")
            + "</item>"
        )
    root = draw(st.sampled_from(["rss", "feed", "rdf:RDF", "channel", "html"]))
    body = (
        f"<{root}><channel><title>{escape(draw(text))}</title>{''.join(items)}</channel></{root}>"
    )
    prolog = draw(
        st.sampled_from(["", '<?xml version="1.0"?>', '<?xml version="1.0" encoding="latin-1"?>'])
    )
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "latin-1"]))
    return (prolog + body).encode(encoding, errors="replace")


content_types = st.sampled_from(
    ["application/rss+xml", "text/xml; charset=iso-8859-1", "text/html", "application/octet-stream"]
)


@settings(
    max_examples=FEED_EXAMPLES,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=_FUZZ_CHECKS,
)
@given(body=mutated_feeds | random_rss(), content_type=content_types)
def test_fuzzed_feed_bytes_end_stored_or_in_words(
    db: Database, caplog: pytest.LogCaptureFixture, body: bytes, content_type: str
) -> None:
    caplog.clear()
    with db.session() as session:
        first_example = not session.scalar(select(func.count()).select_from(Film))
    if first_example:
        follow_films(db)
    assert_stored_or_in_words(poll_bytes(db, body, content_type))
    assert_nothing_swallowed(caplog)


def film_profiles() -> list[FilmProfile]:
    return [FilmProfile(key, title, 2026) for key, title in enumerate(FILMS)]


DETECTOR = Detector(FilmMatcher(film_profiles()), discover=True)
sentences = st.lists(
    text
    | st.sampled_from(FILMS)
    | st.sampled_from(
        [
            "Netflix acquires",
            "in a $55M deal",
            "release date",
            "premieres at Cannes",
            "trailer",
            "moved to March 5, 2027",
            ".",
            "!",
            "“",
            "”",
            "\u202e",
            "\x00",
            "\u200b",
        ]
    ),
    max_size=30,
).map(" ".join)


@settings(
    max_examples=TEXT_EXAMPLES,
    deadline=None,
    derandomize=not EXPLORE,
    suppress_health_check=_FUZZ_CHECKS,
)
@given(title=sentences, summary=sentences)
def test_fuzzed_article_text_never_breaks_detection(title: str, summary: str) -> None:
    for detection in DETECTOR.detect(ArticleText("fuzz", title, summary)):
        assert detection.film.title in FILMS or not detection.film.followed
        assert 0 <= detection.confidence <= 1


def corpus_files() -> list[Path]:
    return sorted(path for path in SHARED_FEEDS.rglob("*") if path.is_file())


def test_every_shared_feed_file_ends_stored_or_with_a_readable_error(
    db: Database, caplog: pytest.LogCaptureFixture
) -> None:
    files = corpus_files()
    assert len(files) > 2000, f"the shared corpus is missing ({SHARED_FEEDS})"
    with FeedServer() as server:
        with db.session() as session:
            by_url = {
                add_feed(session, server.add(f"/corpus/{n}", Route(body=p.read_bytes()))).url: p
                for n, p in enumerate(files)
            }
        with HttpxFeedClient(TEST_LIMITS) as client:
            report = FeedPoller(db, client=client, max_concurrency=16).poll(due_only=False)
    process_pending_articles(db)
    assert len(report.results) == len(files)
    problems = []
    for result in report.results:
        try:
            assert_stored_or_in_words(result)
        except AssertionError as exc:
            problems.append(f"{by_url[result.url].relative_to(SHARED_FEEDS)}: {exc}")
    assert problems == []
    assert_nothing_swallowed(caplog)
    with db.session() as session:
        silent = session.scalars(
            select(Feed.url).where(Feed.last_success_at.is_(None), Feed.last_error.is_(None))
        ).all()
        stored = session.scalar(select(func.count()).select_from(Article))
        pending = session.scalar(select(func.count()).where(Article.processed_at.is_(None)))
    assert silent == []
    assert stored and stored > 1000
    assert pending == 0


def test_a_link_with_a_broken_ipv6_host_is_dropped_not_fatal(db: Database) -> None:
    """Found by the fuzzer: urlsplit raises ValueError on "http://[" and it escaped parsing."""
    body = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        b"<link>http://[::1</link><item><guid>1</guid><title>Good Sex</title>"
        b"<link>https://[broken/x</link></item></channel></rss>"
    )
    result = poll_bytes(db, body, "application/rss+xml")
    assert (result.outcome, result.new_articles) == ("new", 1)
    with db.session() as session:
        assert session.scalars(select(Article.link)).all() == [None]


@pytest.mark.parametrize(
    "body",
    [
        # feedparser raised ValueError ("embedded null character")
        b'<?xml version="1.0" encoding="\x00utf-8"?><rss version="2.0"><channel></channel></rss>',
        # feedparser raised TypeError (int(None)) on an <image> <width> it had not opened
        b'<?xml version="1.0"?><rss version="2.0"><channel><image></width></image>'
        b"<item><title>x</title></item></channel></rss>",
    ],
)
def test_documents_that_break_feedparser_are_a_readable_error(db: Database, body: bytes) -> None:
    """Found by the fuzzer: exceptions from inside feedparser escaped parsing."""
    result = poll_bytes(db, body, "application/rss+xml")
    assert result.outcome == "error"
    assert result.error == "malformed feed: the feed parser cannot read it"
