"""Starting the desktop app: QApplication, single instance, database, window and tray."""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication

from watchlist import APP_ID, APP_NAME
from watchlist.demo import DemoEnvironment, create_demo_environment
from watchlist.paths import app_paths
from watchlist.ui.icons import app_icon
from watchlist.ui.main_window import MainWindow
from watchlist.ui.recovery import DailyBackup, open_database_with_recovery
from watchlist.ui.settings import AppSettings
from watchlist.ui.single_instance import SingleInstance
from watchlist.ui.startup_report import install_startup_report
from watchlist.ui.tasks import thread_pool
from watchlist.ui.tray import install_tray

log = logging.getLogger(__name__)

SHUTDOWN_WAIT_MS = 15_000


def create_application() -> QApplication:
    """The QApplication with Watchlist's name, desktop file name and icon."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    # The tray keeps the app alive with the window hidden; the window quits explicitly.
    app.setQuitOnLastWindowClosed(False)
    return app


def run_gui(*, db_url: str, demo: bool = False, quit_after_ms: int | None = None) -> int:
    """Start the Qt application and return its exit code.

    A second launch on the same database raises the running window and returns 0.
    ``quit_after_ms`` quits cleanly that long after the start (the packaging smoke test:
    ``watchlist --quit-after SECONDS``).
    """
    app = create_application()
    environment: DemoEnvironment | None = None
    if demo:
        environment = create_demo_environment()
        db_url = environment.db_url
    instance = SingleInstance(db_url)
    if instance.notify_running_instance():
        log.info("Watchlist is already running on this database; raised its window")
        return 0
    if not instance.listen():
        log.warning("Cannot listen on %s; a second launch will open a second window", instance.name)
    # A damaged database is moved aside and the latest backup offered (watchlist.ui.recovery).
    db = open_database_with_recovery(db_url, app_paths().backup_dir)
    if db is None:
        instance.close()
        return 2
    if environment is not None:
        settings = AppSettings(
            QSettings(str(environment.settings_file), QSettings.Format.IniFormat)
        )
        title = f"{APP_NAME} (demo)"
    else:
        settings = AppSettings()
        title = APP_NAME
    window = MainWindow(db, settings, subscribe_defaults=environment is None, title=title)
    instance.raise_requested.connect(window.bring_to_front)
    app.aboutToQuit.connect(window.shutdown)
    window.quit_requested.connect(app.quit)
    try:
        tray = install_tray(window, db, settings)
        window.hides_to_tray = tray.tray_available
        window.read_state_changed.connect(tray.refresh_unread)
    except Exception:
        # The window is the app; a broken tray or notification service must not stop it.
        log.exception("The tray icon and notifications could not be set up")
    if not settings.start_minimised:
        window.show()
    elif not window.hides_to_tray:
        window.showMinimized()
    install_startup_report(window)
    window.start()
    if environment is None:
        # The demo's throwaway database must not rotate the user's backups out.
        DailyBackup(db, app_paths().backup_dir, parent=window).start()
    if quit_after_ms is not None:
        QTimer.singleShot(quit_after_ms, window.quit_app)
    try:
        return app.exec()
    finally:
        thread_pool().waitForDone(SHUTDOWN_WAIT_MS)
        instance.close()
        db.dispose()
        if environment is not None:
            environment.cleanup()
