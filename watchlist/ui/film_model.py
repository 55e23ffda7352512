"""The watchlist table: a model of immutable FilmRows, a filter proxy and the status badge."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from watchlist.core.detect.taxonomy import FilmStatus
from watchlist.ui.format import (
    STATUS_HUES,
    relative_time,
    release_sort_key,
    release_text,
    status_label,
)
from watchlist.ui.queries import FilmRow

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 3

AnyIndex = QModelIndex | QPersistentModelIndex

# Statuses in the order a film moves through them, so sorting by status reads as progress.
STATUS_ORDER = tuple(status.value for status in FilmStatus)


class Column(IntEnum):
    """The table's columns, in display order."""

    UNREAD = 0
    TITLE = 1
    YEAR = 2
    STATUS = 3
    RELEASE = 4
    DEAL = 5
    LAST_NEWS = 6


HEADERS = {
    Column.UNREAD: "",
    Column.TITLE: "Title",
    Column.YEAR: "Year",
    Column.STATUS: "Status",
    Column.RELEASE: "Release",
    Column.DEAL: "Deal",
    Column.LAST_NEWS: "Last news",
}
HEADER_TIPS = {Column.UNREAD: "Unread news"}


def deal_text(row: FilmRow) -> str:
    """ "Netflix, $55M", "Netflix", or empty."""
    if not row.deal_buyer:
        return ""
    return f"{row.deal_buyer}, {row.deal_price_text}" if row.deal_price_text else row.deal_buyer


def _sort_key(row: FilmRow, column: int) -> Any:
    # Plain ints, floats and strings so the proxy compares them natively and fast.
    if column == Column.UNREAD:
        return row.unread
    if column == Column.TITLE:
        return row.title.casefold()
    if column == Column.YEAR:
        return row.year or 0
    if column == Column.STATUS:
        return STATUS_ORDER.index(row.status) if row.status in STATUS_ORDER else len(STATUS_ORDER)
    if column == Column.RELEASE:
        return release_sort_key(row.release_date, row.release_precision)
    if column == Column.DEAL:
        return float(row.deal_price_usd) if row.deal_price_usd is not None else -1.0
    if column == Column.LAST_NEWS:
        return row.last_event_at.timestamp() if row.last_event_at else 0.0
    return None


class FilmTableModel(QAbstractTableModel):
    """The followed films; each row is an immutable FilmRow."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[FilmRow] = []
        self._haystacks: list[str] = []
        self._now = datetime.now(UTC)
        self._sort_column = -1
        self._sort_order = Qt.SortOrder.AscendingOrder
        # Changes whenever rows are replaced or reordered (the proxy caches per revision).
        self.revision = 0

    def set_rows(self, rows: Sequence[FilmRow]) -> None:
        """Replace every row (a reload after a poll or an edit), in the current sort order."""
        self.beginResetModel()
        self.revision += 1
        self._rows = [rows[i] for i in self._sorted_order(rows)]
        self._haystacks = [
            " ".join(
                (row.title, str(row.year or ""), row.people, row.aliases, status_label(row.status))
            ).casefold()
            for row in self._rows
        ]
        self._now = datetime.now(UTC)
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows by ``column``'s sort key; equal keys keep their order.

        The model sorts itself (FilmFilterProxy only filters): one Python sort is some
        hundred times faster than the proxy asking for two sort keys per comparison, which
        took most of a second with 10,000 films (docs/performance.md).
        """
        self._sort_column, self._sort_order = column, order
        self.layoutAboutToBeChanged.emit()
        new_order = self._sorted_order(self._rows)
        position = [0] * len(new_order)
        for new, old in enumerate(new_order):
            position[old] = new
        self.revision += 1
        self._rows = [self._rows[i] for i in new_order]
        self._haystacks = [self._haystacks[i] for i in new_order]
        moved = self.persistentIndexList()
        self.changePersistentIndexList(
            moved, [self.index(position[index.row()], index.column()) for index in moved]
        )
        self.layoutChanged.emit()

    def _sorted_order(self, rows: Sequence[FilmRow]) -> list[int]:
        if not 0 <= self._sort_column < len(Column):
            return list(range(len(rows)))
        column = self._sort_column
        keys = [_sort_key(row, column) for row in rows]
        descending = self._sort_order == Qt.SortOrder.DescendingOrder
        return sorted(range(len(rows)), key=keys.__getitem__, reverse=descending)

    def rows(self) -> list[FilmRow]:
        """All rows, in model order."""
        return list(self._rows)

    def row_at(self, row: int) -> FilmRow:
        """The FilmRow at a source row number."""
        return self._rows[row]

    def haystacks(self) -> list[str]:
        """Every row's filter text, in model order."""
        return list(self._haystacks)

    def haystack(self, row: int) -> str:
        """The casefolded text the filter box searches for this row."""
        return self._haystacks[row]

    def row_of_film(self, film_id: int) -> int | None:
        """The source row of a film, or None when it is not in the list."""
        for number, row in enumerate(self._rows):
            if row.id == film_id:
                return number
        return None

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        column = Column(section)
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[column]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return HEADER_TIPS.get(column, HEADERS[column])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == SORT_ROLE:
            return _sort_key(row, column)
        if role == STATUS_ROLE:
            return row.status
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            if column == Column.UNREAD:
                return f"{row.unread} unread" if row.unread else "No unread news"
            return self._display(row, column)
        if role == Qt.ItemDataRole.FontRole and column == Column.TITLE and row.unread:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and column == Column.UNREAD:
            return QApplication.palette().color(QPalette.ColorRole.Highlight)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.UNREAD, Column.YEAR):
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def _display(self, row: FilmRow, column: int) -> str:
        if column == Column.UNREAD:
            return "●" if row.unread else ""
        if column == Column.TITLE:
            return row.title + ("  (muted)" if row.muted else "")
        if column == Column.YEAR:
            return str(row.year) if row.year else ""
        if column == Column.STATUS:
            return status_label(row.status)
        if column == Column.RELEASE:
            text = release_text(row.release_date, row.release_precision)
            return f"{text} · {row.release_platform}" if text and row.release_platform else text
        if column == Column.DEAL:
            return deal_text(row)
        if column == Column.LAST_NEWS:
            return relative_time(row.last_event_at, self._now)
        return ""

    def _tooltip(self, row: FilmRow, column: int) -> str | None:
        if column == Column.UNREAD and row.unread:
            return f"{row.unread} unread" if row.unread > 1 else "1 unread event"
        if column == Column.TITLE and row.people:
            return row.people
        if column == Column.DEAL and row.deal_buyer:
            return deal_text(row)
        if column == Column.RELEASE and row.release_date:
            medium = (row.release_medium or "").capitalize()
            parts = [self._display(row, column), medium]
            return ", ".join(part for part in parts if part)
        if column == Column.LAST_NEWS and row.last_event_at:
            return row.last_event_at.astimezone().strftime("%d %b %Y %H:%M")
        return None


class FilmFilterProxy(QSortFilterProxyModel):
    """Filters by the search box (title, people, aliases, status) and by status chips."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._terms: list[str] = []
        self._statuses: frozenset[str] = frozenset()
        self._unread_only = False
        self._hidden: frozenset[int] = frozenset()
        # Which source rows pass, computed in one pass per filter change: the per-row
        # filterAcceptsRow calls from Qt then cost a list lookup (keystrokes stay fast
        # with 10,000 films; docs/performance.md).
        self._visible: list[bool] = []
        self._visible_revision = -1
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(True)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sorting is the source model's (FilmTableModel.sort); the proxy keeps its order."""
        model = self.sourceModel()
        if isinstance(model, FilmTableModel):
            model.sort(column, order)

    def set_search_text(self, text: str) -> None:
        """Keep rows whose title, year, people, aliases or status contain every word."""
        self.beginFilterChange()
        self._terms = text.casefold().split()
        self._visible_revision = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_statuses(self, statuses: frozenset[str]) -> None:
        """Keep only these statuses (empty: every status)."""
        self.beginFilterChange()
        self._statuses = statuses
        self._visible_revision = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_unread_only(self, unread_only: bool) -> None:
        """Keep only films with unread news."""
        self.beginFilterChange()
        self._unread_only = unread_only
        self._visible_revision = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_hidden(self, film_ids: frozenset[int]) -> None:
        """Hide these films (unfollowed, waiting for the undo period to end)."""
        if film_ids == self._hidden:
            return
        self.beginFilterChange()
        self._hidden = film_ids
        self._visible_revision = -1
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        assert isinstance(model, FilmTableModel)
        if self._visible_revision != model.revision:
            self._visible = self._visible_rows(model.rows(), model.haystacks())
            self._visible_revision = model.revision
        return self._visible[source_row]

    def _visible_rows(self, rows: Sequence[FilmRow], haystacks: Sequence[str]) -> list[bool]:
        keep: Sequence[int] = range(len(rows))
        if self._hidden:
            keep = [i for i in keep if rows[i].id not in self._hidden]
        if self._statuses:
            keep = [i for i in keep if rows[i].status in self._statuses]
        if self._unread_only:
            keep = [i for i in keep if rows[i].unread]
        for term in self._terms:
            keep = [i for i in keep if term in haystacks[i]]
        visible = [False] * len(rows)
        for i in keep:
            visible[i] = True
        return visible


class StatusBadgeDelegate(QStyledItemDelegate):
    """Paints a status as a rounded, coloured badge."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        status = index.data(STATUS_ROLE)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not text:
            super().paint(painter, option, index)
            return
        # Selection and focus background from the style, then the badge on top of it.
        base = QStyleOptionViewItem(option)
        self.initStyleOption(base, index)
        base.text = ""
        style = base.widget.style() if base.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, base, painter, base.widget)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = option.fontMetrics
        width = metrics.horizontalAdvance(text) + 16
        height = metrics.height() + 4
        rect = option.rect
        badge = QRectF(
            rect.x() + 6,
            rect.y() + (rect.height() - height) / 2,
            min(width, rect.width() - 8),
            height,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(*STATUS_HUES.get(str(status), (110, 117, 128))))
        painter.drawRoundedRect(badge, height / 2, height / 2)
        painter.setPen(QColor(255, 255, 255))
        painter.drawText(badge, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width() + 24, max(size.height(), option.fontMetrics.height() + 10))
