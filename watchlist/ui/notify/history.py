"""The notification history: what was sent, when, through which channel, and if it was opened."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.db import Database
from watchlist.core.notifications import notification_history
from watchlist.core.readstate import current_user_key
from watchlist.ui.format import local_datetime_text
from watchlist.ui.tasks import run_in_background

COLUMNS = ("Sent", "Notification", "Shown by", "Opened")
CHANNEL_LABELS = {"freedesktop": "Desktop", "tray-message": "Tray message"}


@dataclass(frozen=True)
class HistoryRow:
    """One sent notification, as the dialog shows it."""

    sent_at: datetime
    summary: str
    body: str
    channel: str
    clicked_at: datetime | None


def load_history(db: Database, user_key: str) -> list[HistoryRow]:
    """The user's sent notifications, newest first (blocking: call off the GUI thread)."""
    with db.session() as session:
        return [
            HistoryRow(r.sent_at, r.summary, r.body, r.channel, r.clicked_at)
            for r in notification_history(session, user_key)
        ]


class NotificationHistoryDialog(QDialog):
    """Lists the notifications Watchlist has shown, newest first.

    The rows load on a worker thread; ``loaded`` is True once they are in the table.
    """

    def __init__(
        self, db: Database, parent: QWidget | None = None, *, user_key: str | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Notification history")
        self.resize(720, 420)
        self.loaded = False
        self.status = QLabel("Loading…")
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        user = user_key or current_user_key()
        run_in_background(lambda: load_history(db, user), self._fill, self._failed)

    def _fill(self, rows: list[HistoryRow]) -> None:
        self.table.setRowCount(len(rows))
        for index, row in enumerate(rows):
            text = f"{row.summary}\n{row.body}" if row.body else row.summary
            opened = local_datetime_text(row.clicked_at) if row.clicked_at else "No"
            cells = (
                local_datetime_text(row.sent_at),
                text,
                CHANNEL_LABELS.get(row.channel, row.channel),
                opened,
            )
            for column, value in enumerate(cells):
                item = QTableWidgetItem(value)
                item.setToolTip(value)
                self.table.setItem(index, column, item)
        self.table.resizeRowsToContents()
        self.status.setText(
            f"{len(rows)} notification(s) shown." if rows else "No notification has been shown yet."
        )
        self.loaded = True

    def _failed(self, exc: BaseException) -> None:
        self.status.setText(f"Could not read the notification history: {exc}")
        self.loaded = True
