"""First run: every empty field is flagged on the first click; the pair's first partner writes."""

from __future__ import annotations

import sqlcipher3.dbapi2 as sqlite3  # the window's own driver: one SQLite library a file
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QPushButton

from ceocto_desktop.models import Seat
from ceocto_desktop.ui.app import Launcher
from tests.ui.helpers import when_modal_shows


def launch(qtbot, path):
    launcher = Launcher(QSettings())
    opened = launcher.open_path(path, explicit=True)
    for window in launcher.windows:
        qtbot.addWidget(window)
    return opened, launcher


def click_create(qtbot, dialog):
    qtbot.mouseClick(dialog.findChild(QPushButton, "createButton"), Qt.MouseButton.LeftButton)


def test_every_empty_field_is_flagged_at_once(qtbot, tmp_path):
    path = tmp_path / "ours.db"
    seen = {}

    def act(dialog):
        for seat in "AB":
            dialog.findChild(QComboBox, f"title{seat}").setCurrentText("")
        click_create(qtbot, dialog)
        seen["errors"] = {
            name: dialog.findChild(QLabel, name).text()
            for name in ("errorNameA", "errorTitleA", "errorNameB", "errorTitleB")
            if dialog.findChild(QLabel, name).isVisible()
        }
        seen["focus"] = dialog.focusWidget().objectName()
        # Fixing one field clears its message on the next try; the others stay flagged.
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameA"), "Sam Rivera")
        click_create(qtbot, dialog)
        seen["after"] = sorted(
            name
            for name in ("errorNameA", "errorTitleA", "errorNameB", "errorTitleB")
            if dialog.findChild(QLabel, name).isVisible()
        )
        dialog.reject()

    when_modal_shows(act, name="firstRunDialog")
    opened, _ = launch(qtbot, path)
    assert not opened
    assert seen["errors"] == {
        "errorNameA": "The name cannot be empty.",
        "errorTitleA": "The title cannot be empty.",
        "errorNameB": "The name cannot be empty.",
        "errorTitleB": "The title cannot be empty.",
    }
    assert seen["focus"] == "nameA"  # the cursor waits in the first field to fix
    assert seen["after"] == ["errorNameB", "errorTitleA", "errorTitleB"]
    assert not path.exists()


def test_a_new_journal_starts_writing_as_the_first_partner(qtbot, tmp_path):
    QSettings().setValue("lastAuthor", Seat.B.value)  # the last journal was left as B
    path = tmp_path / "ours.db"

    def act(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameA"), "Sam Rivera")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameB"), "Priya Natarajan")
        click_create(qtbot, dialog)

    when_modal_shows(act, name="firstRunDialog")
    opened, launcher = launch(qtbot, path)
    assert opened
    window = launcher.windows[0]
    assert window.author_switch.currentText() == "Sam Rivera, CEO"
    assert window.context.author is Seat.A
    qtbot.waitExposed(window)
    note = window.findChild(QPlainTextEdit, "quickNote")
    qtbot.keyClicks(note, "First entry of our journal")
    qtbot.mouseClick(window.findChild(QPushButton, "addNoteButton"), Qt.MouseButton.LeftButton)
    with sqlite3.connect(path) as db:
        rows = db.execute("SELECT author, body FROM notes").fetchall()
    assert rows == [("A", "First entry of our journal")]
