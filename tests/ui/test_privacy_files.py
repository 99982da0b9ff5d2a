"""Files of ours are 0600 in 0700 folders: the journal, -wal, -shm, backups, ceocto.conf."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QLineEdit, QPushButton

from ceocto_desktop.cli.shell import main
from ceocto_desktop.paths import default_demo_path, default_journal_path
from ceocto_desktop.store.files.backups import backups_folder, make_backup
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.private_settings import sync_private
from tests.ui.helpers import when_modal_shows


def mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def modes_in(folder: Path) -> dict[str, str]:
    """Each file's mode in folder (and in its backups/), as octal text."""
    found = {p.name: oct(mode(p)) for p in folder.iterdir() if p.is_file()}
    backups = folder / "backups"
    if backups.is_dir():
        found["backups/"] = oct(mode(backups))
        found.update({f"backups/{p.name}": oct(mode(p)) for p in backups.iterdir()})
    return found


def assert_private(folder: Path, *, folder_is_ours: bool = True) -> None:
    found = modes_in(folder)
    expected = {name: oct(0o700 if name == "backups/" else 0o600) for name in found}
    assert found == expected
    assert "backups/" in found and any(n.startswith("backups/") and n != "backups/" for n in found)
    if folder_is_ours:
        assert oct(mode(folder)) == oct(0o700)


@pytest.fixture
def fresh_data(monkeypatch, tmp_path) -> Path:
    """A user data folder that does not exist yet (platformdirs reads it at each call)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    return tmp_path / "xdg-data"


def open_first_run(qtbot, path: Path, act) -> Launcher:
    when_modal_shows(act, name="firstRunDialog")
    launcher = Launcher(QSettings())
    assert launcher.open_path(path)
    for window in launcher.windows:
        qtbot.addWidget(window)
    return launcher


def test_the_windows_first_run_makes_a_private_journal_and_backups(qtbot, fresh_data):
    def create(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameA"), "Sam Rivera")
        qtbot.keyClicks(dialog.findChild(QLineEdit, "nameB"), "Priya Natarajan")
        qtbot.mouseClick(dialog.findChild(QPushButton, "createButton"), Qt.MouseButton.LeftButton)

    launcher = open_first_run(qtbot, default_journal_path(), create)
    window = launcher.windows[0]
    path = window.context.journal.path
    assert path == default_journal_path()
    make_backup(path, "manual")
    assert {"journal.db", "journal.db-wal", "journal.db-shm"} <= set(modes_in(path.parent))
    assert_private(path.parent)
    window.close()
    assert_private(path.parent)


def test_the_windows_demo_is_private_too(qtbot, fresh_data):
    def demo(dialog):
        qtbot.mouseClick(dialog.findChild(QPushButton, "demoButton"), Qt.MouseButton.LeftButton)

    launcher = open_first_run(qtbot, default_journal_path(), demo)
    window = launcher.windows[0]
    assert window.context.journal.path == default_demo_path()
    make_backup(default_demo_path(), "manual")
    assert_private(default_demo_path().parent)


def test_ceocto_init_demo_and_backup_make_private_files(tmp_path, capsys):
    chosen = tmp_path / "chosen"
    chosen.mkdir(mode=0o755)  # a folder the user made: theirs, left as it is
    journal = chosen / "ours.db"
    assert main(["init", str(journal), "--a", "Sam Rivera", "--b", "Priya N"]) == 0
    assert main(["backup", "--db", str(journal)]) == 0
    demo = tmp_path / "demo" / "demo.db"
    demo.parent.mkdir()
    assert main(["demo", str(demo)]) == 0
    assert main(["backup", "--db", str(demo)]) == 0
    assert_private(chosen, folder_is_ours=False)
    assert_private(demo.parent, folder_is_ours=False)
    assert backups_folder(journal) == chosen / "backups"


def test_ceocto_conf_is_0600_in_a_0700_folder_even_if_it_was_not(qtbot, window):
    settings = QSettings()
    conf = Path(settings.fileName())
    assert conf.name == "ceocto.conf"
    # As an older version left it: readable by everyone.
    os.chmod(conf.parent, 0o755)
    os.chmod(conf, 0o644)
    launcher = Launcher(settings)  # a start of the window
    assert (oct(mode(conf)), oct(mode(conf.parent))) == (oct(0o600), oct(0o700))
    del launcher
    # Each later sync Qt makes (a rewrite under a new name) keeps the mode.
    settings.setValue("lastAuthor", "B")
    settings.sync()
    window.close()
    assert (oct(mode(conf)), oct(mode(conf.parent))) == (oct(0o600), oct(0o700))
    sync_private(settings)
    assert oct(mode(conf)) == oct(0o600)


def test_settings_given_in_a_shared_folder_leave_that_folder_as_it_was(tmp_path):
    # A settings file named in a folder others use (/tmp, a screenshot script's folder):
    # the file is made private, the folder is not narrowed (it once made /tmp 0700).
    shared = tmp_path / "shared"
    shared.mkdir()
    os.chmod(shared, 0o1777)
    settings = QSettings(str(shared / "settings.ini"), QSettings.Format.IniFormat)
    settings.setValue("lastAuthor", "A")
    sync_private(settings)
    assert oct(mode(shared / "settings.ini")) == oct(0o600)
    assert oct(os.stat(shared).st_mode & 0o7777) == oct(0o1777)
