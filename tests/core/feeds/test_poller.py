"""The poller end to end against a real HTTP server on 127.0.0.1: what is stored, what is said."""

from __future__ import annotations

import re
import socket
import threading
import time
from datetime import timedelta
from email.utils import format_datetime
from pathlib import Path

import pytest
from sqlalchemy import select

from tests.core.feeds.conftest import (
    NOW,
    Clock,
    CountingParser,
    feed_bytes,
    load_feed,
    subscribe,
)
from tests.feedserver import FeedServer, Route, redirect
from watchlist.core.db import Database
from watchlist.core.feeds.client import FeedClient, FetchRequest, FetchResponse
from watchlist.core.feeds.poller import FeedPoller, PollProgress
from watchlist.core.models import Article, Feed
from watchlist.core.pipeline import run_poll

RSS = "application/rss+xml"


def articles(db: Database, feed_id: int | None = None) -> list[Article]:
    with db.session() as session:
        statement = select(Article).order_by(Article.id)
        if feed_id is not None:
            statement = statement.where(Article.feed_id == feed_id)
        return list(session.scalars(statement))


def small_feed(*titles: str, ttl: int | None = None) -> bytes:
    items = "".join(
        f"<item><title>{t}</title><link>https://example.com/{i}</link>"
        f"<guid>urn:item:{i}</guid><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>"
        for i, t in enumerate(titles)
    )
    ttl_tag = f"<ttl>{ttl}</ttl>" if ttl else ""
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Small Feed</title><link>https://example.com/</link>{ttl_tag}{items}"
        f"</channel></rss>"
    ).encode()


@pytest.mark.parametrize(
    ("name", "count", "title", "years"),
    [
        ("slashfilm-2015.xml", 20, "/Film", {2015}),
        ("guardian-us-2018.rss", 55, "The Guardian", {2017, 2018}),
        ("theverge-frontpage-atom-2017.xml", 10, "The Verge - Front Pages", {2017}),
        ("tmz-2018.rss", 20, "TMZ.com", {2018}),
        ("orf-news-rss1.0-bom-2017.rdf", 50, "news.ORF.at", {2017}),
    ],
)
def test_real_feeds_are_stored_as_plain_text(
    db: Database,
    feed_server: FeedServer,
    poller: FeedPoller,
    name: str,
    count: int,
    title: str,
    years: set[int],
) -> None:
    feed_id = subscribe(db, feed_server.add(f"/{name}", Route(body=feed_bytes(name))))

    [result] = poller.poll().results

    assert (result.outcome, result.new_articles, result.error) == ("new", count, None)
    stored = articles(db, feed_id)
    assert len(stored) == count
    assert len({a.guid for a in stored}) == count
    for article in stored:
        assert article.title
        assert not re.search(r"</?[a-zA-Z][^>]*>", article.title + article.summary)
        assert "&amp;" not in article.summary and "&#" not in article.summary
        assert article.link is None or article.link.startswith(("http://", "https://"))
        assert article.published_at.tzinfo is not None
        assert article.processed_at is None
    # Real dates come through (TMZ only has dc:date, ORF only RDF dc:date).
    assert {a.published_at.year for a in stored} == years
    feed = load_feed(db, feed_id)
    assert feed.title.strip() == title.strip()
    assert all(a.source == feed.title for a in stored)
    assert (feed.last_error, feed.last_status, feed.consecutive_failures) == (None, 200, 0)
    assert feed.next_poll_at == NOW + timedelta(minutes=30)


def test_html_summaries_become_clean_text(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    feed_id = subscribe(db, feed_server.add("/f", Route(body=feed_bytes("slashfilm-2015.xml"))))
    poller.poll()
    first = articles(db, feed_id)[0]
    assert first.title == (
        "Finally Hear What BB-8 Sounds Like in \u2018Star Wars: The Force Awakens\u2019 "
        "LEGO Commercial"
    )
    assert first.summary.startswith(
        "Even though Star Wars: The Force Awakens isn\u2019t out until December 18th, some fans"
    )
    assert "[\u2026] The post Finally Hear What BB-8" in first.summary
    assert first.link is not None and first.link.startswith("http://")


def test_undeclared_latin1_is_decoded(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    body = feed_bytes("uol-noticias-undeclared-latin1-2018.rss")
    feed_id = subscribe(db, feed_server.add("/uol", Route(body=body, content_type=RSS)))

    [result] = poller.poll().results

    assert result.outcome == "new" and result.new_articles == 15
    assert result.note is not None and "encoding" in result.note
    titles = [a.title for a in articles(db, feed_id)]
    assert "Ibope: Bolsonaro perde de Haddad, Ciro e Alckmin em simulações de 2º turno" in titles
    # Portuguese day names are not dates feedparser reads: the fetch time stands in.
    assert {a.published_at for a in articles(db, feed_id)} == {NOW}


def test_windows_1252_without_declared_charset(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    body = (
        "<rss version='2.0'><channel><title>Café Crème</title>"
        "<item><title>\u201cSinners\u201d — Coogler\u2019s next</title><guid>a</guid></item>"
        "</channel></rss>"
    ).encode("cp1252")
    feed_id = subscribe(db, feed_server.add("/cp", Route(body=body, content_type=RSS)))

    [result] = poller.poll().results

    assert result.outcome == "new"
    [article] = articles(db, feed_id)
    assert article.title == "\u201cSinners\u201d — Coogler\u2019s next"
    assert load_feed(db, feed_id).title == "Café Crème"


@pytest.mark.postgres
def test_second_poll_with_etag_parses_nothing(
    db: Database,
    feed_server: FeedServer,
    poller: FeedPoller,
    parser: CountingParser,
    clock: Clock,
) -> None:
    route = Route(body=feed_bytes("tmz-2018.rss"), etag='"tmz-v1"')
    feed_id = subscribe(db, feed_server.add("/tmz", route))
    poller.poll()
    assert load_feed(db, feed_id).etag == '"tmz-v1"'

    clock.now += timedelta(hours=1)
    [result] = poller.poll().results

    assert result.outcome == "not_modified"
    assert parser.calls == 1
    assert feed_server.last_request("/tmz").headers["if-none-match"] == '"tmz-v1"'
    feed = load_feed(db, feed_id)
    assert (feed.last_status, feed.last_success_at) == (304, clock.now)
    assert feed.next_poll_at == clock.now + timedelta(minutes=30)
    assert len(articles(db, feed_id)) == 20


def test_second_poll_with_last_modified_parses_nothing(
    db: Database,
    feed_server: FeedServer,
    poller: FeedPoller,
    parser: CountingParser,
    clock: Clock,
) -> None:
    stamp = "Wed, 06 Jun 2018 12:00:00 GMT"
    route = Route(body=feed_bytes("tmz-2018.rss"), last_modified=stamp)
    feed_id = subscribe(db, feed_server.add("/tmz", route))
    poller.poll()
    clock.now += timedelta(hours=1)

    [result] = poller.poll().results

    assert result.outcome == "not_modified" and parser.calls == 1
    assert feed_server.last_request("/tmz").headers["if-modified-since"] == stamp
    assert load_feed(db, feed_id).last_modified == stamp


@pytest.mark.postgres
def test_entries_already_stored_are_not_stored_again(
    db: Database, feed_server: FeedServer, poller: FeedPoller, clock: Clock
) -> None:
    path = "/f"
    feed_id = subscribe(db, feed_server.add(path, Route(body=small_feed("One", "Two"))))
    poller.poll()
    clock.now += timedelta(hours=1)
    feed_server.add(path, Route(body=small_feed("One", "Two", "Three")))

    [result] = poller.poll().results

    assert (result.outcome, result.new_articles) == ("new", 1)
    assert [a.title for a in articles(db, feed_id)] == ["One", "Two", "Three"]


@pytest.mark.parametrize(
    ("status", "moves"), [(301, True), (308, True), (302, False), (307, False)]
)
def test_redirects(
    db: Database, feed_server: FeedServer, poller: FeedPoller, status: int, moves: bool
) -> None:
    target = feed_server.add("/new", Route(body=small_feed("Moved")))
    old = feed_server.add("/old", redirect(status, "/new"))
    feed_id = subscribe(db, old)

    [result] = poller.poll().results

    assert (result.outcome, result.new_articles) == ("new", 1)
    assert load_feed(db, feed_id).url == (target if moves else old)


def test_permanent_then_temporary_redirect_keeps_the_address(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    feed_server.add("/final", Route(body=small_feed("x")))
    feed_server.add("/hop", redirect(302, "/final"))
    old = feed_server.add("/start", redirect(301, "/hop"))
    feed_id = subscribe(db, old)
    poller.poll()
    # Only the permanent part of the chain is remembered.
    assert load_feed(db, feed_id).url == feed_server.url("/hop")


@pytest.mark.postgres
def test_redirect_loop_is_stopped_with_a_message(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    feed_server.add("/b", redirect(302, "/a"))
    feed_id = subscribe(db, feed_server.add("/a", redirect(301, "/b")))

    [result] = poller.poll().results

    assert result.outcome == "error"
    assert result.error is not None and result.error.startswith("redirect loop")
    feed = load_feed(db, feed_id)
    assert feed.last_error == result.error
    assert feed.url == feed_server.url("/a")
    assert feed_server.hits("/a") == 1


def test_too_many_redirects(db: Database, feed_server: FeedServer, poller: FeedPoller) -> None:
    for hop in range(8):
        feed_server.add(f"/r{hop}", redirect(302, f"/r{hop + 1}"))
    subscribe(db, feed_server.url("/r0"))
    [result] = poller.poll().results
    assert result.error == "too many redirects (more than 5)"


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (404, "the server answered 404 Not Found"),
        (500, "the server answered 500 Internal Server Error"),
        (403, "the server answered 403 Forbidden"),
    ],
)
def test_http_errors_are_told_and_backed_off(
    db: Database,
    feed_server: FeedServer,
    poller: FeedPoller,
    clock: Clock,
    status: int,
    message: str,
) -> None:
    feed_id = subscribe(db, feed_server.add("/x", Route(status=status, body=b"oops")))

    [result] = poller.poll().results

    assert (result.outcome, result.error) == ("error", message)
    feed = load_feed(db, feed_id)
    assert (feed.last_error, feed.last_status, feed.consecutive_failures) == (message, status, 1)
    assert feed.next_poll_at == NOW + timedelta(minutes=30)
    assert articles(db) == []

    # Each failure doubles the wait, up to a day.
    waits = []
    for _ in range(8):
        clock.now = load_feed(db, feed_id).next_poll_at or clock.now
        poller.poll()
        feed = load_feed(db, feed_id)
        assert feed.next_poll_at is not None
        waits.append(feed.next_poll_at - clock.now)
    assert waits[:3] == [timedelta(hours=1), timedelta(hours=2), timedelta(hours=4)]
    assert waits[-1] == timedelta(days=1)
    assert load_feed(db, feed_id).consecutive_failures == 9


def test_success_after_failures_resets_the_backoff(
    db: Database, feed_server: FeedServer, poller: FeedPoller, clock: Clock
) -> None:
    feed_id = subscribe(db, feed_server.add("/x", Route(status=500)))
    poller.poll()
    clock.now += timedelta(hours=2)
    feed_server.add("/x", Route(body=small_feed("Back")))
    [result] = poller.poll().results
    feed = load_feed(db, feed_id)
    assert result.outcome == "new"
    assert (feed.last_error, feed.consecutive_failures) == (None, 0)
    assert feed.next_poll_at == clock.now + timedelta(minutes=30)


def test_gone_disables_the_feed_and_says_why(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    feed_id = subscribe(db, feed_server.add("/gone", Route(status=410)))

    [result] = poller.poll().results

    assert result.outcome == "error"
    assert result.error is not None and "410 Gone" in result.error
    feed = load_feed(db, feed_id)
    assert not feed.enabled
    assert feed.disabled_reason == result.error
    assert poller.poll(due_only=False).results == []
    [checked] = poller.poll(feed_ids=[feed_id]).results
    assert (checked.outcome, checked.error) == ("disabled", result.error)
    assert feed_server.hits("/gone") == 1


def test_too_many_requests_honours_retry_after_seconds(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    route = Route(status=429, headers={"Retry-After": "7200"})
    feed_id = subscribe(db, feed_server.add("/busy", route))

    [result] = poller.poll().results

    assert result.error == "the server answered 429 Too Many Requests and asked to wait 2 h"
    assert load_feed(db, feed_id).next_poll_at == NOW + timedelta(hours=2)


def test_unavailable_honours_retry_after_date(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    when = format_datetime(NOW + timedelta(hours=3), usegmt=True)
    route = Route(status=503, headers={"Retry-After": when})
    feed_id = subscribe(db, feed_server.add("/busy", route))
    [result] = poller.poll().results
    assert result.error == "the server answered 503 Service Unavailable and asked to wait 3 h"
    assert load_feed(db, feed_id).next_poll_at == NOW + timedelta(hours=3)


def test_ttl_and_max_age_stretch_the_interval(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    ttl_id = subscribe(db, feed_server.add("/ttl", Route(body=small_feed("a", ttl=90))))
    cache = Route(body=small_feed("b"), headers={"Cache-Control": "public, max-age=10800"})
    cache_id = subscribe(db, feed_server.add("/cache", cache))
    short = Route(body=small_feed("c"), headers={"Cache-Control": "max-age=60"})
    short_id = subscribe(db, feed_server.add("/short", short))

    poller.poll()

    assert load_feed(db, ttl_id).next_poll_at == NOW + timedelta(minutes=90)
    assert load_feed(db, ttl_id).server_min_interval_s == 90 * 60
    assert load_feed(db, cache_id).next_poll_at == NOW + timedelta(hours=3)
    # A server asking for less than our interval does not make us poll more often.
    assert load_feed(db, short_id).next_poll_at == NOW + timedelta(minutes=30)


def test_body_slower_than_the_total_timeout_is_cut(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    # Each chunk arrives well within the read timeout; only the total limit can stop it.
    route = Route(body=feed_bytes("tmz-2018.rss"), chunk_size=200, chunk_delay=0.1)
    feed_id = subscribe(db, feed_server.add("/drip", route))

    [result] = poller.poll().results

    assert result.error == "timed out after 1.5 s"
    assert load_feed(db, feed_id).last_error == "timed out after 1.5 s"
    assert articles(db) == []


def test_server_slower_than_the_read_timeout(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    subscribe(db, feed_server.add("/slow", Route(body=small_feed("late"), delay=3)))
    [result] = poller.poll().results
    assert result.error == "timed out after 0.5 s"


def test_endless_body_is_stopped_at_the_size_limit(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    feed_id = subscribe(db, feed_server.add("/endless", Route(endless=True, chunk_size=8192)))
    [result] = poller.poll().results
    assert result.error == "larger than 512 KB, stopped"
    assert load_feed(db, feed_id).last_error == "larger than 512 KB, stopped"
    assert articles(db) == []


def test_declared_oversize_body_is_refused(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    subscribe(db, feed_server.add("/big", Route(body=b" " * (600 * 1024))))
    [result] = poller.poll().results
    assert result.error == "larger than 512 KB, stopped"


def test_gzip_is_accepted_and_decoded(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    route = Route(body=feed_bytes("guardian-us-2018.rss"), gzip=True)
    feed_id = subscribe(db, feed_server.add("/gz", route))
    [result] = poller.poll().results
    assert (result.outcome, result.new_articles) == ("new", 55)
    assert len(articles(db, feed_id)) == 55
    request = feed_server.last_request("/gz")
    assert "gzip" in request.headers["accept-encoding"]
    assert request.headers["user-agent"].startswith("Watchlist/")


def test_gzip_bomb_is_stopped_at_the_size_limit(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    route = Route(body=b"<rss>" + b" " * (5 * 1024 * 1024), gzip=True)
    subscribe(db, feed_server.add("/bomb", route))
    [result] = poller.poll().results
    assert result.error == "larger than 512 KB, stopped"


def test_html_page_instead_of_a_feed(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    page = b"<!DOCTYPE html><html><head><title>Deadline</title></head><body>News</body></html>"
    route = Route(body=page, content_type="text/html; charset=utf-8")
    feed_id = subscribe(db, feed_server.add("/page", route))

    [result] = poller.poll().results

    assert result.error == "not a feed: the server sent an HTML page"
    assert load_feed(db, feed_id).last_error == "not a feed: the server sent an HTML page"
    assert articles(db) == []


def test_feed_served_as_text_html_is_still_read(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    route = Route(body=small_feed("Mislabelled"), content_type="text/html")
    subscribe(db, feed_server.add("/mislabelled", route))
    [result] = poller.poll().results
    assert (result.outcome, result.new_articles) == ("new", 1)


def test_empty_body(db: Database, feed_server: FeedServer, poller: FeedPoller) -> None:
    subscribe(db, feed_server.add("/empty", Route(body=b"  \n")))
    [result] = poller.poll().results
    assert result.error == "the server sent an empty document"


def test_malformed_xml_without_entries_is_an_error(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    subscribe(db, feed_server.add("/bad", Route(body=b"<?xml version='1.0'?><rss><channel><ti")))
    [result] = poller.poll().results
    assert result.outcome == "error"
    assert result.error is not None and "malformed XML" in result.error


def test_malformed_xml_with_entries_keeps_them_and_notes_it(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    body = small_feed("Kept one", "Kept two").replace(b"</channel></rss>", b"<item><title>cut")
    feed_id = subscribe(db, feed_server.add("/truncated", Route(body=body)))

    [result] = poller.poll().results

    assert result.outcome == "new" and result.new_articles >= 2
    assert result.note is not None and "malformed XML" in result.note
    assert {"Kept one", "Kept two"} <= {a.title for a in articles(db, feed_id)}
    assert load_feed(db, feed_id).last_error is None


def test_billion_laughs_is_refused_quickly(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY lol0 "lol">{entities}]>'
        f'<rss version="2.0"><channel><title>&lol9;</title>'
        f"<item><title>&lol9;</title><guid>x</guid></item></channel></rss>"
    ).encode()
    feed_id = subscribe(db, feed_server.add("/lol", Route(body=body)))

    [result] = poller.poll().results

    assert result.error == (
        "unsafe feed: it declares XML entities, which Watchlist refuses to expand"
    )
    assert articles(db) == []
    assert "lol" not in load_feed(db, feed_id).title


@pytest.mark.parametrize("layout", ["one line", "multi line", "parameter entity"])
def test_external_entities_never_leak_a_file(
    db: Database, feed_server: FeedServer, poller: FeedPoller, tmp_path: Path, layout: str
) -> None:
    secret_file = tmp_path / "secret.txt"
    secret_file.write_text("TOP-SECRET-7f3a9")
    uri = secret_file.as_uri()
    doctypes = {
        "one line": f'<!DOCTYPE rss [<!ENTITY xxe SYSTEM "{uri}">]>',
        "multi line": f'<!DOCTYPE rss [\n  <!ENTITY xxe SYSTEM "{uri}" >\n]>',
        "parameter entity": f'<!DOCTYPE rss [<!ENTITY % p SYSTEM "{uri}"> %p;]>',
    }
    body = (
        f'<?xml version="1.0"?>{doctypes[layout]}<rss version="2.0"><channel>'
        f"<title>t &xxe;</title><item><title>Leak &xxe;</title><description>&xxe;"
        f"</description><guid>g</guid></item></channel></rss>"
    ).encode()
    feed_id = subscribe(db, feed_server.add("/xxe", Route(body=body)))

    [result] = poller.poll().results

    assert result.outcome == "error"
    assert result.error is not None and result.error.startswith("unsafe feed")
    stored = " ".join(f"{a.title} {a.summary} {a.guid}" for a in articles(db))
    feed = load_feed(db, feed_id)
    assert "TOP-SECRET" not in stored + feed.title + (feed.last_error or "")


def test_external_dtd_is_not_loaded(
    db: Database, feed_server: FeedServer, poller: FeedPoller, tmp_path: Path
) -> None:
    secret_file = tmp_path / "secret.dtd"
    secret_file.write_text('<!ENTITY leak "TOP-SECRET-DTD">')
    body = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{secret_file.as_uri()}">'
        f'<rss version="2.0"><channel><title>Plain</title>'
        f"<item><title>Item &leak;</title><guid>g</guid></item></channel></rss>"
    ).encode()
    feed_id = subscribe(db, feed_server.add("/dtd", Route(body=body)))
    poller.poll()
    stored = " ".join(f"{a.title} {a.summary}" for a in articles(db))
    assert "TOP-SECRET" not in stored + load_feed(db, feed_id).title


def test_connection_refused(db: Database, poller: FeedPoller) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    feed_id = subscribe(db, f"http://127.0.0.1:{port}/feed")
    [result] = poller.poll().results
    assert result.error == "connection refused by 127.0.0.1"
    assert load_feed(db, feed_id).last_error == "connection refused by 127.0.0.1"


def test_file_urls_are_read_and_unchanged_files_cost_no_parsing(
    db: Database, poller: FeedPoller, parser: CountingParser, clock: Clock, tmp_path: Path
) -> None:
    path = tmp_path / "feed.xml"
    path.write_bytes(small_feed("Offline"))
    feed_id = subscribe(db, path.as_uri())
    missing_id = subscribe(db, (tmp_path / "missing.xml").as_uri())

    first = {r.feed_id: r for r in poller.poll().results}
    clock.now += timedelta(hours=1)
    second = {r.feed_id: r for r in poller.poll().results}

    assert (first[feed_id].outcome, first[feed_id].new_articles) == ("new", 1)
    assert second[feed_id].outcome == "not_modified"
    assert parser.calls == 1
    assert first[missing_id].error == f"no such file: {tmp_path / 'missing.xml'}"


def test_due_only_and_check_now(
    db: Database, feed_server: FeedServer, poller: FeedPoller, clock: Clock
) -> None:
    a = subscribe(db, feed_server.add("/a", Route(body=small_feed("a"))))
    b = subscribe(db, feed_server.add("/b", Route(body=small_feed("b"))))
    assert {r.feed_id for r in poller.poll().results} == {a, b}

    clock.now += timedelta(minutes=10)
    assert poller.poll().results == []
    assert [r.feed_id for r in poller.poll(feed_ids=[b]).results] == [b]
    assert {r.feed_id for r in poller.poll(due_only=False).results} == {a, b}
    clock.now += timedelta(minutes=31)
    assert {r.feed_id for r in poller.poll().results} == {a, b}


def test_one_failing_feed_does_not_stop_the_others(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    subscribe(db, feed_server.add("/ok", Route(body=small_feed("fine"))))
    subscribe(db, feed_server.add("/broken", Route(status=500)))
    report = poller.poll()
    assert sorted(r.outcome for r in report.results) == ["error", "new"]
    assert not report.all_failed
    assert report.new_articles == 1


def test_all_failed_when_every_feed_fails(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    subscribe(db, feed_server.add("/a", Route(status=404)))
    subscribe(db, feed_server.add("/b", Route(status=500)))
    assert poller.poll().all_failed


class _RecordingClient:
    """A FeedClient double: serves a small feed, records how many fetches overlap."""

    def __init__(self, fail_on: str | None = None) -> None:
        self.active = 0
        self.peak = 0
        self.lock = threading.Lock()
        self.fail_on = fail_on

    def fetch(self, request: FetchRequest) -> FetchResponse:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
        try:
            time.sleep(0.05)
            if self.fail_on and request.url.endswith(self.fail_on):
                raise RuntimeError("a bug in the client")
            return FetchResponse(request.url, 200, {}, small_feed(request.url))
        finally:
            with self.lock:
                self.active -= 1


def test_concurrency_is_bounded_and_progress_reported(db: Database) -> None:
    ids = [subscribe(db, f"https://feeds.example/{i}") for i in range(7)]
    client = _RecordingClient()
    progress: list[PollProgress] = []
    poller = FeedPoller(db, client=client, max_concurrency=3)

    report = poller.poll(on_progress=progress.append)

    assert [r.feed_id for r in report.results] == ids
    assert client.peak <= 3
    assert sorted(p.done for p in progress) == list(range(1, 8))
    assert {p.total for p in progress} == {7}


def test_unexpected_client_failure_is_recorded_not_raised(db: Database) -> None:
    good = subscribe(db, "https://feeds.example/good")
    bad = subscribe(db, "https://feeds.example/bad")
    client: FeedClient = _RecordingClient(fail_on="/bad")

    results = {r.feed_id: r for r in FeedPoller(db, client=client).poll().results}

    assert results[good].outcome == "new"
    assert results[bad].error == "internal error while checking this feed (details are in the log)"
    assert load_feed(db, bad).consecutive_failures == 1


def test_cancel_stops_before_fetching(db: Database) -> None:
    subscribe(db, "https://feeds.example/a")
    cancel = threading.Event()
    cancel.set()
    client = _RecordingClient()
    report = FeedPoller(db, client=client).poll(cancel=cancel)
    assert report.results == [] and report.cancelled
    assert client.peak == 0


def test_run_poll_stores_then_runs_detection(db: Database, feed_server: FeedServer) -> None:
    feed_id = subscribe(db, feed_server.add("/f", Route(body=small_feed("One", "Two"))))

    outcome = run_poll(db, poller=FeedPoller(db, rand=lambda: 0.0))

    assert outcome.report.results[0].new_articles == 2
    assert isinstance(outcome.changes, list)
    assert all(a.processed_at is not None for a in articles(db, feed_id))


def test_removed_feed_keeps_its_articles(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    from watchlist.core.feeds.registry import remove_feed

    url = feed_server.add("/f", Route(body=small_feed("Evidence")))
    subscribe(db, url)
    poller.poll()
    with db.session() as session:
        remove_feed(session, url)
        assert session.scalars(select(Feed)).all() == []
    [article] = articles(db)
    assert (article.feed_id, article.source, article.title) == (None, "Small Feed", "Evidence")


class _ManyItemsClient:
    """Answers every feed at once with twenty items of its own."""

    def fetch(self, request: FetchRequest) -> FetchResponse:
        return FetchResponse(
            request.url, 200, {}, small_feed(*[f"{request.url} {i}" for i in range(20)])
        )


@pytest.mark.postgres
def test_concurrent_stores_all_succeed(db: Database) -> None:
    for i in range(30):
        subscribe(db, f"https://feeds.example/{i}")
    report = FeedPoller(db, client=_ManyItemsClient(), max_concurrency=8).poll()
    assert {r.outcome for r in report.results} == {"new"}
    assert report.new_articles == 30 * 20
    assert len(articles(db)) == 30 * 20


@pytest.mark.postgres
def test_oversized_validators_are_ignored_not_fatal(
    db: Database, feed_server: FeedServer, poller: FeedPoller
) -> None:
    route = Route(body=small_feed("x"), etag='"' + "e" * 600 + '"', last_modified="L" * 150)
    feed_id = subscribe(db, feed_server.add("/long", route))
    [result] = poller.poll().results
    feed = load_feed(db, feed_id)
    assert (result.outcome, feed.etag, feed.last_modified) == ("new", None, None)
