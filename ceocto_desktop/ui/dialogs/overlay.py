"""A dialog shown as an overlay over the window: frameless, the window dimmed behind it.

Ctrl+K's palette is part of the window, not a second window: it sits in the upper third,
the page behind is dimmed, and when it closes the main window is the active one again (so
the next key goes to the page, not to nowhere).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QDialog, QFrame, QWidget

from ceocto_desktop.ui.widgets.basic import named

DIM = QColor(0, 0, 0, 90)


class Dimmer(QWidget):
    """A translucent sheet over the window's contents, following its size."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("overlayDimmer")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, False)
        self.setGeometry(window.rect())
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())
        return False

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), DIM)


def run_as_overlay(dialog: QDialog, window: QWidget) -> int:
    """Show dialog frameless over the dimmed window; give the window back its focus after."""
    dialog.setWindowFlags(Qt.WindowType.Dialog | Qt.WindowType.FramelessWindowHint)
    frame = named("overlayFrame", QFrame(dialog))
    frame.lower()
    frame.setProperty("role", "card")
    dimmer = Dimmer(window)
    dimmer.show()
    dimmer.raise_()
    width = min(max(dialog.minimumWidth(), int(window.width() * 0.6)), window.width() - 40)
    height = min(max(dialog.minimumHeight(), int(window.height() * 0.6)), window.height() - 40)
    dialog.resize(width, height)
    frame.setGeometry(dialog.rect())
    top_left = window.mapToGlobal(QPoint((window.width() - width) // 2, window.height() // 8))
    dialog.move(top_left)
    try:
        return dialog.exec()
    finally:
        dimmer.hide()
        dimmer.deleteLater()
        window.activateWindow()
        window.raise_()
