"""Render the demo window to docs/screenshot.png on a private Xvfb screen.

    python3 packaging/screenshot.py [--out docs/screenshot.png] [--tab watchlist|news|...]

Starts Xvfb on a free display, runs the demo (temporary database, bundled feeds, a poll) in a
child process on that display with the xcb platform, selects Good Sex so its timeline shows,
and saves the window. Xvfb is stopped by its process id afterwards. Needs the `xvfb` Debian
package (packaging/dev.py installs it with the test packages).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "docs" / "screenshot.png"
SCREEN = "1400x900x24"
WINDOW_SIZE = (1240, 760)
TABS = {"watchlist": 0, "news": 1, "calendar": 2, "deals": 3}
FOCUS_FILM = "Good Sex"


def free_display() -> int:
    """A display number with no X server lock file."""
    for number in range(90, 200):
        if (
            not Path(f"/tmp/.X{number}-lock").exists()
            and not Path(f"/tmp/.X11-unix/X{number}").exists()
        ):
            return number
    raise SystemExit("screenshot: no free X display number between :90 and :199")


def start_xvfb() -> tuple[subprocess.Popen[bytes], str]:
    """Start Xvfb and wait until its socket exists."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("screenshot: Xvfb is not installed (apt-get install xvfb)")
    display = free_display()
    process = subprocess.Popen(
        ["Xvfb", f":{display}", "-screen", "0", SCREEN, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    socket = Path(f"/tmp/.X11-unix/X{display}")
    for _ in range(100):
        if socket.exists():
            return process, f":{display}"
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise SystemExit("screenshot: Xvfb did not start")


def render(out: Path, tab: str) -> int:
    """Child process: show the demo window on $DISPLAY and save it to ``out``."""
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QFont

    from watchlist.core.db import open_database
    from watchlist.core.models import Film
    from watchlist.demo import create_demo_environment
    from watchlist.ui.app import create_application
    from watchlist.ui.main_window import MainWindow
    from watchlist.ui.settings import AppSettings

    app = create_application()
    app.setFont(QFont("DejaVu Sans", 10))
    environment = create_demo_environment()
    db = open_database(environment.db_url)
    settings = AppSettings(QSettings(str(environment.settings_file), QSettings.Format.IniFormat))
    window = MainWindow(db, settings, subscribe_defaults=False, title="Watchlist (demo)")
    window.resize(*WINDOW_SIZE)
    window.show()
    with db.session() as session:
        focus = session.query(Film).filter_by(title=FOCUS_FILM).one().id

    def save() -> None:
        out.parent.mkdir(parents=True, exist_ok=True)
        if not window.grab().save(str(out)):
            print(f"screenshot: cannot write {out}", file=sys.stderr)
            app.exit(1)
            return
        print(f"screenshot: wrote {out}")
        window.quit_app()

    def polled(_outcome: object) -> None:
        window.films_loaded.connect(open_focus_film)

    def open_focus_film() -> None:
        window.films_loaded.disconnect(open_focus_film)
        window.detail_shown.connect(shown)
        window.show_film(focus)

    def shown(_film_id: int) -> None:
        window.detail_shown.disconnect(shown)
        if TABS[tab]:
            window.view_loaded.connect(lambda _index: QTimer.singleShot(300, save))
            window.tabs.setCurrentIndex(TABS[tab])
        else:
            QTimer.singleShot(300, save)  # let the last paint settle

    window.poll_finished.connect(polled)
    window.start()
    QTimer.singleShot(60_000, lambda: app.exit(3))  # never hang a CI job
    try:
        return app.exec()
    finally:
        db.dispose()
        environment.cleanup()


def main() -> int:
    """Start Xvfb, render in a child process on it, stop Xvfb."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--tab", choices=sorted(TABS), default="watchlist")
    parser.add_argument("--render", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.render:
        return render(args.out.resolve(), args.tab)
    xvfb, display = start_xvfb()
    try:
        with tempfile.TemporaryDirectory(prefix="watchlist-shot-") as home:
            env = {
                **os.environ,
                "DISPLAY": display,
                "QT_QPA_PLATFORM": "xcb",
                # A private home: no user settings, theme or database leak into the picture.
                "HOME": home,
                "XDG_CONFIG_HOME": f"{home}/config",
                "XDG_DATA_HOME": f"{home}/data",
                "XDG_STATE_HOME": f"{home}/state",
                "XDG_CACHE_HOME": f"{home}/cache",
                "WATCHLIST_USER": "demo",
            }
            env.pop("WAYLAND_DISPLAY", None)
            command = [
                sys.executable,
                str(Path(__file__).resolve()),
                "--render",
                "--out",
                str(args.out.resolve()),
                "--tab",
                args.tab,
            ]
            return subprocess.run(command, env=env, cwd=ROOT, check=False, timeout=120).returncode
    finally:
        xvfb.terminate()
        try:
            xvfb.wait(timeout=5)
        except subprocess.TimeoutExpired:
            xvfb.kill()


if __name__ == "__main__":
    sys.exit(main())
