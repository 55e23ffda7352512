"""A notifier that only remembers what it was asked to show (for tests)."""

from __future__ import annotations

from PySide6.QtCore import QObject

from watchlist.core.notifications import IssuedNotification
from watchlist.ui.notify.base import Notifier, ProbeCallback


class RecordingNotifier(Notifier):
    """Keeps every shown note in ``shown``; ``click(note)`` acts as the user pressing Open."""

    CHANNEL = "recording"

    def __init__(self, *, works: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.works = works
        self.shown: list[IssuedNotification] = []

    def probe(self, on_result: ProbeCallback) -> None:
        """Succeeds (or fails, when built with ``works=False``) at once."""
        on_result(self.works, "records notes in memory")

    def show(self, note: IssuedNotification) -> None:
        """Remember ``note``."""
        self.shown.append(note)

    def click(self, note: IssuedNotification) -> None:
        """Simulate the user clicking Open on ``note``."""
        self.opened.emit(note)
