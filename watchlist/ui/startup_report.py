"""An opt-in report of when the watchlist first reaches the screen, for the start benchmark.

With the environment variable ``WATCHLIST_BENCH_REPORT`` set, the app prints one line to
standard output once the film table has painted rows for the first time,
``first-paint <seconds since the epoch> <peak memory in MB>``, and quits. ``python -m
benchmarks`` compares that moment with the time it started the process.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer

if TYPE_CHECKING:
    from watchlist.ui.main_window import MainWindow

ENV_VAR = "WATCHLIST_BENCH_REPORT"


class _FirstPaintReporter(QObject):
    """Watches the table's viewport; reports after the first paint that shows rows."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self._window = window
        self._reported = False
        window.table.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self._reported
            and event.type() == QEvent.Type.Paint
            and self._window.film_model.rowCount() > 0
        ):
            self._reported = True
            # Report once this paint event has been handled, not as it starts.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        print(f"first-paint {time.time():.6f} {peak_memory_mb()}", flush=True)
        self._window.quit_app()


def peak_memory_mb() -> str:
    """This process's peak resident memory in MB ("-" where /proc does not say)."""
    # VmHWM, unlike getrusage, starts afresh at exec: a forking parent's memory is not counted.
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii", errors="replace")
    except OSError:
        return "-"
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return f"{int(line.split()[1]) / 1024:.1f}"
    return "-"


def install_startup_report(window: MainWindow) -> None:
    """Report the first paint of the film table and quit, when ``ENV_VAR`` is set."""
    if os.environ.get(ENV_VAR):
        _FirstPaintReporter(window)
