"""File › Join our journal…: the second laptop builds its journal from the folder and the code."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.store import open_journal
from ceocto_desktop.sync import service
from ceocto_desktop.ui.dialogs.join_dialog import JoinDialog, suggested_path
from tests.ui.conftest import Db


@pytest.fixture
def first_laptop(template_journal: Path, tmp_path: Path) -> tuple[Path, str]:
    """Sam's laptop: a journal with one note, set up in a sync folder; the folder and code."""
    path = tmp_path / "sam" / "journal.db"
    path.parent.mkdir()
    shutil.copyfile(template_journal, path)
    folder = tmp_path / "Sync"
    folder.mkdir()
    journal = open_journal(path)
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "Sam: the board meets on the 14th")
    code = service.setup(journal, folder, "A")
    journal.close()
    return folder, code


def _fill(qtbot, dialog: JoinDialog, folder: Path, code: str, target: Path) -> None:  # type: ignore[no-untyped-def]
    """Types what a person would: the folder, partner B, the code, where the journal goes."""
    qtbot.keyClicks(dialog.folder, str(folder))
    dialog.folder.editingFinished.emit()  # leaving the field reads the folder's description
    dialog.seat.setCurrentIndex(dialog.seat.findData("B"))
    qtbot.keyClicks(dialog.code, code)
    dialog.path.clear()
    qtbot.keyClicks(dialog.path, str(target))


def test_joining_from_the_menu_builds_a_journal_holding_the_first_laptops_note(  # type: ignore[no-untyped-def]
    window, qtbot, first_laptop, tmp_path
):
    folder, code = first_laptop
    target = tmp_path / "priya" / "journal.db"
    target.parent.mkdir()
    seen: dict[str, object] = {}

    def drive() -> None:
        dialog = window.findChild(JoinDialog, "joinDialog")
        seen["echo"] = dialog.code.echoMode()
        seen["seats"] = [dialog.seat.itemText(i) for i in range(dialog.seat.count())]
        _fill(qtbot, dialog, folder, code, target)
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
        seen["busy"] = dialog.busy.isVisible()

    QTimer.singleShot(0, drive)
    window.findChild(type(window.menuBar().actions()[0]), "joinJournalAction").trigger()
    assert seen["echo"] == QLineEdit.EchoMode.Password
    assert seen["seats"] == ["Partner A", "Partner B"]
    assert seen["busy"] is True  # a busy bar while the journal is built off the GUI thread
    assert Db(target).rows("SELECT body FROM notes") == [("Sam: the board meets on the 14th",)]
    assert Db(target).one("SELECT value FROM sync_state WHERE key = 'seat'") == "B"
    opened = window.opener.windows[-1]
    qtbot.addWidget(opened)
    assert opened.context.journal.path == target  # the window now shows the new journal


def test_a_wrong_code_says_so_in_the_dialog_and_writes_no_file(qtbot, first_laptop, tmp_path):  # type: ignore[no-untyped-def]
    folder, _code = first_laptop
    target = tmp_path / "priya.db"
    dialog = JoinDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, folder, "WRONG-CODE-1234", target)
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._task is None)
    assert dialog.message.text().startswith("That pairing code does not open this sync folder")
    assert dialog.joined is None
    assert not target.exists()


def test_a_folder_without_a_journal_says_so_and_writes_no_file(qtbot, first_laptop, tmp_path):  # type: ignore[no-untyped-def]
    _folder, code = first_laptop
    empty = tmp_path / "Empty"
    empty.mkdir()
    target = tmp_path / "priya.db"
    dialog = JoinDialog()
    qtbot.addWidget(dialog)
    _fill(qtbot, dialog, empty, code, target)
    assert "holds no ceocto journal yet" in dialog.message.text()  # said on leaving the field
    qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog._task is None)
    assert "holds no ceocto journal yet" in dialog.message.text()
    assert dialog.joined is None
    assert not target.exists()


def test_the_new_journal_goes_beside_an_existing_one_never_over_it(tmp_path: Path) -> None:
    default = tmp_path / "journal.db"
    assert suggested_path(default) == default
    default.write_bytes(b"x")
    assert suggested_path(default) == tmp_path / "journal-joined-2.db"
    (tmp_path / "journal-joined-2.db").write_bytes(b"x")
    assert suggested_path(default) == tmp_path / "journal-joined-3.db"


def test_the_welcome_dialog_joins_too_and_opens_the_joined_journal(  # type: ignore[no-untyped-def]
    qtbot, first_laptop, tmp_path
):
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher
    from ceocto_desktop.ui.dialogs.first_run import FirstRunDialog

    folder, code = first_laptop
    target = tmp_path / "priya" / "journal.db"
    target.parent.mkdir()

    def join() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, JoinDialog))
        assert dialog.path.text() == str(target)  # where the welcome dialog was to write
        _fill(qtbot, dialog, folder, code, target)
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)

    def welcome() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, FirstRunDialog))
        QTimer.singleShot(0, join)
        qtbot.mouseClick(dialog.join_button, Qt.MouseButton.LeftButton)

    launcher = Launcher(QSettings())
    QTimer.singleShot(0, welcome)
    assert launcher.open_path(target, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    assert window.context.journal.path == target
    assert Db(target).rows("SELECT body FROM notes") == [("Sam: the board meets on the 14th",)]
