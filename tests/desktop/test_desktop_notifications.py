"""The whole app on a real desktop: a poll finds a deal for a followed film, the notification
daemon receives exactly one notification with the right words, and the tray icon shows.

Runs Xvfb, a private D-Bus session bus, dunst (a freedesktop notification daemon) and trayer
(an XEmbed system tray), then ``python -m watchlist`` as a real subprocess on the xcb
platform, reading a feed from a server on 127.0.0.1.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import func, select

from tests.desktop.session import DesktopSession, require_programs, stop_process, wait_until
from tests.feedserver import FeedServer, Route
from watchlist.core.db import open_database
from watchlist.core.feeds.registry import add_feed, list_feeds, remove_feed, subscribe_default_feeds
from watchlist.core.films import FilmSpec, add_film, parse_people
from watchlist.core.models import Article, Feed, NotificationRecord
from watchlist.paths import app_paths

pytestmark = pytest.mark.desktop

# Deadline's EFM report of the Good Sex deal, as in tests/data/detection/dev.jsonl (dev-001).
HEADLINE = (
    "Netflix Lands Lena Dunham's Rom-Com 'Good Sex' Starring Natalie Portman For $55M "
    "After Bidding War At EFM"
)
SUMMARY = (
    "Netflix has won the bidding war for worldwide rights to Good Sex, the Lena Dunham-written "
    "and directed romantic comedy starring Natalie Portman, in a deal worth $55 million struck "
    "during the European Film Market in Berlin. Netflix has not yet announced a release date."
)


def feed_xml() -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Trade news</title><link>http://127.0.0.1/</link><description>Film deals</description>
<item>
  <title>{escape(HEADLINE)}</title>
  <link>http://127.0.0.1/good-sex-netflix-efm</link>
  <guid>good-sex-netflix-efm</guid>
  <pubDate>Sat, 15 Feb 2025 10:00:00 GMT</pubDate>
  <description>{escape(SUMMARY)}</description>
</item>
</channel></rss>""".encode()


@pytest.fixture
def desktop(tmp_path: Path) -> Iterator[DesktopSession]:
    require_programs()
    session = DesktopSession(tmp_path)
    try:
        session.start()
        yield session
    finally:
        session.stop()


def app_log_text() -> str:
    """The app's own log file (in the test's isolated XDG state folder)."""
    path = app_paths().log_file
    return path.read_text(errors="replace") if path.exists() else "(no log file)"


def prepare_database(url: str, feed_url: str) -> None:
    """A followed film and the local feed; the curated default feeds are subscribed once and
    removed, so the app does not try to reach the internet."""
    db = open_database(url)
    try:
        with db.session() as session:
            subscribe_default_feeds(session)
            for feed in list_feeds(session):
                remove_feed(session, feed.url)
            add_feed(session, feed_url, title="Trade news")
            add_film(
                session,
                FilmSpec(
                    title="Good Sex",
                    year=2026,
                    people=parse_people("Lena Dunham (director); Natalie Portman"),
                ),
            )
    finally:
        db.dispose()


def test_a_new_deal_raises_one_desktop_notification_and_the_tray_icon_shows(
    desktop: DesktopSession, tmp_path: Path
) -> None:
    db_url = f"sqlite:///{tmp_path / 'watchlist.sqlite3'}"
    with FeedServer() as server:
        feed_url = server.add("/deals.rss", Route(body=feed_xml()))
        prepare_database(db_url, feed_url)
        env = {
            **desktop.env,
            "QT_QPA_PLATFORM": "xcb",
            "WATCHLIST_USER": "desktop-test",
        }
        log_file = tmp_path / "app.log"

        def app_log() -> str:
            exit_code = app.poll()
            state = "running" if exit_code is None else f"exited with {exit_code}"
            output = log_file.read_text(errors="replace")
            return f"The app is {state}; its output:\n{output}\nIts log:\n{app_log_text()}"

        with log_file.open("wb") as log:
            app = subprocess.Popen(
                [sys.executable, "-m", "watchlist", "--db", db_url],
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            wait_until(lambda: server.hits("/deals.rss") >= 1, "the app to poll", explain=app_log)
            db = open_database(db_url)
            try:

                def poll_done() -> bool:
                    with db.session() as session:
                        unprocessed = session.scalar(
                            select(func.count(Article.id)).where(Article.processed_at.is_(None))
                        )
                        fetched = session.scalar(
                            select(Feed.last_fetched_at).where(Feed.url == feed_url)
                        )
                        return fetched is not None and unprocessed == 0

                wait_until(
                    poll_done, "the app to fetch the feed and run detection", explain=app_log
                )
                wait_until(
                    desktop.notification_count, "a notification on the desktop", explain=app_log
                )

                def records() -> int:
                    with db.session() as session:
                        return int(session.scalar(select(func.count(NotificationRecord.id))) or 0)

                assert records() == 1

                def clicked() -> bool:
                    with db.session() as session:
                        query = select(NotificationRecord.clicked_at)
                        return session.scalar(query) is not None

                # Open on the bubble goes back to the app (ActionInvoked) and is recorded.
                desktop.click_first_notification()
                wait_until(clicked, "the click on Open to reach the app", explain=app_log)
            finally:
                db.dispose()

            def tray_icon_shown() -> bool:
                icons = [line for line in desktop.tray_icons() if "Watchlist" in line]
                return bool(icons) and desktop.is_viewable(icons[0].split()[0])

            wait_until(
                tray_icon_shown,
                "the Watchlist icon to be embedded and viewable in the tray",
                explain=desktop.window_tree,
            )

            notifications = desktop.received_notifications()
            assert [(n["appname"], n["summary"]) for n in notifications] == [
                ("Watchlist", "Good Sex: acquired by Netflix")
            ]
            assert "$55M" in notifications[0]["body"]
            assert "Desktop notifications: using freedesktop" in app_log_text()
        finally:
            stop_process(app)
        log_text = log_file.read_text(errors="replace")
        assert "Traceback" not in log_text, log_text
