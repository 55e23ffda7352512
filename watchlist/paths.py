"""The one place that knows where Watchlist keeps its files (via platformdirs)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_DIR_NAME = "watchlist"
DB_FILE_NAME = "watchlist.sqlite3"
ENV_DB = "WATCHLIST_DB"


@dataclass(frozen=True)
class AppPaths:
    """Directories for data, configuration, cache and logs."""

    data_dir: Path
    config_dir: Path
    cache_dir: Path
    log_dir: Path

    @property
    def database_file(self) -> Path:
        """The default SQLite database file."""
        return self.data_dir / DB_FILE_NAME

    @property
    def backup_dir(self) -> Path:
        """Where rolling database backups are kept."""
        return self.data_dir / "backups"

    @property
    def log_file(self) -> Path:
        """The rotating log file."""
        return self.log_dir / "watchlist.log"

    @property
    def settings_file(self) -> Path:
        """User settings that the core reads (keyword rules, retention)."""
        return self.config_dir / "settings.toml"

    def default_database_url(self) -> str:
        """SQLAlchemy URL of the default SQLite database."""
        return f"sqlite:///{self.database_file}"


def app_paths() -> AppPaths:
    """Return the per-user paths; they honour XDG_* variables on Linux."""
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False)),
        config_dir=Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False)),
        cache_dir=Path(platformdirs.user_cache_dir(APP_DIR_NAME, appauthor=False)),
        log_dir=Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False)),
    )


def autostart_dir() -> Path:
    """The freedesktop autostart folder ($XDG_CONFIG_HOME/autostart) for launch at login."""
    return Path(platformdirs.user_config_dir(appauthor=False)) / "autostart"


def desktop_data_dir() -> Path:
    """The user's freedesktop data folder ($XDG_DATA_HOME): menu entries and icons go there."""
    return Path(platformdirs.user_data_dir(appauthor=False))


def resolve_database_url(cli_value: str | None) -> str:
    """The database URL: --db first, then $WATCHLIST_DB, else the default SQLite file."""
    if cli_value:
        return cli_value
    env_value = os.environ.get(ENV_DB, "").strip()
    if env_value:
        return env_value
    return app_paths().default_database_url()
