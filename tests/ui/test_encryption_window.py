"""The window and an encrypted journal: the passphrase asked, Settings › Encryption."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QMessageBox

from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records import notes
from ceocto_desktop.store import driver
from ceocto_desktop.store.files.encryption import encrypt_journal, plain_backups
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.dialogs.passphrase_dialog import PassphraseDialog
from ceocto_desktop.ui.settings.encryption_panel import EncryptionPanel
from tests.ui.helpers import when_modal_shows

PASSPHRASE = "correct horse battery staple"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    driver.forget_passphrases()
    yield
    driver.forget_passphrases()


@pytest.fixture
def encrypted(journal_path: Path) -> Path:
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    driver.forget_passphrases()  # as on the next start of the app
    return journal_path


def type_and_open(qtbot, dialog: PassphraseDialog, text: str) -> None:  # type: ignore[no-untyped-def]
    dialog.field.setFocus()
    qtbot.keyClicks(dialog.field, text)
    qtbot.mouseClick(dialog.open_button, Qt.MouseButton.LeftButton)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_the_dialog_says_how_many_tries_are_left_and_gives_up_after_three(qtbot, encrypted):
    before = digest(encrypted)
    dialog = PassphraseDialog(encrypted)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.field.echoMode() == dialog.field.EchoMode.Password
    type_and_open(qtbot, dialog, "first guess")
    assert dialog.message.text() == (
        "That passphrase does not open the journal; 2 tries left. Nothing was changed."
    )
    assert dialog.field.text() == ""
    type_and_open(qtbot, dialog, "second guess")
    assert "1 try left" in dialog.message.text()
    type_and_open(qtbot, dialog, "third guess")
    assert dialog.failed and not dialog.isVisible()
    assert dialog.result() == PassphraseDialog.DialogCode.Rejected
    assert driver.known_passphrase(encrypted) is None
    assert digest(encrypted) == before


def test_the_right_passphrase_after_a_wrong_one_opens_the_journal_in_a_window(qtbot, encrypted):
    launcher = Launcher(QSettings())

    def answer(dialog):  # type: ignore[no-untyped-def]
        type_and_open(qtbot, dialog, "not it at all")
        assert "2 tries left" in dialog.message.text()
        type_and_open(qtbot, dialog, PASSPHRASE)

    when_modal_shows(answer, name="passphraseDialog")
    assert launcher.open_path(encrypted, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    assert "Sam" in window.context.partner_label(Seat.A)


def test_three_wrong_passphrases_at_start_say_so_and_open_nothing(qtbot, encrypted):
    launcher = Launcher(QSettings())
    said: list[str] = []

    def answer(dialog):  # type: ignore[no-untyped-def]
        for guess in ("one wrong", "two wrong", "three wrong"):
            type_and_open(qtbot, dialog, guess)
        when_modal_shows(lambda box: (said.append(box.text()), box.accept()))

    when_modal_shows(answer, name="passphraseDialog")
    assert not launcher.open_path(encrypted, explicit=True)
    assert launcher.windows == []
    assert said and "does not open" in said[0] and "nothing was changed" in said[0]


def test_settings_encryption_encrypts_the_open_journal_and_it_keeps_working(
    qtbot, window, journal_path
):
    panel = EncryptionPanel(window.context)
    qtbot.addWidget(panel)
    panel.show()
    assert panel.encrypt_button.isVisible() and not panel.decrypt_button.isVisible()
    qtbot.keyClicks(panel.new, PASSPHRASE)
    qtbot.keyClicks(panel.repeat, PASSPHRASE + "x")
    qtbot.mouseClick(panel.encrypt_button, Qt.MouseButton.LeftButton)
    assert "differ" in panel.message.text()
    assert driver.has_sqlite_header(journal_path)

    qtbot.keyClicks(panel.new, PASSPHRASE)
    qtbot.keyClicks(panel.repeat, PASSPHRASE)
    qtbot.mouseClick(panel.encrypt_button, Qt.MouseButton.LeftButton)
    assert "The journal is encrypted." in panel.message.text()
    assert not driver.has_sqlite_header(journal_path)
    assert panel.decrypt_button.isVisible() and panel.wipe_button.isVisible()

    # The open window writes into the encrypted file, not into the kept plain copy.
    window.context.write(
        lambda s: notes.create_note(s, Seat.A, "Tell Vantablack Capital no"), Changed.NOTES
    )
    kept = plain_backups(journal_path)
    assert len(kept) == 1 and b"vantablack" not in kept[0].read_bytes().lower()

    def confirm(box):  # type: ignore[no-untyped-def]
        box.button(QMessageBox.StandardButton.Yes).click()

    when_modal_shows(confirm)
    qtbot.mouseClick(panel.wipe_button, Qt.MouseButton.LeftButton)
    assert plain_backups(journal_path) == []
    window.context.journal.engine.dispose()  # fold the -wal in, as closing would
    for path in journal_path.parent.rglob("*"):
        if path.is_file():
            assert b"vantablack" not in path.read_bytes().lower(), path


def test_settings_encryption_changes_then_removes_the_passphrase(qtbot, window, journal_path):
    encrypt_window = EncryptionPanel(window.context)
    qtbot.addWidget(encrypt_window)
    qtbot.keyClicks(encrypt_window.new, PASSPHRASE)
    qtbot.keyClicks(encrypt_window.repeat, PASSPHRASE)
    qtbot.mouseClick(encrypt_window.encrypt_button, Qt.MouseButton.LeftButton)
    panel = encrypt_window
    qtbot.keyClicks(panel.current, "not the passphrase")
    qtbot.keyClicks(panel.new, "another fine phrase")
    qtbot.keyClicks(panel.repeat, "another fine phrase")
    qtbot.mouseClick(panel.change_button, Qt.MouseButton.LeftButton)
    assert "current passphrase does not open" in panel.message.text()
    assert driver.opens_with(journal_path, PASSPHRASE)

    qtbot.keyClicks(panel.current, PASSPHRASE)
    qtbot.keyClicks(panel.new, "another fine phrase")
    qtbot.keyClicks(panel.repeat, "another fine phrase")
    qtbot.mouseClick(panel.change_button, Qt.MouseButton.LeftButton)
    assert "The passphrase is changed." in panel.message.text()
    assert driver.opens_with(journal_path, "another fine phrase")

    qtbot.keyClicks(panel.current, "another fine phrase")
    qtbot.mouseClick(panel.decrypt_button, Qt.MouseButton.LeftButton)
    assert panel.message.text() == "The journal is no longer encrypted."
    assert driver.has_sqlite_header(journal_path)
    window.context.write(lambda s: notes.create_note(s, Seat.B, "plain again"), Changed.NOTES)


def _window_on(qtbot, path: Path):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QSettings

    from ceocto_desktop.ui.app import Launcher

    driver.remember_passphrase(path, PASSPHRASE)  # given at start
    launcher = Launcher(QSettings())
    assert launcher.open_path(path, explicit=True)
    shown = launcher.windows[0]
    qtbot.addWidget(shown)
    qtbot.waitExposed(shown)
    return shown


def test_an_encrypted_window_locks_after_idle_minutes_and_opens_with_the_passphrase(
    qtbot, encrypted, clean_settings, monkeypatch
):
    from ceocto_desktop.ui import idle_lock

    monkeypatch.setattr(idle_lock, "MINUTE_MS", 100)
    clean_settings.setValue(idle_lock.SETTING, 1)
    window = _window_on(qtbot, encrypted)
    seen: list[bool] = []

    def at_the_lock(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(window.centralWidget().isVisible())
        type_and_open(qtbot, dialog, PASSPHRASE)

    when_modal_shows(at_the_lock, name="idleLockDialog")
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    assert seen == [False]  # hidden while locked
    qtbot.waitUntil(lambda: window.centralWidget().isVisible())
    assert window.isVisible()
    window.close()


def test_a_wrong_passphrase_three_times_at_the_lock_closes_the_window(
    qtbot, encrypted, clean_settings, monkeypatch
):
    from ceocto_desktop.ui import idle_lock

    monkeypatch.setattr(idle_lock, "MINUTE_MS", 100)
    clean_settings.setValue(idle_lock.SETTING, 1)
    window = _window_on(qtbot, encrypted)

    def wrong_three_times(dialog) -> None:  # type: ignore[no-untyped-def]
        for _ in range(3):
            type_and_open(qtbot, dialog, "not it at all")

    when_modal_shows(wrong_three_times, name="idleLockDialog")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)


def test_a_plain_journal_never_locks(qtbot, window, clean_settings, monkeypatch):
    from ceocto_desktop.ui import idle_lock

    monkeypatch.setattr(idle_lock, "MINUTE_MS", 20)
    clean_settings.setValue(idle_lock.SETTING, 1)
    window.idle_lock.apply()
    qtbot.wait(200)
    assert window.centralWidget().isVisible() and window.isVisible()


def test_the_window_looks_for_outside_writes_only_after_a_passphrase_change(
    qtbot, window, journal_path, monkeypatch
):
    """The 2-second look for a shell's notes once fired while the file was being re-keyed,
    connected with the old key and raised inside Qt's event loop (seen in CI)."""
    from ceocto_desktop.ui.settings import encryption_panel

    real = encryption_panel.run_with_progress
    ticks: list[str] = []

    def with_a_tick(parent, label, work):  # type: ignore[no-untyped-def]
        ok, result = real(parent, label, work)  # the conversion, the file replaced
        ticks.append(label)
        window.outside_writes.poll()  # the timer's tick before the journal reconnects
        window.sync.sync_if_set_up()  # and the sync schedule's
        return ok, result

    monkeypatch.setattr(encryption_panel, "run_with_progress", with_a_tick)
    panel = EncryptionPanel(window.context)
    qtbot.addWidget(panel)
    qtbot.keyClicks(panel.new, PASSPHRASE)
    qtbot.keyClicks(panel.repeat, PASSPHRASE)
    qtbot.mouseClick(panel.encrypt_button, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(panel.current, PASSPHRASE)
    qtbot.keyClicks(panel.new, "another fine phrase")
    qtbot.keyClicks(panel.repeat, "another fine phrase")
    qtbot.mouseClick(panel.change_button, Qt.MouseButton.LeftButton)
    assert len(ticks) == 2
    assert "The passphrase is changed." in panel.message.text()
    window.context.write(lambda s: notes.create_note(s, Seat.B, "after the change"), Changed.NOTES)
    window.outside_writes.poll()  # converted and reconnected: the look works again
