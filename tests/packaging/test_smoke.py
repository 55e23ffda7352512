"""The smoke test CI runs on the PyInstaller build, run here on the source: the window starts
offscreen on a fresh database and `--quit-after` ends it cleanly."""

from __future__ import annotations

import sys
from pathlib import Path
from types import ModuleType

import pytest


def test_window_starts_on_a_fresh_database_and_quits_cleanly(
    check: ModuleType, tmp_path: Path
) -> None:
    revision = check.start_and_quit([sys.executable, "-m", "watchlist"], tmp_path)
    assert revision == check.head_revision()


def test_smoke_check_fails_when_the_app_does_not_start(check: ModuleType, tmp_path: Path) -> None:
    with pytest.raises(check.CheckError, match="did not start and quit cleanly"):
        check.start_and_quit([sys.executable, "-m", "watchlist", "--db"], tmp_path)
