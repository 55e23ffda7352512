"""Starting the desktop app (the window is built by the desktop-window issue)."""

from __future__ import annotations


def run_gui(*, db_url: str, demo: bool = False) -> int:
    """Start the Qt application and return its exit code."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    from watchlist import APP_NAME
    from watchlist.core.db import open_database

    open_database(db_url).dispose()
    app = QApplication([APP_NAME])
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    window.show()
    return app.exec()
