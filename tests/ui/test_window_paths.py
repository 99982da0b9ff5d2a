"""The window and odd journal paths: links, devices, FIFOs, planted or foreign lock files."""

from __future__ import annotations

import os
import stat

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from ceocto_desktop.store.files.lock import lock_path
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.dialogs.first_run import FirstRunDialog


@pytest.fixture
def said(monkeypatch) -> list[str]:
    messages: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: messages.append(args[2]))

    def never(*_args, **_kwargs):  # type: ignore[no-untyped-def]
        raise AssertionError("the first run must not be offered here")

    monkeypatch.setattr(FirstRunDialog, "exec", never)
    return messages


@pytest.mark.parametrize("where", ["fifo", "/dev/null", "/proc/self/mem", "/proc/self/new.db"])
def test_the_window_never_offers_a_journal_in_a_device_or_fifo(qtbot, tmp_path, said, where):
    path = tmp_path / "fifo"
    if where == "fifo":
        os.mkfifo(path)
    else:
        path = type(path)(where)
    launcher = Launcher(QSettings())
    assert not launcher.open_path(path, explicit=True)
    assert launcher.windows == []
    assert "not a journal file" in said[0] or "system's own files" in said[0]
    if where == "fifo":
        assert stat.S_ISFIFO(path.lstat().st_mode)


def test_a_lock_file_that_is_a_folder_is_one_message_not_a_crash(qtbot, journal_path, said):
    lock_path(journal_path).mkdir()
    launcher = Launcher(QSettings())
    assert not launcher.open_path(journal_path, explicit=True)
    assert "is a folder; remove it" in said[0]


def test_a_lock_file_of_another_user_is_one_message_not_a_crash(
    qtbot, journal_path, said, monkeypatch
):
    lock_path(journal_path).write_text("{}")
    real_open = os.open

    def as_if_root_owned(path, flags, *args):  # type: ignore[no-untyped-def]
        if str(path).endswith(".db.lock"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(os, "open", as_if_root_owned)
    launcher = Launcher(QSettings())
    assert not launcher.open_path(journal_path, explicit=True)
    assert "permission denied" in said[0] and "sudo" in said[0]


def test_a_second_window_through_a_symlink_is_refused(qtbot, window, journal_path, said):
    link = journal_path.with_name("link.db")
    link.symlink_to(journal_path)
    second = Launcher(QSettings())
    assert not second.open_path(link, explicit=True)
    assert "open in a ceocto window" in said[0]


def test_a_second_window_through_a_hard_link_is_refused(qtbot, window, journal_path, said):
    os.link(journal_path, journal_path.with_name("hard.db"))
    second = Launcher(QSettings())
    assert not second.open_path(journal_path.with_name("hard.db"), explicit=True)
    assert "hard links" in said[0]
