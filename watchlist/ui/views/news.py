"""The news view: recent articles that reported events on followed films, unread first."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, Signal
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
    """A table of matched articles; Enter or a double click opens the film."""

    film_activated = Signal(int)
    mark_read_requested = Signal(list)

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
        self.mark_all_button = QPushButton(icon("read"), "Mark all &read")
        self.mark_all_button.setAccessibleName("Mark all news read")
        self.mark_all_button.clicked.connect(self._mark_all_read)
        self.mark_all_button.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.mark_all_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(buttons)
        layout.addWidget(self.table)

    def set_rows(self, rows: list[NewsRow]) -> None:
        """Show these rows in the order given (unread first, newest first)."""
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.model.set_rows(rows)
        self.mark_all_button.setEnabled(any(row.unread for row in rows))

    def _mark_all_read(self) -> None:
        ids = sorted({i for row in self.model.rows() if row.unread for i in row.event_ids})
        if ids:
            self.mark_read_requested.emit(ids)

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if not isinstance(row, NewsRow):
            return
        if self.proxy.headerData(index.column(), Qt.Orientation.Horizontal) == "Headline":
            if row.link:
                open_web_link(row.link)
            return
        self.film_activated.emit(row.film_id)
