"""Starting the desktop app (the window is built by the desktop-window issue)."""

from __future__ import annotations


def run_gui(*, db_url: str, demo: bool = False, quit_after_ms: int | None = None) -> int:
    """Start the Qt application and return its exit code.

    ``quit_after_ms`` quits the event loop cleanly that long after it started (the packaging
    smoke test: ``watchlist --quit-after SECONDS``).
    """
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMainWindow

    from watchlist import APP_NAME
    from watchlist.core.db import open_database

    open_database(db_url).dispose()
    app = QApplication([APP_NAME])
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    window.show()
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, app.quit)
    return app.exec()
