"""The one way to run core work off the GUI thread.

``run_in_background(fn, on_done, on_error)`` runs ``fn`` on a QThreadPool worker and delivers
its result (or its exception) to the callbacks on the GUI thread, through a signal of an object
that lives there. Widgets never start threads themselves.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)

T = TypeVar("T")


class _Relay(QObject):
    """Lives on the GUI thread; its queued signals carry a task's outcome back there."""

    succeeded = Signal(object)
    failed = Signal(object)

    def __init__(
        self,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
        context: QObject | None,
    ) -> None:
        super().__init__()
        self._on_done = on_done
        self._on_error = on_error
        self._context = context
        # Slots of an object living on the GUI thread: emitting from a worker queues the call.
        self.succeeded.connect(self._deliver_result)
        self.failed.connect(self._deliver_error)

    def _context_alive(self) -> bool:
        # A widget deleted while its task ran (a closed dialog) gets no callback.
        return self._context is None or shiboken6.isValid(self._context)

    @Slot(object)
    def _deliver_result(self, result: object) -> None:
        _pending.discard(self)
        self.deleteLater()
        if self._context_alive():
            self._on_done(result)

    @Slot(object)
    def _deliver_error(self, exc: BaseException) -> None:
        _pending.discard(self)
        self.deleteLater()
        log.debug("Background task failed", exc_info=exc)
        if self._context_alive():
            self._on_error(exc)


class _Task(QRunnable):
    def __init__(self, fn: Callable[[], Any], relay: _Relay) -> None:
        super().__init__()
        self._fn = fn
        self._relay = relay

    def run(self) -> None:
        try:
            result = self._fn()
        except BaseException as exc:  # delivered to on_error on the GUI thread
            self._relay.failed.emit(exc)
        else:
            self._relay.succeeded.emit(result)


class ProgressRelay(QObject):
    """Carries progress reports from a worker thread to the GUI thread.

    Create it on the GUI thread, connect ``progress``, and hand ``report`` to the core as its
    ``on_progress`` callback: emitting from the worker queues the call on the GUI thread.
    """

    progress = Signal(object)

    def report(self, value: object) -> None:
        """Thread-safe: emit ``value`` to the GUI thread."""
        self.progress.emit(value)


_pending: set[_Relay] = set()


def pending_tasks() -> int:
    """How many background tasks have not delivered their outcome yet."""
    return len(_pending)


def thread_pool() -> QThreadPool:
    """The pool every background task runs on."""
    return QThreadPool.globalInstance()


def run_in_background(
    fn: Callable[[], T],
    on_done: Callable[[T], None],
    on_error: Callable[[BaseException], None],
    *,
    context: QObject | None = None,
) -> None:
    """Run ``fn()`` on a worker thread; call ``on_done(result)`` or ``on_error(exc)`` on the GUI
    thread when it ends. Must be called from the GUI thread.

    ``context`` is the object the callbacks belong to (by default the QObject whose method
    ``on_done`` is): when it is destroyed first, the outcome is dropped.
    """
    if context is None:
        owner = getattr(on_done, "__self__", None)
        context = owner if isinstance(owner, QObject) else None
    relay = _Relay(on_done, on_error, context)
    _pending.add(relay)
    thread_pool().start(_Task(fn, relay))
