"""A full disk, a read-only data folder or file, and a database locked by another program:
one clear sentence and a non-zero exit code (a message box in the window), nothing half
written, and whatever can still work (reading) keeps working."""

from __future__ import annotations

import ctypes
import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

import watchlist.core.db as db_module
from tests.feedserver import FeedServer, Route
from tests.reliability.conftest import cli_command, cli_env, integrity, news_feed
from tests.ui.conftest import close_window, open_window
from tests.ui.helpers import answer_next_message_box
from watchlist.cli.app import main
from watchlist.core.db import open_database
from watchlist.core.feeds.registry import add_feed
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Article, Film
from watchlist.ui.dialogs.import_preview import ImportPreviewDialog
from watchlist.ui.settings import AppSettings

PR_CAPBSET_DROP = 24
CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 1, 2


def follow(db_url: str, *titles: str) -> None:
    db = open_database(db_url)
    with db.session() as session:
        for title in titles:
            add_film(session, FilmSpec(title, 2026))
    db.dispose()


def count(db_url: str, what: Any) -> int:
    db = open_database(db_url)
    with db.session() as session:
        number = session.scalar(select(func.count()).select_from(what)) or 0
    db.dispose()
    return number


def page_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return int(connection.execute("PRAGMA page_count").fetchone()[0])


@pytest.fixture
def disk_nearly_full(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """A watchlist whose every connection may grow the file by two pages at most."""
    path = tmp_path / "watchlist.sqlite3"
    url = f"sqlite:///{path}"
    follow(url, "Good Sex", "Sinners")
    limit = page_count(path) + 2
    original = db_module._set_sqlite_pragmas

    def small_disk(connection: Any, record: Any) -> None:
        original(connection, record)
        connection.execute(f"PRAGMA max_page_count={limit}")

    monkeypatch.setattr(db_module, "_set_sqlite_pragmas", small_disk)
    yield url


def test_full_disk_import_says_so_and_imports_nothing(
    disk_nearly_full: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    csv_path = tmp_path / "big.csv"
    rows = "".join(f"Film number {n},2020,{'A note. ' * 40}\r\n" for n in range(2000))
    csv_path.write_text("title,year,notes\r\n" + rows, encoding="utf-8")

    assert main(["--db", disk_nearly_full, "import", str(csv_path)]) == 2
    error = capsys.readouterr().err
    assert "The disk is full; nothing was changed. Free some space and try again." in error
    assert count(disk_nearly_full, Film) == 2  # all or nothing
    assert integrity(tmp_path / "watchlist.sqlite3") == "ok"
    # Reading still works on a full disk.
    assert main(["--db", disk_nearly_full, "list"]) == 0
    assert "Good Sex (2026)" in capsys.readouterr().out


def test_full_disk_poll_reports_each_feed_in_words_and_stores_no_partial_feed(
    disk_nearly_full: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with FeedServer() as server:
        db = open_database(disk_nearly_full)
        with db.session() as session:
            for number in range(3):
                add_feed(session, server.add(f"/f{number}.xml", Route(body=news_feed(number, 300))))
        db.dispose()
        code = main(["--db", disk_nearly_full, "poll", "--once", "--all"])
    output = capsys.readouterr()
    assert code != 0
    assert "internal error" not in output.out + output.err
    assert "The disk is full" in output.out + output.err
    assert count(disk_nearly_full, Article) == 0  # a feed is stored whole or not at all
    assert integrity(tmp_path / "watchlist.sqlite3") == "ok"


def _without_root_powers() -> None:
    # Root ignores file permissions; drop that power in the child so chmod means something.
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
            if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
                raise OSError(ctypes.get_errno(), "cannot drop root's file permission override")


def run_unprivileged(db_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(db_url, *args),
        capture_output=True,
        text=True,
        timeout=120,
        env=cli_env(),
        preexec_fn=_without_root_powers,
    )


@pytest.fixture
def permissions_apply(tmp_path: Path) -> None:
    probe_dir = tmp_path / "probe"
    probe_dir.mkdir(mode=0o555)
    try:
        touched = subprocess.run(
            ["touch", str(probe_dir / "file")],
            preexec_fn=_without_root_powers,
            stderr=subprocess.DEVNULL,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        pytest.skip("file permissions cannot be enforced for this user")
    probe_dir.chmod(0o755)
    if touched.returncode == 0:
        pytest.skip("file permissions are not enforced here")


def test_read_only_data_folder_is_refused_in_words(permissions_apply: None, tmp_path: Path) -> None:
    data = tmp_path / "data"
    url = f"sqlite:///{data / 'watchlist.sqlite3'}"
    follow(url, "Good Sex")
    before = (data / "watchlist.sqlite3").read_bytes()
    data.chmod(0o555)
    try:
        run = run_unprivileged(url, "add", "Nope", "--year", "2022")
    finally:
        data.chmod(0o755)
    assert run.returncode == 2
    assert f"The data folder {data} is not writable" in run.stderr
    assert "choose another location with --db or WATCHLIST_DB" in run.stderr
    assert "Traceback" not in run.stderr
    assert (data / "watchlist.sqlite3").read_bytes() == before


def test_read_only_database_file_still_reads_and_refuses_writes(
    permissions_apply: None, tmp_path: Path
) -> None:
    path = tmp_path / "watchlist.sqlite3"
    url = f"sqlite:///{path}"
    follow(url, "Good Sex")
    path.chmod(0o444)
    listing = run_unprivileged(url, "list")
    assert listing.returncode == 0, listing.stderr
    assert "Good Sex (2026)" in listing.stdout
    adding = run_unprivileged(url, "add", "Nope", "--year", "2022")
    assert adding.returncode == 2
    assert "The database is read-only; nothing was changed." in adding.stderr
    path.chmod(0o644)
    assert count(url, Film) == 1


class Blocker:
    """Another program holding the write lock of a SQLite file until released."""

    def __init__(self, path: Path) -> None:
        script = (
            "import sqlite3, sys\n"
            f"c = sqlite3.connect({str(path)!r}, isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", script], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "locked"

    def release(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("\n")
        self.process.stdin.close()
        self.process.wait(timeout=10)


@pytest.fixture
def short_lock_wait(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give up on a lock after 0.2 s instead of 10 s (engines opened from now on)."""
    monkeypatch.setattr(db_module, "SQLITE_BUSY_TIMEOUT_MS", 200)


def test_locked_database_cli_says_so_then_works_once_released(
    short_lock_wait: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "watchlist.sqlite3"
    url = f"sqlite:///{path}"
    follow(url, "Good Sex")
    blocker = Blocker(path)
    try:
        assert main(["--db", url, "add", "Nope", "--year", "2022"]) == 2
        assert main(["--db", url, "list"]) == 0  # readers are not blocked (WAL)
    finally:
        blocker.release()
    output = capsys.readouterr()
    assert (
        "The database is locked by another program; nothing was changed. Try again in a moment."
        in output.err
    )
    assert "Good Sex (2026)" in output.out
    assert count(url, Film) == 1
    assert main(["--db", url, "add", "Nope", "--year", "2022"]) == 0
    assert count(url, Film) == 2


def test_locked_database_in_the_window_shows_a_message_and_the_window_keeps_working(
    short_lock_wait: None, qtbot: QtBot, tmp_path: Path, app_settings: AppSettings
) -> None:
    path = tmp_path / "watchlist.sqlite3"
    db = open_database(f"sqlite:///{path}")
    with db.session() as session:
        film_id = add_film(session, FilmSpec("Good Sex", 2026)).id
    window = open_window(qtbot, db, app_settings)
    blocker = Blocker(path)
    try:
        shown = answer_next_message_box("OK")
        window.set_muted(film_id, True)
        qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    finally:
        blocker.release()
    assert "locked by another program; nothing was changed" in shown[0]
    assert window.isVisible()
    with db.session() as session:
        film = session.get(Film, film_id)
        assert film is not None and not film.muted
    with qtbot.waitSignal(window.films_loaded, timeout=10_000):
        window.set_muted(film_id, True)
    with db.session() as session:
        film = session.get(Film, film_id)
        assert film is not None and film.muted
    close_window(qtbot, window)
    db.dispose()


def test_full_disk_import_in_the_window_says_so_and_can_be_retried(
    disk_nearly_full: str, tmp_path: Path, qtbot: QtBot
) -> None:
    csv_path = tmp_path / "big.csv"
    rows = "".join(f"Film number {n},2020,{'A note. ' * 40}\r\n" for n in range(2000))
    csv_path.write_text("title,year,notes\r\n" + rows, encoding="utf-8")
    db = open_database(disk_nearly_full)
    dialog = ImportPreviewDialog(db, csv_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.import_button.isEnabled(), timeout=10_000)
    dialog.start_import()
    qtbot.waitUntil(lambda: "disk is full" in dialog.status_label.text(), timeout=20_000)
    assert "nothing was changed" in dialog.status_label.text()
    assert dialog.isVisible()  # still open: free some space and press Import again
    assert dialog.import_button.isEnabled()
    assert count(disk_nearly_full, Film) == 2
    db.dispose()
