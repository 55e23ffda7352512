"""The news view: recent articles that reported events on followed films, unread first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from watchlist.ui.format import kind_label, local_datetime_text, relative_time
from watchlist.ui.icons import icon
from watchlist.ui.links import open_web_link
from watchlist.ui.queries import NewsRow
from watchlist.ui.row_model import ROW_ROLE, SORT_ROLE, RowColumn, RowTableModel

NEWS_COLUMNS: list[RowColumn[NewsRow]] = [
    RowColumn("", lambda r: "●" if r.unread else "", sort_key=lambda r: int(r.unread)),
    RowColumn("Film", lambda r: r.film_title),
    RowColumn("News", lambda r: ", ".join(kind_label(kind) for kind in r.kinds)),
    RowColumn("Headline", lambda r: r.headline, tooltip=lambda r: r.link),
    RowColumn("Outlet", lambda r: r.outlet),
    RowColumn(
        "Published",
        lambda r: relative_time(r.published_at),
        sort_key=lambda r: r.published_at.timestamp(),
        tooltip=lambda r: local_datetime_text(r.published_at),
    ),
]


class NewsView(QWidget):
    """A table of matched articles; Enter or a double click opens the film's details.

    "Open article" shows the selected article in the browser; "Mark unread" (or "Mark read")
    changes the read state of the events it reported.
    """

    film_activated = Signal(int)
    mark_read_requested = Signal(list)
    mark_unread_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RowTableModel[NewsRow] = RowTableModel(
            NEWS_COLUMNS, bold=lambda r: r.unread, marker_column=0, parent=self
        )
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setObjectName("newsTable")
        self.table.setAccessibleName("News")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAlternatingRowColors(True)
        header = self.table.horizontalHeader()
        for column in (0, 1, 2, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(4, 150)  # outlet names can be long; the headline matters more
        self.table.activated.connect(self._activated)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.table.selectionModel().selectionChanged.connect(lambda *_: self._update_buttons())

        self.open_film_action = QAction("Open film &details", self.table)
        self.open_film_action.triggered.connect(self._open_selected_film)
        self.open_article_action = QAction(icon("open-link"), "Open &article", self.table)
        self.open_article_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.open_article_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.open_article_action.triggered.connect(self.open_selected_article)
        self.toggle_read_action = QAction(icon("read"), "Mark &unread", self.table)
        self.toggle_read_action.setShortcut(QKeySequence("Ctrl+U"))
        self.toggle_read_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.toggle_read_action.triggered.connect(self.toggle_selected_read)
        for action in (self.open_film_action, self.open_article_action, self.toggle_read_action):
            self.table.addAction(action)

        self.open_article_button = QPushButton(icon("open-link"), "Open &article")
        self.open_article_button.setAccessibleName("Open article in the browser")
        self.open_article_button.setToolTip("Open the selected article in the browser")
        self.open_article_button.clicked.connect(self.open_selected_article)
        self.toggle_read_button = QPushButton(icon("read"), "Mark &unread")
        self.toggle_read_button.setAccessibleName("Mark unread")
        self.toggle_read_button.clicked.connect(self.toggle_selected_read)
        self.mark_all_button = QPushButton(icon("read"), "Mark all &read")
        self.mark_all_button.setAccessibleName("Mark all news read")
        self.mark_all_button.clicked.connect(self._mark_all_read)
        self.mark_all_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_article_button)
        buttons.addWidget(self.toggle_read_button)
        buttons.addStretch(1)
        buttons.addWidget(self.mark_all_button)
        self._update_buttons()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def set_rows(self, rows: list[NewsRow]) -> None:
        """Show these rows in the order given (unread first, newest first)."""
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_rows(rows)
        self.mark_all_button.setEnabled(any(row.unread for row in rows))
        self._update_buttons()

    def selected_row(self) -> NewsRow | None:
        """The selected article's row, if any."""
        rows = self.table.selectionModel().selectedRows()
        row = rows[0].data(ROW_ROLE) if rows else None
        return row if isinstance(row, NewsRow) else None

    def open_selected_article(self) -> None:
        """Open the selected article in the system browser."""
        row = self.selected_row()
        if row is not None and row.link:
            open_web_link(row.link)

    def toggle_selected_read(self) -> None:
        """Mark the selected article's events unread (or read, when they are unread)."""
        row = self.selected_row()
        if row is None or not row.event_ids:
            return
        signal = self.mark_read_requested if row.unread else self.mark_unread_requested
        signal.emit(list(row.event_ids))

    def _open_selected_film(self) -> None:
        row = self.selected_row()
        if row is not None:
            self.film_activated.emit(row.film_id)

    def _update_buttons(self) -> None:
        row = self.selected_row()
        has_link = row is not None and bool(row.link)
        self.open_article_button.setEnabled(has_link)
        self.open_article_action.setEnabled(has_link)
        self.open_film_action.setEnabled(row is not None)
        text = "Mark &read" if row is not None and row.unread else "Mark &unread"
        for control in (self.toggle_read_button, self.toggle_read_action):
            control.setText(text)
            control.setEnabled(row is not None)
        self.toggle_read_button.setAccessibleName(text.replace("&", ""))

    def _mark_all_read(self) -> None:
        ids = sorted({i for row in self.model.rows() if row.unread for i in row.event_ids})
        if ids:
            self.mark_read_requested.emit(ids)

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, NewsRow):
            self.film_activated.emit(row.film_id)
