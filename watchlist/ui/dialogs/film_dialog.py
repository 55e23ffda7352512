"""Add or edit a film: title, year, people, aliases and notes, checked by the core."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.errors import WatchlistError
from watchlist.core.films import MAX_YEAR, MIN_YEAR, FilmSpec, format_people, parse_people
from watchlist.ui.tasks import run_in_background

log = logging.getLogger(__name__)

NO_YEAR = MIN_YEAR - 1  # the spin box's "Unknown" value


class FilmDialog(QDialog):
    """The add/edit form. ``save`` runs in the background; its WatchlistError is shown inline.

    ``saved_film_id`` holds the id ``save`` returned once the dialog is accepted.
    """

    def __init__(
        self,
        save: Callable[[FilmSpec], int],
        *,
        spec: FilmSpec | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._save = save
        self.saved_film_id: int | None = None
        editing = spec is not None
        self.setWindowTitle("Edit film" if editing else "Follow a film")
        self.setMinimumWidth(460)

        self.title_edit = QLineEdit()
        self.title_edit.setPlaceholderText("Good Sex")
        self.title_edit.setAccessibleName("Title")
        self.year_spin = QSpinBox()
        self.year_spin.setRange(NO_YEAR, MAX_YEAR)
        self.year_spin.setSpecialValueText("Unknown")
        self.year_spin.setAccessibleName("Year")
        self.year_spin.setValue(NO_YEAR)
        self.people_edit = QLineEdit()
        self.people_edit.setPlaceholderText("Lena Dunham (director); Natalie Portman (cast)")
        self.people_edit.setAccessibleName("People")
        self.people_edit.setToolTip(
            "Separate people with semicolons; put a role in parentheses: (director), (cast)."
        )
        self.aliases_edit = QLineEdit()
        self.aliases_edit.setPlaceholderText("Working or original titles, separated by ;")
        self.aliases_edit.setAccessibleName("Other titles")
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setAccessibleName("Notes")
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(80)

        form = QFormLayout()
        form.addRow("&Title:", self.title_edit)
        form.addRow("&Year:", self.year_spin)
        form.addRow("&People:", self.people_edit)
        form.addRow("&Other titles:", self.aliases_edit)
        form.addRow("&Notes:", self.notes_edit)

        self.error_label = QLabel()
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setWordWrap(True)
        self.error_label.setAccessibleName("Error")
        self.error_label.setStyleSheet("QLabel { color: rgb(200, 50, 50); font-weight: 600; }")
        self.error_label.hide()

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        save_button.setText("Save" if editing else "Follow")
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        if spec is not None:
            self.set_spec(spec)

    def set_spec(self, spec: FilmSpec) -> None:
        """Fill the form from a film's fields."""
        self.title_edit.setText(spec.title)
        self.year_spin.setValue(spec.year or NO_YEAR)
        self.people_edit.setText(format_people(spec.people))
        self.aliases_edit.setText("; ".join(spec.aliases))
        self.notes_edit.setPlainText(spec.notes)

    def spec(self) -> FilmSpec:
        """The form's contents as a FilmSpec (the core validates it)."""
        year = self.year_spin.value()
        return FilmSpec(
            title=self.title_edit.text(),
            year=None if year == NO_YEAR else year,
            people=parse_people(self.people_edit.text()),
            aliases=[a for a in (p.strip() for p in self.aliases_edit.text().split(";")) if a],
            notes=self.notes_edit.toPlainText(),
        )

    def submit(self) -> None:
        """Save in the background; close on success, say what is wrong otherwise."""
        spec = self.spec()
        self.buttons.setEnabled(False)
        self.error_label.hide()
        save = self._save
        run_in_background(lambda: save(spec), self._saved, self._failed)

    def _saved(self, film_id: int) -> None:
        self.buttons.setEnabled(True)
        self.saved_film_id = film_id
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.buttons.setEnabled(True)
        if isinstance(exc, WatchlistError):
            self.show_error(str(exc))
        else:
            log.error("Saving a film failed", exc_info=exc)
            self.show_error(f"The film could not be saved ({type(exc).__name__}: {exc}).")

    def show_error(self, message: str) -> None:
        """Show a validation message under the form and put the cursor back in the title."""
        self.error_label.setText(message)
        self.error_label.show()
        self.title_edit.setFocus()
