#!/usr/bin/env python3
"""Check the packaging: what CI runs after the test suite (.ci/run).

    .venv/bin/python packaging/check.py            # everything
    .venv/bin/python packaging/check.py metadata   # validators and manifest only (seconds)
    .venv/bin/python packaging/check.py wheel      # non-editable install into a throwaway venv
    .venv/bin/python packaging/check.py bundle     # PyInstaller one-folder build + smoke test

metadata: desktop-file-validate on the .desktop file (as shipped and as installed by
`watchlist install-desktop-entry`), `appstreamcli validate --no-net` on the metainfo (and its
newest release must be the package version), and the Flatpak manifest's well-formedness and
consistency with pyproject.toml (app id, command, version tag, dependencies).

wheel: builds the wheel, installs it without the source tree into a throwaway venv and checks
that the icons come from the installed package.

bundle: builds packaging/watchlist.spec, then runs the built program: `--version` must print
the version, and `--quit-after 2` must start the window offscreen on a fresh database (migrated,
default feeds subscribed) and exit 0 with no error or traceback on stderr; the built program's
`install-desktop-entry` must write a valid menu entry that runs it.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import sysconfig
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
APP_ID = "io.github.watchlist.Watchlist"
DESKTOP_FILE = PACKAGING / f"{APP_ID}.desktop"
METAINFO_FILE = PACKAGING / f"{APP_ID}.metainfo.xml"
FLATPAK_MANIFEST = PACKAGING / f"{APP_ID}.json"
SPEC_FILE = PACKAGING / "watchlist.spec"
BUILD_DIR = ROOT / "build" / "pyinstaller"
BUNDLE_EXECUTABLE = BUILD_DIR / "dist" / "watchlist" / "watchlist"
# PySide6 comes from the Flatpak's PySide BaseApp, not from the pinned wheels.
FLATPAK_PROVIDED = {"pyside6-essentials"}
SMOKE_TIMEOUT_S = 120


class CheckError(Exception):
    """One packaging check found a problem; the message says which and why."""


def say(message: str) -> None:
    print(f"[check] {message}", flush=True)


def normalize(name: str) -> str:
    """A distribution name in PEP 503 form (SQLAlchemy -> sqlalchemy, feedparser_x -> -x)."""
    return re.sub(r"[-_.]+", "-", name).lower()


def package_version() -> str:
    """The version pyproject gets from watchlist.__version__, read from the source."""
    text = (ROOT / "watchlist" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    if match is None:
        raise CheckError("watchlist/__init__.py has no __version__ line.")
    return match.group(1)


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def run_tool(command: list[str]) -> None:
    """Run a validator; its complaints become the CheckError message."""
    if shutil.which(command[0]) is None:
        raise CheckError(
            f"{command[0]} is not installed (Debian: desktop-file-utils / appstream; "
            "packaging/dev.py test installs them)."
        )
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise CheckError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")


def validate_desktop_file(path: Path = DESKTOP_FILE) -> None:
    """desktop-file-validate must accept the file without errors."""
    run_tool(["desktop-file-validate", str(path)])


def validate_metainfo(path: Path = METAINFO_FILE) -> None:
    """appstreamcli must accept the metainfo and its newest release must be this version."""
    run_tool(["appstreamcli", "validate", "--no-net", "--strict", str(path)])
    releases = re.findall(r'<release\s+version="([^"]+)"', path.read_text(encoding="utf-8"))
    if not releases or releases[0] != package_version():
        raise CheckError(
            f"The newest release in {path.name} is {releases[:1]}, but the package version "
            f"is {package_version()}; add a <release> for it."
        )


def flatpak_manifest_problems(path: Path = FLATPAK_MANIFEST) -> list[str]:
    """What is wrong with the Flatpak manifest (empty when it is well-formed and consistent)."""
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        return [f"{path.name} is not readable JSON: {exc}"]
    if not isinstance(manifest, dict):
        return [f"{path.name} must be one JSON object."]
    problems: list[str] = []
    for key in ("id", "runtime", "runtime-version", "sdk", "command", "modules"):
        if key not in manifest:
            problems.append(f"{path.name} has no '{key}'.")
    if problems:
        return problems
    project = pyproject()["project"]
    assert isinstance(project, dict)
    gui_scripts: dict[str, str] = project.get("gui-scripts", {})
    if manifest["id"] != APP_ID:
        problems.append(f"id is {manifest['id']!r}, not the app id {APP_ID!r}.")
    if manifest["runtime"] != "org.kde.Platform" or manifest["sdk"] != "org.kde.Sdk":
        problems.append("runtime/sdk must be the KDE (Qt 6) runtime: org.kde.Platform/Sdk.")
    if manifest["command"] not in gui_scripts:
        problems.append(
            f"command {manifest['command']!r} is not a gui-script in pyproject "
            f"({sorted(gui_scripts)})."
        )
    modules = manifest["modules"]
    if not isinstance(modules, list) or not modules:
        return [*problems, "modules must be a non-empty list."]
    for module in modules:
        if not isinstance(module, dict) or not module.get("name") or not module.get("sources"):
            problems.append(f"every module needs a name and sources: {module!r:.80}")
    if problems:
        return problems
    by_name = {module["name"]: module for module in modules}
    app_module = by_name.get("watchlist")
    if app_module is None:
        return [*problems, "no module named 'watchlist' builds the app."]
    # The app is built from this checkout (the manifest sits in packaging/), so a Flatpak
    # build always packs the same code CI tested.
    trees = [source.get("path") for source in app_module["sources"] if source.get("type") == "dir"]
    if trees != [".."]:
        problems.append(f"the watchlist module must build the checkout (dir '..'), not {trees}.")
    commands = " ".join(app_module.get("build-commands", []))
    for shipped in (DESKTOP_FILE, METAINFO_FILE):
        relative = shipped.relative_to(ROOT).as_posix()
        if relative not in commands:
            problems.append(f"the watchlist module does not install {relative}.")
    wheels: set[str] = set()
    for module in modules:
        for source in module["sources"]:
            if source.get("type") == "file":
                if not re.fullmatch(r"[0-9a-f]{64}", str(source.get("sha256", ""))):
                    problems.append(f"{source.get('url')} has no sha256.")
                wheels.add(wheel_name(str(source.get("url", ""))))
    dependencies: list[str] = project.get("dependencies", [])
    for requirement in dependencies:
        name = requirement_name(requirement)
        if name not in FLATPAK_PROVIDED and name not in wheels:
            problems.append(f"the dependency {name} has no pinned source in the manifest.")
    build_system = pyproject()["build-system"]
    assert isinstance(build_system, dict)
    app_wheels = {
        wheel_name(str(source.get("url", "")))
        for source in app_module["sources"]
        if source.get("type") == "file"
    }
    for requirement in build_system["requires"]:
        if requirement_name(requirement) not in app_wheels:
            problems.append(
                f"the build backend {requirement_name(requirement)} has no pinned wheel in the "
                "watchlist module (pip builds offline)."
            )
    return problems


def requirement_name(requirement: str) -> str:
    """The normalized project name of a PEP 508 requirement ("SQLAlchemy>=2" -> sqlalchemy)."""
    return normalize(re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0])


def wheel_name(url: str) -> str:
    """The normalized project name of a wheel URL."""
    return normalize(url.rsplit("/", 1)[-1].split("-")[0])


def check_flatpak_manifest() -> None:
    """The Flatpak manifest must be well-formed and agree with pyproject."""
    problems = flatpak_manifest_problems()
    if problems:
        raise CheckError("Flatpak manifest: " + " ".join(problems))


def check_installed_desktop_entry() -> None:
    """What `watchlist install-desktop-entry` writes must validate too."""
    from watchlist.core.desktop_entry import install_desktop_entry

    with tempfile.TemporaryDirectory() as folder:
        command = Path(folder) / "bin with space" / "watchlist"
        command.parent.mkdir()
        command.write_text("#!/bin/sh\n", encoding="utf-8")
        written = install_desktop_entry(Path(folder) / "data", command)
        validate_desktop_file(written[0])


def check_metadata() -> None:
    validate_desktop_file()
    check_installed_desktop_entry()
    validate_metainfo()
    check_flatpak_manifest()


def fresh_env(home: Path) -> dict[str, str]:
    """An environment with every user folder in ``home`` and Qt drawing offscreen."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_STATE_HOME=str(home / "state"),
        QT_QPA_PLATFORM="offscreen",
    )
    # The window polls the default feeds at launch; a proxy nobody listens on keeps that
    # traffic on this machine (the polls fail fast, as they would offline).
    for proxy in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        env[proxy] = "http://127.0.0.1:9"
    for variable in ("WATCHLIST_DB", "NO_PROXY", "no_proxy"):
        env.pop(variable, None)
    return env


def check_wheel() -> None:
    """A non-editable install ships the icons inside the package and loads them from there."""
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        subprocess.run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(tmp), str(ROOT)],
            check=True,
        )
        wheel = next(tmp.glob("watchlist-*.whl"))
        venv = tmp / "venv"
        subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
        python = venv / "bin" / "python"
        site = Path(
            subprocess.run(
                [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout.strip()
        )
        # The dependencies (PySide6 ...) come from this venv's site-packages, appended after
        # the throwaway one; its editable-install hook is not run, so only the wheel is seen.
        (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "install", "-q", "--no-deps"),
                *("--target", str(site), str(wheel)),
            ],
            check=True,
        )
        probe = (
            "import importlib.resources, sys\n"
            "import watchlist\n"
            f"assert watchlist.__file__.startswith({str(site)!r}), watchlist.__file__\n"
            "from PySide6.QtWidgets import QApplication\n"
            "app = QApplication([])\n"
            "from watchlist.ui.icons import ACTION_ICON_NAMES, app_icon, icon\n"
            "assert not app_icon().isNull(), 'app_icon() is null'\n"
            "assert all(not icon(n).isNull() for n in [*ACTION_ICON_NAMES, 'tray'])\n"
            "root = importlib.resources.files('watchlist.resources')\n"
            "entry = root / 'applications' / 'io.github.watchlist.Watchlist.desktop'\n"
            "assert entry.read_text().startswith('[Desktop Entry]')\n"
            "print(root)\n"
        )
        result = subprocess.run(
            [str(python), "-c", probe],
            cwd=tmp,
            env=fresh_env(tmp / "home"),
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise CheckError(f"The installed wheel does not load its icons:\n{result.stderr}")
        say(f"wheel: icons load from {result.stdout.strip()}")


def build_bundle() -> Path:
    """Build the one-folder app with PyInstaller and return the executable."""
    subprocess.run(
        [
            *(sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "ERROR"),
            *("--distpath", str(BUILD_DIR / "dist"), "--workpath", str(BUILD_DIR / "work")),
            str(SPEC_FILE),
        ],
        cwd=ROOT,
        check=True,
    )
    if not BUNDLE_EXECUTABLE.is_file():
        raise CheckError(f"PyInstaller did not produce {BUNDLE_EXECUTABLE}.")
    return BUNDLE_EXECUTABLE


def head_revision() -> str:
    from watchlist.core.db import head_revision as migrations_head

    return migrations_head()


def start_and_quit(command: list[str], home: Path) -> str:
    """Start the window offscreen on a fresh database in ``home`` and quit after 2 s.

    ``command`` runs Watchlist (the built program, or ``python -m watchlist``). Checks a clean
    exit, no error on stderr, a database at the newest migration and the default feeds
    subscribed (which only the started window does); returns the database revision.
    """
    database = home / "fresh.sqlite3"
    start = subprocess.run(
        [*command, "--db", f"sqlite:///{database}", "--quit-after", "2"],
        env=fresh_env(home),
        capture_output=True,
        text=True,
        timeout=SMOKE_TIMEOUT_S,
        check=False,
    )
    # Warnings are fine offscreen (no tray, no notification service); errors are not.
    failures = [
        line
        for line in start.stderr.splitlines()
        if line.startswith(("Traceback", "ERROR", "CRITICAL", "watchlist:"))
    ]
    if start.returncode != 0 or failures:
        raise CheckError(
            f"The app did not start and quit cleanly (exit {start.returncode}):\n{start.stderr}"
        )
    with sqlite3.connect(database) as connection:
        (revision,) = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        (feeds,) = connection.execute("SELECT count(*) FROM feeds").fetchone()
    if revision != head_revision():
        raise CheckError(f"The fresh database is at {revision}, not {head_revision()}.")
    if feeds == 0:
        raise CheckError("The window did not start: the default feeds were not subscribed.")
    return str(revision)


def smoke_test(executable: Path) -> None:
    """The built program prints its version and starts and quits cleanly on a fresh database."""
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        env = fresh_env(home)
        version = subprocess.run(
            [str(executable), "--version"],
            env=env,
            capture_output=True,
            text=True,
            timeout=SMOKE_TIMEOUT_S,
            check=False,
        )
        expected = f"watchlist {package_version()}"
        if version.returncode != 0 or version.stdout.strip() != expected:
            raise CheckError(
                f"`watchlist --version` printed {version.stdout.strip()!r} (exit "
                f"{version.returncode}), expected {expected!r}.\n{version.stderr}"
            )
        revision = start_and_quit([str(executable)], home)
        menu = subprocess.run(
            [str(executable), "install-desktop-entry"],
            env=env,
            capture_output=True,
            text=True,
            timeout=SMOKE_TIMEOUT_S,
            check=False,
        )
        entry = home / "data" / "applications" / f"{APP_ID}.desktop"
        if menu.returncode != 0 or not entry.is_file():
            raise CheckError(f"The built app could not install its menu entry:\n{menu.stderr}")
        validate_desktop_file(entry)
        if f"Exec={executable.resolve()}" not in entry.read_text(encoding="utf-8"):
            raise CheckError("The built app's menu entry does not run the built executable.")
    say(f"bundle: {expected}, started and quit cleanly on a fresh database at {revision}")


def check_bundle() -> None:
    smoke_test(build_bundle())


STEPS: dict[str, Callable[[], None]] = {
    "metadata": check_metadata,
    "wheel": check_wheel,
    "bundle": check_bundle,
}


def main(argv: list[str]) -> int:
    chosen = argv or list(STEPS)
    unknown = [name for name in chosen if name not in STEPS]
    if unknown:
        print(__doc__)
        return 2
    sys.path.insert(0, str(ROOT))
    for name in chosen:
        say(f"{name} ...")
        try:
            STEPS[name]()
        except (CheckError, subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
            say(f"{name} FAILED: {exc}")
            return 1
        say(f"{name} ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
