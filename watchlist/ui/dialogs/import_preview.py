"""The import preview: what a CSV would add, before anything is written; Import applies it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from watchlist.core.db import Database
from watchlist.core.errors import WatchlistError
from watchlist.core.transfer import ImportPreview, ImportResult, apply_import, preview_import
from watchlist.ui.icons import icon
from watchlist.ui.tasks import run_in_background


def load_preview(db: Database, path: Path) -> ImportPreview:
    """Read and classify the file (blocking: run it off the GUI thread)."""
    with db.session() as session:
        return preview_import(session, path)


def apply_preview(db: Database, preview: ImportPreview) -> ImportResult:
    """Apply a preview in one transaction (blocking: run it off the GUI thread)."""
    with db.session() as session:
        return apply_import(session, preview)


def _error_text(exc: BaseException) -> str:
    if isinstance(exc, WatchlistError):
        return str(exc)
    return f"The import failed unexpectedly ({type(exc).__name__}: {exc})."


def _plain_label(name: str) -> QLabel:
    label = QLabel()
    label.setTextFormat(Qt.TextFormat.PlainText)  # titles come from a file: never markup
    label.setWordWrap(True)
    label.setAccessibleName(name)
    return label


class ImportPreviewDialog(QDialog):
    """Reads an import file in the background and shows what importing it would do.

    Counts of new films, films already followed and invalid rows (each with its row number and
    reason) are shown before anything is written; Import applies them in one transaction and
    emits ``imported(ImportResult)``.
    """

    imported = Signal(object)

    def __init__(self, db: Database, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._db = db
        self._path = Path(path)
        self._preview: ImportPreview | None = None
        self._importing = False
        self.result_of_import: ImportResult | None = None
        self.setWindowTitle(f"Import {self._path.name}")
        self.setAccessibleName("Import preview")
        self.resize(620, 460)

        self.status_label = _plain_label("Import status")
        self.status_label.setText(f"Reading {self._path.name}…")
        self.notice_label = _plain_label("Import notice")
        self.notice_label.hide()

        self.new_count = _plain_label("New films")
        self.followed_count = _plain_label("Already followed")
        self.invalid_count = _plain_label("Invalid rows")
        counts = QFormLayout()
        counts.addRow("New films:", self.new_count)
        counts.addRow("Already followed:", self.followed_count)
        counts.addRow("Invalid rows:", self.invalid_count)

        self.new_list = QListWidget()
        self.new_list.setAccessibleName("Films to follow")
        self.invalid_list = QListWidget()
        self.invalid_list.setAccessibleName("Invalid rows and reasons")
        lists = QHBoxLayout()
        for caption, widget in (
            ("Films to follow", self.new_list),
            ("Invalid rows", self.invalid_list),
        ):
            column = QVBoxLayout()
            label = QLabel(caption)
            label.setBuddy(widget)
            column.addWidget(label)
            column.addWidget(widget)
            lists.addLayout(column)

        self.buttons = QDialogButtonBox()
        self.import_button = QPushButton(icon("import"), "&Import")
        self.import_button.setAccessibleName("Import")
        self.import_button.setEnabled(False)
        self.import_button.setDefault(True)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button.setAccessibleName("Cancel")
        self.buttons.addButton(self.import_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.import_button.clicked.connect(self.start_import)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        layout.addWidget(self.notice_label)
        layout.addLayout(counts)
        layout.addLayout(lists)
        layout.addWidget(self.buttons)

        db_ref, path_ref = self._db, self._path
        run_in_background(lambda: load_preview(db_ref, path_ref), self._show_preview, self._failed)

    @property
    def preview(self) -> ImportPreview | None:
        """The preview once the file has been read."""
        return self._preview

    def _show_preview(self, preview: ImportPreview) -> None:
        self._preview = preview
        discovered = preview.discovered_count
        self.status_label.setText(
            f"{self._path.name} is a {preview.format.label}: {preview.summary()} "
            + ("Nothing has been imported yet." if preview.new else "There is nothing new to add.")
        )
        if preview.notice:
            self.notice_label.setText(preview.notice)
            self.notice_label.show()
        known = f" ({discovered} already in the news; their timelines are kept)"
        self.new_count.setText(f"{len(preview.new)}{known if discovered else ''}")
        self.followed_count.setText(str(len(preview.already_followed)))
        self.invalid_count.setText(str(len(preview.invalid)))
        self.new_list.addItems([candidate.row.display_title for candidate in preview.new])
        self.invalid_list.addItems([str(invalid) for invalid in preview.invalid])
        if preview.new:
            count = len(preview.new)
            self.import_button.setText(f"&Import {count} film{'' if count == 1 else 's'}")
        self.import_button.setEnabled(bool(preview.new))

    def _failed(self, exc: BaseException) -> None:
        self._importing = False
        self.cancel_button.setEnabled(True)
        self.import_button.setEnabled(self._preview is not None and bool(self._preview.new))
        self.status_label.setText(_error_text(exc))

    def start_import(self) -> None:
        """Apply the preview in one transaction, off the GUI thread."""
        preview = self._preview
        if preview is None or self._importing:
            return
        self._importing = True
        self.import_button.setEnabled(False)
        self.cancel_button.setEnabled(False)
        self.status_label.setText(f"Importing {len(preview.new)} films…")
        db = self._db
        run_in_background(lambda: apply_preview(db, preview), self._imported, self._failed)

    def _imported(self, result: ImportResult) -> None:
        self._importing = False
        self.result_of_import = result
        self.status_label.setText(result.summary())
        self.imported.emit(result)
        self.accept()

    def reject(self) -> None:
        """Close without importing; ignored while an import is being written."""
        if not self._importing:
            super().reject()
