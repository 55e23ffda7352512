"""The deals view: recent acquisitions of followed and discovered films, filterable."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.models import utcnow
from watchlist.ui.format import local_datetime_text, short_date
from watchlist.ui.icons import icon
from watchlist.ui.queries import DealRow
from watchlist.ui.row_model import ROW_ROLE, SORT_ROLE, RowColumn, RowTableModel

DEAL_COLUMNS: list[RowColumn[DealRow]] = [
    RowColumn("Film", lambda r: r.film_title),
    RowColumn("Buyer", lambda r: r.buyer),
    RowColumn("Price", lambda r: r.price),
    RowColumn("Territory", lambda r: r.territory),
    RowColumn("Market / festival", lambda r: r.market),
    RowColumn(
        "Date",
        lambda r: short_date(r.occurred_at.astimezone().date()),
        sort_key=lambda r: r.occurred_at.timestamp(),
        tooltip=lambda r: local_datetime_text(r.occurred_at),
    ),
    RowColumn("", lambda r: "Following" if r.followed else "Discovered"),
]
PERIODS = (("Any time", None), ("Last 7 days", 7), ("Last 30 days", 30), ("Last year", 365))

AnyIndex = QModelIndex | QPersistentModelIndex


class DealFilterProxy(QSortFilterProxyModel):
    """Keeps deals matching the buyer, territory and market boxes and the period."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSortRole(SORT_ROLE)
        self.buyer = ""
        self.territory = ""
        self.market = ""
        self.max_age_days: int | None = None

    def set_criteria(
        self, *, buyer: str, territory: str, market: str, max_age_days: int | None
    ) -> None:
        """Keep deals whose buyer, territory and market contain these words, within the period."""
        self.beginFilterChange()
        self.buyer, self.territory, self.market = buyer, territory, market
        self.max_age_days = max_age_days
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        row = self.sourceModel().index(source_row, 0).data(ROW_ROLE)
        if not isinstance(row, DealRow):
            return False
        for wanted, value in (
            (self.buyer, row.buyer),
            (self.territory, row.territory),
            (self.market, row.market),
        ):
            if wanted and wanted.casefold() not in value.casefold():
                return False
        if self.max_age_days is not None:
            return row.occurred_at >= utcnow() - timedelta(days=self.max_age_days)
        return True


class DealsView(QWidget):
    """The acquisitions table with its filters and a Follow button for discovered films."""

    film_activated = Signal(int)
    follow_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model: RowTableModel[DealRow] = RowTableModel(DEAL_COLUMNS, parent=self)
        self.proxy = DealFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = QTableView()
        self.table.setObjectName("dealsTable")
        self.table.setAccessibleName("Deals")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(5, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().selectionChanged.connect(self._update_follow)

        self.buyer_edit = self._filter_box("Buyer")
        self.territory_edit = self._filter_box("Territory")
        self.market_edit = self._filter_box("Market or festival")
        self.period_combo = QComboBox()
        self.period_combo.setAccessibleName("Period")
        for label, days in PERIODS:
            self.period_combo.addItem(label, days)
        self.period_combo.currentIndexChanged.connect(self._apply_filters)
        self.follow_button = QPushButton(icon("add"), "&Follow")
        self.follow_button.setAccessibleName("Follow the selected film")
        self.follow_button.clicked.connect(self._follow_selected)
        self.follow_button.setEnabled(False)

        filters = QHBoxLayout()
        for widget in (self.buyer_edit, self.territory_edit, self.market_edit):
            filters.addWidget(widget)
        filters.addWidget(self.period_combo)
        filters.addStretch(1)
        filters.addWidget(self.follow_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table)

    def _filter_box(self, label: str) -> QLineEdit:
        box = QLineEdit()
        box.setPlaceholderText(label)
        box.setAccessibleName(f"Filter by {label.lower()}")
        box.setClearButtonEnabled(True)
        box.textChanged.connect(self._apply_filters)
        return box

    def _apply_filters(self) -> None:
        self.proxy.set_criteria(
            buyer=self.buyer_edit.text().strip(),
            territory=self.territory_edit.text().strip(),
            market=self.market_edit.text().strip(),
            max_age_days=self.period_combo.currentData(),
        )
        self._update_follow()

    def set_rows(self, rows: list[DealRow]) -> None:
        """Show these deals."""
        self.model.set_rows(rows)
        for column in range(1, len(DEAL_COLUMNS)):
            self.table.resizeColumnToContents(column)
        self._update_follow()

    def selected_deal(self) -> DealRow | None:
        """The deal selected in the table, if any."""
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        row = rows[0].data(ROW_ROLE)
        return row if isinstance(row, DealRow) else None

    def _update_follow(self) -> None:
        deal = self.selected_deal()
        self.follow_button.setEnabled(deal is not None and not deal.followed)

    def _follow_selected(self) -> None:
        deal = self.selected_deal()
        if deal is not None and not deal.followed:
            self.follow_requested.emit(deal.film_id)

    def _activated(self, index: QModelIndex) -> None:
        row = index.data(ROW_ROLE)
        if isinstance(row, DealRow):
            self.film_activated.emit(row.film_id)
