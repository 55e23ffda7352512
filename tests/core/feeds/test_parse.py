"""Parsing and normalising feed documents, without any network."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import SHARED_FEEDS
from tests.core.feeds.conftest import NOW, feed_bytes
from watchlist.core.feeds.parse import (
    MAX_SUMMARY_CHARS,
    FeedParseError,
    entry_date,
    entry_guid,
    normalise_entry,
    parse_document,
    safe_link,
)
from watchlist.core.text import clean_text

BASE = "https://example.com/feed/"


def rss(item: str, *, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{prolog}<rss version="2.0"><channel>'
        f"<title>T</title>{item}</channel></rss>"
    ).encode()


def only_entry(item: str) -> dict[str, object]:
    document = parse_document(rss(item), {"content-type": "application/rss+xml"}, BASE)
    [raw] = document.raw_entries
    return dict(raw)


def test_text_is_stripped_decoded_folded_and_made_safe() -> None:
    text = clean_text(
        "<p>Deal&nbsp;<b>closed</b>\n\n for &amp;amp; <script>alert(1)</script>"
        "\u202e\u2066evil\u2069\x07 &#8220;Sinners&#8221;</p>",
        200,
    )
    assert text == "Deal closed for & evil \u201cSinners\u201d"


def test_text_is_capped() -> None:
    text = clean_text("word " * 5000, MAX_SUMMARY_CHARS)
    assert len(text) == MAX_SUMMARY_CHARS
    assert text.endswith("…")


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("https://deadline.com/a", "https://deadline.com/a"),
        ("/2026/11/story", "https://example.com/2026/11/story"),
        ("javascript:alert(1)", None),
        ("data:text/html,hi", None),
        ("mailto:x@example.com", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_links_are_kept(link: str | None, expected: str | None) -> None:
    assert safe_link(link, BASE) == expected


def test_guid_falls_back_to_link_then_to_a_hash() -> None:
    with_guid = only_entry("<item><guid>urn:1</guid><link>https://e.com/1</link></item>")
    with_link = only_entry("<item><title>x</title><link>https://e.com/2</link></item>")
    bare = only_entry("<item><title>Only a title</title><pubDate>Mon, 23 Nov 2026</pubDate></item>")
    assert entry_guid(with_guid) == "urn:1"
    assert entry_guid(with_link) == "https://e.com/2"
    hashed = entry_guid(bare)
    assert hashed.startswith("sha256:")
    assert hashed == entry_guid(dict(bare))
    other = only_entry("<item><title>Another title</title></item>")
    assert entry_guid(other) != hashed


def test_dates_become_aware_utc_and_absurd_ones_fall_back_to_fetch_time() -> None:
    dated = only_entry("<item><pubDate>Tue, 24 Nov 2026 10:00:00 -0500</pubDate></item>")
    assert entry_date(dated, NOW) == datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    future = only_entry("<item><pubDate>Tue, 24 Nov 2099 10:00:00 GMT</pubDate></item>")
    ancient = only_entry("<item><pubDate>Thu, 01 Jan 1970 00:00:00 GMT</pubDate></item>")
    missing = only_entry("<item><title>x</title></item>")
    assert entry_date(future, NOW) == NOW
    assert entry_date(ancient, NOW) == NOW
    assert entry_date(missing, NOW) == NOW
    slightly_ahead = {"published_parsed": time.gmtime((NOW + timedelta(hours=2)).timestamp())}
    assert entry_date(slightly_ahead, NOW) == NOW + timedelta(hours=2)


def test_entry_is_normalised() -> None:
    raw = only_entry(
        "<item><title>&lt;b&gt;Bold&lt;/b&gt; title</title>"
        "<description><![CDATA[<p>Hello <a href='x'>world</a></p>]]></description>"
        "<link>javascript:alert(1)</link><guid>g1</guid></item>"
    )
    entry = normalise_entry(raw, BASE, NOW)
    assert (entry.guid, entry.title, entry.summary, entry.link) == (
        "g1",
        "Bold title",
        "Hello world",
        None,
    )


def test_atom_content_is_used_when_there_is_no_summary() -> None:
    body = (
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>'
        b'<entry><id>tag:1</id><title>T</title><content type="html">&lt;p&gt;Body&lt;/p&gt;'
        b"</content><updated>2026-11-24T10:00:00Z</updated></entry></feed>"
    )
    document = parse_document(body, {}, BASE)
    [raw] = document.raw_entries
    entry = normalise_entry(raw, BASE, NOW)
    assert entry.summary == "Body"
    assert entry.published_at == datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def test_feed_metadata() -> None:
    document = parse_document(feed_bytes("slashfilm-2015.xml"), {}, BASE)
    assert document.title == "/Film"
    assert document.site_link == "http://www.slashfilm.com"
    assert len(document.raw_entries) == 20
    assert document.notes == []


@pytest.mark.parametrize(
    ("body", "headers", "message"),
    [
        (b"", {}, "the server sent an empty document"),
        (b"\xef\xbb\xbf \n", {}, "the server sent an empty document"),
        (b"<html><body>hi</body></html>", {}, "not a feed: the server sent an HTML page"),
        (
            b"<!-- x --><!DOCTYPE html><p>hi",
            {},
            "not a feed: the server sent an HTML page",
        ),
        (b"Hello there", {"content-type": "text/html"}, "not a feed: the server sent an HTML page"),
        (b'{"version": "https://jsonfeed.org"}', {}, "not a feed: the document is not XML"),
        (
            b"<?xml version='1.0'?><note>hi</note>",
            {},
            "not a feed: the document is neither RSS nor Atom",
        ),
    ],
)
def test_documents_that_are_not_feeds(body: bytes, headers: dict[str, str], message: str) -> None:
    with pytest.raises(FeedParseError) as caught:
        parse_document(body, headers, BASE)
    assert str(caught.value) == message


def test_entity_declarations_are_refused_in_any_encoding() -> None:
    declared = rss("<item><title>&e;</title></item>", prolog='<!DOCTYPE rss [<!ENTITY e "x">]>')
    utf16 = declared.decode().replace('encoding="utf-8"', 'encoding="utf-16"').encode("utf-16")
    for body in (declared, utf16):
        with pytest.raises(FeedParseError, match="unsafe feed"):
            parse_document(body, {}, BASE)


def test_a_plain_doctype_is_allowed() -> None:
    body = rss(
        "<item><title>Old school</title><guid>1</guid></item>",
        prolog='<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
        '"http://my.netscape.com/publish/formats/rss-0.91.dtd">',
    )
    assert len(parse_document(body, {}, BASE).raw_entries) == 1


@pytest.mark.skipif(not SHARED_FEEDS.exists(), reason="shared feed corpus not present")
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in (SHARED_FEEDS / "feedparser-tests" / "illformed").glob("*.xml"))
    if SHARED_FEEDS.exists()
    else [],
)
def test_feedparser_illformed_corpus_never_crashes(name: str) -> None:
    body = (SHARED_FEEDS / "feedparser-tests" / "illformed" / name).read_bytes()
    try:
        document = parse_document(body, {}, BASE)
    except FeedParseError as exc:
        assert str(exc)
    else:
        for raw in document.raw_entries:
            normalise_entry(raw, BASE, NOW)


def test_a_feed_labelled_as_html_is_still_read() -> None:
    body = (
        b"<!-- generated --><rss version='2.0'><channel><title>T</title>"
        b"<item><guid>1</guid></item></channel></rss>"
    )
    document = parse_document(body, {"content-type": "text/html; charset=utf-8"}, BASE)
    assert len(document.raw_entries) == 1
