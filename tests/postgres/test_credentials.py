"""The database password never reaches output, logs or messages, on success or failure."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select
from sqlalchemy.engine import make_url

from tests.pg import PG_PASSWORD, PostgresCluster
from watchlist.core.db import hide_secrets, open_database, redact_url
from watchlist.core.models import Film
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


def test_a_service_file_and_password_file_keep_the_password_out_of_the_url(
    pg_cluster: PostgresCluster,
    pg_database_url: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # What docs/team.md tells a team to do.
    database = make_url(pg_database_url).database
    (tmp_path / "pg_service.conf").write_text(
        f"[watchlist]\nhost=127.0.0.1\nport={pg_cluster.port}\ndbname={database}\n"
        "user=watchlist_test\n"
    )
    passfile = tmp_path / "pgpass"
    passfile.write_text(f"127.0.0.1:{pg_cluster.port}:*:watchlist_test:{PG_PASSWORD}\n")
    passfile.chmod(0o600)
    monkeypatch.setenv("PGSERVICEFILE", str(tmp_path / "pg_service.conf"))
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    monkeypatch.setenv("WATCHLIST_DB", "postgresql+psycopg:///?service=watchlist")

    assert run_cli("add", "Good Sex", "--year", "2026").returncode == 0
    listed = run_cli("list")
    assert listed.returncode == 0, listed.stderr
    assert "Good Sex" in listed.stdout
    stored = open_database(pg_database_url)
    try:
        with stored.session() as session:
            assert session.scalars(select(Film.title)).all() == ["Good Sex"]
    finally:
        stored.dispose()
