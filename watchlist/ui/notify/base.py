"""The Notifier interface and the chain that picks the first implementation that works."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import ClassVar

from PySide6.QtCore import QObject, Signal

from watchlist.core.notifications import IssuedNotification

log = logging.getLogger(__name__)

ProbeCallback = Callable[[bool, str], None]


class Notifier(QObject):
    """Shows issued notifications on the desktop.

    ``opened`` carries the IssuedNotification whose Open action (or body) the user clicked.
    Subclasses set ``CHANNEL`` (the name recorded in the history) and implement ``probe``
    and ``show``; neither may block the GUI thread.
    """

    opened = Signal(object)
    CHANNEL: ClassVar[str] = ""

    @property
    def channel(self) -> str:
        """The name of this way of notifying, as recorded in the history."""
        return self.CHANNEL

    def probe(self, on_result: ProbeCallback) -> None:
        """Find out whether this notifier works here; call ``on_result(ok, detail)`` later
        or at once, on the GUI thread. ``detail`` says what was found, for the log."""
        raise NotImplementedError

    def show(self, note: IssuedNotification) -> None:
        """Show ``note``; a note with the same ``replaces_key`` replaces the earlier one."""
        raise NotImplementedError

    def shutdown(self) -> None:
        """Release connections before the app quits."""


class NotifierChain(Notifier):
    """Tries ``candidates`` in order and delegates to the first whose probe succeeds.

    Notes shown while the probes run are held and shown once a notifier is chosen.
    ``available`` is None while probing, then whether any candidate works; ``decided``
    is emitted with the chosen channel ("" when none works).
    """

    decided = Signal(str)

    def __init__(self, candidates: Sequence[Notifier], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._candidates = list(candidates)
        self._next = 0
        self._active: Notifier | None = None
        self._held: list[IssuedNotification] = []
        self.available: bool | None = None
        for candidate in self._candidates:
            candidate.opened.connect(self.opened)

    @property
    def channel(self) -> str:
        """The chosen notifier's channel; while probing, the one being tried."""
        if self._active is not None:
            return self._active.channel
        if self.available is None and self._next < len(self._candidates):
            return self._candidates[self._next].channel
        return ""

    @property
    def active(self) -> Notifier | None:
        """The notifier in use, once chosen."""
        return self._active

    def start(self) -> None:
        """Begin probing the candidates (call once, on the GUI thread)."""
        self._try_next()

    def probe(self, on_result: ProbeCallback) -> None:
        """Report once a candidate is chosen (or none works)."""
        if self.available is not None:
            on_result(self.available, self.channel)
            return
        self.decided.connect(lambda channel: on_result(bool(channel), channel))

    def _try_next(self) -> None:
        if self._next >= len(self._candidates):
            log.warning("No way to show desktop notifications here; changes stay in the window")
            self._decide(None)
            return
        candidate = self._candidates[self._next]
        candidate.probe(lambda ok, detail: self._probed(candidate, ok, detail))

    def _probed(self, candidate: Notifier, ok: bool, detail: str) -> None:
        if ok:
            log.info("Desktop notifications: using %s (%s)", candidate.channel, detail)
            self._decide(candidate)
            return
        log.info("Desktop notifications: %s unavailable (%s)", candidate.channel, detail)
        self._next += 1
        self._try_next()

    def _decide(self, notifier: Notifier | None) -> None:
        self._active = notifier
        self.available = notifier is not None
        held, self._held = self._held, []
        if notifier is not None:
            for note in held:
                notifier.show(note)
        self.decided.emit(self.channel)

    def show(self, note: IssuedNotification) -> None:
        """Show through the chosen notifier, or hold the note until one is chosen."""
        if self._active is not None:
            self._active.show(note)
        elif self.available is None:
            self._held.append(note)
        else:
            log.info("Notification not shown (no notifier): %s", note.planned.summary)

    def shutdown(self) -> None:
        """Shut every candidate down."""
        for candidate in self._candidates:
            candidate.shutdown()
