"""The calendar: upcoming releases of followed films, grouped by month."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHeaderView, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from watchlist.ui.format import release_section, release_text
from watchlist.ui.queries import CalendarRow

FILM_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class CalendarView(QWidget):
    """Months, then the films released in each, at the precision announced."""

    film_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("calendarTree")
        self.tree.setAccessibleName("Release calendar")
        self.tree.setHeaderLabels(["Film", "Release", "Medium", "Platform"])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.tree.itemActivated.connect(self._activated)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def set_rows(self, rows: list[CalendarRow]) -> None:
        """Group the releases by month, soonest first."""
        self.tree.clear()
        sections: dict[str, QTreeWidgetItem] = {}
        for row in rows:
            month = release_section(row.release_date, row.precision)
            section = sections.get(month)
            if section is None:
                section = QTreeWidgetItem([month])
                font = section.font(0)
                font.setBold(True)
                section.setFont(0, font)
                section.setFirstColumnSpanned(False)
                section.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.tree.addTopLevelItem(section)
                sections[month] = section
            item = QTreeWidgetItem(
                [
                    row.film_title,
                    release_text(row.release_date, row.precision),
                    (row.medium or "").capitalize(),
                    row.platform or "",
                ]
            )
            item.setData(0, FILM_ID_ROLE, row.film_id)
            section.addChild(item)
        self.tree.expandAll()
        if not rows:
            empty = QTreeWidgetItem(["No announced release dates yet."])
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.tree.addTopLevelItem(empty)
        for column in (1, 2, 3):
            self.tree.resizeColumnToContents(column)

    def film_ids(self) -> list[int]:
        """The films listed, in calendar order."""
        ids: list[int] = []
        for number in range(self.tree.topLevelItemCount()):
            section = self.tree.topLevelItem(number)
            for child in range(section.childCount() if section else 0):
                item = section.child(child) if section else None
                if item is not None:
                    ids.append(int(item.data(0, FILM_ID_ROLE)))
        return ids

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        film_id = item.data(0, FILM_ID_ROLE)
        if film_id is not None:
            self.film_activated.emit(int(film_id))
