"""Backups and recovery in the window: a damaged database at start, daily backups, restore.

A damaged database is never deleted: it is moved aside (``backup.move_aside``) and the user
chooses between the latest backup and an empty watchlist. Backups are written off the GUI
thread, once a day, while the app runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from watchlist import APP_NAME
from watchlist.core.backup import (
    Backup,
    CorruptDatabaseError,
    backup_database,
    check_database_file,
    list_backups,
    move_aside,
    restore_backup,
)
from watchlist.core.db import Database, open_database
from watchlist.core.errors import WatchlistError
from watchlist.ui.tasks import run_in_background

log = logging.getLogger(__name__)

# Backups are daily files, so checking hourly writes each day's within the hour it starts.
BACKUP_CHECK_INTERVAL_MS = 60 * 60 * 1000


def open_database_with_recovery(
    db_url: str, backup_dir: Path, parent: QWidget | None = None
) -> Database | None:
    """Open the database; when it is damaged, ask how to recover and do it.

    Returns the open database, or None when it cannot be opened or the user chose to quit
    (a message has then been shown).
    """
    try:
        db = open_database(db_url)
    except CorruptDatabaseError as exc:
        log.error("The database is damaged: %s", exc)
        return recover_corrupt_database(exc, db_url, backup_dir, parent)
    except WatchlistError as exc:
        log.error("Cannot open the database: %s", exc)
        QMessageBox.critical(parent, APP_NAME, str(exc))
        return None
    if db.sqlite_path is not None:
        # Damage past the schema pages only shows on reading them: check before any window.
        try:
            check_database_file(db.sqlite_path)
        except CorruptDatabaseError as exc:
            db.dispose()
            log.error("The database is damaged: %s", exc)
            return recover_corrupt_database(exc, db_url, backup_dir, parent)
    return db


def recover_corrupt_database(
    error: CorruptDatabaseError, db_url: str, backup_dir: Path, parent: QWidget | None = None
) -> Database | None:
    """Ask whether to restore the latest backup or start empty; the damaged file goes aside.

    Returns the database to use, or None when the user chose to quit (the file is then left
    exactly as it was).
    """
    backups = list_backups(backup_dir)
    latest = backups[0] if backups else None
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle(APP_NAME)
    box.setText(f"The watchlist database {error.path} is damaged and cannot be opened.")
    kept = "It will be kept aside next to where it is, never deleted."
    if latest is not None:
        box.setInformativeText(
            f"{kept} You can continue with the latest backup, from {latest.label}, or with an "
            "empty watchlist."
        )
        restore_button = box.addButton("Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    else:
        box.setInformativeText(f"{kept} There is no backup yet; you can start an empty watchlist.")
        restore_button = None
    empty_button = box.addButton("Start empty", QMessageBox.ButtonRole.DestructiveRole)
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore_button or quit_button)
    box.setEscapeButton(quit_button)
    box.exec()
    clicked = box.clickedButton()
    if clicked not in (restore_button, empty_button):
        return None
    # At start there is no window yet to keep responsive; the copy is one file on local disk.
    try:
        if clicked is restore_button and latest is not None:
            moved = restore_backup(latest.path, error.path)
            log.warning("Restored %s from %s; the damaged file is %s", error.path, latest, moved)
        else:
            move_aside(error.path, "corrupt")
        return open_database(db_url)
    except (OSError, WatchlistError) as exc:
        log.error("Recovery failed: %s", exc)
        QMessageBox.critical(parent, APP_NAME, f"The database could not be recovered: {exc}")
        return None


class DailyBackup(QObject):
    """Writes the day's backup of a SQLite watchlist off the GUI thread: now and hourly after.

    ``backup_database`` writes one file per day and prunes old ones, so the hourly check costs
    a file lookup when today's backup exists.
    """

    def __init__(self, db: Database, backup_dir: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self.backup_dir = backup_dir
        self.last_written: Path | None = None
        self._running = False
        self._timer = QTimer(self)
        self._timer.setInterval(BACKUP_CHECK_INTERVAL_MS)
        self._timer.timeout.connect(self.run)

    def start(self) -> None:
        """Back up now (in the background) and check again every hour."""
        if self.db.sqlite_path is None:
            return
        self.run()
        self._timer.start()

    def stop(self) -> None:
        """Stop the hourly check."""
        self._timer.stop()

    def run(self) -> None:
        """Write today's backup in the background unless it exists or one is being written."""
        path = self.db.sqlite_path
        if path is None or self._running:
            return
        self._running = True
        backup_dir = self.backup_dir
        run_in_background(
            lambda: backup_database(path, backup_dir), self._written, self._backup_failed
        )

    def _written(self, written: Path | None) -> None:
        self._running = False
        if written is not None:
            self.last_written = written

    def _backup_failed(self, exc: BaseException) -> None:
        self._running = False
        # The watchlist itself is fine; say it in the log and retry at the next check.
        log.warning("The daily backup failed: %s", exc)


@dataclass(frozen=True)
class RestoreResult:
    """What a restore did: the backup used and where the replaced database was kept."""

    backup: Path
    kept_as: Path | None


def choose_backup(backups: list[Backup], parent: QWidget | None) -> Backup | None:
    """Let the user pick a backup, newest first and preselected; None when cancelled."""
    labels = [backup.label for backup in backups]
    label, accepted = QInputDialog.getItem(
        parent, "Restore from backup", "Replace the watchlist with the backup of:", labels, 0, False
    )
    if not accepted or label not in labels:
        return None
    return backups[labels.index(label)]


def restore_from_backup(
    window: QWidget,
    db: Database,
    backup_dir: Path,
    *,
    on_restored: Callable[[RestoreResult], None] | None = None,
) -> bool:
    """File > Restore from backup…: pick a backup, confirm, then restore it in the background.

    The current database is kept aside. ``on_restored`` (a callable taking a RestoreResult) runs
    on the GUI thread after a successful restore. Returns False when nothing was started.
    """
    path = db.sqlite_path
    if path is None:
        QMessageBox.information(
            window,
            APP_NAME,
            "Backups are kept for the local SQLite watchlist only; back up a server database "
            "with its own tools.",
        )
        return False
    backups = list_backups(backup_dir)
    if not backups:
        QMessageBox.information(window, APP_NAME, f"There are no backups yet in {backup_dir}.")
        return False
    backup = choose_backup(backups, window)
    if backup is None:
        return False
    answer = QMessageBox.question(
        window,
        APP_NAME,
        f"Replace the watchlist with the backup of {backup.label}? Changes made since then are "
        "set aside with the current database, which is kept next to it.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    if answer != QMessageBox.StandardButton.Yes:
        return False

    def work() -> RestoreResult:
        # Close pooled connections first: the next session then opens the restored file.
        db.dispose()
        kept = restore_backup(backup.path, path)
        db.dispose()
        return RestoreResult(backup.path, kept)

    def done(result: RestoreResult) -> None:
        kept = f" The previous database was kept as {result.kept_as}." if result.kept_as else ""
        QMessageBox.information(window, APP_NAME, f"Restored the backup of {backup.label}.{kept}")
        if on_restored is not None:
            on_restored(result)

    def failed(exc: BaseException) -> None:
        message = str(exc) if isinstance(exc, WatchlistError | OSError) else repr(exc)
        QMessageBox.warning(window, APP_NAME, f"The backup could not be restored: {message}")

    run_in_background(work, done, failed)
    return True
