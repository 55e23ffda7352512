#!/usr/bin/env python3
"""Re-pin the Flatpak manifest's Python wheels to pyproject's dependencies (needs PyPI access).

    .venv/bin/python packaging/flatpak_sources.py

Asks pip to resolve the dependencies for the runtime's Python on x86_64 and aarch64 (no
install, `pip install --dry-run --report`) and rewrites the sources of the
"python3-dependencies" module in io.github.watchlist.Watchlist.json: each wheel with its URL
and sha256, binary wheels limited to their architecture. PySide6 is left out: the PySide
BaseApp provides it. The "watchlist" module gets the build backend's wheels next to its git
source, so pip builds Watchlist offline with build isolation. Run it after changing
dependencies; packaging/check.py fails until then.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
MANIFEST = ROOT / "packaging" / "io.github.watchlist.Watchlist.json"
RUNTIME_PYTHON = "3.12"  # the Python of org.kde.Platform 6.8 (freedesktop 24.08)
ARCHES = ("x86_64", "aarch64")
PROVIDED_BY_BASE_APP = {"pyside6-essentials"}


def pyproject() -> dict[str, Any]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def requirements() -> list[str]:
    wanted = []
    for requirement in pyproject()["project"]["dependencies"]:
        name = re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0]
        if re.sub(r"[-_.]+", "-", name).lower() not in PROVIDED_BY_BASE_APP:
            wanted.append(requirement)
    return wanted


def build_requirements() -> list[str]:
    """The build backend pip needs to build Watchlist itself (offline, from a pinned wheel)."""
    requires: list[str] = pyproject()["build-system"]["requires"]
    return requires


def resolve(arch: str, wanted: list[str]) -> list[dict[str, object]]:
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.json"
        platforms = [f"manylinux_2_28_{arch}", f"manylinux_2_17_{arch}", f"manylinux2014_{arch}"]
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "install", "-q", "--dry-run", "--ignore-installed"),
                *("--report", str(report), "--only-binary=:all:", "--implementation", "cp"),
                *("--python-version", RUNTIME_PYTHON),
                *(option for platform in platforms for option in ("--platform", platform)),
                *wanted,
            ],
            check=True,
        )
        installs: list[dict[str, object]] = json.loads(report.read_text())["install"]
        return installs


def source_for(item: dict[str, object], arch: str) -> dict[str, object]:
    info = item["download_info"]
    assert isinstance(info, dict)
    url = str(info["url"])
    filename = PurePosixPath(url).name
    if not url.startswith("https://"):
        # A local mirror: point at PyPI's stable per-file URL instead.
        metadata = item["metadata"]
        assert isinstance(metadata, dict)
        project = str(metadata["name"])
        url = f"https://files.pythonhosted.org/packages/py3/{project[0]}/{project}/{filename}"
    source: dict[str, object] = {
        "type": "file",
        "url": url,
        "sha256": info["archive_info"]["hashes"]["sha256"],
    }
    if not filename.endswith("-none-any.whl"):
        source["only-arches"] = [arch]
    return source


def main() -> int:
    sources: dict[str, dict[str, object]] = {}
    for arch in ARCHES:
        for item in resolve(arch, requirements()):
            source = source_for(item, arch)
            sources.setdefault(PurePosixPath(str(source["url"])).name, source)
    # The build backend (pyproject's build-system.requires) is pure Python: one resolve does.
    backend = [source_for(item, ARCHES[0]) for item in resolve(ARCHES[0], build_requirements())]
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for module in manifest["modules"]:
        if module["name"] == "python3-dependencies":
            module["sources"] = [sources[name] for name in sorted(sources, key=str.lower)]
        if module["name"] == "watchlist":
            git = [source for source in module["sources"] if source["type"] == "git"]
            module["sources"] = [*git, *backend]
    MANIFEST.write_text(json.dumps(manifest, indent=4) + "\n", encoding="utf-8")
    print(f"Pinned {len(sources)} wheels and {len(backend)} build wheels in {MANIFEST.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
