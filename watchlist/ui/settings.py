"""The app's settings: typed properties over QSettings, with a ``changed`` signal."""

from __future__ import annotations

from datetime import UTC, datetime, time

from PySide6.QtCore import QObject, QSettings, Signal

from watchlist.core.detect.taxonomy import EventKind
from watchlist.paths import app_paths
from watchlist.ui import autostart

MIN_POLL_INTERVAL_MIN = 5
DEFAULT_POLL_INTERVAL_MIN = 30
DEFAULT_RETENTION_DAYS = 90
MIN_RETENTION_DAYS = 7
SETTINGS_FILE_NAME = "window.ini"


def default_qsettings() -> QSettings:
    """The user's settings file, in the Watchlist config folder (honours XDG_CONFIG_HOME)."""
    path = app_paths().config_dir / SETTINGS_FILE_NAME
    return QSettings(str(path), QSettings.Format.IniFormat)


def _to_bool(value: object, default: bool) -> bool:
    # INI files give strings back; QSettings on other backends gives real booleans.
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"true", "1", "yes"}


def _to_int(value: object, default: int) -> int:
    try:
        return int(str(value))
    except (TypeError, ValueError):
        return default


def _to_time(value: object) -> time | None:
    if not value:
        return None
    try:
        return time.fromisoformat(str(value))
    except ValueError:
        return None


class AppSettings(QObject):
    """Typed access to the window's settings; every setter emits ``changed``.

    Pass a QSettings to keep tests away from the user's configuration; the default is the
    ``window.ini`` file in the Watchlist config folder.
    """

    changed = Signal()

    def __init__(self, qsettings: QSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.qsettings = qsettings if qsettings is not None else default_qsettings()

    def _set(self, key: str, value: object) -> None:
        if value is None:
            self.qsettings.remove(key)
        else:
            self.qsettings.setValue(key, value)
        self.qsettings.sync()
        self.changed.emit()

    @property
    def poll_interval_min(self) -> int:
        """Minutes between two checks of the feeds (at least 5)."""
        value = _to_int(self.qsettings.value("poll/interval_min"), DEFAULT_POLL_INTERVAL_MIN)
        return max(MIN_POLL_INTERVAL_MIN, value)

    @poll_interval_min.setter
    def poll_interval_min(self, minutes: int) -> None:
        self._set("poll/interval_min", max(MIN_POLL_INTERVAL_MIN, int(minutes)))

    @property
    def poll_enabled(self) -> bool:
        """Whether this computer fetches the feeds itself (off on a team desktop, where a
        ``watchlist serve`` poller fetches them and the window only listens for its events)."""
        return _to_bool(self.qsettings.value("poll/enabled"), True)

    @poll_enabled.setter
    def poll_enabled(self, enabled: bool) -> None:
        self._set("poll/enabled", bool(enabled))

    @property
    def poll_at_launch(self) -> bool:
        """Whether the window checks every due feed when it starts."""
        return _to_bool(self.qsettings.value("poll/at_launch"), True)

    @poll_at_launch.setter
    def poll_at_launch(self, enabled: bool) -> None:
        self._set("poll/at_launch", bool(enabled))

    @property
    def notify_kinds(self) -> set[str]:
        """Event kinds that raise a desktop notification (default: all of them)."""
        value = self.qsettings.value("notifications/kinds")
        if value is None:
            return {kind.value for kind in EventKind}
        if isinstance(value, str):
            items = [value] if value else []
        else:
            items = [str(item) for item in value]
        known = {kind.value for kind in EventKind}
        return {item for item in items if item in known}

    @notify_kinds.setter
    def notify_kinds(self, kinds: set[str]) -> None:
        # An empty list is stored as "" so it reads back as "none" rather than "unset".
        self._set("notifications/kinds", sorted(kinds) if kinds else "")

    @property
    def quiet_hours_start(self) -> time | None:
        """Start of the daily quiet period (no notifications), or None."""
        return _to_time(self.qsettings.value("notifications/quiet_start"))

    @quiet_hours_start.setter
    def quiet_hours_start(self, value: time | None) -> None:
        self._set("notifications/quiet_start", value.strftime("%H:%M") if value else None)

    @property
    def quiet_hours_end(self) -> time | None:
        """End of the daily quiet period, or None."""
        return _to_time(self.qsettings.value("notifications/quiet_end"))

    @quiet_hours_end.setter
    def quiet_hours_end(self, value: time | None) -> None:
        self._set("notifications/quiet_end", value.strftime("%H:%M") if value else None)

    @property
    def notifications_paused_until(self) -> datetime | None:
        """Notifications are paused until this aware UTC time, or None."""
        value = self.qsettings.value("notifications/paused_until")
        if not value:
            return None
        try:
            parsed = datetime.fromisoformat(str(value))
        except ValueError:
            return None
        return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)

    @notifications_paused_until.setter
    def notifications_paused_until(self, value: datetime | None) -> None:
        self._set(
            "notifications/paused_until", value.astimezone(UTC).isoformat() if value else None
        )

    @property
    def start_minimised(self) -> bool:
        """Start hidden in the tray (or minimised when there is no tray)."""
        return _to_bool(self.qsettings.value("window/start_minimised"), False)

    @start_minimised.setter
    def start_minimised(self, enabled: bool) -> None:
        self._set("window/start_minimised", bool(enabled))

    @property
    def close_to_tray(self) -> bool:
        """Closing the window hides it to the tray instead of quitting."""
        return _to_bool(self.qsettings.value("window/close_to_tray"), True)

    @close_to_tray.setter
    def close_to_tray(self, enabled: bool) -> None:
        self._set("window/close_to_tray", bool(enabled))

    @property
    def launch_at_login(self) -> bool:
        """Start Watchlist when the user logs in (a freedesktop autostart entry)."""
        return _to_bool(self.qsettings.value("window/launch_at_login"), False)

    @launch_at_login.setter
    def launch_at_login(self, enabled: bool) -> None:
        if enabled:
            autostart.install_autostart_entry()
        else:
            autostart.remove_autostart_entry()
        self._set("window/launch_at_login", bool(enabled))

    @property
    def retention_days(self) -> int:
        """Articles older than this many days that are no event's evidence are pruned."""
        value = _to_int(self.qsettings.value("data/retention_days"), DEFAULT_RETENTION_DAYS)
        return max(MIN_RETENTION_DAYS, value)

    @retention_days.setter
    def retention_days(self, days: int) -> None:
        self._set("data/retention_days", max(MIN_RETENTION_DAYS, int(days)))
