"""``watchlist install-desktop-entry [--remove]``: put Watchlist in the application menu."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from watchlist.cli.context import CliContext
from watchlist.core.desktop_entry import (
    DESKTOP_FILE_NAME,
    find_installed_command,
    install_desktop_entry,
    remove_desktop_entry,
)
from watchlist.paths import desktop_data_dir


def register(subparsers: argparse._SubParsersAction[Any]) -> None:
    """Add the install-desktop-entry verb."""
    parser = subparsers.add_parser(
        "install-desktop-entry",
        help="add Watchlist and its icon to your application menu (per user)",
        description="Copy the menu entry and the icons into $XDG_DATA_HOME/applications and "
        "$XDG_DATA_HOME/icons/hicolor (usually under ~/.local/share).",
    )
    parser.add_argument(
        "--remove", action="store_true", help="take the menu entry and the icons away again"
    )
    parser.add_argument(
        "--exec",
        dest="command",
        type=Path,
        metavar="PATH",
        help="the program the menu entry runs (default: the installed watchlist command)",
    )
    parser.set_defaults(handler=install_desktop_entry_command)


def install_desktop_entry_command(ctx: CliContext, args: argparse.Namespace) -> int:
    """Install or remove the per-user menu entry and icons."""
    data_dir = desktop_data_dir()
    if args.remove:
        removed = remove_desktop_entry(data_dir)
        if removed:
            ctx.print(f"Removed the menu entry and its icons ({len(removed)} files).")
        else:
            ctx.print(f"There was no Watchlist menu entry in {data_dir}.")
        return 0
    command: Path = args.command or find_installed_command()
    written = install_desktop_entry(data_dir, command)
    ctx.print(f"Added {data_dir / 'applications' / DESKTOP_FILE_NAME} (runs {command}).")
    ctx.print(f"Installed {len(written) - 1} icons under {data_dir / 'icons' / 'hicolor'}.")
    return 0
