"""``watchlist export`` and ``watchlist import`` as a user runs them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import icalendar
import pytest

from tests.conftest import TEST_DATA
from watchlist.cli.app import main


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, str, str]:
    code = main(["--db", db_url, *args])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_import_dry_run_then_import(capsys: pytest.CaptureFixture[str], db_url: str) -> None:
    sample = str(TEST_DATA / "import" / "letterboxd-watchlist.csv")
    code, out, _ = run(capsys, db_url, "import", sample, "--dry-run")
    assert code == 0
    assert out.splitlines() == [
        "letterboxd-watchlist.csv: Letterboxd watchlist. "
        "7 new films, 1 already followed, 1 invalid row.",
        "  row 10: the year 'twenty-ten' is not a number",
        "Dry run: nothing was imported.",
    ]
    assert run(capsys, db_url, "list")[1].startswith("You follow no films yet")

    code, out, _ = run(capsys, db_url, "import", sample)
    assert code == 0
    assert (
        out.splitlines()[-1]
        == "Imported 7 films; 1 already followed were left as they are; 1 invalid row skipped."
    )
    assert "Amélie (2001)" in run(capsys, db_url, "list")[1]


def test_export_csv_file_and_stdout(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    assert run(capsys, db_url, "add", "=Good, Sex", "--year", "2026")[0] == 0
    target = tmp_path / "out.csv"
    code, out, _ = run(capsys, db_url, "export", "--csv", str(target), "--excel")
    assert (code, out) == (0, f"Wrote 1 film to {target}.\n")
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbftitle,year,")
    assert b'"\'=Good, Sex",2026,' in data

    code, out, _ = run(capsys, db_url, "export", "--csv", "-")
    assert code == 0
    [row] = csv.DictReader(io.StringIO(out, newline=""))
    assert row["title"] == "'=Good, Sex"

    # The exported file imports back as the same film.
    code, out, _ = run(capsys, db_url, "import", str(target))
    assert "0 new films, 1 already followed, 0 invalid rows." in out


def test_export_events_and_ics(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    run(capsys, db_url, "add", "Good Sex", "--year", "2026")
    code, out, _ = run(capsys, db_url, "export", "--events", "-", "--film", "Good Sex (2026)")
    assert code == 0
    assert out.startswith("title,year,occurred_at,kind,")
    code, _, err = run(capsys, db_url, "export", "--events", "-", "--film", "Nope")
    assert code == 1
    assert err == "watchlist: No film called 'Nope' is in the watchlist or the news.\n"

    target = tmp_path / "releases.ics"
    code, out, _ = run(capsys, db_url, "export", "--ics", str(target))
    assert (code, out) == (0, f"Wrote 0 dated films to {target}.\n")
    calendar = icalendar.Calendar.from_ical(target.read_bytes())
    assert calendar.walk("VEVENT") == []


def test_cli_errors_are_one_sentence(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"Foo,Bar\r\n")
    code, _, err = run(capsys, db_url, "import", str(bad))
    assert code == 1
    assert err.startswith("watchlist: The file is missing the Title column;")
    assert len(err.strip().splitlines()) == 1

    code, _, err = run(capsys, db_url, "export", "--csv", str(tmp_path / "no" / "dir.csv"))
    assert code == 1
    assert err.startswith("watchlist: Cannot write ")
    assert not (tmp_path / "no").exists()

    code, _, err = run(capsys, db_url, "export", "--ics", "-", "--excel")
    assert (code, err) == (2, "watchlist: --excel only applies to --csv.\n")


def test_a_failed_export_keeps_the_previous_file(
    capsys: pytest.CaptureFixture[str], db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "watchlist.csv"
    target.write_text("previous export")
    run(capsys, db_url, "add", "Good Sex", "--year", "2026")

    def broken(*args: object, **kwargs: object) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("watchlist.core.transfer.files.export_csv", broken)
    code, _, err = run(capsys, db_url, "export", "--csv", str(target))
    assert code == 1
    assert err == f"watchlist: Cannot write {target}: No space left on device.\n"
    assert target.read_text() == "previous export"
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
