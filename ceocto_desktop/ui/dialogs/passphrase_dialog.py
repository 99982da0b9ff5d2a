"""Asking for an encrypted journal's passphrase: three tries, a clear message, nothing changed."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.store import driver
from ceocto_desktop.ui import keyring_store
from ceocto_desktop.ui.theme import style_window
from ceocto_desktop.ui.widgets.basic import named, secret_field

TRIES = 3


class PassphraseDialog(QDialog):
    """Asks for the passphrase of the journal at path; accepted once one opens it."""

    def __init__(self, path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        if parent is None:  # a window of its own: it takes the style sheet itself
            style_window(self)
        self.setObjectName("passphraseDialog")
        self.setWindowTitle("Encrypted journal")
        self.path = path
        self.tries_left = TRIES
        self.passphrase: str | None = None
        layout = QVBoxLayout(self)
        intro = QLabel(f"{path.name} is encrypted. Type its passphrase to open it.")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.field = secret_field("passphraseField", accessible="Passphrase")
        layout.addWidget(self.field)
        self.message = named("passphraseMessage", QLabel(""))
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.remember = named("rememberPassphrase", QCheckBox("Remember in the system keyring"))
        self.remember.setVisible(keyring_store.available())
        layout.addWidget(self.remember)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.open_button = buttons.button(QDialogButtonBox.StandardButton.Open)
        self.open_button.setObjectName("openEncryptedButton")
        layout.addWidget(buttons)
        self.failed = False

    def accept(self) -> None:
        """Open only with a passphrase that works; after three wrong ones, give up."""
        typed = self.field.text()
        if typed and driver.opens_with(self.path, typed):
            self.passphrase = typed
            driver.remember_passphrase(self.path, typed)
            if self.remember.isChecked():
                keyring_store.save(self.path, typed)
            super().accept()
            return
        self.tries_left -= 1
        self.field.clear()
        if self.tries_left == 0:
            self.failed = True
            self.message.setText("That passphrase does not open the journal either.")
            super().reject()
            return
        self.message.setText(
            f"That passphrase does not open the journal; {self.tries_left} "
            f"{'try' if self.tries_left == 1 else 'tries'} left. Nothing was changed."
        )


def unlock(path: Path, parent: QWidget | None = None) -> bool | None:
    """Make the journal at path openable: True if it is, False if refused, None if cancelled."""
    if not driver.looks_encrypted(path):
        return True
    try:
        driver.passphrase_for(path)
        return True
    except driver.PassphraseNeeded:
        pass
    remembered = keyring_store.load(path)
    if remembered is not None and driver.opens_with(path, remembered):
        driver.remember_passphrase(path, remembered)
        return True
    dialog = PassphraseDialog(path, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return True
    return False if dialog.failed else None
