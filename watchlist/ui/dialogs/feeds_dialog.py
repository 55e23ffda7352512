"""The feeds dialog: each feed's health; add (with discovery), remove, enable, check, OPML."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.db import Database
from watchlist.core.errors import WatchlistError
from watchlist.core.feeds.client import HttpxFeedClient
from watchlist.core.feeds.discovery import resolve_feed_url
from watchlist.core.feeds.opml import OpmlImportResult, export_opml, import_opml
from watchlist.core.feeds.registry import add_feed, remove_feed, set_feed_enabled
from watchlist.ui.format import local_datetime_text, relative_time
from watchlist.ui.icons import icon
from watchlist.ui.queries import FeedRow, load_feeds
from watchlist.ui.row_model import SORT_ROLE, RowColumn, RowTableModel
from watchlist.ui.tasks import run_in_background


def feed_health(row: FeedRow) -> str:
    """The feed's state in words: "OK", "Disabled: disabled by you", "Failing: timed out"."""
    if not row.enabled:
        return f"Disabled: {row.disabled_reason}" if row.disabled_reason else "Disabled"
    if row.last_error:
        return f"Failing: {row.last_error}"
    if row.last_success_at is None:
        return "Not checked yet"
    return "OK"


def subscribe(db: Database, url: str) -> str:
    """Resolve a site address to its feed (blocking network) and subscribe; returns the URL."""
    with HttpxFeedClient() as client:
        feed_url = resolve_feed_url(url.strip(), client)
    with db.session() as session:
        return add_feed(session, feed_url).url


def import_opml_file(db: Database, path: Path) -> OpmlImportResult:
    """Subscribe to every feed listed in an OPML file."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise WatchlistError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    with db.session() as session:
        return import_opml(session, data)


def export_opml_file(db: Database, path: Path) -> int:
    """Write the subscriptions to an OPML file; returns the bytes written."""
    with db.session() as session:
        data = export_opml(session)
    try:
        path.write_bytes(data)
    except OSError as exc:
        raise WatchlistError(f"Cannot write {path}: {exc.strerror or exc}.") from None
    return len(data)


def describe_opml_result(result: OpmlImportResult) -> str:
    """ "Subscribed to 3 feeds; 2 were already there; 1 skipped: ..."."""
    parts = [f"Subscribed to {len(result.added)} feed{'s' if len(result.added) != 1 else ''}"]
    if result.already_present:
        parts.append(f"{len(result.already_present)} already subscribed")
    if result.invalid:
        reasons = "; ".join(f"{url}: {reason}" for url, reason in result.invalid[:5])
        parts.append(f"{len(result.invalid)} skipped ({reasons})")
    return ", ".join(parts) + "."


FEED_COLUMNS: list[RowColumn[FeedRow]] = [
    RowColumn("Feed", lambda r: r.title or r.url, tooltip=lambda r: r.url),
    RowColumn("Health", feed_health),
    RowColumn(
        "Last success",
        lambda r: relative_time(r.last_success_at) or "never",
        sort_key=lambda r: r.last_success_at.timestamp() if r.last_success_at else 0.0,
        tooltip=lambda r: local_datetime_text(r.last_success_at),
    ),
    RowColumn("Items", lambda r: str(r.articles), sort_key=lambda r: r.articles),
]


class FeedsDialog(QDialog):
    """Lists the subscriptions with their health and edits them.

    ``check_requested(feed_ids)`` asks the window to poll these feeds now.
    """

    check_requested = Signal(list)
    feeds_changed = Signal()

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self.setWindowTitle("Feeds")
        self.resize(760, 440)
        self.model: RowTableModel[FeedRow] = RowTableModel(FEED_COLUMNS, parent=self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setAccessibleName("Feeds")
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.message = QLabel()
        self.message.setTextFormat(Qt.TextFormat.PlainText)
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Feeds message")

        self.add_button = self._button("&Add…", "add", self.add_feed_interactively)
        self.remove_button = self._button("&Remove", "remove", self.remove_selected)
        self.toggle_button = self._button("&Disable", "mute", self.toggle_selected)
        self.check_button = self._button("&Check now", "refresh", self.check_selected)
        self.import_button = self._button("&Import OPML…", "import", self.import_opml_interactively)
        self.export_button = self._button("E&xport OPML…", "export", self.export_opml_interactively)
        row = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.toggle_button, self.check_button):
            row.addWidget(button)
        row.addStretch(1)
        row.addWidget(self.import_button)
        row.addWidget(self.export_button)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.table)
        layout.addWidget(self.message)
        layout.addWidget(close)
        self._update_buttons()
        self.reload()

    def _button(self, text: str, icon_name: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(icon(icon_name), text)
        button.setAccessibleName(text.replace("&", "").rstrip("…"))
        button.clicked.connect(slot)
        return button

    def reload(self) -> None:
        """Read the subscriptions again (off the GUI thread)."""
        db = self._db
        run_in_background(lambda: load_feeds(db), self._loaded, self._failed)

    def refresh_after_poll(self, _outcome: object) -> None:
        """Show the health a poll has just recorded."""
        self.reload()

    def _loaded(self, rows: list[FeedRow]) -> None:
        selected = {row.id for row in self.selected_rows()}
        self.model.set_rows(rows)
        for number in range(self.proxy.rowCount()):
            index = self.proxy.index(number, 0)
            if self.model.row_at(self.proxy.mapToSource(index).row()).id in selected:
                self.table.selectRow(number)
        self._update_buttons()

    def _failed(self, exc: BaseException) -> None:
        self.show_message(str(exc) if isinstance(exc, WatchlistError) else f"Error: {exc}")

    def show_message(self, text: str) -> None:
        """Say what just happened under the table."""
        self.message.setText(text)

    def selected_rows(self) -> list[FeedRow]:
        """The feeds selected in the table."""
        rows = {self.proxy.mapToSource(i).row() for i in self.table.selectionModel().selectedRows()}
        return [self.model.row_at(number) for number in sorted(rows)]

    def _update_buttons(self) -> None:
        rows = self.selected_rows()
        for button in (self.remove_button, self.toggle_button, self.check_button):
            button.setEnabled(bool(rows))
        enabling = bool(rows) and not any(row.enabled for row in rows)
        self.toggle_button.setText("&Enable" if enabling else "&Disable")

    def _run(self, work: Callable[[], object], done: Callable[[object], None]) -> None:
        run_in_background(work, done, self._failed, context=self)

    def add_feed_url(self, url: str) -> None:
        """Subscribe to ``url`` (a feed, or a site whose feed is discovered)."""
        db = self._db
        self.show_message(f"Looking for the feed at {url.strip()}…")

        def added(feed_url: object) -> None:
            self.show_message(f"Subscribed to {feed_url}.")
            self.feeds_changed.emit()
            self.reload()

        self._run(lambda: subscribe(db, url), added)

    def add_feed_interactively(self) -> None:
        """Ask for an address and subscribe to it."""
        url, ok = QInputDialog.getText(self, "Add a feed", "Feed or website address (https://…):")
        if ok and url.strip():
            self.add_feed_url(url)

    def remove_selected(self) -> None:
        """Unsubscribe from the selected feeds, after asking."""
        rows = self.selected_rows()
        if not rows:
            return
        names = ", ".join(row.title or row.url for row in rows[:3])
        answer = QMessageBox.question(
            self,
            "Remove feeds",
            f"Stop reading {names}{'…' if len(rows) > 3 else ''}? "
            "Events it already reported are kept.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        db = self._db
        urls = [row.url for row in rows]

        def work() -> int:
            with db.session() as session:
                for url in urls:
                    remove_feed(session, url)
            return len(urls)

        def removed(count: object) -> None:
            self.show_message(f"Removed {count} feed{'s' if count != 1 else ''}.")
            self.feeds_changed.emit()
            self.reload()

        self._run(work, removed)

    def toggle_selected(self) -> None:
        """Disable the selected feeds, or enable them when all are disabled."""
        rows = self.selected_rows()
        if not rows:
            return
        enable = not any(row.enabled for row in rows)
        self.set_enabled([row.id for row in rows], enable)

    def set_enabled(self, feed_ids: Sequence[int], enabled: bool) -> None:
        """Enable or disable feeds."""
        db = self._db
        ids = list(feed_ids)

        def work() -> None:
            with db.session() as session:
                for feed_id in ids:
                    set_feed_enabled(session, feed_id, enabled)

        def done(_: object) -> None:
            self.show_message("Enabled." if enabled else "Disabled.")
            self.feeds_changed.emit()
            self.reload()

        self._run(work, done)

    def check_selected(self) -> None:
        """Ask the window to check the selected feeds now."""
        ids = [row.id for row in self.selected_rows() if row.enabled]
        if ids:
            self.show_message("Checking…")
            self.check_requested.emit(ids)

    def import_opml_file(self, path: Path) -> None:
        """Subscribe to the feeds of an OPML file and say what happened."""
        db = self._db

        def done(result: object) -> None:
            assert isinstance(result, OpmlImportResult)
            self.show_message(describe_opml_result(result))
            self.feeds_changed.emit()
            self.reload()

        self._run(lambda: import_opml_file(db, path), done)

    def import_opml_interactively(self) -> None:
        """Pick an OPML file and import it."""
        name, _ = QFileDialog.getOpenFileName(
            self, "Import feeds", "", "OPML files (*.opml *.xml);;All files (*)"
        )
        if name:
            self.import_opml_file(Path(name))

    def export_opml_file(self, path: Path) -> None:
        """Write the subscriptions to ``path``."""
        db = self._db
        self._run(
            lambda: export_opml_file(db, path),
            lambda _: self.show_message(f"Saved the feed list to {path}."),
        )

    def export_opml_interactively(self) -> None:
        """Pick where to save the OPML file."""
        name, _ = QFileDialog.getSaveFileName(
            self, "Export feeds", "watchlist-feeds.opml", "OPML files (*.opml)"
        )
        if name:
            self.export_opml_file(Path(name))
