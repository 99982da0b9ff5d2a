"""The main window as a person uses it: who is writing, a quick note, undo, what is saved."""

from __future__ import annotations

from pathlib import Path

# The app's own SQLite library: a second one in this process, closing the file,
# would drop the open window's locks (and has hung a write waiting on them).
import sqlcipher3.dbapi2 as sqlite3
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLabel, QListWidget, QPlainTextEdit
from sqlalchemy.exc import OperationalError

from ceocto_desktop.ui.app import Launcher

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def notes_in(path):
    with sqlite3.connect(path) as db:
        return db.execute("SELECT author, body FROM notes ORDER BY created_at").fetchall()


def write_note(qtbot, window, text):
    box = window.findChild(QPlainTextEdit, "quickNote")
    box.setFocus()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Return, CTRL)
    return box


def test_the_window_shows_the_journal_path_and_the_pair(window, journal_path):
    assert window.findChild(QLabel, "journalPathLabel").text() == str(journal_path)
    assert window.findChild(QLabel, "savedIndicator").text() == "All changes saved"
    assert "Sam Rivera &amp; Priya Natarajan" in window.findChild(QLabel, "overviewHeading").text()
    assert window.findChild(QListWidget, "sidebar").item(0).text() == "Overview"


def test_new_records_take_the_author_shown_in_the_toolbar(qtbot, window, journal_path):
    write_note(qtbot, window, "Sam writes first #board")
    switch = window.author_switch
    switch.setFocus()
    qtbot.keyClick(switch, Qt.Key.Key_Down)
    assert switch.currentText() == "Priya Natarajan, CTO"
    write_note(qtbot, window, "Priya answers")
    qtbot.keyClick(window, Qt.Key.Key_U, CTRL | SHIFT)
    assert switch.currentText() == "Sam Rivera, CEO"
    write_note(qtbot, window, "Sam again")
    assert notes_in(journal_path) == [
        ("A", "Sam writes first #board"),
        ("B", "Priya answers"),
        ("A", "Sam again"),
    ]
    with sqlite3.connect(journal_path) as db:
        assert db.execute("SELECT name FROM tags").fetchall() == [("board",)]
    recent = window.findChild(QListWidget, "recentNotes")
    assert "Sam again" in recent.item(0).text()
    assert window.findChild(QLabel, "savedIndicator").text() == "All changes saved"


def test_undo_and_redo_a_note(qtbot, window, journal_path):
    box = write_note(qtbot, window, "Offsite on the 12th")
    assert box.toPlainText() == ""
    assert notes_in(journal_path) == [("A", "Offsite on the 12th")]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert notes_in(journal_path) == []
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert notes_in(journal_path) == [("A", "Offsite on the 12th")]


def test_an_empty_note_is_refused_next_to_the_box(qtbot, window, journal_path):
    write_note(qtbot, window, "   ")
    error = window.findChild(QLabel, "noteError")
    assert error.isVisible() and error.text() == "A note cannot be empty."
    assert notes_in(journal_path) == []


def test_a_full_disk_keeps_the_text_and_says_so(qtbot, window, journal_path, monkeypatch):
    def refuse():
        raise OperationalError("INSERT", {}, Exception("database or disk is full"))

    monkeypatch.setattr(window.context.journal, "transaction", refuse)
    box = write_note(qtbot, window, "Do not lose this thought")
    assert box.toPlainText() == "Do not lose this thought"
    assert "disk is full" in window.findChild(QLabel, "noteError").text()
    assert window.findChild(QLabel, "savedIndicator").text() == "Not saved: the disk is full"
    assert notes_in(journal_path) == []


def test_window_size_and_last_author_are_remembered(qtbot, journal_path):
    first = Launcher(QSettings())
    first.open_path(journal_path, explicit=True)
    window = first.windows[0]
    qtbot.addWidget(window)
    window.resize(780, 540)
    window.author_switch.setCurrentIndex(1)
    window.close()
    again = Launcher(QSettings())
    again.open_path(journal_path, explicit=True)
    reopened = again.windows[0]
    qtbot.addWidget(reopened)
    assert (reopened.width(), reopened.height()) == (780, 540)
    assert reopened.author_switch.currentText() == "Priya Natarajan, CTO"
    assert QSettings().value("lastJournal") == str(journal_path)


def test_the_window_follows_the_system_colour_scheme(qtbot, window):
    from PySide6.QtGui import QGuiApplication, QPalette

    def window_lightness():
        return window.palette().color(QPalette.ColorRole.Window).lightness()

    hints = QGuiApplication.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)  # as the desktop does on a switch
    try:
        qtbot.waitUntil(lambda: window_lightness() < 80)
        assert window.palette().color(QPalette.ColorRole.WindowText).lightness() > 180
    finally:
        hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    qtbot.waitUntil(lambda: window_lightness() > 180)


def test_the_screenshots_show_the_path_a_person_would_see(
    qtbot, template_journal, tmp_path, monkeypatch
):
    """docs/ screenshots showed "/tmp/ceocto-shots-697ym4ba/demo.db" in the status bar; they
    show the demo where the first-run dialog writes it, from the home folder, full on hover."""
    import importlib.util
    import shutil

    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    script = Path(__file__).resolve().parents[2] / "docs" / "make_screenshots.py"
    spec = importlib.util.spec_from_file_location("make_screenshots", script)
    shots = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(shots)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    path = shots.demo_journal_for_shots(tmp_path / "home")
    shutil.copyfile(template_journal, path)
    launcher = Launcher(QSettings())
    assert launcher.open_path(path, explicit=True)
    shown = launcher.windows[0]
    qtbot.addWidget(shown)
    label = shown.findChild(QLabel, "journalPathLabel")
    assert label.text() == "~/.local/share/ceocto/demo-journal.db"
    assert label.toolTip() == str(path) and "tmp" not in label.text()
