"""Lock after idle: an encrypted journal's window hides what it shows and asks the passphrase.

Off unless chosen (Settings › Encryption); only an encrypted journal locks, since locking a
plain one would protect nothing its file does not already give away.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QToolTip, QWidget

from ceocto_desktop.store.files.encryption import is_encrypted
from ceocto_desktop.ui.dialogs.passphrase_dialog import PassphraseDialog

SETTING = "privacy/lockAfterMinutes"
MINUTE_MS = 60_000
ACTIVITY = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
}


LOCKED_TITLE = "ceocto — locked"
# One lock at a time for the whole app: a second window's timer must not stack a second lock.
_app_locked: list[bool] = [False]


def veil_every_window() -> Callable[[], None]:
    """Blank every window of the app; returns what shows them again.

    A window is emptied (its parts hidden, its title replaced) rather than hidden: the
    app's dialogs run their own event loops, and hiding one would end it, losing what it
    holds. Popups and tooltips close.
    """
    QToolTip.hideText()
    while (popup := QApplication.activePopupWidget()) is not None:
        popup.close()
    undo: list[Callable[[], None]] = []
    for top in QApplication.topLevelWidgets():
        if not top.isVisible():
            continue
        title = top.windowTitle()
        top.setWindowTitle(LOCKED_TITLE)
        parts = [
            child
            for child in top.findChildren(
                QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly
            )
            if not child.isWindow() and not child.isHidden()
        ]
        for part in parts:
            part.setVisible(False)
        undo.append(functools.partial(_unveil, top, title, parts))

    def show_again() -> None:
        for step in undo:
            step()

    return show_again


def _unveil(top: QWidget, title: str, parts: list[QWidget]) -> None:
    top.setWindowTitle(title)
    for part in parts:
        part.setVisible(True)


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
        if self.locked or _app_locked[0] or not is_encrypted(path):
            self.apply()
            return
        window.flush_edits()  # type: ignore[attr-defined]
        self.locked = True
        _app_locked[0] = True
        # Every window of the app goes out of sight (an open search, a dialog, the status
        # bar's path) until the passphrase is given again.
        show_again = veil_every_window()
        dialog = PassphraseDialog(path, window)
        dialog.setObjectName("idleLockDialog")
        dialog.setWindowTitle("Journal locked")
        try:
            accepted = dialog.exec() == QDialog.DialogCode.Accepted
        finally:
            show_again()
            self.locked = False
            _app_locked[0] = False
        if accepted:
            self.apply()
            return
        # Given up: what was open over the journal closes with it, unseen.
        for top in QApplication.topLevelWidgets():
            if isinstance(top, QDialog) and top.isVisible():
                top.reject()
        window.close()
