"""`watchlist install-desktop-entry`: the menu entry and icons land in $XDG_DATA_HOME and go
away again with --remove."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from types import ModuleType

import pytest

from watchlist import APP_ID
from watchlist.cli.app import main
from watchlist.core.desktop_entry import (
    desktop_exec_value,
    install_desktop_entry,
    installed_paths,
    remove_desktop_entry,
    render_desktop_entry,
)
from watchlist.core.errors import UsageError

ENTRY = Path("applications") / f"{APP_ID}.desktop"
SVG_ICON = Path("icons/hicolor/scalable/apps") / f"{APP_ID}.svg"
PNG_48 = Path("icons/hicolor/48x48/apps") / f"{APP_ID}.png"
TRAY_ICON = Path("icons/hicolor/symbolic/apps") / f"{APP_ID}-symbolic.svg"


def fake_command(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    command = folder / "watchlist"
    command.write_text("#!/bin/sh\n", encoding="utf-8")
    command.chmod(0o755)
    return command


def entry_values(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return dict(pairs)


def test_install_writes_the_entry_running_the_command_and_every_icon(tmp_path: Path) -> None:
    command = fake_command(tmp_path / "bin")
    data = tmp_path / "data"
    written = install_desktop_entry(data, command)
    assert written == installed_paths(data)
    for relative in (ENTRY, SVG_ICON, PNG_48, TRAY_ICON):
        assert (data / relative).is_file(), relative
    values = entry_values(data / ENTRY)
    assert values["Exec"] == str(command)
    assert values["TryExec"] == str(command)
    assert values["Icon"] == APP_ID
    assert values["Name"] == "Watchlist"


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="needs validator")
def test_installed_entry_for_a_path_with_spaces_validates(
    check: ModuleType, tmp_path: Path
) -> None:
    command = fake_command(tmp_path / "my apps" / "bin")
    written = install_desktop_entry(tmp_path / "data", command)
    assert entry_values(written[0])["Exec"] == f'"{command}"'
    check.validate_desktop_file(written[0])


@pytest.mark.parametrize(
    ("command", "value"),
    [
        ("/usr/bin/watchlist", "/usr/bin/watchlist"),
        ("/home/a b/watchlist", '"/home/a b/watchlist"'),
        ("/opt/$x/watchlist", '"/opt/\\\\$x/watchlist"'),
        ('/opt/q"uote/watchlist', '"/opt/q\\\\"uote/watchlist"'),
    ],
)
def test_exec_values_are_quoted_as_the_desktop_spec_says(command: str, value: str) -> None:
    assert desktop_exec_value(Path(command)) == value


def test_render_replaces_exec_only_in_the_desktop_entry_group() -> None:
    template = (
        "[Desktop Entry]\nName=W\nExec=watchlist\n\n[Desktop Action New]\nExec=watchlist add\n"
    )
    rendered = render_desktop_entry(template, Path("/x/watchlist"))
    assert rendered.splitlines() == [
        "[Desktop Entry]",
        "Name=W",
        "TryExec=/x/watchlist",
        "Exec=/x/watchlist",
        "",
        "[Desktop Action New]",
        "Exec=watchlist add",
    ]


def test_install_refuses_a_missing_command(tmp_path: Path) -> None:
    with pytest.raises(UsageError, match="does not exist"):
        install_desktop_entry(tmp_path / "data", tmp_path / "nowhere" / "watchlist")
    assert not (tmp_path / "data").exists()


def test_remove_deletes_only_what_install_wrote(tmp_path: Path) -> None:
    data = tmp_path / "data"
    install_desktop_entry(data, fake_command(tmp_path / "bin"))
    other_icon = data / "icons/hicolor/48x48/apps/org.example.Other.png"
    other_icon.write_bytes(b"png")
    removed = remove_desktop_entry(data)
    assert set(removed) == set(installed_paths(data))
    assert not (data / ENTRY).exists()
    assert other_icon.exists()
    assert remove_desktop_entry(data) == []


def test_cli_installs_into_xdg_data_home_and_removes_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = Path(os.environ["XDG_DATA_HOME"])
    command = fake_command(tmp_path / "bin")
    assert main(["install-desktop-entry", "--exec", str(command)]) == 0
    assert entry_values(data / ENTRY)["Exec"] == str(command)
    assert f"runs {command}" in capsys.readouterr().out
    assert main(["install-desktop-entry", "--remove"]) == 0
    assert not (data / ENTRY).exists()
    assert not (data / SVG_ICON).exists()
    assert main(["install-desktop-entry", "--remove"]) == 0
    assert "no Watchlist menu entry" in capsys.readouterr().out


def test_cli_names_a_missing_exec_in_one_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["install-desktop-entry", "--exec", str(tmp_path / "gone")])
    assert code == 2
    assert capsys.readouterr().err.startswith(f"watchlist: The command {tmp_path / 'gone'}")
