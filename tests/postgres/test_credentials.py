"""The database password never reaches output, logs or messages, on success or failure."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.pg import PG_PASSWORD, PostgresCluster
from watchlist.core.db import hide_secrets, redact_url
from watchlist.paths import app_paths

pytestmark = pytest.mark.postgres


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "watchlist", *args],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        timeout=120,
    )


def test_redact_url_hides_the_password_wherever_the_url_holds_it() -> None:
    assert redact_url("postgresql+psycopg://ann:s3cr3t@db.example/watch?password=also") == (
        "postgresql+psycopg://ann:***@db.example/watch?password=***"
    )
    assert redact_url("postgresql+psycopg:///watch?service=team") == (
        "postgresql+psycopg:///watch?service=team"
    )
    assert hide_secrets(
        'failed near "s3cr3t" and also', "postgresql+psycopg://ann:s3cr3t@h/w?password=also"
    ) == ('failed near "***" and ***')


def test_every_verb_on_a_team_database_keeps_the_password_out(pg_database_url: str) -> None:
    for args in (
        ("add", "Good Sex", "--year", "2026"),
        ("list", "--json"),
        ("poll", "--once"),
        ("serve", "--once"),
    ):
        result = run_cli("--verbose", "--db", pg_database_url, *args)
        assert result.returncode == 0, result.stderr
        assert PG_PASSWORD not in result.stdout + result.stderr
    assert "Good Sex" in run_cli("--db", pg_database_url, "list").stdout
    assert PG_PASSWORD not in app_paths().log_file.read_text()


def test_a_wrong_password_is_one_sentence_without_it(pg_cluster: PostgresCluster) -> None:
    wrong = pg_cluster.url("postgres", password="hunter2-wrong-secret")
    for verbose in ((), ("--verbose",)):
        result = run_cli(*verbose, "--db", wrong, "list")
        assert result.returncode == 2
        assert "Cannot open the database postgresql+psycopg://watchlist_test:***@" in result.stderr
        assert "password authentication failed" in result.stderr
        assert "hunter2" not in result.stdout + result.stderr
    assert "hunter2" not in app_paths().log_file.read_text()
