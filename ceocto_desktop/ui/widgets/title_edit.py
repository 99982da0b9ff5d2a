"""A record's title as a document's heading: large, one paragraph that wraps across the pane.

A one-line box cut a long title at the pane's edge; this box wraps it and grows with it.
It stays one paragraph: Enter moves on to the next field (as Tab does), and a pasted line
break becomes a space. text()/setText() and the edit signals read as a line edit's do.
"""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QTextOption
from PySide6.QtWidgets import QFrame, QPlainTextEdit, QWidget

from ceocto_desktop.ui.widgets.grow import grow_with_content


def one_paragraph(text: str) -> str:
    """Line breaks (a pasted title) as spaces: a title is one paragraph."""
    return " ".join(text.splitlines())


class TitleEdit(QPlainTextEdit):
    """A title that wraps instead of being cut, and grows with its lines."""

    textEdited = Signal(str)
    editingFinished = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._setting = False
        self.setTabChangesFocus(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDocumentMargin(2)
        self.textChanged.connect(self._typed)
        grow_with_content(self, min_lines=1)

    def text(self) -> str:
        """The title as typed."""
        return self.toPlainText()

    def setText(self, text: str) -> None:
        """Show a title (not an edit: textEdited stays quiet)."""
        self._setting = True
        try:
            self.setPlainText(one_paragraph(text))
        finally:
            self._setting = False

    def selectedText(self) -> str:
        return self.textCursor().selectedText()

    def setCursorPosition(self, position: int) -> None:
        cursor = self.textCursor()
        cursor.setPosition(min(position, len(self.toPlainText())))
        self.setTextCursor(cursor)

    def _typed(self) -> None:
        if not self._setting:
            self.textEdited.emit(self.toPlainText())

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.editingFinished.emit()
            self.focusNextChild()
            return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.editingFinished.emit()

    def insertFromMimeData(self, source: QMimeData) -> None:
        self.insertPlainText(one_paragraph(source.text()))
