"""The settings dialog: polling, notifications, quiet hours, window behaviour, retention, and
the user's own detection keywords."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from pathlib import Path

from PySide6.QtCore import QTime
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QSpinBox,
    QTabWidget,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.detect.keywords import load_keyword_rules, save_keyword_rules
from watchlist.core.detect.taxonomy import EventKind
from watchlist.core.errors import WatchlistError
from watchlist.ui.dialogs.keyword_rules import KeywordRulesPage
from watchlist.ui.format import kind_label
from watchlist.ui.settings import MIN_POLL_INTERVAL_MIN, MIN_RETENTION_DAYS, AppSettings

DEFAULT_QUIET_START = time(22, 0)
DEFAULT_QUIET_END = time(7, 0)


def _qtime(value: time) -> QTime:
    return QTime(value.hour, value.minute)


def _pytime(value: QTime) -> time:
    return time(value.hour(), value.minute())


class SettingsDialog(QDialog):
    """Edits AppSettings and the keyword rules of the settings file; nothing is written until
    OK."""

    def __init__(
        self,
        settings: AppSettings,
        parent: QWidget | None = None,
        *,
        keywords_file: Path | None = None,
        film_titles: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self._settings = settings
        self._keywords_file = keywords_file
        self.setWindowTitle("Settings")

        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(MIN_POLL_INTERVAL_MIN, 24 * 60)
        self.interval_spin.setSuffix(" min")
        self.interval_spin.setAccessibleName("Check feeds every")
        self.interval_spin.setValue(settings.poll_interval_min)
        self.poll_at_launch_box = QCheckBox("Check the feeds when Watchlist starts")
        self.poll_at_launch_box.setChecked(settings.poll_at_launch)
        self.poll_enabled_box = QCheckBox("&Poll feeds on this computer")
        self.poll_enabled_box.setChecked(settings.poll_enabled)
        self.poll_enabled_hint = QLabel(
            "On a team database a watchlist serve poller can fetch the feeds: turn this off "
            "and this computer only listens for the events it stores."
        )
        self.poll_enabled_hint.setWordWrap(True)
        self.poll_enabled_hint.setForegroundRole(QPalette.ColorRole.PlaceholderText)
        self.poll_enabled_box.toggled.connect(self._update_poll_enabled)
        self._update_poll_enabled(self.poll_enabled_box.isChecked())
        feeds = QGroupBox("Feeds")
        feeds_form = QFormLayout(feeds)
        feeds_form.addRow(self.poll_enabled_box)
        feeds_form.addRow(self.poll_enabled_hint)
        feeds_form.addRow("Check &every:", self.interval_spin)
        feeds_form.addRow(self.poll_at_launch_box)

        notifications = QGroupBox("Notify me about")
        kinds_layout = QVBoxLayout(notifications)
        kinds_grid = QGridLayout()
        enabled = settings.notify_kinds
        self.kind_boxes: dict[str, QCheckBox] = {}
        rows = (len(EventKind) + 1) // 2
        for number, kind in enumerate(EventKind):
            box = QCheckBox(kind_label(kind))
            box.setChecked(kind.value in enabled)
            self.kind_boxes[kind.value] = box
            kinds_grid.addWidget(box, number % rows, number // rows)
        kinds_layout.addLayout(kinds_grid)

        self.quiet_box = QCheckBox("&Quiet hours: no notifications from")
        self.quiet_start = QTimeEdit()
        self.quiet_start.setDisplayFormat("HH:mm")
        self.quiet_start.setAccessibleName("Quiet hours start")
        self.quiet_end = QTimeEdit()
        self.quiet_end.setDisplayFormat("HH:mm")
        self.quiet_end.setAccessibleName("Quiet hours end")
        start, end = settings.quiet_hours_start, settings.quiet_hours_end
        self.quiet_box.setChecked(start is not None and end is not None)
        self.quiet_start.setTime(_qtime(start or DEFAULT_QUIET_START))
        self.quiet_end.setTime(_qtime(end or DEFAULT_QUIET_END))
        self.quiet_box.toggled.connect(self._update_quiet_enabled)
        self._update_quiet_enabled(self.quiet_box.isChecked())
        quiet_row = QHBoxLayout()
        quiet_row.addWidget(self.quiet_box)
        quiet_row.addWidget(self.quiet_start)
        quiet_row.addWidget(QLabel("to"))
        quiet_row.addWidget(self.quiet_end)
        quiet_row.addStretch(1)
        kinds_layout.addLayout(quiet_row)

        self.start_minimised_box = QCheckBox("Start &minimised")
        self.start_minimised_box.setChecked(settings.start_minimised)
        self.close_to_tray_box = QCheckBox("&Closing the window keeps Watchlist in the tray")
        self.close_to_tray_box.setChecked(settings.close_to_tray)
        self.launch_at_login_box = QCheckBox("Start Watchlist when I &log in")
        self.launch_at_login_box.setChecked(settings.launch_at_login)
        window = QGroupBox("Window")
        window_layout = QVBoxLayout(window)
        for box in (self.start_minimised_box, self.close_to_tray_box, self.launch_at_login_box):
            window_layout.addWidget(box)

        self.retention_spin = QSpinBox()
        self.retention_spin.setRange(MIN_RETENTION_DAYS, 3650)
        self.retention_spin.setSuffix(" days")
        self.retention_spin.setAccessibleName("Keep articles for")
        self.retention_spin.setValue(settings.retention_days)
        self.retention_spin.setToolTip(
            "Articles that are the evidence of an event are always kept."
        )
        data = QGroupBox("Data")
        data_form = QFormLayout(data)
        data_form.addRow("&Keep articles for:", self.retention_spin)

        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)

        general = QWidget()
        general_layout = QVBoxLayout(general)
        for group in (feeds, notifications, window, data):
            general_layout.addWidget(group)
        # A small local file: read here so the page opens with the rules in it.
        self._saved_rules = load_keyword_rules(keywords_file)
        self.keywords_page = KeywordRulesPage(self._saved_rules, film_titles)
        self.tabs = QTabWidget()
        self.tabs.addTab(general, "&General")
        self.tabs.addTab(self.keywords_page, "&Detection keywords")

        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)

    def _update_poll_enabled(self, enabled: bool) -> None:
        self.interval_spin.setEnabled(enabled)
        self.poll_at_launch_box.setEnabled(enabled)

    def _update_quiet_enabled(self, enabled: bool) -> None:
        self.quiet_start.setEnabled(enabled)
        self.quiet_end.setEnabled(enabled)

    def accept(self) -> None:
        """Write every setting, then close (a settings file that cannot be written keeps the
        dialog open with the reason)."""
        rules = self.keywords_page.model.rules()
        if rules != self._saved_rules:
            try:
                save_keyword_rules(rules, self._keywords_file)
            except WatchlistError as exc:
                QMessageBox.warning(self, "Keywords not saved", str(exc))
                self.tabs.setCurrentWidget(self.keywords_page)
                return
            self._saved_rules = rules
        settings = self._settings
        settings.poll_enabled = self.poll_enabled_box.isChecked()
        settings.poll_interval_min = self.interval_spin.value()
        settings.poll_at_launch = self.poll_at_launch_box.isChecked()
        settings.notify_kinds = {k for k, box in self.kind_boxes.items() if box.isChecked()}
        if self.quiet_box.isChecked():
            settings.quiet_hours_start = _pytime(self.quiet_start.time())
            settings.quiet_hours_end = _pytime(self.quiet_end.time())
        else:
            settings.quiet_hours_start = None
            settings.quiet_hours_end = None
        settings.start_minimised = self.start_minimised_box.isChecked()
        settings.close_to_tray = self.close_to_tray_box.isChecked()
        if settings.launch_at_login != self.launch_at_login_box.isChecked():
            settings.launch_at_login = self.launch_at_login_box.isChecked()
        settings.retention_days = self.retention_spin.value()
        super().accept()
