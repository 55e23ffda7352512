"""The processes the window row starts: a bare Qt window, and the real window driven by hand.

python -m benchmarks.window_child bare
    QApplication and an empty QMainWindow; prints ``first-paint <epoch> <peak MB>`` after
    its first paint, then quits (the baseline of the start time; imports only PySide6).
python -m benchmarks.window_child interact DB_URL SETTINGS_INI
    The main window on DB_URL; once its films are loaded, sorts the table and types a
    filter, and prints one JSON object of timings in seconds and its peak memory.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path


def peak_memory_mb() -> float:
    """This process's peak resident memory (VmHWM, which starts afresh at exec), in MB."""
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("/proc/self/status has no VmHWM line")


def bare() -> int:
    """Show an empty main window; report its first paint and quit."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    app = QApplication(sys.argv[:1])
    window = QMainWindow()
    window.resize(1200, 800)

    class Reporter(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
            if event.type() == QEvent.Type.Paint:
                window.removeEventFilter(self)
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        print(f"first-paint {time.time():.6f} {peak_memory_mb():.1f}", flush=True)
        app.quit()

    reporter = Reporter()
    window.installEventFilter(reporter)
    window.show()
    return app.exec()


def interact(db_url: str, settings_path: str) -> int:
    """Load the watchlist in the real window, then time a sort and filter keystrokes."""
    import json

    from PySide6.QtCore import QEventLoop, QSettings, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from watchlist.core.db import open_database
    from watchlist.ui.film_model import Column
    from watchlist.ui.main_window import MainWindow
    from watchlist.ui.settings import AppSettings
    from watchlist.ui.tasks import pending_tasks

    app = QApplication(sys.argv[:1])
    settings = AppSettings(QSettings(settings_path, QSettings.Format.IniFormat))
    settings.poll_at_launch = False
    db = open_database(db_url)
    window = MainWindow(db, settings, subscribe_defaults=False)
    window.show()
    loop = QEventLoop()
    window.films_loaded.connect(loop.quit)
    QTimer.singleShot(60_000, loop.quit)
    window.start()
    loop.exec()
    rows = window.proxy.rowCount()
    app.processEvents()

    def settle() -> None:
        # The change is only done for the user once the table has repainted.
        app.processEvents()
        window.table.viewport().repaint()

    timings: dict[str, float | int] = {"rows": rows}
    start = time.perf_counter()
    window.table.sortByColumn(Column.YEAR, Qt.SortOrder.DescendingOrder)
    settle()
    timings["sort_s"] = time.perf_counter() - start
    window.search_edit.setFocus()
    keystrokes: list[float] = []
    keystroke_cpu: list[float] = []
    for key in "ro":
        start, start_cpu = time.perf_counter(), time.process_time()
        QTest.keyClicks(window.search_edit, key)
        settle()
        keystrokes.append(time.perf_counter() - start)
        keystroke_cpu.append(time.process_time() - start_cpu)
    timings["filter_s"] = max(keystrokes)
    # CPU time too: on a busy machine the wall time also counts waiting for a core.
    timings["filter_cpu_s"] = max(keystroke_cpu)
    timings["filtered_rows"] = window.proxy.rowCount()
    timings["peak_mb"] = peak_memory_mb()
    window.shutdown()
    while pending_tasks():
        app.processEvents()
    db.dispose()
    print(json.dumps(timings), flush=True)
    return 0


def main(argv: list[str]) -> int:
    """Dispatch on the first argument (see the module docstring)."""
    if argv[:1] == ["bare"]:
        return bare()
    if argv[:1] == ["interact"] and len(argv) == 3:
        return interact(argv[1], argv[2])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
