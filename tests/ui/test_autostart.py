"""Launch at login: the autostart entry's Exec is quoted as the Desktop Entry spec says, so a
launcher in a folder with a space still starts (and the entry validates)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from watchlist.ui.autostart import install_autostart_entry


def entry_values(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return dict(pairs)


def fake_python_beside(folder: Path, *, with_launcher: bool) -> Path:
    folder.mkdir(parents=True)
    python = folder / "python3"
    python.write_text("#!/bin/sh\n", encoding="utf-8")
    if with_launcher:
        launcher = folder / "watchlist"
        launcher.write_text("#!/bin/sh\n", encoding="utf-8")
        launcher.chmod(0o755)
    return python


def validate(path: Path) -> None:
    if shutil.which("desktop-file-validate") is None:
        return
    result = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_launcher_in_a_folder_with_a_space_is_quoted_for_the_desktop(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = fake_python_beside(tmp_path / "my apps" / "bin", with_launcher=True)
    monkeypatch.setattr(sys, "executable", str(python))
    path = install_autostart_entry()
    launcher = python.parent / "watchlist"
    # Double quotes, as the spec says: a shell's single quotes would be part of the name.
    assert entry_values(path)["Exec"] == f'"{launcher}"'
    validate(path)


def test_without_a_launcher_the_entry_runs_this_python_on_the_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = fake_python_beside(tmp_path / "a $weird dir", with_launcher=False)
    monkeypatch.setattr(sys, "executable", str(python))
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    path = install_autostart_entry()
    # "$" is escaped inside the quotes, and the backslash doubled for the string value.
    assert entry_values(path)["Exec"] == f'"{tmp_path}/a \\\\$weird dir/python3" -m watchlist'
    validate(path)
