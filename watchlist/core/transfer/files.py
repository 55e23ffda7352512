"""Writing an export to a file so that a failure never leaves half a file behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from watchlist.core.errors import WatchlistError

T = TypeVar("T")


class ExportFileError(WatchlistError):
    """The export file cannot be written (missing folder, no permission, disk full)."""


def write_export(path: Path, write: Callable[[TextIO], T]) -> T:
    """Call ``write`` with a UTF-8 text file (newline="") that replaces ``path`` once complete.

    The text goes to a temporary file in the same folder, renamed over ``path`` only when
    ``write`` returns, so a failed export leaves any previous file untouched.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise ExportFileError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            result = write(out)
        temp.chmod(0o644)
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportFileError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return result
