"""Put Watchlist in the user's application menu: the .desktop file and the icons, per user.

``install_desktop_entry`` copies the menu entry shipped in the package (its ``Exec`` pointing
at the installed ``watchlist`` command) into ``$XDG_DATA_HOME/applications`` and the app icons
into ``$XDG_DATA_HOME/icons/hicolor``; ``remove_desktop_entry`` deletes exactly those files.
"""

from __future__ import annotations

import shutil
import sys
from collections.abc import Iterator
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path, PurePosixPath

from watchlist import APP_ID
from watchlist.core.errors import UsageError, WatchlistError

RESOURCE_PACKAGE = "watchlist.resources"
DESKTOP_FILE_NAME = f"{APP_ID}.desktop"
COMMAND_NAME = "watchlist"
# Characters that force an Exec argument into double quotes (Desktop Entry spec, "Exec key").
_EXEC_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
# Inside double quotes these must be backslash-escaped.
_EXEC_ESCAPED = set('"`$\\')


def desktop_exec_value(command: Path) -> str:
    """``command`` as an Exec/TryExec value: quoted per the Desktop Entry spec when needed.

    The spec's quoting (double quotes, backslash before " ` $ and backslash) is applied first;
    then backslashes are doubled again because Exec is also a string value with escapes.
    """
    text = str(command)
    if any(char in _EXEC_RESERVED for char in text):
        escaped = "".join(f"\\{char}" if char in _EXEC_ESCAPED else char for char in text)
        text = f'"{escaped}"'
    return text.replace("\\", "\\\\")


def render_desktop_entry(template: str, command: Path) -> str:
    """The shipped .desktop text with Exec and TryExec pointing at ``command``."""
    exec_value = desktop_exec_value(command)
    lines: list[str] = []
    group = ""
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("["):
            group = stripped
        elif group == "[Desktop Entry]" and stripped.startswith(("Exec=", "TryExec=")):
            if stripped.startswith("Exec="):
                lines.append(f"TryExec={exec_value}")
                lines.append(f"Exec={exec_value}")
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def find_installed_command() -> Path:
    """The ``watchlist`` launcher this Python runs from (or the frozen app's own executable).

    Raises WatchlistError when there is none, e.g. when run from a source tree with
    ``python -m watchlist`` and no installed command.
    """
    if getattr(sys, "frozen", False):
        return Path(sys.executable).resolve()
    beside_python = Path(sys.executable).parent / COMMAND_NAME
    if beside_python.is_file():
        return beside_python.absolute()
    on_path = shutil.which(COMMAND_NAME)
    if on_path:
        return Path(on_path).absolute()
    raise WatchlistError(
        "Found no installed 'watchlist' command to start from the menu; install Watchlist "
        "with pip, or name the command with --exec PATH."
    )


def _resources() -> Traversable:
    return files(RESOURCE_PACKAGE)


def _walk(
    folder: Traversable, prefix: PurePosixPath
) -> Iterator[tuple[PurePosixPath, Traversable]]:
    for child in sorted(folder.iterdir(), key=lambda entry: entry.name):
        relative = prefix / child.name
        if child.is_dir():
            yield from _walk(child, relative)
        else:
            yield relative, child


def shipped_icons() -> list[tuple[PurePosixPath, Traversable]]:
    """Every app icon shipped in the package, as (path under icons/hicolor, file)."""
    hicolor = _resources().joinpath("icons", "hicolor")
    return list(_walk(hicolor, PurePosixPath()))


def installed_paths(data_dir: Path) -> list[Path]:
    """The files ``install_desktop_entry`` writes under ``data_dir``: the entry, then the icons."""
    icons = data_dir / "icons" / "hicolor"
    return [
        data_dir / "applications" / DESKTOP_FILE_NAME,
        *(icons.joinpath(*relative.parts) for relative, _ in shipped_icons()),
    ]


def install_desktop_entry(data_dir: Path, command: Path) -> list[Path]:
    """Write the menu entry and the icons under ``data_dir`` and return the files written.

    ``command`` is what the menu entry runs; it must be an existing file. Existing files from
    an earlier install are replaced, so running it again after an upgrade is safe.
    """
    if not command.is_file():
        raise UsageError(f"The command {command} does not exist, so the menu could not start it.")
    template = _resources().joinpath("applications", DESKTOP_FILE_NAME).read_text("utf-8")
    written: list[Path] = []
    try:
        entry = data_dir / "applications" / DESKTOP_FILE_NAME
        entry.parent.mkdir(parents=True, exist_ok=True)
        entry.write_text(render_desktop_entry(template, command.absolute()), encoding="utf-8")
        written.append(entry)
        for relative, source in shipped_icons():
            target = data_dir.joinpath("icons", "hicolor", *relative.parts)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            written.append(target)
    except OSError as exc:
        raise WatchlistError(
            f"Could not write the menu entry under {data_dir} ({exc.strerror or exc})."
        ) from exc
    return written


def remove_desktop_entry(data_dir: Path) -> list[Path]:
    """Delete the files ``install_desktop_entry`` wrote under ``data_dir``; return those removed.

    Folders and any other files (another app's icons) are left alone.
    """
    removed: list[Path] = []
    for path in installed_paths(data_dir):
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise WatchlistError(f"Could not remove {path} ({exc.strerror or exc}).") from exc
        removed.append(path)
    return removed
