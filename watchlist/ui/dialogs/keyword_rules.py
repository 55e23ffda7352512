"""The settings dialog's "Detection keywords" page: the user's own phrases as event kinds."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.detect.extract import KeywordRule
from watchlist.core.detect.taxonomy import EventKind
from watchlist.ui.format import kind_label

AnyIndex = QModelIndex | QPersistentModelIndex
ANY_FILM = "Any film"
COLUMNS = ("Phrase", "Counts as", "Film")
PHRASE, KIND, FILM = range(3)


class KeywordRulesModel(QAbstractTableModel):
    """Editable rows of (phrase, kind, film); a blank film means every film."""

    def __init__(self, rules: Sequence[KeywordRule], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[list[Any]] = [[r.phrase, r.kind, r.film or ""] for r in rules]

    def rules(self) -> list[KeywordRule]:
        """The rules as edited; rows without a phrase are left out."""
        return [
            KeywordRule(phrase.strip(), kind, film.strip() or None)
            for phrase, kind, film in self._rows
            if phrase.strip()
        ]

    def add_rule(self) -> QModelIndex:
        """Append an empty rule (any film, counts as production) and return its phrase cell."""
        row = len(self._rows)
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.append(["", EventKind.PRODUCTION, ""])
        self.endInsertRows()
        return self.index(row, PHRASE)

    def remove_rows(self, rows: Sequence[int]) -> None:
        """Remove the given rows."""
        for row in sorted(set(rows), reverse=True):
            if 0 <= row < len(self._rows):
                self.beginRemoveRows(QModelIndex(), row, row)
                del self._rows[row]
                self.endRemoveRows()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Number of rules (flat table)."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        """Phrase, kind, film."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        """Column titles."""
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Every cell is editable."""
        return super().flags(index) | Qt.ItemFlag.ItemIsEditable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text; the kind's label for display, its value for editing."""
        if not index.isValid():
            return None
        value = self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == KIND:
                return kind_label(value)
            if index.column() == FILM:
                return value or ANY_FILM
            return value
        if role == Qt.ItemDataRole.EditRole:
            return value.value if index.column() == KIND else value
        return None

    def setData(self, index: AnyIndex, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        """Store an edit; an unknown kind is refused."""
        if not index.isValid() or role != Qt.ItemDataRole.EditRole:
            return False
        text = str(value or "")
        if index.column() == KIND:
            try:
                stored: Any = EventKind(text)
            except ValueError:
                return False
        elif index.column() == FILM:
            stored = "" if text == ANY_FILM else text
        else:
            stored = text
        self._rows[index.row()][index.column()] = stored
        self.dataChanged.emit(index, index)
        return True


class _ChoiceDelegate(QStyledItemDelegate):
    """A combo box editor: fixed kinds, or film titles that also accept typed text."""

    def __init__(
        self, choices: Sequence[tuple[str, str]], *, editable: bool, parent: QObject
    ) -> None:
        super().__init__(parent)
        self._choices = list(choices)
        self._editable = editable

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setEditable(self._editable)
        for label, value in self._choices:
            combo.addItem(label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole)
        position = editor.findData(value)
        if position >= 0:
            editor.setCurrentIndex(position)
        elif self._editable:
            editor.setEditText(str(value))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        assert isinstance(editor, QComboBox)
        position = editor.findText(editor.currentText())
        value = editor.itemData(position) if position >= 0 else editor.currentText()
        model.setData(index, value, Qt.ItemDataRole.EditRole)


class KeywordRulesPage(QWidget):
    """Table of keyword rules with Add and Remove."""

    def __init__(
        self,
        rules: Sequence[KeywordRule],
        film_titles: Sequence[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = KeywordRulesModel(rules, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setAccessibleName("Detection keywords")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(PHRASE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(KIND, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FILM, QHeaderView.ResizeMode.Stretch)
        kinds = [(kind_label(kind), kind.value) for kind in EventKind]
        self.view.setItemDelegateForColumn(
            KIND, _ChoiceDelegate(kinds, editable=False, parent=self)
        )
        films = [(ANY_FILM, "")] + [(title, title) for title in sorted(set(film_titles))]
        self.view.setItemDelegateForColumn(FILM, _ChoiceDelegate(films, editable=True, parent=self))

        explanation = QLabel(
            "A phrase counts as an event when a sentence names the film and contains the "
            "phrase (any case). Rules apply to news fetched from now on."
        )
        explanation.setWordWrap(True)
        self.add_button = QPushButton("&Add rule")
        self.add_button.clicked.connect(self.add_rule)
        self.remove_button = QPushButton("&Remove")
        self.remove_button.clicked.connect(self.remove_selected)
        self.remove_button.setEnabled(False)
        self.view.selectionModel().selectionChanged.connect(self._update_remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.view)
        layout.addLayout(buttons)

    def add_rule(self) -> None:
        """Append a rule and start typing its phrase."""
        index = self.model.add_rule()
        self.view.setCurrentIndex(index)
        self.view.edit(index)

    def remove_selected(self) -> None:
        """Remove the selected rules."""
        self.model.remove_rows([index.row() for index in self.view.selectionModel().selectedRows()])

    def _update_remove(self) -> None:
        self.remove_button.setEnabled(self.view.selectionModel().hasSelection())
