"""The window's side of data safety: one window per journal, backups, restore, damage."""

from __future__ import annotations

from pathlib import Path

# The app's own SQLite library: a second one in this process, closing the file,
# would drop the open window's locks (and has hung a write waiting on them).
import sqlcipher3.dbapi2 as sqlite3
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.store import JournalLock, list_backups, make_backup, open_journal
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.dialogs.backups_dialog import BackupsDialog
from tests.ui.helpers import when_modal_shows


def _note_bodies(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        return [row[0] for row in connection.execute("SELECT body FROM notes ORDER BY body")]


def _add_note(path: Path, body: str) -> None:
    journal = open_journal(path)
    with journal.transaction() as session:
        create_note(session, Seat.A, body)
    journal.close()


def _press(text: str):  # type: ignore[no-untyped-def]
    def act(box) -> None:  # type: ignore[no-untyped-def]
        for button in box.findChildren(QPushButton):
            if button.text().replace("&", "") == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r} in {box.objectName()}")

    return act


def test_a_second_window_on_an_open_journal_is_refused_saying_who_has_it(
    qtbot, window, journal_path, monkeypatch
):
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: said.append(args[2]))
    second = Launcher(QSettings())
    assert not second.open_path(journal_path, explicit=True)
    assert second.windows == []
    assert "open" in said[0] and "since" in said[0]
    # Once the first window closes, the journal is free again.
    window.close()
    assert second.open_path(journal_path, explicit=True)
    second.windows[0].close()


def test_a_lock_left_by_a_killed_window_is_taken_over(qtbot, journal_path):
    stale = journal_path.with_name(journal_path.name + ".lock")
    stale.write_text('{"pid": 999999, "host": "elsewhere", "user": "x", "since": "2026-01-01"}')
    launcher = Launcher(QSettings())
    assert launcher.open_path(journal_path, explicit=True)
    launcher.windows[0].close()


def test_backups_dialog_backs_up_now_and_lists_it(qtbot, journal_path):
    dialog = BackupsDialog(journal_path)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 0 and not dialog.restore_button.isEnabled()
    qtbot.mouseClick(dialog.back_up_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "made by hand"
    assert "Backed up to" in dialog.message.text()
    assert [info.reason for info in list_backups(journal_path)] == ["manual"]


def test_restore_from_the_window_brings_the_backup_back_and_keeps_the_journal(
    qtbot, window, journal_path, monkeypatch
):
    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda *args: told.append(args[2]))
    make_backup(journal_path, "manual")
    launcher = window.opener
    window.context.write(
        lambda s: create_note(s, Seat.A, "Written after the backup"), Changed.NOTES
    )

    def choose_newest(dialog) -> None:  # type: ignore[no-untyped-def]
        when_modal_shows(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        dialog.restore_selected()

    when_modal_shows(choose_newest, name="backupsDialog")
    window.show_backups()
    qtbot.waitUntil(lambda: launcher.windows[-1] is not window and not window.isVisible())
    assert "restored from" in told[0] and "kept as" in told[0]
    assert _note_bodies(journal_path) == []
    reasons = [info.reason for info in list_backups(journal_path)]
    assert "before-restore" in reasons  # the journal as it was, note and all
    kept = next(i for i in list_backups(journal_path) if i.reason == "before-restore")
    assert _note_bodies(kept.path) == ["Written after the backup"]
    launcher.windows[-1].close()


def test_closing_after_a_change_leaves_a_backup_and_without_one_none(qtbot, window, journal_path):
    window.close()
    assert list_backups(journal_path) == []
    launcher = Launcher(QSettings())
    assert launcher.open_path(journal_path, explicit=True)
    reopened = launcher.windows[0]
    reopened.context.write(lambda s: create_note(s, Seat.B, "Worth keeping"), Changed.NOTES)
    reopened.close()
    quits = [info for info in list_backups(journal_path) if info.reason == "quit"]
    assert len(quits) == 1 and _note_bodies(quits[0].path) == ["Worth keeping"]


def test_a_damaged_journal_offers_its_backups_and_opens_restored(qtbot, journal_path):
    from tests.cli.test_cli_journal_damage import damage_notes_page

    _add_note(journal_path, "Safe in the backup")
    make_backup(journal_path, "manual")
    damage_notes_page(journal_path)

    def restore_first(dialog) -> None:  # type: ignore[no-untyped-def]
        when_modal_shows(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
        dialog.restore_selected()

    def in_damage_box(box) -> None:  # type: ignore[no-untyped-def]
        assert "damaged" in box.text()
        when_modal_shows(restore_first, name="backupsDialog")
        _press("Restore from backup…")(box)

    when_modal_shows(in_damage_box, name="damagedJournalBox")
    launcher = Launcher(QSettings())
    assert launcher.open_path(journal_path, explicit=True)
    assert "Safe in the backup" in _note_bodies(journal_path)
    damaged_kept = [i for i in list_backups(journal_path) if i.reason == "damaged"]
    assert damaged_kept, "the damaged file is kept beside the restored one"
    launcher.windows[0].close()
    QApplication.processEvents()


def test_lock_is_released_when_the_window_closes(qtbot, window, journal_path):
    window.close()
    with JournalLock(journal_path):
        pass


def test_damage_found_while_the_window_is_open_closes_it_and_offers_backups(
    qtbot, window, journal_path
):
    from ceocto_desktop.store import JournalDamaged

    launcher = window.opener
    offered: list[str] = []

    def see_box(box) -> None:  # type: ignore[no-untyped-def]
        offered.append(box.text())
        box.reject()

    when_modal_shows(see_box, name="damagedJournalBox")
    error = JournalDamaged(f"{journal_path} is damaged (database disk image is malformed).")
    launcher.unhandled(JournalDamaged, error, None)
    qtbot.waitUntil(lambda: bool(offered))
    assert not window.isVisible()
    assert str(journal_path) in offered[0]
    with JournalLock(journal_path):  # the window gave the journal up
        pass
