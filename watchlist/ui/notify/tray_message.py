"""Notifications as the tray icon's message balloon (Windows, macOS, and the fallback)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QSystemTrayIcon

from watchlist.core.notifications import IssuedNotification
from watchlist.ui.icons import app_icon
from watchlist.ui.notify.base import Notifier, ProbeCallback

MESSAGE_TIMEOUT_MS = 10_000


class TrayMessageNotifier(Notifier):
    """Shows each notification with ``QSystemTrayIcon.showMessage``.

    A balloon has no buttons, so clicking it counts as Open for the latest one shown (the
    platform shows one at a time, and a new one replaces the previous).
    """

    CHANNEL = "tray-message"

    def __init__(
        self,
        tray: QSystemTrayIcon,
        *,
        tray_available: bool | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._tray = tray
        self._tray_available = tray_available
        self._latest: IssuedNotification | None = None
        tray.messageClicked.connect(self._clicked)

    def probe(self, on_result: ProbeCallback) -> None:
        """Works where there is a system tray whose icons can show messages."""
        available = (
            QSystemTrayIcon.isSystemTrayAvailable()
            if self._tray_available is None
            else self._tray_available
        )
        if not available:
            on_result(False, "no system tray")
        elif not QSystemTrayIcon.supportsMessages():
            on_result(False, "the system tray cannot show messages")
        else:
            on_result(True, "system tray messages")

    def show(self, note: IssuedNotification) -> None:
        """Show ``note`` as a balloon from the tray icon."""
        self._latest = note
        self._tray.showMessage(
            note.planned.summary, note.planned.body, app_icon(), MESSAGE_TIMEOUT_MS
        )

    def _clicked(self) -> None:
        if self._latest is not None:
            self.opened.emit(self._latest)
