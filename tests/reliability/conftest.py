"""Shared pieces of the reliability tests: synthetic feeds, CLI subprocesses, database checks.

Sizes that the stress command raises come from environment variables read here, so the CI
run stays bounded and ``python -m benchmarks.stress`` runs the same tests longer.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from PySide6.QtCore import QSettings

from tests.conftest import REPO_ROOT
from watchlist.ui.settings import AppSettings


def stress_size(name: str, default: int) -> int:
    """A size the stress command may raise (``WATCHLIST_STRESS_<NAME>``)."""
    return int(os.environ.get(f"WATCHLIST_STRESS_{name}", default))


def rss_feed(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 document; each item is (guid, title, summary)."""
    body = "".join(
        f"<item><guid>{escape(guid)}</guid><title>{escape(item_title)}</title>"
        f"<link>https://news.example/{escape(guid)}</link>"
        f"<description>{escape(summary)}</description>"
        "<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate></item>"
        for guid, item_title, summary in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://news.example/</link>{body}"
        "</channel></rss>"
    ).encode()


def news_feed(number: int, items: int) -> bytes:
    """Feed ``number`` with ``items`` film-news items (some name followed films)."""
    entries = [
        (
            f"feed{number}-item{index}",
            f"Netflix acquires Good Sex {number}-{index} in a $55M deal",
            f"Story {index} of outlet {number}. Natalie Portman stars. " * 5,
        )
        for index in range(items)
    ]
    return rss_feed(f"Outlet {number}", entries)


@dataclass(frozen=True)
class CliRun:
    """A finished ``python -m watchlist`` run."""

    returncode: int
    stdout: str
    stderr: str


def cli_command(db_url: str, *args: str) -> list[str]:
    """The argv of ``python -m watchlist --db URL ARGS``."""
    return [sys.executable, "-m", "watchlist", "--db", db_url, *args]


def cli_env() -> dict[str, str]:
    """The test's environment (isolated XDG dirs) with the repository importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO_ROOT)
    return env


def run_cli(db_url: str, *args: str, timeout: float = 120) -> CliRun:
    """Run the CLI to its end."""
    done = subprocess.run(
        cli_command(db_url, *args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=cli_env(),
        cwd=REPO_ROOT,
    )
    return CliRun(done.returncode, done.stdout, done.stderr)


def integrity(path: Path) -> str:
    """``PRAGMA integrity_check`` of a SQLite file (after recovering its WAL)."""
    connection = sqlite3.connect(path)
    try:
        return str(connection.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        connection.close()


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """URL of a SQLite database file in the test's folder (created on first open)."""
    return f"sqlite:///{tmp_path / 'watchlist.sqlite3'}"


@pytest.fixture
def app_settings(tmp_path: Path) -> AppSettings:
    """Window settings in a temp INI file, polling at launch off (as in tests/ui)."""
    settings = AppSettings(
        QSettings(str(tmp_path / "settings" / "window.ini"), QSettings.Format.IniFormat)
    )
    settings.poll_at_launch = False
    return settings
