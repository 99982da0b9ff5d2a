"""Lock after idle: an encrypted journal's window hides what it shows and asks the passphrase.

Off unless chosen (Settings › Encryption); only an encrypted journal locks, since locking a
plain one would protect nothing its file does not already give away.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QToolBar, QWidget

from ceocto_desktop.store.encryption import is_encrypted
from ceocto_desktop.ui.passphrase_dialog import PassphraseDialog

SETTING = "privacy/lockAfterMinutes"
MINUTE_MS = 60_000
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


def lock_minutes(settings: QSettings) -> int:
    """The idle minutes after which the window locks; 0 means never."""
    try:
        return max(0, int(str(settings.value(SETTING, 0))))
    except ValueError:
        return 0


class IdleLock(QObject):
    """Watches the person's input; after the chosen idle time it locks the window."""

    def __init__(self, window: QMainWindow, settings: QSettings):
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.locked = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self.lock_now)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)
        self.apply()

    def apply(self) -> None:
        """Read the setting again and start counting idle time from now."""
        minutes = lock_minutes(self.settings)
        if minutes and not self.locked:
            self.timer.start(minutes * MINUTE_MS)
        else:
            self.timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in ACTIVITY and self.timer.isActive():
            self.timer.start()  # activity: the idle time starts again
        return False

    def lock_now(self) -> None:
        """Hide the journal and ask its passphrase; three wrong ones (or cancel) close it."""
        window = self.window
        if not window.isVisible():  # closed meanwhile: nothing left to lock
            self.timer.stop()
            return
        path = window.context.journal.path  # type: ignore[attr-defined]
        if self.locked or not is_encrypted(path):
            self.apply()
            return
        window.flush_edits()  # type: ignore[attr-defined]
        self.locked = True
        # What the window shows goes out of sight until the passphrase is given again.
        hidden: list[QWidget] = [window.menuBar(), *window.findChildren(QToolBar)]
        central = window.centralWidget()
        if central is not None:
            hidden.append(central)
        for widget in hidden:
            widget.setVisible(False)
        dialog = PassphraseDialog(path, window)
        dialog.setObjectName("idleLockDialog")
        dialog.setWindowTitle("Journal locked")
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        for widget in hidden:
            widget.setVisible(True)
        self.locked = False
        if accepted:
            self.apply()
        else:
            window.close()
