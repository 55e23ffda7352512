"""The desktop file, AppStream metainfo and Flatpak manifest pass their validators and agree
with pyproject; each check is also shown to reject a broken file."""

from __future__ import annotations

import configparser
import json
import re
import shutil
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tests.conftest import REPO_ROOT
from watchlist import APP_ID, __version__

PACKAGING = REPO_ROOT / "packaging"
needs_desktop_file_utils = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate missing (Debian desktop-file-utils; dev.py test installs it)",
)
needs_appstream = pytest.mark.skipif(
    shutil.which("appstreamcli") is None,
    reason="appstreamcli missing (Debian appstream; dev.py test installs it)",
)


def desktop_entry() -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(PACKAGING / f"{APP_ID}.desktop", encoding="utf-8")
    return parser["Desktop Entry"]


@needs_desktop_file_utils
def test_desktop_file_is_valid(check: ModuleType) -> None:
    check.validate_desktop_file()


@needs_desktop_file_utils
def test_desktop_validator_rejects_a_broken_entry(check: ModuleType, tmp_path: Path) -> None:
    broken = tmp_path / f"{APP_ID}.desktop"
    broken.write_text("[Desktop Entry]\nType=Application\nExec=watchlist\n", encoding="utf-8")
    with pytest.raises(check.CheckError, match="Name"):
        check.validate_desktop_file(broken)


def test_desktop_file_starts_the_installed_command_with_the_app_icon() -> None:
    entry = desktop_entry()
    gui_scripts = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text())["project"][
        "gui-scripts"
    ]
    assert entry["Exec"] in gui_scripts
    assert entry["Icon"] == APP_ID
    assert (
        (REPO_ROOT / "resources" / "icons" / "hicolor" / "scalable" / "apps")
        .joinpath(f"{APP_ID}.svg")
        .is_file()
    )


@needs_appstream
def test_metainfo_is_valid_and_its_newest_release_is_this_version(check: ModuleType) -> None:
    check.validate_metainfo()
    text = (PACKAGING / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    assert re.findall(r'<release\s+version="([^"]+)"', text)[0] == __version__
    assert "docs/screenshot.png" in text
    assert '<content_rating type="oars-1.1"' in text


@needs_appstream
def test_metainfo_check_rejects_a_release_list_behind_the_version(
    check: ModuleType, tmp_path: Path
) -> None:
    text = (PACKAGING / f"{APP_ID}.metainfo.xml").read_text(encoding="utf-8")
    stale = tmp_path / f"{APP_ID}.metainfo.xml"
    stale.write_text(
        text.replace(f'<release version="{__version__}"', '<release version="0.0.1"'),
        encoding="utf-8",
    )
    with pytest.raises(check.CheckError, match="newest release"):
        check.validate_metainfo(stale)


def test_flatpak_manifest_is_well_formed_and_matches_pyproject(check: ModuleType) -> None:
    assert check.flatpak_manifest_problems() == []


def manifest_variant(tmp_path: Path, change: Any) -> Path:
    manifest = json.loads((PACKAGING / f"{APP_ID}.json").read_text(encoding="utf-8"))
    change(manifest)
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(manifest), encoding="utf-8")
    return path


def app_module(manifest: dict[str, Any]) -> dict[str, Any]:
    return next(module for module in manifest["modules"] if module["name"] == "watchlist")


def build_elsewhere(manifest: dict[str, Any]) -> None:
    app_module(manifest)["sources"][0] = {"type": "git", "url": "https://example.org/x.git"}


def drop_sqlalchemy(manifest: dict[str, Any]) -> None:
    for module in manifest["modules"]:
        module["sources"] = [s for s in module["sources"] if "sqlalchemy" not in s.get("url", "")]


def drop_build_backend(manifest: dict[str, Any]) -> None:
    module = app_module(manifest)
    module["sources"] = [s for s in module["sources"] if s["type"] == "dir"]


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda m: m.update(command="watchlist-gui"), "not a gui-script"),
        (lambda m: m.update(id="org.example.Other"), "not the app id"),
        (lambda m: m.update(runtime="org.gnome.Platform"), "KDE"),
        (build_elsewhere, "must build the checkout"),
        (drop_sqlalchemy, "sqlalchemy has no pinned source"),
        (drop_build_backend, "setuptools has no pinned wheel"),
        (lambda m: m.pop("modules"), "no 'modules'"),
    ],
    ids=["command", "app-id", "runtime", "source-tree", "dependency", "backend", "modules"],
)
def test_flatpak_check_names_what_disagrees(
    check: ModuleType, tmp_path: Path, change: Any, complaint: str
) -> None:
    problems = check.flatpak_manifest_problems(manifest_variant(tmp_path, change))
    assert any(complaint in problem for problem in problems), problems


def test_flatpak_check_reports_unreadable_json(check: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "manifest.json"
    path.write_text('{"id": ', encoding="utf-8")
    assert "not readable JSON" in check.flatpak_manifest_problems(path)[0]


def test_changelog_and_checklist_cover_this_version() -> None:
    changelog = (REPO_ROOT / "docs" / "CHANGELOG.md").read_text(encoding="utf-8")
    first_release = re.search(r"^## \[?(\d+\.\d+\.\d+)", changelog, re.MULTILINE)
    assert first_release is not None and first_release.group(1) == __version__
    assert "packaging/check.py" in (REPO_ROOT / "docs" / "release-checklist.md").read_text()
