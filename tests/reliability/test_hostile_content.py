"""Hostile feed content, from the real engine to the window: nothing executes, nothing remote
is loaded, only http(s) links are ever opened, and the text stays readable.

The feeds carry markup, scripts, images on a second local server (counting its hits),
``javascript:``/``data:``/``file:`` links, huge strings, control characters, bidi overrides and
zero-width characters. They are polled through ``run_poll`` (fetch, parse, normalise, detect,
store) and shown in the window.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtNetwork import QNetworkAccessManager
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from tests.core.feeds.conftest import TEST_LIMITS
from tests.feedserver import FeedServer, Route
from tests.ui.conftest import close_window, open_window
from watchlist.core.db import Database
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.parse import MAX_SUMMARY_CHARS, MAX_TITLE_CHARS
from watchlist.core.feeds.poller import FeedPoller
from watchlist.core.feeds.registry import add_feed
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Article, Event, Feed, Film
from watchlist.core.pipeline import run_poll
from watchlist.ui import links
from watchlist.ui.main_window import TAB_NEWS
from watchlist.ui.settings import AppSettings

# Bidi embeddings/overrides/isolates and marks: they can make a headline read as another.
BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f]")
CONTROL_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# What only real markup would leave behind: script bodies and the attributes of real tags.
# (Markup the publisher escaped is text: "&lt;img&gt;" is stored as the characters "<img>",
# and the window shows it as such, never as an image.)
MARKUP_TRACES = ("document.location", "pixel.png", "frame.html", "onclick", "onload", "x.css")
TAG = re.compile(r"<\s*/?\s*[a-z]", re.I)


def hostile_feeds(remote: str) -> dict[str, bytes]:
    """Three feeds: markup and bidi tricks, raw control characters, huge strings."""
    markup_title = (
        "<b>Netflix</b> acquires Good Sex in a $55M deal<script>document.location='"
        f'{remote}/steal\'</script><img src="{remote}/pixel.png"> \u202egnp.exe\u202c '
        f'&lt;img src="{remote}/escaped.png"&gt; zero\u200bwidth\u200d and \u2066isolate\u2069'
    )
    markup_summary = (
        f'<p onclick="alert(1)">Read <a href="javascript:alert(1)">more</a>'
        f'<iframe src="{remote}/frame.html"></iframe><style>body{{background:url({remote}/bg)}}'
        f'</style><svg onload="alert(1)"/><link rel="stylesheet" href="{remote}/x.css"></p>'
        "&amp;lt;script&amp;gt;alert(2)&amp;lt;/script&amp;gt; \u202dforced\u202c \u200f"
    )
    links_by_guid = {
        "js": "javascript:alert(document.cookie)",
        "js-spaced": "  JaVaScRiPt:alert(1)",
        "data": "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file": "file:///etc/passwd",
        "vbscript": "vbscript:msgbox(1)",
        "web": "https://news.example/good-sex",
    }
    items = "".join(
        f"<item><guid>{guid}</guid><title><![CDATA[{markup_title}]]></title>"
        f"<link>{link}</link><description><![CDATA[{markup_summary}]]></description></item>"
        for guid, link in links_by_guid.items()
    )
    markup = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title><![CDATA[Evil <script>alert(1)</script><img src='{remote}/logo.png'> "
        f"\u202eOutlet]]></title><link>javascript:alert(1)</link>{items}</channel></rss>"
    ).encode()
    controls = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Ctl</title>'
        "<item><guid>ctl</guid><title>Netflix acquires Good Sex\x07\x1b[31m red\x00 \x08"
        "\x7f\x85 end</title><description>bell\x07 escape\x1b[2J clear</description>"
        "<link>https://news.example/ctl</link></item></channel></rss>"
    ).encode()
    huge = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Huge</title>'
        f"<item><guid>huge</guid><title>Good Sex {'very ' * 30_000}long</title>"
        f"<description>{'Netflix acquires Good Sex. ' * 10_000}</description>"
        f"<link>https://news.example/{'a' * 5000}</link></item></channel></rss>"
    ).encode()
    return {"/markup.xml": markup, "/controls.xml": controls, "/huge.xml": huge}


@pytest.fixture
def remote() -> Iterator[FeedServer]:
    """Stands for the internet: any request reaching it is a remote load."""
    with FeedServer() as server:
        yield server


@pytest.fixture
def polled(db: Database, remote: FeedServer) -> Iterator[Database]:
    """The hostile feeds polled through the real pipeline, for a followed "Good Sex"."""
    with FeedServer() as feeds:
        with db.session() as session:
            add_film(session, FilmSpec("Good Sex", 2026))
            ids = [
                add_feed(session, feeds.add(path, Route(body=body))).id
                for path, body in hostile_feeds(remote.url("")).items()
            ]
        with HttpxFeedClient(TEST_LIMITS) as client:
            poller = FeedPoller(db, client=client)
            # The markup feed first, so its headline is the event's evidence.
            outcomes = [run_poll(db, poller=poller, feed_ids=ids[:1])]
            outcomes.append(run_poll(db, poller=poller, feed_ids=ids[1:]))
        results = [r for outcome in outcomes for r in outcome.report.results]
        assert [r.outcome for r in results] == ["new", "new", "new"], [r.error for r in results]
        yield db


def readable(text: str) -> bool:
    """No bidi override or control character, nothing left of real markup."""
    if BIDI_CONTROLS.search(text) or CONTROL_CHARS.search(text):
        return False
    return not any(trace in text for trace in MARKUP_TRACES)


def test_stored_text_is_plain_capped_and_free_of_bidi_and_control_characters(
    polled: Database,
) -> None:
    with polled.session() as session:
        articles = session.scalars(select(Article)).all()
        feeds = session.scalars(select(Feed)).all()
        events = session.scalars(select(Event)).all()
    assert len(articles) == 8
    for article in articles:
        assert readable(article.title), article.title
        assert readable(article.summary), article.summary
        assert len(article.title) <= MAX_TITLE_CHARS
        assert len(article.summary) <= MAX_SUMMARY_CHARS
        assert article.link is None or article.link.startswith("https://news.example/")
    assert {a.link for a in articles if a.guid != "huge"} == {
        None,
        "https://news.example/good-sex",
        "https://news.example/ctl",
    }
    for feed in feeds:
        assert readable(feed.title), feed.title
        assert feed.site_link is None or feed.site_link.startswith("http")
    assert events, "the deal in the hostile headlines is still detected"
    for event in events:
        assert readable(event.evidence), event.evidence


def visible_texts(root: QWidget) -> Iterator[tuple[QLabel, str]]:
    for label in root.findChildren(QLabel):
        yield label, label.text()


def test_window_shows_hostile_text_as_plain_text_and_loads_nothing_remote(
    polled: Database,
    remote: FeedServer,
    qtbot: QtBot,
    app_settings: AppSettings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[str] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    with polled.session() as session:
        film_id = session.scalars(select(Film.id).where(Film.title == "Good Sex")).one()
    window = open_window(qtbot, polled, app_settings)
    window.resize(1200, 800)
    with qtbot.waitSignal(window.detail_shown, timeout=10_000):
        window.show_film(film_id)
    with qtbot.waitSignal(window.view_loaded, timeout=10_000):
        window.tabs.setCurrentIndex(TAB_NEWS)
    qtbot.wait(50)  # let everything paint

    labels = list(visible_texts(window))
    # The headline reached the window, escaped markup and all, as plain text.
    [evidence] = [label for label, text in labels if "escaped.png" in text]
    assert evidence.textFormat() == Qt.TextFormat.PlainText
    assert any(text.startswith("Reported by Evil Outlet") for _, text in labels)
    for label, text in labels:
        if label.textFormat() == Qt.TextFormat.PlainText:
            continue
        # Rich text is only ever escaped text around links we made ourselves.
        without_links = re.sub(r'<a href="https?://[^"<>]*">|</a>', "", text)
        assert "<" not in without_links, text
        assert "javascript:" not in text.lower()
        # A link activated from a label goes through the one opener, which refuses the rest.
        label.linkActivated.emit("javascript:alert(1)")
    news = window.news_view.model
    for row in range(news.rowCount()):
        for column in range(news.columnCount()):
            value = news.index(row, column).data()
            assert value is None or readable(str(value)), value
    assert window.findChildren(QNetworkAccessManager) == []
    assert remote.requests == [], [r.path for r in remote.requests]
    assert opened == []
    close_window(qtbot, window)


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        " JavaScript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "ftp://example.com/x",
        "https:/no-host",
        "",
        "\u202ehttps://news.example/",
    ],
)
def test_only_web_links_are_ever_opened(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[QUrl] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda target: opened.append(target) or True)
    assert not links.is_web_link(url)
    assert links.open_web_link(url) is False
    assert opened == []
    assert "<a" not in links.link_html("Outlet", url)


def test_web_links_are_opened_in_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[str] = []
    monkeypatch.setattr(
        QDesktopServices, "openUrl", lambda target: opened.append(target.toString()) or True
    )
    assert links.open_web_link("https://news.example/good-sex")
    assert links.open_web_link("http://news.example/")
    assert opened == ["https://news.example/good-sex", "http://news.example/"]
    assert links.link_html("<b>Evil</b>", 'https://x.example/"><script>') == (
        '<a href="https://x.example/&quot;&gt;&lt;script&gt;">&lt;b&gt;Evil&lt;/b&gt;</a>'
    )
