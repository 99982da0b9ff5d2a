"""A compact 1–5 rating: five joined, checkable buttons, operable by mouse and keyboard."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
)
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from ceocto_desktop.ui.widgets.basic import named

MEANINGS = {1: "poor", 2: "weak", 3: "fair", 4: "good", 5: "excellent"}
_NUMBER_KEYS = {getattr(Qt.Key, f"Key_{n}"): n for n in range(1, 6)}


class Segment(QPushButton):
    """One value of the control, painted from the palette (so light and dark both apply,
    and a switch between them too): joined to its neighbours, rounded at the ends."""

    RADIUS = 6.0

    def __init__(self, text: str, place: str, parent: QWidget | None = None):
        super().__init__(text, parent)
        self.place = place  # "first", "mid" or "last"
        self.setCheckable(True)
        self.setAttribute(Qt.WidgetAttribute.WA_Hover)

    def paintEvent(self, event: QPaintEvent) -> None:
        palette = self.palette()
        width, height = float(self.width()), float(self.height())
        extend = 2 * self.RADIUS
        left = -extend if self.place != "first" else 0.5
        right = width + extend if self.place != "last" else width - 0.5
        shape = QPainterPath()
        shape.addRoundedRect(QRectF(left, 0.5, right - left, height - 1), self.RADIUS, self.RADIUS)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setClipRect(self.rect())
        if self.isChecked():
            fill = palette.color(QPalette.ColorRole.Highlight)
            ink = palette.color(QPalette.ColorRole.HighlightedText)
        else:
            hovered = self.underMouse() and self.isEnabled()
            fill = palette.color(
                QPalette.ColorRole.AlternateBase if hovered else QPalette.ColorRole.Base
            )
            ink = palette.color(QPalette.ColorRole.Text)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Mid), 1))
        painter.setBrush(fill)
        painter.drawPath(shape)
        if self.place != "last":  # the line between this value and the next
            painter.drawLine(QPointF(width - 0.5, 0.5), QPointF(width - 0.5, height - 0.5))
        font = self.font()
        font.setBold(self.isChecked())
        painter.setFont(font)
        painter.setPen(ink)
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.text())


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
        row.setSpacing(0)  # joined: each segment draws the line to its neighbour
        for value in range(1, 6):
            place = "first" if value == 1 else "last" if value == 5 else "mid"
            button = named(f"rate_{name}_{value}", Segment(str(value), place))
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

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():  # the buttons take no focus, so the row shows where it is
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            pen = QPen(self.palette().color(QPalette.ColorRole.Link), 2)  # the accent
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
        if event.modifiers() & Qt.KeyboardModifier.AltModifier:
            super().keyPressEvent(event)  # Alt+Left/Right walk the weeks, not the rating
            return
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
