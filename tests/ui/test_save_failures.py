"""A refused save is shown, kept and retried; closing with unsaved words asks what to do."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

# The app's own SQLite library: a second one in this process, closing the file,
# would drop the open window's locks (and has hung a write waiting on them).
import sqlcipher3.dbapi2 as sqlite3
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
)
from sqlalchemy import event
from sqlalchemy.exc import OperationalError

from ceocto_desktop.services.weekly import drafts
from ceocto_desktop.store import engine
from tests.ui.helpers import open_window

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(qtbot, journal_path, monkeypatch):  # type: ignore[no-untyped-def]
    """The window, with a short busy timeout so a locked journal refuses within 0.1 s."""
    monkeypatch.setattr(engine, "BUSY_TIMEOUT_MS", 100)
    return open_window(qtbot, journal_path)


class Locker:
    """Another program holding the journal's write lock (as a sync tool or sqlite3 shell)."""

    def __init__(self, path: Path):
        self.connection = sqlite3.connect(path, isolation_level=None)
        self.held = False

    def hold(self) -> None:
        self.connection.execute("BEGIN EXCLUSIVE")
        self.held = True

    def release(self) -> None:
        if self.held:
            self.connection.execute("COMMIT")
            self.held = False


@pytest.fixture
def locker(journal_path) -> Iterator[Locker]:  # type: ignore[no-untyped-def]
    holder = Locker(journal_path)
    yield holder
    holder.release()
    holder.connection.close()


def status(window):
    return window.findChild(QLabel, "savedIndicator").text()


def new_note(qtbot, window):
    """A new note on the Notes page, its body box focused with "New note" selected."""
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    body = window.findChild(QPlainTextEdit, "note_body")
    qtbot.waitUntil(body.hasFocus)
    return body


def answer_dialog(qtbot, choices: list[str], seen: list[str]) -> None:
    """Click the buttons named in choices on each "Not saved" dialog, in turn."""

    def click() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(dialog.informativeText())
        wanted = choices.pop(0)
        if wanted == "Cancel":
            dialog.button(QMessageBox.StandardButton.Cancel).click()
        else:
            (button,) = [b for b in dialog.buttons() if b.text() == wanted]
            button.click()
        if choices:
            QTimer.singleShot(20, click)

    QTimer.singleShot(20, click)


def test_a_locked_journal_says_not_saved_beside_the_field_and_retries(qtbot, window, locker, db):
    body = new_note(qtbot, window)
    locker.hold()
    qtbot.keyClicks(body, "Words typed while the journal is locked")
    error = window.findChild(QLabel, "note_body_error")
    qtbot.waitUntil(lambda: error.isVisible(), timeout=3000)
    assert error.text().startswith("Not saved: another program holds the journal")
    assert status(window) == "Not saved: another program holds the journal"
    assert body.toPlainText() == "Words typed while the journal is locked"
    # Another record saves meanwhile; the status bar still says what is pending.
    window.context.save_state.retry_timer.setInterval(50)
    locker.release()
    qtbot.waitUntil(lambda: status(window) == "All changes saved", timeout=3000)
    assert not error.isVisible()
    assert db.one("SELECT body FROM notes") == "Words typed while the journal is locked"


def test_while_another_program_holds_the_journal_a_retry_does_not_wait_on_it(
    qtbot, window, locker, db
):
    body = new_note(qtbot, window)
    window.context.save_state.retry_timer.setInterval(60_000)
    locker.hold()
    qtbot.keyClicks(body, "Typed during a long lock")
    body.clearFocus()
    assert status(window).startswith("Not saved: another program holds the journal")
    begun: list[object] = []
    event.listen(window.context.journal.engine, "begin", lambda connection: begun.append(1))
    # Retries (the timer's, or each pause in typing) ask without waiting on the lock:
    # none starts a write that would block the window for the busy timeout.
    for _ in range(3):
        window.context.save_state.retry_all()
    qtbot.keyClicks(body, ", still typing")
    window.flush_edits()
    assert begun == []
    assert status(window).startswith("Not saved")
    locker.release()
    window.context.save_state.retry_all()
    assert status(window) == "All changes saved"
    assert db.one("SELECT body FROM notes") == "Typed during a long lock, still typing"


def test_a_refused_edit_is_retried_on_the_next_edit(qtbot, window, locker, db):
    body = new_note(qtbot, window)
    window.context.save_state.retry_timer.setInterval(60_000)  # only the next edit retries
    locker.hold()
    qtbot.keyClicks(body, "First thought")
    body.clearFocus()  # leaving the field saves at once
    assert status(window).startswith("Not saved")
    locker.release()
    body.setFocus()
    qtbot.keyClicks(body, ", second")
    qtbot.waitUntil(lambda: status(window) == "All changes saved", timeout=3000)
    assert db.one("SELECT body FROM notes") == "First thought, second"


def test_all_changes_saved_only_when_nothing_is_pending_anywhere(qtbot, window, monkeypatch, db):
    real_save = drafts.save_draft

    def disk_full(*args, **kwargs):
        raise OperationalError("UPDATE", {}, Exception("database or disk is full"))

    monkeypatch.setattr(drafts, "save_draft", disk_full)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    box = page.findChild(QPlainTextEdit, "answer_wins")
    box.setFocus()
    qtbot.keyClicks(box, "A win worth keeping")
    box.clearFocus()
    draft_state = page.findChild(QLabel, "checkinDraftState")
    assert draft_state.text().startswith("Not saved: the disk is full")
    # A note saves fine; the check-in draft is still not in the journal.
    body = new_note(qtbot, window)
    qtbot.keyClicks(body, "Saved fine")
    window.flush_edits()
    assert db.one("SELECT body FROM notes") == "Saved fine"
    assert status(window) == "Not saved: the disk is full"
    monkeypatch.setattr(drafts, "save_draft", real_save)
    window.context.save_state.retry_timer.setInterval(50)
    qtbot.waitUntil(lambda: status(window) in ("All changes saved", "Draft saved"), timeout=3000)
    assert "A win worth keeping" in str(db.rows("SELECT payload FROM drafts"))


def test_closing_with_unsaved_words_asks_and_cancel_keeps_the_window(qtbot, window, locker, db):
    body = new_note(qtbot, window)
    locker.hold()
    qtbot.keyClicks(body, "Do not lose me")
    seen: list[str] = []
    answer_dialog(qtbot, ["Cancel"], seen)
    assert not window.close()
    assert window.isVisible()
    assert "Another program holds the journal" in seen[0]
    # Try again once the other program let go: saved, and the window closes.
    locker.release()
    answer_dialog(qtbot, ["Try again"], seen)
    window.context.save_state.retry_timer.stop()
    assert window.close() or not window.context.save_state.pending
    assert db.one("SELECT body FROM notes") == "Do not lose me"


def test_closing_can_save_a_copy_of_the_text(qtbot, window, locker, db, tmp_path, monkeypatch):
    body = new_note(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    page = window.stack.currentWidget()
    locker.hold()
    button = page.findChild(QPushButton, "rate_trust_2")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(7, button.height() // 2))
    box = page.findChild(QPlainTextEdit, "answer_worries")
    box.setFocus()
    qtbot.keyClicks(box, "The check-in worry")
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    body.setFocus()
    qtbot.keyClicks(body, "The note body")
    copy = tmp_path / "kept.txt"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    seen: list[str] = []
    answer_dialog(qtbot, ["Try again", "Save a copy of the text…"], seen)
    assert window.close()
    assert len(seen) == 2  # tried again, still locked, asked again
    text = copy.read_text(encoding="utf-8")
    assert "The note body" in text and "The check-in worry" in text and "Trust" in text
    locker.release()
    assert db.one("SELECT count(*) FROM drafts") == 0


def test_closing_can_discard(qtbot, window, locker, db):
    body = new_note(qtbot, window)
    locker.hold()
    qtbot.keyClicks(body, "Let this go")
    qtbot.keyClick(window, Qt.Key.Key_2, CTRL)
    box = window.stack.currentWidget().findChild(QPlainTextEdit, "answer_wins")
    box.setFocus()
    qtbot.keyClicks(box, "And this draft")
    seen: list[str] = []
    answer_dialog(qtbot, ["Discard"], seen)
    assert window.close()
    assert len(seen) == 1  # asked, not dropped silently
    locker.release()
    # Discarded means discarded: nothing is retried into the journal afterwards.
    assert not window.context.save_state.retry_timer.isActive()
    assert db.one("SELECT body FROM notes") == "New note"
    assert db.one("SELECT count(*) FROM drafts") == 0


SIGTERM_ON_SHOW = """
import os, signal, sys
from pathlib import Path
from ceocto_desktop.ui import app

shown = app.Launcher._show

def show_then_terminate(self, journal):
    result = shown(self, journal)
    os.kill(os.getpid(), signal.SIGTERM)  # as CI did, the moment the window appeared
    return result

app.Launcher._show = show_then_terminate
sys.exit(app.run_app(Path(sys.argv[1])))
"""


def test_sigterm_right_after_the_window_shows_closes_it_cleanly(journal_path, tmp_path):
    environment = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    environment["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    done = subprocess.run(
        [sys.executable, "-c", SIGTERM_ON_SHOW, str(journal_path)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, (done.returncode, done.stderr[-2000:])
    assert "Traceback" not in done.stderr
    assert done.returncode != -signal.SIGTERM
