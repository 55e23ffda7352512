"""Backups, restore, a corrupt database and storage failures: nothing is ever lost."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from watchlist.core.backup import (
    CorruptDatabaseError,
    backup_database,
    list_backups,
    move_aside,
    restore_backup,
)
from watchlist.core.db import open_database
from watchlist.core.errors import DatabaseError
from watchlist.core.films import FilmSpec, add_film
from watchlist.core.models import Film


def make_watchlist(path: Path, *titles: str) -> None:
    db = open_database(f"sqlite:///{path}")
    with db.session() as session:
        for title in titles:
            add_film(session, FilmSpec(title, 2026))
    db.dispose()


def titles_in(path: Path) -> list[str]:
    db = open_database(f"sqlite:///{path}")
    with db.session() as session:
        titles = list(session.scalars(select(Film.title).order_by(Film.title)))
    db.dispose()
    return titles


def test_daily_backup_is_written_once_and_old_ones_pruned(tmp_path: Path) -> None:
    db_path, backups = tmp_path / "w.sqlite3", tmp_path / "backups"
    make_watchlist(db_path, "Good Sex")
    for day in range(1, 11):
        backup_database(db_path, backups, keep_days=7, today=date(2026, 11, day))
    assert backup_database(db_path, backups, keep_days=7, today=date(2026, 11, 10)) is None
    kept = list_backups(backups)
    assert [b.day.day for b in kept] == [10, 9, 8, 7, 6, 5, 4]
    assert titles_in(kept[0].path) == ["Good Sex"]


def test_restore_keeps_the_replaced_database(tmp_path: Path) -> None:
    db_path, backups = tmp_path / "w.sqlite3", tmp_path / "backups"
    make_watchlist(db_path, "Good Sex")
    backup = backup_database(db_path, backups, today=date(2026, 11, 1))
    assert backup is not None
    make_watchlist(db_path, "Nope")
    moved = restore_backup(backup, db_path)
    assert titles_in(db_path) == ["Good Sex"]
    assert moved is not None
    assert titles_in(moved) == ["Good Sex", "Nope"]


def test_corrupt_database_is_reported_and_can_be_moved_aside(tmp_path: Path) -> None:
    db_path = tmp_path / "w.sqlite3"
    make_watchlist(db_path, "Good Sex")
    data = bytearray(db_path.read_bytes())
    data[:100] = b"\x00" * 100  # destroy the header
    db_path.write_bytes(bytes(data))
    with pytest.raises(CorruptDatabaseError, match="is damaged") as caught:
        open_database(f"sqlite:///{db_path}")
    assert caught.value.path == db_path
    aside = move_aside(db_path, "corrupt")
    assert aside.read_bytes() == bytes(data)
    assert not db_path.exists()
    assert open_database(f"sqlite:///{db_path}") is not None


def test_a_locked_database_fails_in_words_without_partial_writes(tmp_path: Path) -> None:
    db_path = tmp_path / "w.sqlite3"
    make_watchlist(db_path, "Good Sex")
    blocker = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sqlite3, sys, time\n"
            f"c = sqlite3.connect({str(db_path)!r}, isolation_level=None)\n"
            "c.execute('BEGIN EXCLUSIVE')\n"
            "print('locked', flush=True)\n"
            "sys.stdin.readline()\n",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert blocker.stdout is not None
        assert blocker.stdout.readline().strip() == "locked"
        db = open_database(f"sqlite:///{db_path}", migrate=False)
        locked = "locked by another program; nothing was changed"
        with pytest.raises(DatabaseError, match=locked), db.session() as session:
            # Give up after 0.2 s instead of the usual 10 s wait for the lock.
            session.connection().exec_driver_sql("PRAGMA busy_timeout=200")
            add_film(session, FilmSpec("Nope", 2022))
        db.dispose()
    finally:
        assert blocker.stdin is not None
        blocker.stdin.write("\n")
        blocker.stdin.close()
        blocker.wait(timeout=10)
    assert titles_in(db_path) == ["Good Sex"]
    with sqlite3.connect(db_path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_cli_restore_after_corruption(tmp_path: Path, isolated_user_dirs: Path) -> None:
    db_path = tmp_path / "w.sqlite3"
    make_watchlist(db_path, "Good Sex")
    url = f"sqlite:///{db_path}"

    def cli(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "watchlist", "--db", url, *args],
            capture_output=True,
            text=True,
            timeout=60,
        )

    assert cli("backup").returncode == 0
    db_path.write_bytes(b"garbage" * 1000)
    broken = cli("list")
    assert broken.returncode == 2
    assert "is damaged" in broken.stderr
    assert "watchlist restore" in broken.stderr
    restored = cli("restore")
    assert restored.returncode == 0, restored.stderr
    assert "previous database was kept as" in restored.stdout
    assert "Good Sex (2026)" in cli("list").stdout
