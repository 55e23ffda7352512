#!/usr/bin/env python3
"""Set up everything Watchlist needs, then launch the app or run the whole test suite.

    python3 packaging/dev.py run [watchlist arguments...]
    python3 packaging/dev.py test [pytest arguments...]

``test`` runs ruff, mypy, pytest and then the packaging checks (packaging/check.py); with
pytest arguments it runs only the selected tests after the linters.

Idempotent: Debian packages are installed only when missing (and only as root), the
virtualenv in .venv is created once, and pip runs again only when pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / ".setup-stamp"

# Qt's xcb platform plugin and fonts: enough to show the window.
APP_DEBIAN_PACKAGES = [
    "libegl1",
    "libgl1",
    "libxkbcommon0",
    "libxkbcommon-x11-0",
    "libxcb-cursor0",
    "libxcb-icccm4",
    "libxcb-keysyms1",
    "libxcb-image0",
    "libxcb-render-util0",
    "libxcb-xinerama0",
    "libxcb-shape0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "fonts-dejavu-core",
]
# A real X server, session bus, notification daemon and tray; PostgreSQL for team mode;
# the freedesktop validators for packaging.
TEST_DEBIAN_PACKAGES = [
    *APP_DEBIAN_PACKAGES,
    "xvfb",
    "xauth",
    "x11-utils",
    "dbus-x11",
    "dunst",
    "trayer",
    "postgresql",
    "desktop-file-utils",
    "appstream",
]


def say(message: str) -> None:
    print(f"[dev] {message}", flush=True)


def missing_debian_packages(packages: list[str]) -> list[str]:
    if shutil.which("dpkg-query") is None:
        return []
    missing = []
    for package in packages:
        result = subprocess.run(
            ["dpkg-query", "-W", "-f=${Status}", package],
            capture_output=True,
            text=True,
            check=False,
        )
        if "install ok installed" not in result.stdout:
            missing.append(package)
    return missing


def ensure_debian_packages(packages: list[str]) -> None:
    missing = missing_debian_packages(packages)
    if not missing:
        return
    if os.geteuid() != 0:
        say(
            "These Debian packages are missing; install them with "
            f"'sudo apt-get install {' '.join(missing)}' (continuing without them)."
        )
        return
    say(f"Installing Debian packages: {' '.join(missing)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *missing],
        check=True,
        env=env,
    )


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


def ensure_venv(extras: str) -> Path:
    python = venv_python()
    if not python.exists():
        say(f"Creating the virtualenv in {VENV}")
        result = subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=False)
        if result.returncode != 0:
            # Debian ships venv separately from python3.
            shutil.rmtree(VENV, ignore_errors=True)
            minor = f"{sys.version_info.major}.{sys.version_info.minor}"
            ensure_debian_packages([f"python{minor}-venv"])
            subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    wanted = hashlib.sha256(
        (ROOT / "pyproject.toml").read_bytes() + extras.encode() + sys.version.encode()
    ).hexdigest()
    done = STAMP.read_text().split() if STAMP.exists() else []
    if wanted not in done:
        say(f"Installing Watchlist and its dependencies ({extras or 'app only'})")
        pip = [str(python), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
        subprocess.run([*pip, "--upgrade", "pip"], check=True)
        target = f".[{extras}]" if extras else "."
        subprocess.run([*pip, "-e", target], check=True, cwd=ROOT)
        STAMP.write_text("\n".join([*done, wanted]) + "\n")
    return python


def run_app(args: list[str]) -> int:
    ensure_debian_packages(APP_DEBIAN_PACKAGES)
    python = ensure_venv("")
    return subprocess.run([str(python), "-m", "watchlist", *args], check=False).returncode


def run_tests(args: list[str]) -> int:
    ensure_debian_packages(TEST_DEBIAN_PACKAGES)
    python = ensure_venv("test,dev,packaging")
    steps = [
        ("ruff check", [str(python), "-m", "ruff", "check", "."]),
        ("ruff format --check", [str(python), "-m", "ruff", "format", "--check", "."]),
        ("mypy", [str(python), "-m", "mypy"]),
    ]
    for name, command in steps:
        say(f"Running {name}")
        if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
            say(f"{name} failed")
            return 1
    say("Running pytest")
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    workers = ["-n", str(min(os.cpu_count() or 1, 4))] if "-n" not in args else []
    result = subprocess.run(
        [str(python), "-m", "pytest", *workers, *args], cwd=ROOT, env=env, check=False
    ).returncode
    if result != 0 or args:
        # Arguments select tests; only the full run goes on to the packaging checks.
        return result
    say("Running the packaging checks (validators, wheel, PyInstaller build and smoke test)")
    return subprocess.run(
        [str(python), str(ROOT / "packaging" / "check.py")], cwd=ROOT, check=False
    ).returncode


def main() -> int:
    if len(sys.argv) < 2 or sys.argv[1] not in {"run", "test"}:
        print(__doc__)
        return 2
    verb, rest = sys.argv[1], sys.argv[2:]
    return run_app(rest) if verb == "run" else run_tests(rest)


if __name__ == "__main__":
    sys.exit(main())
