"""One window per database: a second launch asks the running one to come forward."""

from __future__ import annotations

import hashlib

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

from watchlist.core.db import redact_url
from watchlist.core.readstate import current_user_key

CONNECT_TIMEOUT_MS = 500
RAISE_MESSAGE = b"raise\n"


def server_name(db_url: str) -> str:
    """The local socket name for this user and database."""
    key = f"{current_user_key()}\n{redact_url(db_url)}".encode()
    return f"watchlist-{hashlib.sha256(key).hexdigest()[:20]}"


class SingleInstance(QObject):
    """Owns the local server of the running instance; ``raise_requested`` fires on a relaunch."""

    raise_requested = Signal()

    def __init__(self, db_url: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.name = server_name(db_url)
        self._server: QLocalServer | None = None
        self._sockets: list[QLocalSocket] = []

    def notify_running_instance(self) -> bool:
        """Ask an instance already running on this database to raise its window.

        True when one answered (this process should exit).
        """
        socket = QLocalSocket()
        socket.connectToServer(self.name)
        if not socket.waitForConnected(CONNECT_TIMEOUT_MS):
            return False
        socket.write(RAISE_MESSAGE)
        socket.waitForBytesWritten(CONNECT_TIMEOUT_MS)
        socket.disconnectFromServer()
        return True

    def listen(self) -> bool:
        """Become the running instance; False if the name cannot be taken."""
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        if not server.listen(self.name):
            # A server left behind by a crashed instance: nobody answered, so remove it.
            QLocalServer.removeServer(self.name)
            if not server.listen(self.name):
                return False
        server.newConnection.connect(self._accept)
        self._server = server
        return True

    def _accept(self) -> None:
        assert self._server is not None
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            self._sockets.append(socket)
            socket.readyRead.connect(self._read_sockets)
            socket.disconnected.connect(self._drop_closed_sockets)
        self._read_sockets()

    def _read_sockets(self) -> None:
        for socket in self._sockets:
            if socket.bytesAvailable() and bytes(socket.readAll().data()).startswith(b"raise"):
                self.raise_requested.emit()

    def _drop_closed_sockets(self) -> None:
        closed = [
            s for s in self._sockets if s.state() != QLocalSocket.LocalSocketState.ConnectedState
        ]
        self._read_sockets()  # a message may arrive together with the disconnection
        for socket in closed:
            self._sockets.remove(socket)
            socket.deleteLater()

    def close(self) -> None:
        """Stop listening (at quit)."""
        for socket in self._sockets:
            socket.abort()
        self._sockets.clear()
        if self._server is not None:
            self._server.close()
            self._server.deleteLater()
            self._server = None
