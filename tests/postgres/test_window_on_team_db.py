"""The window opens a team database like a local one (offscreen, quits by itself)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.pg import PG_PASSWORD
from watchlist.core.db import current_revision, head_revision, open_database
from watchlist.paths import app_paths

pytestmark = pytest.mark.postgres


def test_window_starts_on_postgresql_and_quits_cleanly(empty_pg_database_url: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "watchlist", "--db", empty_pg_database_url, "--quit-after", "1"],
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert PG_PASSWORD not in result.stdout + result.stderr + app_paths().log_file.read_text()
    database = open_database(empty_pg_database_url, migrate=False)
    try:
        # The window migrated the empty server database, as it does a new SQLite file.
        assert current_revision(database.engine) == head_revision()
    finally:
        database.dispose()
