"""A journal holding a note past the size limit opens and shows it in part, read-only."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget, QPlainTextEdit

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.services.records.notes import NOTE_MAX
from ceocto_desktop.services.records.notes_journal import OVERSIZED_SHOWN
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.app import Launcher

SIZE = 3 * NOTE_MAX
HEAD = "# Huge minutes\n"
LINE = "Minutes of the Ardennes call, word for word. "


def write_huge_note(path) -> str:  # type: ignore[no-untyped-def]
    """A note as an older version let in, past the limit the services keep now."""
    journal = open_journal(path)
    with journal.transaction() as session:
        record = Note(author=Seat.B, body=HEAD + (LINE * (SIZE // len(LINE) + 1))[: SIZE - 15])
        session.add(record)
        session.flush()
        note_id = record.id
        notes.create_note(session, Seat.A, "A small note")
    journal.close()
    return note_id


def open_window(qtbot, path):  # type: ignore[no-untyped-def]
    launcher = Launcher(QSettings())
    assert launcher.open_path(path, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window


def test_a_huge_note_shows_its_start_read_only_and_keeps_the_whole(qtbot, journal_path, db):
    note_id = write_huge_note(journal_path)
    window = open_window(qtbot, journal_path)
    recent = window.findChild(QListWidget, "recentNotes")
    assert any(
        "Huge minutes" in recent.item(row).text() and len(recent.item(row).text()) < 300
        for row in range(recent.count())
    )
    window.open_record("notes", note_id)
    page = window.stack.currentWidget()
    body = page.findChild(QPlainTextEdit, "note_body")
    assert body.isReadOnly()
    assert body.toPlainText().startswith(HEAD + LINE) and len(body.toPlainText()) == OVERSIZED_SHOWN
    warning = page.findChild(QLabel, "noteTooLong")
    assert warning.isVisible()
    assert warning.text().startswith(
        "This note has 3,000,000 characters, more than the 1,000,000 a note may hold; "
        "its first 100,000 are shown, read-only."
    )
    # Its tags can still be set, and saving them leaves the whole text as it was.
    tags = page.findChild(QLineEdit, "note_tags")
    tags.setFocus()
    qtbot.keyClicks(tags, "#minutes")
    page.flush_edits()
    assert db.one("SELECT length(body) FROM notes WHERE id = ?", note_id) == SIZE
    assert db.one("SELECT name FROM tags") == "minutes"
    # Another note is editable as ever.
    small = db.one("SELECT id FROM notes WHERE body = 'A small note'")
    window.open_record("notes", str(small))
    assert not body.isReadOnly() and not warning.isVisible()
    assert body.toPlainText() == "A small note"


def test_pasting_past_the_limit_is_refused_beside_the_editor(qtbot, journal_path, db):
    write_huge_note(journal_path)
    window = open_window(qtbot, journal_path)
    small = db.one("SELECT id FROM notes WHERE body = 'A small note'")
    window.open_record("notes", str(small))
    page = window.stack.currentWidget()
    body = page.findChild(QPlainTextEdit, "note_body")
    body.setFocus()
    body.insertPlainText((LINE * (NOTE_MAX // len(LINE) + 1))[:NOTE_MAX])  # as a paste would
    page.flush_edits()
    error = page.findChild(QLabel, "errorBody") or next(
        label
        for label in page.findChildren(QLabel)
        if label.isVisible() and "at most 1,000,000" in label.text()
    )
    assert error.isVisible()
    assert "A note holds at most 1,000,000 characters" in error.text()
    assert len(body.toPlainText()) == NOTE_MAX + 12  # what was typed is still there
    assert db.one("SELECT body FROM notes WHERE id = ?", small) == "A small note"
