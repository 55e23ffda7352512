"""The command line end to end, as a user runs it (a real subprocess for the exit codes)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from watchlist import __version__
from watchlist.cli.app import main


def run_cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "watchlist", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


def test_version() -> None:
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.strip() == f"watchlist {__version__}"


def test_add_list_remove_end_to_end(db_url: str) -> None:
    added = run_cli(
        "--db",
        db_url,
        "add",
        "Good Sex",
        "--year",
        "2026",
        "--people",
        "Lena Dunham (director); Natalie Portman (cast)",
        "--alias",
        "Untitled Lena Dunham Project",
    )
    assert added.returncode == 0, added.stderr
    assert "Following Good Sex (2026)" in added.stdout

    listed = run_cli("--db", db_url, "list", "--json")
    document = json.loads(listed.stdout)
    [film] = document["films"]
    assert film["title"] == "Good Sex"
    assert film["year"] == 2026
    assert film["people"] == [
        {"name": "Lena Dunham", "role": "director"},
        {"name": "Natalie Portman", "role": "cast"},
    ]
    assert film["aliases"] == ["Untitled Lena Dunham Project"]
    assert film["status"] == "unannounced"

    duplicate = run_cli("--db", db_url, "add", "good sex", "--year", "2026")
    assert duplicate.returncode == 1
    assert duplicate.stderr.strip() == "watchlist: You are already following Good Sex (2026)."

    removed = run_cli("--db", db_url, "remove", "Good Sex")
    assert removed.returncode == 0
    assert json.loads(run_cli("--db", db_url, "list", "--json").stdout) == {"films": []}


def test_env_var_selects_the_database(
    db_url: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WATCHLIST_DB", db_url)
    assert main(["add", "Nope", "--year", "2022"]) == 0
    assert main(["--db", db_url, "list"]) == 0
    assert "Nope (2022)" in capsys.readouterr().out


def test_default_database_lives_in_the_user_data_dir(isolated_user_dirs: Path) -> None:
    env = {"XDG_DATA_HOME": str(isolated_user_dirs / "data"), "HOME": str(isolated_user_dirs)}
    assert run_cli("add", "Sinners", "--year", "2025", env=env).returncode == 0
    assert (isolated_user_dirs / "data" / "watchlist" / "watchlist.sqlite3").exists()


@pytest.mark.parametrize(
    ("db_arg", "expected"),
    [
        ("not a url", "is not a database URL"),
        ("mysqlx9://u@h/d", "Unknown database type"),
        ("sqlite:////proc/self/watchlist.sqlite3", "is not writable"),
    ],
)
def test_bad_database_gives_one_sentence_and_exit_2(db_arg: str, expected: str) -> None:
    result = run_cli("--db", db_arg, "list")
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_unwritable_default_data_dir_gives_exit_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = run_cli("list", env={"XDG_DATA_HOME": str(blocker)})
    assert result.returncode == 2
    assert "Cannot create the data folder" in result.stderr
    assert "Traceback" not in result.stderr


def test_verbose_shows_the_traceback_on_errors() -> None:
    result = run_cli("--verbose", "--db", "not a url", "list")
    assert result.returncode == 2
    assert "Traceback" in result.stderr or "DEBUG" in result.stderr
