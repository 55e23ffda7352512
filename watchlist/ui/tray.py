"""The system tray icon, its menu, and the path from a poll's changes to desktop notifications.

``install_tray(window, db, settings)`` is what ``run_gui`` calls. Each poll's changes go to
``issue_notifications`` on a worker thread (which applies the user's policy and records the
history) and the result to the notifier chain on the GUI thread. Where the desktop has no
system tray the app works the same without the icon, and says once how to get alerts.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QRect, Qt, QTimer, SignalInstance
from PySide6.QtGui import QAction, QColor, QFont, QIcon, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QMenu,
    QMessageBox,
    QSystemTrayIcon,
    QWidget,
)

from watchlist import APP_NAME
from watchlist.core.changes import StatusChange
from watchlist.core.db import Database
from watchlist.core.models import utcnow
from watchlist.core.notifications import (
    DEFAULT_GROUP_THRESHOLD,
    PAUSED_UNTIL_RESUMED,
    TOMORROW_RESUME_TIME,
    IssuedNotification,
    NotificationPolicy,
    PauseChoice,
    issue_notifications,
    mark_notification_clicked,
    pause_end,
    unread_followed_events,
)
from watchlist.core.readstate import current_user_key
from watchlist.ui.icons import icon
from watchlist.ui.notify.base import Notifier, NotifierChain
from watchlist.ui.notify.freedesktop import FreedesktopNotifier
from watchlist.ui.notify.history import NotificationHistoryDialog
from watchlist.ui.notify.tray_message import TrayMessageNotifier
from watchlist.ui.settings import AppSettings
from watchlist.ui.tasks import run_in_background

log = logging.getLogger(__name__)

# The settings key remembering that the user was told there is no tray.
NO_TRAY_NOTICE_KEY = "tray/no_tray_notice_shown"
BADGE_ICON_SIZE = 64
BADGE_REFRESH_MS = 60_000
MAX_BADGE_NUMBER = 99
PAUSE_LABELS = {
    PauseChoice.ONE_HOUR: "For 1 hour",
    PauseChoice.UNTIL_TOMORROW: f"Until tomorrow {TOMORROW_RESUME_TIME:%H:%M}",
    PauseChoice.UNTIL_RESUMED: "Until resumed",
}


class TrayWindow(Protocol):
    """What the tray needs from the main window (watchlist.ui.main_window.MainWindow)."""

    @property
    def changes_detected(self) -> SignalInstance: ...

    @property
    def poll_finished(self) -> SignalInstance: ...

    def show_film(self, film_id: int) -> None: ...

    def check_now(self) -> None: ...

    def toggle_visible(self) -> None: ...

    def quit_app(self) -> None: ...

    def isVisible(self) -> bool: ...


def badge_icon(base: QIcon, count: int) -> QIcon:
    """``base`` with the unread ``count`` drawn in a red disc on its corner (none for 0)."""
    pixmap = base.pixmap(BADGE_ICON_SIZE, BADGE_ICON_SIZE)
    if count <= 0:
        return QIcon(pixmap)
    text = f"{MAX_BADGE_NUMBER}+" if count > MAX_BADGE_NUMBER else str(count)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    disc = QRect(BADGE_ICON_SIZE // 3, BADGE_ICON_SIZE // 3, BADGE_ICON_SIZE * 2 // 3, 0)
    disc.setHeight(disc.width())
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#d93025"))
    painter.drawEllipse(disc)
    font = QFont()
    font.setBold(True)
    font.setPixelSize(disc.height() // (2 if len(text) < 3 else 3))
    painter.setFont(font)
    painter.setPen(QColor("white"))
    painter.drawText(disc, Qt.AlignmentFlag.AlignCenter, text)
    painter.end()
    return QIcon(pixmap)


def no_tray_message(notifications_work: bool) -> str:
    """What to tell a user whose desktop has no system tray."""
    if notifications_work:
        return (
            "Your desktop has no system tray, so Watchlist shows no tray icon and closing its "
            "window quits it. Desktop notifications still arrive while Watchlist runs: keep the "
            "window open (minimised) to get alerts."
        )
    return (
        "Your desktop has no system tray and no notification service, so new changes only "
        "show up in the Watchlist window, as unread. To get alerts, install a notification "
        "service (your desktop's, or dunst) or a system tray (on GNOME, the AppIndicator "
        "extension), then restart Watchlist."
    )


def default_notifiers(tray: QSystemTrayIcon, *, tray_available: bool) -> list[Notifier]:
    """The notifiers to try, best first, for this platform."""
    candidates: list[Notifier] = []
    if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")):
        candidates.append(FreedesktopNotifier())
    candidates.append(TrayMessageNotifier(tray, tray_available=tray_available))
    return candidates


class TrayController(QObject):
    """The tray icon and menu, the unread badge, pausing, and notifying each poll's changes.

    ``notifiers`` (best first) default to the platform's; ``tray_available`` defaults to
    what Qt reports. A poll with more than ``group_threshold`` notifications shows one
    grouped notification. ``clock`` and ``user_key`` are injectable for tests.
    """

    def __init__(
        self,
        window: TrayWindow,
        db: Database,
        settings: AppSettings,
        *,
        notifiers: Sequence[Notifier] | None = None,
        tray_available: bool | None = None,
        group_threshold: int = DEFAULT_GROUP_THRESHOLD,
        clock: Callable[[], datetime] = utcnow,
        user_key: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._window = window
        self._db = db
        self._settings = settings
        self._clock = clock
        self._group_threshold = group_threshold
        self._user_key = user_key or current_user_key()
        self.tray_available = (
            QSystemTrayIcon.isSystemTrayAvailable() if tray_available is None else tray_available
        )
        self.unread_count = 0
        self.no_tray_notice: QMessageBox | None = None
        self._base_icon = icon("tray")
        self.tray = QSystemTrayIcon(self._base_icon, self)
        self.menu = self._build_menu()
        self.tray.setContextMenu(self.menu)
        self.tray.activated.connect(self._activated)
        candidates = (
            default_notifiers(self.tray, tray_available=self.tray_available)
            if notifiers is None
            else notifiers
        )
        self.notifier = NotifierChain(candidates, self)
        self.notifier.opened.connect(self.open_notification)
        self.notifier.decided.connect(self._notifier_decided)
        window.changes_detected.connect(self.handle_changes)
        window.poll_finished.connect(self.refresh_unread)
        settings.changed.connect(self._update_pause_state)
        # Reading happens in the window, which does not announce it: recount now and then,
        # and whenever the user looks at the tray menu.
        self._badge_timer = QTimer(self)
        self._badge_timer.setInterval(BADGE_REFRESH_MS)
        self._badge_timer.timeout.connect(self.refresh_unread)
        self.menu.aboutToShow.connect(self.refresh_unread)
        self._update_pause_state()
        self._update_badge()

    # --- menu ----------------------------------------------------------------------------

    def _build_menu(self) -> QMenu:
        menu = QMenu()
        self.show_hide_action = QAction("Show Watchlist", menu)
        self.show_hide_action.triggered.connect(self._window.toggle_visible)
        self.check_now_action = QAction(icon("refresh"), "Check now", menu)
        self.check_now_action.triggered.connect(self._window.check_now)
        self.pause_menu = QMenu("Pause notifications", menu)
        self.pause_actions: dict[PauseChoice, QAction] = {}
        for choice, label in PAUSE_LABELS.items():
            action = QAction(label, self.pause_menu)
            action.triggered.connect(lambda _checked=False, c=choice: self.pause(c))
            self.pause_menu.addAction(action)
            self.pause_actions[choice] = action
        self.pause_menu.addSeparator()
        self.resume_action = QAction("Resume notifications", self.pause_menu)
        self.resume_action.triggered.connect(self.resume)
        self.pause_menu.addAction(self.resume_action)
        self.history_action = QAction("Notification history…", menu)
        self.history_action.triggered.connect(self.show_history)
        self.quit_action = QAction("Quit", menu)
        self.quit_action.triggered.connect(self._window.quit_app)
        menu.addAction(self.show_hide_action)
        menu.addAction(self.check_now_action)
        menu.addMenu(self.pause_menu)
        menu.addAction(self.history_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu.aboutToShow.connect(self._update_show_hide_text)
        return menu

    def _update_show_hide_text(self) -> None:
        visible = self._window.isVisible()
        self.show_hide_action.setText("Hide Watchlist" if visible else "Show Watchlist")

    def _activated(self, reason: QSystemTrayIcon.ActivationReason) -> None:
        if reason == QSystemTrayIcon.ActivationReason.Trigger:
            self._window.toggle_visible()

    def show_history(self) -> None:
        """Open the notification history."""
        parent = self._window if isinstance(self._window, QWidget) else None
        dialog = NotificationHistoryDialog(self._db, parent, user_key=self._user_key)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    # --- start and stop ------------------------------------------------------------------

    def start(self) -> None:
        """Show the icon (where there is a tray), probe the notifiers, count unread."""
        if self.tray_available:
            self.tray.show()
        self.notifier.start()
        self._badge_timer.start()
        self.refresh_unread()

    def shutdown(self) -> None:
        """Hide the icon and close the notifiers' connections."""
        self._badge_timer.stop()
        self.tray.hide()
        self.notifier.shutdown()

    def _notifier_decided(self, channel: str) -> None:
        if self.tray_available or self._settings.qsettings.value(NO_TRAY_NOTICE_KEY):
            return
        self._settings.qsettings.setValue(NO_TRAY_NOTICE_KEY, True)
        self._settings.qsettings.sync()
        parent = self._window if isinstance(self._window, QWidget) else None
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "No system tray",
            no_tray_message(bool(channel)),
            QMessageBox.StandardButton.Ok,
            parent,
        )
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.setModal(False)
        self.no_tray_notice = box
        box.show()

    # --- pause ---------------------------------------------------------------------------

    def pause(self, choice: PauseChoice) -> None:
        """Pause notifications (they wait in the window as unread) for ``choice``."""
        self._settings.notifications_paused_until = pause_end(choice, self._clock())

    def resume(self) -> None:
        """Resume notifications now."""
        self._settings.notifications_paused_until = None

    def is_paused(self) -> bool:
        """Whether notifications are paused right now."""
        return self.policy().is_paused(self._clock())

    def _update_pause_state(self) -> None:
        self.resume_action.setEnabled(self.is_paused())
        self._update_badge()

    def _pause_text(self) -> str:
        until = self._settings.notifications_paused_until
        if until is None or not self.is_paused():
            return ""
        if until >= PAUSED_UNTIL_RESUMED:
            return "Notifications paused"
        return f"Notifications paused until {until.astimezone().strftime('%a %H:%M')}"

    # --- notifications -------------------------------------------------------------------

    def policy(self) -> NotificationPolicy:
        """The notification policy from the current settings."""
        return NotificationPolicy(
            enabled_kinds=frozenset(self._settings.notify_kinds),
            quiet_hours_start=self._settings.quiet_hours_start,
            quiet_hours_end=self._settings.quiet_hours_end,
            paused_until=self._settings.notifications_paused_until,
        )

    def handle_changes(self, changes: list[StatusChange]) -> None:
        """Notify the user of a poll's changes, as their settings allow (off the GUI thread)."""
        self.refresh_unread()
        if not changes:
            return
        if self.notifier.available is False:
            log.info("%d change(s) left unread: no way to notify here", len(changes))
            return
        db, policy, now = self._db, self.policy(), self._clock()
        channel, user_key = self.notifier.channel, self._user_key
        threshold = self._group_threshold

        def issue() -> list[IssuedNotification]:
            return issue_notifications(
                db,
                changes,
                policy,
                now,
                channel=channel,
                user_key=user_key,
                group_threshold=threshold,
            )

        run_in_background(issue, self._show_issued, self._task_failed("notify"))

    def _show_issued(self, issued: list[IssuedNotification]) -> None:
        for note in issued:
            self.notifier.show(note)

    def open_notification(self, note: IssuedNotification) -> None:
        """The user clicked Open: record it and bring the window up on the film."""
        db, record_id, when = self._db, note.record_id, self._clock()

        def record() -> None:
            with db.session() as session:
                mark_notification_clicked(session, record_id, when)

        run_in_background(record, lambda _none: None, self._task_failed("record a click"))
        if note.film_id is not None:
            self._window.show_film(note.film_id)
        elif not self._window.isVisible():
            self._window.toggle_visible()

    # --- unread badge --------------------------------------------------------------------

    def refresh_unread(self, *_ignored: object) -> None:
        """Recount unread changes for the badge and tooltip (off the GUI thread)."""
        db, user_key = self._db, self._user_key

        def count() -> int:
            with db.session() as session:
                return unread_followed_events(session, user_key)

        run_in_background(count, self._set_unread, self._task_failed("count unread changes"))

    def _set_unread(self, count: int) -> None:
        self.unread_count = count
        self._update_badge()

    def _update_badge(self) -> None:
        self.tray.setIcon(badge_icon(self._base_icon, self.unread_count))
        lines = [APP_NAME]
        if self.unread_count:
            plural = "change" if self.unread_count == 1 else "changes"
            lines.append(f"{self.unread_count} unread {plural}")
        else:
            lines.append("No unread changes")
        pause_text = self._pause_text()
        if pause_text:
            lines.append(pause_text)
        self.tray.setToolTip("\n".join(lines))

    def _task_failed(self, what: str) -> Callable[[BaseException], None]:
        def failed(exc: BaseException) -> None:
            log.warning("Could not %s: %s", what, exc, exc_info=exc)

        return failed


def install_tray(window: TrayWindow, db: Database, settings: AppSettings) -> TrayController:
    """Give ``window`` a tray icon and desktop notifications for its polls' changes.

    Works without a system tray too (the app then says once how to get alerts).
    """
    controller = TrayController(window, db, settings)
    app = QApplication.instance()
    if app is not None:
        app.aboutToQuit.connect(controller.shutdown)
    controller.start()
    return controller
