"""Backups in use: automatic daily backups (window and serve), restore, a damaged database at
start (the recovery dialog), and the read-only, full and locked database cases in the window."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox
from pytestqt.qtbot import QtBot

from tests.reliability.conftest import run_cli
from tests.ui.conftest import close_window, open_window
from tests.ui.helpers import answer_next_message_box
from watchlist.core.backup import backup_database, list_backups
from watchlist.core.db import Database, open_database
from watchlist.core.films import FilmSpec, add_film, list_films
from watchlist.paths import app_paths
from watchlist.ui.recovery import DailyBackup, open_database_with_recovery
from watchlist.ui.settings import AppSettings


def follow(db_url: str, *titles: str) -> None:
    db = open_database(db_url)
    with db.session() as session:
        for title in titles:
            add_film(session, FilmSpec(title, 2026))
    db.dispose()


def followed(db: Database) -> list[str]:
    with db.session() as session:
        return sorted(film.title for film in list_films(session))


def damage(path: Path) -> bytes:
    """Overwrite the header and the first pages: SQLite no longer recognises the file."""
    data = bytearray(path.read_bytes())
    data[:4096] = b"\xde\xad" * 2048
    path.write_bytes(bytes(data))
    for suffix in ("-wal", "-shm"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return bytes(data)


def set_aside(db_path: Path, reason: str) -> list[Path]:
    """Database files moved aside for ``reason`` (their -wal/-shm companions left out)."""
    return sorted(
        p
        for p in db_path.parent.iterdir()
        if p.name.startswith(f"{db_path.name}.{reason}-") and not p.name.endswith(("-wal", "-shm"))
    )


def when_modal(kind: type, act: Callable[[object], None]) -> None:
    """Run ``act`` on the next modal widget of ``kind`` once it shows."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if not isinstance(widget, kind):
            QTimer.singleShot(10, poll)
            return
        act(widget)

    QTimer.singleShot(0, poll)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "watchlist.sqlite3"


def test_damaged_database_at_start_is_kept_aside_and_the_latest_backup_restored(
    qtbot: QtBot, db_path: Path
) -> None:
    url = f"sqlite:///{db_path}"
    backup_dir = app_paths().backup_dir
    follow(url, "Good Sex")
    backup_database(db_path, backup_dir, today=date(2026, 11, 20))
    follow(url, "Added Later")
    backup_database(db_path, backup_dir, today=date(2026, 11, 24))
    follow(url, "Added Today")
    damaged = damage(db_path)

    shown = answer_next_message_box("Restore the backup")
    db = open_database_with_recovery(url, backup_dir)

    assert db is not None
    assert "is damaged" in shown[0]
    assert followed(db) == ["Added Later", "Good Sex"]  # the latest backup, not the older one
    [aside] = set_aside(db_path, "replaced")
    assert aside.read_bytes() == damaged  # moved, byte for byte, never deleted
    db.dispose()


def test_damaged_database_at_start_can_start_empty_or_quit(qtbot: QtBot, db_path: Path) -> None:
    url = f"sqlite:///{db_path}"
    follow(url, "Good Sex")
    damaged = damage(db_path)
    backup_dir = app_paths().backup_dir

    answer_next_message_box("Quit")
    assert open_database_with_recovery(url, backup_dir) is None
    assert db_path.read_bytes() == damaged  # quitting leaves the file exactly as it was

    def no_restore_offered(box: object) -> None:
        assert isinstance(box, QMessageBox)
        texts = [b.text() for b in box.buttons()]
        assert "Restore the backup" not in texts
        assert "There is no backup yet" in box.informativeText()
        [start_empty] = [b for b in box.buttons() if b.text() == "Start empty"]
        start_empty.click()

    when_modal(QMessageBox, no_restore_offered)
    db = open_database_with_recovery(url, backup_dir)
    assert db is not None
    assert followed(db) == []
    [aside] = set_aside(db_path, "corrupt")
    assert aside.read_bytes() == damaged
    db.dispose()


def test_damage_past_the_schema_is_caught_at_start_too(qtbot: QtBot, db_path: Path) -> None:
    """The file opens and migrates fine; only reading the films' pages would fail later."""
    url = f"sqlite:///{db_path}"
    follow(url, *(f"Film {n} {'x' * 200}" for n in range(400)))
    with sqlite3.connect(db_path) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
    data = bytearray(db_path.read_bytes())
    for page in range(pages - 10, pages - 2):
        data[page * page_size + 8 : (page + 1) * page_size - 8] = b"\xff" * (page_size - 16)
    db_path.write_bytes(bytes(data))
    open_database(url).dispose()  # opening alone does not notice

    shown = answer_next_message_box("Start empty")
    db = open_database_with_recovery(url, app_paths().backup_dir)
    assert db is not None
    assert "is damaged" in shown[0]
    assert followed(db) == []
    [aside] = set_aside(db_path, "corrupt")
    assert aside.read_bytes() == bytes(data)
    db.dispose()


def test_window_writes_the_daily_backup_off_the_gui_thread_once_a_day(
    qtbot: QtBot, db: Database
) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026))
    backups = DailyBackup(db, app_paths().backup_dir)
    backups.start()
    qtbot.waitUntil(lambda: backups.last_written is not None, timeout=10_000)
    written = backups.last_written
    assert written is not None
    with sqlite3.connect(written) as copy:
        assert copy.execute("SELECT title FROM films").fetchall() == [("Good Sex",)]
    backups.run()  # the hourly check: today's backup exists, nothing is rewritten
    qtbot.waitUntil(lambda: not backups._running, timeout=10_000)
    assert [b.path for b in list_backups(app_paths().backup_dir)] == [written]
    backups.stop()


def test_restore_from_backup_in_the_window_asks_first_and_keeps_the_current_file(
    qtbot: QtBot, db: Database, app_settings: AppSettings
) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Good Sex", 2026))
    path = db.sqlite_path
    assert path is not None
    backup_database(path, app_paths().backup_dir, today=date(2026, 11, 24))
    with db.session() as session:
        add_film(session, FilmSpec("Mistake", 2026))
    window = open_window(qtbot, db, app_settings)
    assert "&Restore from backup…" in [
        a.text() for a in window.menuBar().actions()[0].menu().actions()
    ]

    # Cancelling at the confirmation changes nothing.
    when_modal(QInputDialog, lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    answer_next_message_box("Cancel")
    window.restore_action.trigger()
    assert followed(db) == ["Good Sex", "Mistake"]

    when_modal(QInputDialog, lambda dialog: dialog.accept())  # type: ignore[attr-defined]
    shown = answer_next_message_box("Yes")
    with qtbot.waitSignal(window.films_loaded, timeout=10_000):
        done = answer_next_message_box("OK")
        window.restore_action.trigger()
        qtbot.waitUntil(lambda: bool(done), timeout=10_000)
    assert "2026-11-24" in shown[0]
    assert "Restored the backup" in done[0]
    assert followed(db) == ["Good Sex"]
    assert window.film_model.rowCount() == 1
    [kept] = set_aside(path, "replaced")
    with sqlite3.connect(kept) as previous:
        assert len(previous.execute("SELECT title FROM films").fetchall()) == 2
    close_window(qtbot, window)


def test_serve_writes_the_daily_backup(sqlite_url: str, db_path: Path) -> None:
    follow(sqlite_url, "Good Sex")
    run = run_cli(sqlite_url, "serve", "--once")
    assert run.returncode == 0, run.stderr
    [backup] = list_backups(app_paths().backup_dir)
    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT title FROM films").fetchall() == [("Good Sex",)]


def test_app_start_writes_the_daily_backup(sqlite_url: str, isolated_user_dirs: Path) -> None:
    follow(sqlite_url, "Good Sex")
    # No poll at launch: the test must not reach for the real feeds.
    settings = isolated_user_dirs / "xdg_config_home" / "Watchlist" / "Watchlist.conf"
    settings.parent.mkdir(parents=True, exist_ok=True)
    settings.write_text("[poll]\nat_launch=false\n", encoding="utf-8")
    run = run_cli(sqlite_url, "--quit-after", "1")
    assert run.returncode == 0, run.stderr
    [backup] = list_backups(app_paths().backup_dir)
    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT title FROM films").fetchall() == [("Good Sex",)]
