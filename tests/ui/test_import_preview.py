"""The import preview dialog: counts and invalid rows first, nothing written until Import."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QListWidget, QPushButton
from pytestqt.qtbot import QtBot

from tests.conftest import TEST_DATA
from watchlist.core.db import Database
from watchlist.core.films import FilmSpec, add_film, list_films
from watchlist.core.transfer import ImportResult
from watchlist.ui.dialogs.import_preview import ImportPreviewDialog


def followed_titles(db: Database) -> list[str]:
    with db.session() as session:
        return [film.display_title for film in list_films(session)]


def by_name(dialog: ImportPreviewDialog, kind: type, name: str):  # type: ignore[no-untyped-def]
    [widget] = [w for w in dialog.findChildren(kind) if w.accessibleName() == name]
    return widget


def list_texts(widget: QListWidget) -> list[str]:
    return [widget.item(number).text() for number in range(widget.count())]


def test_preview_counts_then_import_writes_in_one_go(qtbot: QtBot, db: Database) -> None:
    with db.session() as session:
        add_film(session, FilmSpec("Sinners", 2025))
    dialog = ImportPreviewDialog(db, TEST_DATA / "import" / "letterboxd-watchlist.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    import_button = by_name(dialog, QPushButton, "Import")
    qtbot.waitUntil(lambda: dialog.preview is not None)

    assert by_name(dialog, QLabel, "New films").text() == "6"
    assert by_name(dialog, QLabel, "Already followed").text() == "2"
    assert by_name(dialog, QLabel, "Invalid rows").text() == "1"
    assert list_texts(by_name(dialog, QListWidget, "Invalid rows and reasons")) == [
        "row 10: the year 'twenty-ten' is not a number"
    ]
    assert "Amélie (2001)" in list_texts(by_name(dialog, QListWidget, "Films to follow"))
    status = by_name(dialog, QLabel, "Import status").text()
    assert "Letterboxd watchlist" in status
    assert "Nothing has been imported yet." in status
    assert followed_titles(db) == ["Sinners (2025)"]  # nothing written by the preview

    assert import_button.isEnabled()
    assert import_button.text() == "&Import 6 films"
    with qtbot.waitSignal(dialog.imported) as signal:
        qtbot.mouseClick(import_button, Qt.MouseButton.LeftButton)
    result = signal.args[0]
    assert isinstance(result, ImportResult)
    assert result.added == 6
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(followed_titles(db)) == 7


def test_cancel_writes_nothing(qtbot: QtBot, db: Database) -> None:
    dialog = ImportPreviewDialog(db, TEST_DATA / "import" / "imdb-watchlist.csv")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: dialog.preview is not None)
    assert by_name(dialog, QLabel, "New films").text() == "6"
    assert list_texts(by_name(dialog, QListWidget, "Invalid rows and reasons")) == [
        "row 5: 'Pilot' is a TV episode, not a film"
    ]
    qtbot.mouseClick(by_name(dialog, QPushButton, "Cancel"), Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert followed_titles(db) == []


def test_a_bad_file_shows_the_reason_and_cannot_be_imported(
    qtbot: QtBot, db: Database, tmp_path: Path
) -> None:
    path = tmp_path / "notes.csv"
    path.write_bytes(b"Foo,Bar\r\n1,2\r\n")
    dialog = ImportPreviewDialog(db, path)
    qtbot.addWidget(dialog)
    status = by_name(dialog, QLabel, "Import status")
    qtbot.waitUntil(lambda: status.text().startswith("The file is missing the Title column"))
    assert not by_name(dialog, QPushButton, "Import").isEnabled()
    assert followed_titles(db) == []
