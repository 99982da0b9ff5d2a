"""Exporting from the window asks before replacing a file and never replaces the journal."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QFileDialog, QMessageBox, QPushButton

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal

Yes, No = QMessageBox.StandardButton.Yes, QMessageBox.StandardButton.No


def retro_page(today, qtbot, window, journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, "Close the Series A", target_date=today)
    journal.close()
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    window.sidebar.setCurrentRow(titles.index("Retrospective"))
    page = window.stack.currentWidget()
    page.findChild(QComboBox, "retroQuarter").setCurrentIndex(0)
    return page


class Person:
    """Chooses a file in the save dialog and answers each question in turn."""

    def __init__(self, monkeypatch, path, answers):
        self.asked: list[str] = []
        self.warned: list[str] = []
        self.answers = list(answers)
        monkeypatch.setattr(
            QFileDialog,
            "getSaveFileName",
            staticmethod(lambda *a, **k: (str(path), "Markdown (*.md)")),
        )
        monkeypatch.setattr(QMessageBox, "question", staticmethod(self.question))
        monkeypatch.setattr(QMessageBox, "warning", staticmethod(self.warning))

    def question(self, _parent, _title, text, *rest):
        self.asked.append(text)
        return self.answers.pop(0)

    def warning(self, _parent, _title, text, *rest):
        self.warned.append(text)
        return QMessageBox.StandardButton.Ok


def export_clicked(qtbot, page):
    qtbot.mouseClick(page.findChild(QPushButton, "exportRetro"), Qt.MouseButton.LeftButton)


def test_an_existing_file_is_replaced_only_when_the_person_says_so(
    today, qtbot, window, journal_path, tmp_path, monkeypatch
):
    page = retro_page(today, qtbot, window, journal_path)
    target = tmp_path / "retro.md"
    target.write_text("last quarter, written by hand")
    person = Person(monkeypatch, target, [No])
    export_clicked(qtbot, page)
    assert person.asked == [f"retro.md already exists in {tmp_path}.\n\nReplace it?"]
    assert target.read_text() == "last quarter, written by hand"

    person = Person(monkeypatch, target, [Yes])  # replace it
    export_clicked(qtbot, page)
    assert len(person.asked) == 1 and person.asked[0].endswith("Replace it?")
    assert window.saved_bar.isVisible() and window.saved_bar.path == target
    assert target.read_text().startswith("# Retrospective")
    assert "Close the Series A" in target.read_text()


def test_a_journal_under_a_report_name_is_refused_without_asking(
    today, qtbot, window, journal_path, tmp_path, monkeypatch
):
    page = retro_page(today, qtbot, window, journal_path)
    copy = tmp_path / "copy.md"  # a journal a person renamed, or a backup
    copy.write_bytes(journal_path.read_bytes())
    person = Person(monkeypatch, copy, [])
    export_clicked(qtbot, page)
    assert person.asked == []
    assert person.warned == [
        f"{copy} is a database (perhaps a journal); export never replaces one."
    ]
    assert copy.read_bytes() == journal_path.read_bytes()
    assert "Saved" not in window.statusBar().currentMessage()


def test_a_new_file_needs_no_question_about_replacing(
    today, qtbot, window, journal_path, tmp_path, monkeypatch
):
    page = retro_page(today, qtbot, window, journal_path)
    target = tmp_path / "retro.md"
    person = Person(monkeypatch, target, [])
    export_clicked(qtbot, page)
    assert person.asked == []  # nothing to replace; the bar offers Open and Show in folder
    assert target.read_text().startswith("# Retrospective")


def test_an_export_ends_with_open_and_show_in_folder(
    today, qtbot, window, journal_path, tmp_path, monkeypatch
):
    from ceocto_desktop.ui.dialogs import saved_bar

    opened: list[str] = []
    monkeypatch.setattr(
        saved_bar.QDesktopServices,
        "openUrl",
        staticmethod(lambda url: opened.append(url.toLocalFile()) or True),
    )
    page = retro_page(today, qtbot, window, journal_path)
    target = tmp_path / "retro.md"
    Person(monkeypatch, target, [Yes])  # the second export replaces the first
    export_clicked(qtbot, page)
    bar = window.saved_bar
    qtbot.waitUntil(bar.isVisible)
    assert "retro.md" in bar.text.text() and str(tmp_path) in bar.text.text()
    qtbot.mouseClick(bar.findChild(QPushButton, "savedShowInFolder"), Qt.MouseButton.LeftButton)
    assert opened == [str(tmp_path)] and not bar.isVisible()
    export_clicked(qtbot, page)  # the same file again: replace it? (it exists now)
    qtbot.waitUntil(bar.isVisible)
    qtbot.mouseClick(bar.findChild(QPushButton, "savedOpen"), Qt.MouseButton.LeftButton)
    assert opened[-1] == str(target)
