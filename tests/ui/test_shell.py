"""The shell around the window: background tasks, single instance, links, words, the demo,
and reading a 10,000-film watchlist in a fixed number of queries."""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
import shiboken6
from PySide6.QtCore import QObject, QThread
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from sqlalchemy import event, insert, select

from tests.ui.helpers import seed_film
from watchlist.core.db import Database, open_database
from watchlist.core.errors import UsageError
from watchlist.core.feeds.registry import list_feeds
from watchlist.core.models import Film, film_identity_key
from watchlist.core.pipeline import run_poll
from watchlist.demo import DEMO_FILMS, create_demo_environment
from watchlist.ui.film_model import Column, FilmFilterProxy, FilmTableModel
from watchlist.ui.format import relative_time, release_text
from watchlist.ui.links import is_web_link, link_html
from watchlist.ui.queries import load_watchlist
from watchlist.ui.single_instance import SingleInstance, server_name
from watchlist.ui.tasks import pending_tasks, run_in_background

pytestmark = [
    pytest.mark.qt_log_level_fail("WARNING"),
    pytest.mark.qt_log_ignore("This plugin does not support"),
]


def test_background_results_and_errors_arrive_on_the_gui_thread(qtbot: QtBot) -> None:
    app = QApplication.instance()
    assert app is not None
    seen: list[tuple[str, object, bool]] = []
    worker_threads: list[QThread | None] = []

    def work() -> int:
        worker_threads.append(QThread.currentThread())
        return 42

    def fail() -> int:
        raise UsageError("Nope.")

    run_in_background(
        work,
        lambda result: seen.append(("done", result, QThread.currentThread() is app.thread())),
        lambda exc: seen.append(("error", exc, False)),
    )
    run_in_background(
        fail,
        lambda result: seen.append(("done", result, False)),
        lambda exc: seen.append(("error", str(exc), QThread.currentThread() is app.thread())),
    )
    qtbot.waitUntil(lambda: len(seen) == 2 and pending_tasks() == 0)
    assert sorted(seen, key=str) == [("done", 42, True), ("error", "Nope.", True)]
    assert worker_threads[0] is not app.thread()


def test_no_callback_reaches_a_widget_deleted_while_its_task_ran(qtbot: QtBot) -> None:
    release = threading.Event()
    calls: list[object] = []
    owner = QObject()
    run_in_background(lambda: release.wait(10), calls.append, calls.append, context=owner)
    shiboken6.delete(owner)  # the dialog was closed
    release.set()
    qtbot.waitUntil(lambda: pending_tasks() == 0)
    assert calls == []


def test_a_second_launch_raises_the_running_instance(qtbot: QtBot, tmp_path: object) -> None:
    url = f"sqlite:///{tmp_path}/one.sqlite3"
    running = SingleInstance(url)
    assert running.listen()
    try:
        second = SingleInstance(url)
        with qtbot.waitSignal(running.raise_requested, timeout=5_000):
            assert second.notify_running_instance()
        other = SingleInstance(f"sqlite:///{tmp_path}/other.sqlite3")
        assert not other.notify_running_instance()
        assert server_name(url) != server_name(f"sqlite:///{tmp_path}/other.sqlite3")
    finally:
        running.close()
    assert not SingleInstance(url).notify_running_instance()


def test_only_web_links_are_links() -> None:
    assert is_web_link("https://deadline.com/x")
    assert is_web_link("http://variety.com/")
    for bad in (
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/html,x",
        "",
        None,
        "https:",
    ):
        assert not is_web_link(bad)
    assert link_html("A & <B>", "https://x.example/?a=1&b=2") == (
        '<a href="https://x.example/?a=1&amp;b=2">A &amp; &lt;B&gt;</a>'
    )
    assert link_html("<script>", "javascript:x") == "&lt;script&gt;"


def test_release_dates_read_at_their_precision() -> None:
    assert release_text("2027-03-12", "day") == "March 12, 2027"
    assert release_text("2027-03", "month") == "March 2027"
    assert release_text("2027-09", "season") == "Fall 2027"
    assert release_text("2027-fall", "season") == "Fall 2027"
    assert release_text("2027", "year") == "2027"
    assert release_text(None, None) == ""


def test_relative_times() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert relative_time(now - timedelta(seconds=30), now) == "just now"
    assert relative_time(now - timedelta(minutes=5), now) == "5 min ago"
    assert relative_time(now - timedelta(hours=3), now) == "3 h ago"
    assert relative_time(now - timedelta(days=1, hours=2), now) == "yesterday"
    assert relative_time(now - timedelta(days=4), now) == "4 days ago"
    assert relative_time(now - timedelta(days=90), now) == "27 Aug 2026"
    assert relative_time(None, now) == ""


def test_ten_thousand_films_load_in_a_fixed_number_of_queries(db: Database) -> None:
    with db.session() as session:
        session.execute(
            insert(Film),
            [
                {
                    "title": f"Film {n:05d}",
                    "year": 2000 + n % 30,
                    "identity_key": film_identity_key(f"Film {n:05d}", 2000 + n % 30),
                    "status": ("dated", "acquired", "unannounced")[n % 3],
                    "followed": True,
                }
                for n in range(10_000)
            ],
        )
    seed_film(
        db,
        "Good Sex",
        2026,
        people="Natalie Portman (cast)",
        events=[{"kind": "trailer", "fields": {}, "sources": []}],
    )
    statements: list[str] = []
    event.listen(db.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    rows = load_watchlist(db, "tester")
    assert len(rows) == 10_001
    assert len(statements) <= 4  # films, people, aliases, unread counts: no query per film

    model = FilmTableModel()
    model.set_rows(rows)
    proxy = FilmFilterProxy()
    proxy.setSourceModel(model)
    proxy.set_search_text("portman")
    assert proxy.rowCount() == 1
    assert proxy.index(0, Column.UNREAD).data() == "●"
    proxy.set_search_text("")
    proxy.set_statuses(frozenset({"dated"}))
    assert proxy.rowCount() == 3334


def test_the_demo_has_films_and_local_feeds_that_poll_offline() -> None:
    environment = create_demo_environment()
    try:
        assert environment.folder.exists()
        db = open_database(environment.db_url)
        try:
            with db.session() as session:
                titles = set(session.scalars(select(Film.title)))
                feeds = [feed.url for feed in list_feeds(session)]
            assert titles == {spec.title for spec in DEMO_FILMS}
            assert "Good Sex" in titles
            assert len(feeds) == 2 and all(url.startswith("file://") for url in feeds)
            outcome = run_poll(db)
            assert all(result.outcome == "new" for result in outcome.report.results)
            assert outcome.report.new_articles == 28
        finally:
            db.dispose()
    finally:
        environment.cleanup()
    assert not environment.folder.exists()
