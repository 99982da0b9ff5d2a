"""Settings › Encryption: set, change or remove the journal's passphrase, off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.reports.wording import count
from ceocto_desktop.store import driver
from ceocto_desktop.store.files.encryption import (
    MIN_PASSPHRASE,
    change_passphrase,
    decrypt_journal,
    encrypt_journal,
    is_encrypted,
    plain_backups,
    remove_plain_backups,
)
from ceocto_desktop.ui import keyring_store
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.idle_lock import SETTING as IDLE_SETTING
from ceocto_desktop.ui.idle_lock import lock_minutes
from ceocto_desktop.ui.widgets.basic import named, secret_field
from ceocto_desktop.ui.workers import run_with_progress


class EncryptionPanel(QWidget):
    """The journal's encryption: its state, and the one action that fits it."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("encryptionPanel")
        self.context = context
        layout = QVBoxLayout(self)
        self.state = named("encryptionState", QLabel())
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        form = QFormLayout()
        self.current = secret_field("currentPassphrase", accessible="Current passphrase")
        self.new = secret_field("newPassphrase", accessible="New passphrase")
        self.repeat = secret_field("repeatPassphrase", accessible="New passphrase again")
        form.addRow("Current passphrase", self.current)
        form.addRow("New passphrase", self.new)
        form.addRow("Again", self.repeat)
        layout.addLayout(form)
        self.encrypt_button = named("encryptButton", QPushButton("Encrypt the journal"))
        self.change_button = named("changePassphraseButton", QPushButton("Change passphrase"))
        self.decrypt_button = named("decryptButton", QPushButton("Remove the passphrase"))
        self.wipe_button = named("removePlainBackupsButton", QPushButton())
        for button in (self.encrypt_button, self.change_button, self.decrypt_button):
            layout.addWidget(button)
        layout.addWidget(self.wipe_button)
        self.lock_after = named("lockAfterMinutes", QSpinBox())
        self.lock_after.setRange(0, 240)
        self.lock_after.setSpecialValueText("never")
        self.lock_after.setSuffix(" idle minutes")
        self.lock_after.setValue(lock_minutes(QSettings()))
        self.lock_after.setToolTip(
            "With the journal encrypted, the window hides what it shows after this long "
            "without a key press or a click, and asks the passphrase again."
        )
        self.lock_after.valueChanged.connect(
            lambda minutes: QSettings().setValue(IDLE_SETTING, minutes)
        )
        self.lock_row = QWidget()
        lock_layout = QHBoxLayout(self.lock_row)
        lock_layout.setContentsMargins(0, 0, 0, 0)
        lock_layout.addWidget(QLabel("Lock the window after"))
        lock_layout.addWidget(self.lock_after)
        lock_layout.addStretch(1)
        layout.addWidget(self.lock_row)
        self.message = named("encryptionMessage", QLabel())
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        layout.addStretch(1)
        self.encrypt_button.clicked.connect(self._encrypt)
        self.change_button.clicked.connect(self._change)
        self.decrypt_button.clicked.connect(self._decrypt)
        self.wipe_button.clicked.connect(self._wipe)
        self.refresh()

    @property
    def path(self) -> Path:
        return self.context.journal.path

    def refresh(self) -> None:
        """Show the journal's state and only the fields and buttons that fit it."""
        encrypted = is_encrypted(self.path)
        self.state.setText(
            "This journal is encrypted: without its passphrase, its file and its backups are "
            "unreadable. There is no way to recover a forgotten passphrase."
            if encrypted
            else "This journal is not encrypted: anyone who can read its file can read it. "
            f"Choose a passphrase of at least {MIN_PASSPHRASE} characters to encrypt it."
        )
        self.current.setVisible(encrypted)
        self.encrypt_button.setVisible(not encrypted)
        self.change_button.setVisible(encrypted)
        self.decrypt_button.setVisible(encrypted)
        plain = plain_backups(self.path)
        self.wipe_button.setText(
            f"Overwrite and delete {count(len(plain), 'unencrypted backup')}"
            if plain
            else "No unencrypted backups"
        )
        self.wipe_button.setVisible(encrypted and bool(plain))
        self.lock_row.setVisible(encrypted)
        for field in (self.current, self.new, self.repeat):
            field.clear()

    def _new_passphrase(self) -> str | None:
        typed, again = self.new.text(), self.repeat.text()
        refusal = None
        if typed != again:
            refusal = "The two new passphrases differ; nothing was changed."
        elif len(typed) < MIN_PASSPHRASE:
            refusal = f"A passphrase has at least {MIN_PASSPHRASE} characters; nothing was changed."
        if refusal is not None:
            self.message.setText(refusal)
            self.new.clear()  # typed again from the start, both times
            self.repeat.clear()
            self.new.setFocus()
            return None
        return typed

    def _current_passphrase(self) -> str | None:
        typed = self.current.text()
        if not typed or not driver.opens_with(self.path, typed):
            self.message.setText(
                "The current passphrase does not open the journal; nothing was changed."
            )
            for field in (self.current, self.new, self.repeat):
                field.clear()  # typed again from the start
            self.current.setFocus()
            return None
        return typed

    def _run(self, label: str, work: Callable[[], Any], done: str) -> bool:
        """Convert with the journal released, then connect again (to the new file)."""
        journal = self.context.journal
        journal.converting = True  # the window's timers connect to nothing meanwhile
        try:
            journal.close()  # no connection may hold the file being replaced (-wal wiped)
            ok, result = run_with_progress(self, label, lambda progress: work())
            journal.reopen()
        finally:
            journal.converting = False
        self.refresh()
        self.message.setText(done if ok else str(result))
        return ok

    def _encrypt(self) -> None:
        passphrase = self._new_passphrase()
        if passphrase is None:
            return
        self._run(
            "Encrypting the journal (a copy of it as it was is kept first)…",
            lambda: encrypt_journal(self.path, passphrase),
            "The journal is encrypted. Its unencrypted backups still hold your text in the "
            "clear: once you are sure of the passphrase, delete them below.",
        )

    def _change(self) -> None:
        old = self._current_passphrase()
        new = self._new_passphrase() if old is not None else None
        if old is None or new is None:
            return
        if self._run(
            "Changing the passphrase…",
            lambda: change_passphrase(self.path, old, new),
            "The passphrase is changed. Backups made before keep the old one.",
        ):
            keyring_store.forget(self.path)

    def _decrypt(self) -> None:
        old = self._current_passphrase()
        if old is None:
            return
        if self._run(
            "Removing the passphrase…",
            lambda: decrypt_journal(self.path, old),
            "The journal is no longer encrypted.",
        ):
            keyring_store.forget(self.path)

    def _wipe(self) -> None:
        plain = plain_backups(self.path)
        answer = QMessageBox.question(
            self,
            "Delete unencrypted backups",
            f"Overwrite and delete {count(len(plain), 'unencrypted backup')} of this journal? "
            "They hold your text in the clear; the encrypted journal and its encrypted "
            "backups stay.",
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        removed = remove_plain_backups(self.path)
        self.refresh()
        self.message.setText(f"Overwrote and deleted {count(len(removed), 'unencrypted backup')}.")
