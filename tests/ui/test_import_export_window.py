"""File › Import… with its preview, and the Markdown and calendar exports, as a person uses them."""

from __future__ import annotations

import json
from pathlib import Path

import icalendar
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPushButton,
)

from ceocto_desktop.store import list_backups
from ceocto_desktop.ui.dialogs.import_dialog import ImportDialog

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JRNL_JSON = FIXTURES / "jrnl" / "export.json"
DAYONE_ZIP = FIXTURES / "dayone" / "export.zip"
LEFT = Qt.MouseButton.LeftButton


def choose_in_open_dialog(monkeypatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )


def on_import_dialog(qtbot, act) -> None:
    """Once File › Import… shows its dialog, act on it (it is modal)."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, ImportDialog):
            QTimer.singleShot(20, step)
            return
        try:
            act(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()  # a failed step must not leave the test waiting on it

    QTimer.singleShot(0, step)


def test_the_preview_shows_the_file_before_anything_is_written(qtbot, window, db, monkeypatch):
    choose_in_open_dialog(monkeypatch, JRNL_JSON)
    seen: dict[str, str] = {}

    def act(dialog: ImportDialog) -> None:
        dialog.findChild(QComboBox, "importAuthor").setCurrentIndex(1)
        qtbot.mouseClick(dialog.findChild(QPushButton, "importChoose"), LEFT)
        seen["summary"] = dialog.findChild(QLabel, "importSummary").text()
        seen["notes before"] = str(db.one("SELECT count(*) FROM notes"))
        seen["backups before"] = str(len(list_backups(db.path)))
        assert dialog.import_button.isEnabled()
        qtbot.mouseClick(dialog.import_button, LEFT)

    on_import_dialog(qtbot, act)
    window.findChild(type(window.menuBar().actions()[0]), "importAction").trigger()
    summary = seen["summary"]
    assert "export.json" in summary and "jrnl JSON export" in summary
    assert "6 entries" in summary and "5 Jan 2026 to 1 Mar 2026" in summary
    assert "runway (1)" in summary and "product (1)" in summary
    assert seen["notes before"] == "0" and seen["backups before"] == "0"
    assert db.one("SELECT count(*) FROM notes") == 6
    assert {row[0] for row in db.rows("SELECT author FROM notes")} == {"B"}
    assert [b.reason for b in list_backups(db.path)] == ["before-import"]
    assert "Imported 6 notes" in window.statusBar().currentMessage()


def test_a_second_import_of_the_same_file_adds_nothing(qtbot, window, db, monkeypatch):
    for _ in range(2):
        dialog = ImportDialog(window.context, window)
        qtbot.addWidget(dialog)
        dialog.load(JRNL_JSON)
        dialog.run_import()
    assert dialog.imported is not None
    assert (dialog.imported.added, dialog.imported.already_there) == (0, 6)
    assert db.one("SELECT count(*) FROM notes") == 6


def test_a_day_one_zip_switches_the_source_and_counts_photos(qtbot, window):
    dialog = ImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(DAYONE_ZIP))
    dialog.load_typed_path()
    assert dialog.source.currentData() == "dayone"
    summary = dialog.findChild(QLabel, "importSummary").text()
    assert "3 entries" in summary and "3 photos and attachments will be left out" in summary


def test_a_malformed_file_says_why_and_cannot_be_imported(qtbot, window, db, tmp_path):
    bad = tmp_path / "bad.json"
    document = json.loads(JRNL_JSON.read_text())
    document["entries"][1]["date"] = "2026-13-01"
    bad.write_text(json.dumps(document))
    dialog = ImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.load(bad)
    problem = dialog.findChild(QLabel, "importProblem")
    assert problem.isVisible()
    assert "entry 2 (2026-13-01 18:45, 'Weekly sync notes.')" in problem.text()
    assert "Nothing will be imported" in problem.text()
    assert not dialog.import_button.isEnabled()
    assert db.one("SELECT count(*) FROM notes") == 0


def test_the_notes_page_shows_imported_notes(qtbot, window, monkeypatch):
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    window.sidebar.setCurrentRow(titles.index("Notes"))
    dialog = ImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.load(JRNL_JSON)
    dialog.run_import()
    page = window.stack.currentWidget()
    qtbot.waitUntil(lambda: "Investor call went well." in _visible_text(page))


def _visible_text(widget) -> str:
    texts = []
    for child in widget.findChildren(QLabel):
        texts.append(child.text())
    from PySide6.QtWidgets import QAbstractItemView

    for view in widget.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        for row in range(min(model.rowCount(), 50)):
            for column in range(model.columnCount()):
                value = model.index(row, column).data()
                if value is not None:
                    texts.append(str(value))
    return "\n".join(texts)


def test_export_everything_as_markdown_from_the_menu(qtbot, window, tmp_path, monkeypatch):
    folder = tmp_path / "md"
    folder.mkdir()
    monkeypatch.setattr(
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(folder))
    )
    told: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *r: told.append(text))
    )
    dialog = ImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.load(JRNL_JSON)
    dialog.run_import()
    window.findChild(type(window.menuBar().actions()[0]), "exportMarkdownAction").trigger()
    notes = sorted(p.name for p in (folder / "notes").iterdir())
    assert len(notes) == 6 and notes[0] == "2026-01-05-investor-call-went-well.md"
    assert (folder / "2026-Q1" / "index.md").is_file()
    assert told and told[0].startswith("Wrote ") and str(folder) in told[0]


def test_export_calendar_from_the_menu(qtbot, window, tmp_path, monkeypatch):
    from datetime import date

    from ceocto_desktop.models import Seat
    from ceocto_desktop.services.review.board import create_meeting

    window.context.write(
        lambda s: create_meeting(s, Seat.A, date(2026, 9, 15), "Q3 board meeting"),
        what=__import__("ceocto_desktop.services.changes", fromlist=["Changed"]).Changed.BOARD,
    )
    target = tmp_path / "ours"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    window.findChild(type(window.menuBar().actions()[0]), "exportCalendarAction").trigger()
    written = target.with_suffix(".ics")
    calendar = icalendar.Calendar.from_ical(written.read_bytes())
    assert [str(e["summary"]) for e in calendar.walk("VEVENT")] == ["Q3 board meeting"]
    assert f"Saved {written}" in window.statusBar().currentMessage()
    # Like every export from the window, it ends with the bar's Open and Show in folder.
    assert window.saved_bar.isVisible() and window.saved_bar.path == written


def test_a_text_file_picks_jrnl_even_when_day_one_was_chosen(qtbot, window):
    dialog = ImportDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.source.setCurrentIndex(dialog.source.findData("dayone"))
    dialog.load(FIXTURES / "jrnl" / "journal.txt")
    assert dialog.source.currentData() == "jrnl"
    summary = dialog.findChild(QLabel, "importSummary").text()
    assert "jrnl journal file" in summary and "6 entries" in summary
