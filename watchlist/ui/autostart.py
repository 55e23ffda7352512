"""Launch at login: a freedesktop autostart entry in $XDG_CONFIG_HOME/autostart."""

from __future__ import annotations

import sys
from pathlib import Path

from watchlist import APP_ID, APP_NAME
from watchlist.core.desktop_entry import desktop_exec_value, find_installed_command
from watchlist.core.errors import WatchlistError
from watchlist.paths import autostart_dir


def autostart_file() -> Path:
    """Where the autostart entry is written."""
    return autostart_dir() / f"{APP_ID}.desktop"


def exec_line() -> str:
    """The entry's Exec value, quoted as the Desktop Entry spec says (not as a shell would).

    The installed launcher (or the frozen app) when there is one, else this interpreter
    running the package, as when started from a source tree.
    """
    try:
        return desktop_exec_value(find_installed_command())
    except WatchlistError:
        return f"{desktop_exec_value(Path(sys.executable))} -m watchlist"


def install_autostart_entry() -> Path:
    """Write the autostart entry (replacing an older one) and return its path."""
    path = autostart_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        "[Desktop Entry]\n"
        "Type=Application\n"
        f"Name={APP_NAME}\n"
        "Comment=Follow films and hear the moment their news breaks\n"
        f"Exec={exec_line()}\n"
        f"Icon={APP_ID}\n"
        "Terminal=false\n"
        "X-GNOME-Autostart-enabled=true\n",
        encoding="utf-8",
    )
    return path


def remove_autostart_entry() -> None:
    """Remove the autostart entry if there is one."""
    autostart_file().unlink(missing_ok=True)
