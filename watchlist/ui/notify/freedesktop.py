"""Notifications through the freedesktop Notifications service over the D-Bus session bus.

Qt's own D-Bus binding cannot send the unsigned 32-bit ``replaces_id`` from Python (a Python
int is marshalled as a signed or 16-bit integer and the daemon rejects the call), so the
messages are built with jeepney, which takes the signature ``susssasa{sv}i`` literally.
Every blocking step (connecting, each call) runs through ``run_in_background``; the signals
the daemon sends (ActionInvoked, NotificationClosed) arrive on jeepney's receiver thread and
are relayed to the GUI thread by a queued Qt signal.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, Protocol

from jeepney import DBusAddress, HeaderFields, MatchRule, Message, new_method_call
from jeepney.bus_messages import message_bus
from jeepney.io.threading import DBusRouter, Proxy, open_dbus_connection
from jeepney.wrappers import unwrap_msg
from PySide6.QtCore import QObject, Signal

from watchlist import APP_ID, APP_NAME
from watchlist.core.notifications import IssuedNotification
from watchlist.ui.icons import app_icon_png
from watchlist.ui.notify.base import Notifier, ProbeCallback
from watchlist.ui.tasks import run_in_background

log = logging.getLogger(__name__)

NOTIFICATIONS = DBusAddress(
    "/org/freedesktop/Notifications",
    bus_name="org.freedesktop.Notifications",
    interface="org.freedesktop.Notifications",
)
NOTIFY_SIGNATURE = "susssasa{sv}i"
# Seconds to wait for the daemon; only ever waited on a worker thread.
CALL_TIMEOUT_S = 5.0
# "default" is a click on the bubble itself; "open" is the visible Open button.
ACTIONS = ["default", "Open", "open", "Open"]
# Let the daemon decide how long the bubble stays.
EXPIRE_DEFAULT = -1
NOTIFY_ICON_SIZE = 128


def notification_icon() -> str:
    """The app icon as a file path the daemon can read, else the icon name from the theme."""
    resource = app_icon_png(NOTIFY_ICON_SIZE)
    if isinstance(resource, Path) and resource.is_file():
        return str(resource)
    return APP_ID


def notify_message(note: IssuedNotification, *, replaces_id: int, app_icon: str) -> Message:
    """The Notify call for ``note``; ``replaces_id`` (uint32) names the bubble it replaces."""
    hints: dict[str, tuple[str, Any]] = {"desktop-entry": ("s", APP_ID)}
    return new_method_call(
        NOTIFICATIONS,
        "Notify",
        NOTIFY_SIGNATURE,
        (
            APP_NAME,
            replaces_id,
            app_icon,
            note.planned.summary,
            note.planned.body,
            ACTIONS,
            hints,
            EXPIRE_DEFAULT,
        ),
    )


class SignalQueue(Protocol):
    """Where jeepney's receiver thread puts the daemon's signals."""

    def put_nowait(self, message: Message) -> None:
        """Take one signal message (called on jeepney's thread)."""


Connector = Callable[[SignalQueue], tuple[DBusRouter, Any, str]]


def connect_session_bus(signals: SignalQueue) -> tuple[DBusRouter, Any, str]:
    """Open the session bus, ask the daemon who it is, and route its signals to ``signals``
    (an object with ``put_nowait(message)``). Returns the router, the filter handle and a
    description of the daemon. Blocking: runs on a worker thread."""
    connection = open_dbus_connection("SESSION")
    router = DBusRouter(connection)
    try:
        reply = router.send_and_get_reply(
            new_method_call(NOTIFICATIONS, "GetServerInformation"), timeout=CALL_TIMEOUT_S
        )
        name, vendor, version, _spec = unwrap_msg(reply)
        rule = MatchRule(
            type="signal", interface=NOTIFICATIONS.interface, path=NOTIFICATIONS.object_path
        )
        handle = router.filter(rule, queue=signals)
        Proxy(message_bus, router, timeout=CALL_TIMEOUT_S).AddMatch(rule)
    except BaseException:
        router.close()
        connection.close()
        raise
    return router, handle, f"{name} {version} by {vendor}"


class _SignalRelay(QObject):
    """Stands in for the queue jeepney's receiver thread fills with matching signals."""

    received = Signal(str, object)

    def put_nowait(self, message: Message) -> None:
        # Called on jeepney's thread; the queued signal moves the call to the GUI thread.
        self.received.emit(message.header.fields.get(HeaderFields.member, ""), message.body)


class FreedesktopNotifier(Notifier):
    """Shows notifications through org.freedesktop.Notifications (dunst, GNOME, KDE...).

    Each bubble has the app name and icon and an Open action; a later notification about
    the same film replaces the earlier bubble (``replaces_id``). ``connect`` opens the bus
    (tests pass a stand-in).
    """

    CHANNEL = "freedesktop"

    def __init__(
        self, *, connect: Connector = connect_session_bus, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._connect = connect
        self._relay = _SignalRelay(self)
        self._relay.received.connect(self._on_signal)
        self._router: DBusRouter | None = None
        self._filter: Any = None
        self._icon = notification_icon()
        # replaces_key -> the daemon's id of the bubble currently showing it.
        self._bubbles: dict[str, int] = {}
        self._notes: dict[int, IssuedNotification] = {}

    def probe(self, on_result: ProbeCallback) -> None:
        """Connect to the session bus and ask for the service, off the GUI thread."""
        relay, connect = self._relay, self._connect

        def connected(result: tuple[DBusRouter, Any, str]) -> None:
            self._router, self._filter, detail = result
            on_result(True, detail)

        def failed(exc: BaseException) -> None:
            on_result(False, f"{type(exc).__name__}: {exc}")

        run_in_background(lambda: connect(relay), connected, failed)

    def show(self, note: IssuedNotification) -> None:
        """Send the Notify call without waiting for the daemon's answer on the GUI thread."""
        router = self._router
        if router is None:
            log.warning("Notification not shown, no D-Bus connection: %s", note.planned.summary)
            return
        key = note.planned.replaces_key
        message = notify_message(note, replaces_id=self._bubbles.get(key, 0), app_icon=self._icon)

        def send() -> int:
            reply = router.send_and_get_reply(message, timeout=CALL_TIMEOUT_S)
            return int(unwrap_msg(reply)[0])

        def shown(bubble_id: int) -> None:
            self._bubbles[key] = bubble_id
            self._notes[bubble_id] = note

        def failed(exc: BaseException) -> None:
            log.warning("The notification service refused a notification: %s", exc)

        run_in_background(send, shown, failed)

    def _on_signal(self, member: str, body: object) -> None:
        if not isinstance(body, tuple) or len(body) != 2:
            return
        bubble_id = int(body[0])
        if member == "ActionInvoked" and bubble_id in self._notes:
            self.opened.emit(self._notes[bubble_id])
        elif member == "NotificationClosed":
            note = self._notes.pop(bubble_id, None)
            if note is not None and self._bubbles.get(note.planned.replaces_key) == bubble_id:
                del self._bubbles[note.planned.replaces_key]

    def shutdown(self) -> None:
        """Close the bus connection."""
        router, self._router = self._router, None
        if router is not None:
            if self._filter is not None:
                self._filter.close()
            router.close()
            router.conn.close()
