"""Fixtures for the window tests: settings in a temp file, a started MainWindow."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from pytestqt.qtbot import QtBot

from watchlist.core.db import Database
from watchlist.ui.main_window import MainWindow
from watchlist.ui.settings import AppSettings
from watchlist.ui.tasks import pending_tasks

USER = "tester"


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    """The window settings file of the test (never the user's)."""
    return tmp_path / "settings" / "window.ini"


@pytest.fixture
def app_settings(settings_file: Path) -> AppSettings:
    """AppSettings over a temp INI file, with polling at launch off (no network)."""
    settings = AppSettings(QSettings(str(settings_file), QSettings.Format.IniFormat))
    settings.poll_at_launch = False
    return settings


def open_window(qtbot: QtBot, db: Database, settings: AppSettings, **options: object) -> MainWindow:
    """A shown, started window whose first load has reached the screen."""
    options.setdefault("subscribe_defaults", False)
    window = MainWindow(db, settings, user_key=USER, **options)  # type: ignore[arg-type]
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.films_loaded, timeout=10_000):
        window.start()
    return window


def close_window(qtbot: QtBot, window: MainWindow) -> None:
    """Shut the window down and let its background tasks deliver."""
    window.shutdown()
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=20_000)


@pytest.fixture
def window(qtbot: QtBot, db: Database, app_settings: AppSettings) -> Iterator[MainWindow]:
    """A started window on the test database."""
    main = open_window(qtbot, db, app_settings)
    yield main
    close_window(qtbot, main)
