"""A compact 1–5 rating: five joined, checkable buttons, operable by mouse and keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QPainter, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ceocto_desktop.ui.widgets import named

MEANINGS = {1: "poor", 2: "weak", 3: "fair", 4: "good", 5: "excellent"}
# Palette roles only, so light and dark (and the shared stylesheet's palette) both apply.
SEGMENT_STYLE = """
QPushButton { border: 1px solid palette(mid); border-radius: 0; background: palette(base);
              color: palette(text); padding: 0; margin-left: -1px; }
QPushButton[segment="first"] { border-top-left-radius: 6px; border-bottom-left-radius: 6px;
                               margin-left: 0; }
QPushButton[segment="last"] { border-top-right-radius: 6px; border-bottom-right-radius: 6px; }
QPushButton:hover { background: palette(alternate-base); }
QPushButton:checked { background: palette(highlight); color: palette(highlighted-text);
                      border-color: palette(highlight); font-weight: 600; }
"""
_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}


class SegmentedRating(QWidget):
    """Five buttons in a row; arrows move the choice, the keys 1–5 pick one at once."""

    picked = Signal(int)  # a person chose a value (not fill())

    def __init__(self, name: str, label: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName(f"rating_{name}")
        self.setAccessibleName(label)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.group = QButtonGroup(self)
        row = QHBoxLayout(self)
        row.setContentsMargins(3, 3, 3, 3)  # room for the focus ring
        row.setSpacing(0)
        for value in range(1, 6):
            button = named(f"rate_{name}_{value}", QPushButton(str(value)))
            button.setCheckable(True)
            # The group takes the focus, not each button: Tab goes rating to rating.
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            button.setFixedSize(36, 28)
            button.setToolTip(f"{label}: {value} ({MEANINGS[value]})")
            button.setProperty(
                "segment", "first" if value == 1 else "last" if value == 5 else "mid"
            )
            self.group.addButton(button, value)
            row.addWidget(button)
        self.group.idClicked.connect(self.picked.emit)
        self.setStyleSheet(SEGMENT_STYLE)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # the buttons take no focus, so the row shows where it is
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(self.palette().color(QPalette.ColorRole.Highlight), 2)
            painter.setPen(pen)
            painter.drawRoundedRect(self.rect().adjusted(1, 1, -1, -1), 8, 8)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()

    def value(self) -> int:
        """The chosen value, or 0 when none is chosen."""
        return max(0, self.group.checkedId())

    def set_value(self, value: int | None) -> None:
        """Show a value (None or 0: none) without it counting as a person's choice."""
        self.group.setExclusive(False)
        for button in self.group.buttons():
            button.setChecked(self.group.id(button) == value)
        self.group.setExclusive(True)

    def choose(self, value: int) -> None:
        """Pick a value as a person does."""
        value = min(5, max(1, value))
        if value != self.value():
            self.set_value(value)
            self.picked.emit(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        current = self.value()
        if key in _NUMBER_KEYS and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            self.choose(_NUMBER_KEYS[key])
        elif key in (Qt.Key.Key_Right, Qt.Key.Key_Up):
            self.choose(current + 1 if current else 1)
        elif key in (Qt.Key.Key_Left, Qt.Key.Key_Down):
            self.choose(current - 1 if current else 1)
        elif key == Qt.Key.Key_Home:
            self.choose(1)
        elif key == Qt.Key.Key_End:
            self.choose(5)
        else:
            super().keyPressEvent(event)
            return
        event.accept()
