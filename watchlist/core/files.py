"""Writing a file so that a failure never leaves half of it behind."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TextIO, TypeVar

from watchlist.core.errors import WatchlistError

T = TypeVar("T")


def write_file_atomically(
    path: Path,
    write: Callable[[TextIO], T],
    *,
    error: type[WatchlistError] = WatchlistError,
) -> T:
    """Call ``write`` with a UTF-8 text file (newline="") that replaces ``path`` once complete.

    The text goes to a temporary file in the same folder, renamed over ``path`` only when
    ``write`` returns, so a failure leaves any previous file untouched. A file that cannot be
    written raises ``error`` with one sentence naming the path and the reason.
    """
    folder = path.parent if str(path.parent) else Path()
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise error(f"Cannot write {path}: {exc.strerror or exc}.") from None
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            result = write(out)
        temp.chmod(0o644)
        temp.replace(path)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise error(f"Cannot write {path}: {exc.strerror or exc}.") from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return result
