"""``watchlist feeds ...`` and ``watchlist poll`` as a user runs them, against 127.0.0.1."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.feedserver import FeedServer, Route
from watchlist.cli.app import main
from watchlist.cli.poll import TerminalProgress
from watchlist.core.feeds.poller import PollProgress
from watchlist.core.feeds.registry import load_default_feeds

FEED = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>Trade Feed</title>'
    b"<item><title>Good Sex lands at Netflix</title><guid>1</guid></item>"
    b"<item><title>Sinners dated</title><guid>2</guid></item></channel></rss>"
)
PAGE = (
    b'<html><head><link rel="alternate" type="application/rss+xml" href="/feed.xml">'
    b"</head><body>Trade</body></html>"
)


@pytest.fixture
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as server:
        yield server


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_add_with_discovery_list_and_poll(
    db_url: str, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    feed_url = feed_server.add("/feed.xml", Route(body=FEED, etag='"v1"'))
    site = feed_server.add("/", Route(body=PAGE, content_type="text/html"))
    feed_server.add("/missing.xml", Route(status=404))

    code, out, _ = run(capsys, "--db", db_url, "feeds", "add", site)
    assert code == 0
    assert out.splitlines() == [
        f"Found the feed {feed_url} on {site}.",
        f"Subscribed to {feed_url}; it is checked at the next poll.",
    ]
    missing = feed_server.url("/missing.xml")
    assert run(capsys, "--db", db_url, "feeds", "add", "--no-discover", missing)[0] == 0

    code, out, err = run(capsys, "--db", db_url, "poll", "--once")
    assert code == 0
    assert out.splitlines() == [
        "Trade Feed: 2 new items",
        f"{missing}: error: the server answered 404 Not Found",
        "Checked 2 feeds, 2 new items, 0 not modified, 1 failed, 0 status changes.",
    ]
    assert err == ""  # no progress when stderr is not a terminal

    code, out, _ = run(capsys, "--db", db_url, "poll", "--once")
    assert (code, out) == (0, "No feeds are due; use --all to check every feed now.\n")

    code, out, _ = run(capsys, "--db", db_url, "poll", "--once", "--feed", feed_url)
    assert (code, out.splitlines()[0]) == (0, "Trade Feed: not modified")

    code, out, _ = run(capsys, "--db", db_url, "feeds", "list", "--json")
    feeds = {f["url"]: f for f in json.loads(out)["feeds"]}
    assert feeds[feed_url]["title"] == "Trade Feed"
    assert feeds[feed_url]["last_error"] is None
    assert feeds[missing]["last_error"] == "the server answered 404 Not Found"
    assert feeds[missing]["consecutive_failures"] == 1

    code, out, _ = run(capsys, "--db", db_url, "feeds", "list")
    assert f"Trade Feed  <{feed_url}>  ok just now" in out
    assert f"(untitled)  <{missing}>  error: the server answered 404 Not Found" in out


def test_poll_exits_non_zero_only_when_every_feed_failed(
    db_url: str, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in ("/a", "/b"):
        url = feed_server.add(path, Route(status=500))
        run(capsys, "--db", db_url, "feeds", "add", "--no-discover", url)
    code, out, _ = run(capsys, "--db", db_url, "poll", "--once", "--all")
    assert code == 1
    assert out.count("error: the server answered 500 Internal Server Error") == 2


def test_add_errors_are_one_sentence(
    db_url: str, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = feed_server.add("/feed.xml", Route(body=FEED))
    assert run(capsys, "--db", db_url, "feeds", "add", url)[0] == 0
    code, _, err = run(capsys, "--db", db_url, "feeds", "add", url)
    assert (code, err) == (1, f"watchlist: You are already subscribed to {url}.\n")
    code, _, err = run(capsys, "--db", db_url, "feeds", "add", "ftp://example.com/x")
    assert code == 2 and "is not a web address" in err
    page = feed_server.add("/page", Route(body=b"<html>none</html>", content_type="text/html"))
    code, _, err = run(capsys, "--db", db_url, "feeds", "add", page)
    assert code == 1 and "the page names no RSS or Atom feed" in err
    code, _, err = run(capsys, "--db", db_url, "feeds", "remove", "https://nope.example/")
    assert (code, err) == (1, "watchlist: You are not subscribed to https://nope.example/.\n")


def test_enable_disable_remove(
    db_url: str, feed_server: FeedServer, capsys: pytest.CaptureFixture[str]
) -> None:
    url = feed_server.add("/feed.xml", Route(body=FEED))
    run(capsys, "--db", db_url, "feeds", "add", url)
    assert run(capsys, "--db", db_url, "feeds", "disable", url)[1] == f"{url} is disabled.\n"
    code, out, _ = run(capsys, "--db", db_url, "poll", "--once", "--feed", url)
    assert (code, out.splitlines()[0]) == (0, f"{url}: disabled (disabled by you)")
    assert run(capsys, "--db", db_url, "poll", "--once", "--all")[1].startswith("No feeds")
    out = run(capsys, "--db", db_url, "feeds", "enable", url)[1]
    assert out == f"{url} is enabled; it is checked at the next poll.\n"
    assert run(capsys, "--db", db_url, "feeds", "remove", url)[1] == f"Unsubscribed from {url}.\n"
    assert "You have no feeds" in run(capsys, "--db", db_url, "feeds", "list")[1]


def test_import_export(db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_bytes(
        b'<opml version="2.0"><body><outline text="Deadline" xmlUrl="https://deadline.com/feed/"/>'
        b'<outline text="Bad" xmlUrl="gopher://x"/></body></opml>'
    )
    code, out, _ = run(capsys, "--db", db_url, "feeds", "import", str(opml))
    assert code == 0
    assert out.splitlines()[0] == "Imported feeds.opml: 1 added, 0 already subscribed, 1 invalid."
    assert out.splitlines()[1].startswith("  skipped gopher://x: gopher://x is not a web address")

    target = tmp_path / "out.opml"
    assert run(capsys, "--db", db_url, "feeds", "export", str(target))[1] == (
        f"Wrote 1 feeds to {target}.\n"
    )
    assert b'xmlUrl="https://deadline.com/feed/"' in target.read_bytes()

    code, _, err = run(capsys, "--db", db_url, "feeds", "import", str(tmp_path / "none.opml"))
    assert code == 2 and "Cannot read" in err
    bad = tmp_path / "bad.opml"
    bad.write_text("<html></html>")
    code, _, err = run(capsys, "--db", db_url, "feeds", "import", str(bad))
    assert code == 2 and "not a usable OPML feed list" in err


def test_export_to_stdout(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "--db", db_url, "feeds", "add", "--no-discover", "https://variety.com/feed/")
    code, out, _ = run(capsys, "--db", db_url, "feeds", "export")
    assert code == 0
    assert out.startswith("<?xml") and 'xmlUrl="https://variety.com/feed/"' in out


def test_add_defaults(db_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    count = len(load_default_feeds())
    assert (
        run(capsys, "--db", db_url, "feeds", "add-defaults")[1] == f"Added {count} curated feeds.\n"
    )
    assert (
        run(capsys, "--db", db_url, "feeds", "add-defaults")[1] == "You have every curated feed.\n"
    )


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_is_drawn_only_on_a_terminal() -> None:
    terminal, pipe = _Terminal(), io.StringIO()
    for stream in (terminal, pipe):
        progress = TerminalProgress(stream)
        progress(PollProgress(1, 3, "https://deadline.com/feed/"))
        progress.clear()
    assert "[1/3] https://deadline.com/feed/" in terminal.getvalue()
    assert pipe.getvalue() == ""
