"""Small widget helpers shared by the pages (a page never imports another page for one)."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QEvent, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLayoutItem,
    QLineEdit,
    QStyle,
    QStyleOptionComboBox,
    QWidget,
    QWidgetItem,
)

W = TypeVar("W", bound=QObject)

ERROR_STYLE = "color: #c0392b;"


def primary(button: W) -> W:
    """Mark the one main action of a page or dialog: the accent-filled button."""
    button.setProperty("role", "primary")
    return button


def named(name: str, widget: W) -> W:
    """Give a widget the object name tests and accessibility tools find it by."""
    widget.setObjectName(name)
    return widget


def secret_field(name: str, placeholder: str = "", accessible: str = "") -> QLineEdit:
    """A line whose text is hidden as it is typed: a PIN, a passphrase, a join code."""
    field = named(name, QLineEdit())
    field.setEchoMode(QLineEdit.EchoMode.Password)
    if placeholder:
        field.setPlaceholderText(placeholder)
    if accessible:
        field.setAccessibleName(accessible)
    return field


def choice_filter(name: str, everything: str, items: list[tuple[str, str]]) -> QComboBox:
    """A filter combo: the first entry keeps everything, the others hold their value."""
    box = named(name, QComboBox())
    box.addItem(everything, None)
    for label, value in items:
        box.addItem(label, value)
    box.setToolTip(everything)
    # Never narrower than the choice it shows ("Any own…" read as nothing at 11 pt).
    keep_fitted(box)
    return box


def current_text_width(box: QComboBox) -> int:
    """How wide the box must be to show its current text whole, with the style's margins."""
    option = QStyleOptionComboBox()
    box.initStyleOption(option)
    text = QSize(box.fontMetrics().horizontalAdvance(box.currentText()), box.fontMetrics().height())
    size = box.style().sizeFromContents(QStyle.ContentsType.CT_ComboBox, option, text, box)
    return size.width()


def fit_current_text(box: QComboBox) -> None:
    box.setMinimumWidth(current_text_width(box))


class DateField(QLineEdit):
    """A date typed as YYYY-MM-DD, as wide as a date at the current font (a chip's value)."""

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        width = self.fontMetrics().horizontalAdvance("0000-00-00  ") + 12
        return QSize(width, hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()


class PropertyChip(QFrame):
    """A property as a chip: its name small and muted, then its value's field (a combo box
    drawn flat inside the chip), so "Owner Sam ▾" reads as one thing in a row of them."""

    def __init__(self, caption: str, field: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "chip")
        name = QLabel(caption)
        name.setProperty("role", "chipName")
        row = QHBoxLayout(self)
        row.setContentsMargins(10, 1, 2, 1)
        row.setSpacing(2)
        row.addWidget(name)
        row.addWidget(field)
        name.setVisible(bool(caption))  # a check box chip says its own words
        self.setToolTip(caption or field.toolTip())
        for box in field.findChildren(QComboBox) + (
            [field] if isinstance(field, QComboBox) else []
        ):
            # As wide as the value it shows, not its longest choice: a chip, not a column.
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            box.setMinimumContentsLength(0)
            keep_fitted(box)


class _ChoiceFitter(QObject):
    """Refits a combo box when its font or style changes (a desktop font set larger later)."""

    REFIT = (QEvent.Type.FontChange, QEvent.Type.StyleChange)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QComboBox) and event.type() in self.REFIT:
            fit_current_text(watched)
        return False


def keep_fitted(box: QComboBox) -> QComboBox:
    """Keep `box` never narrower than its current choice: on a new choice and a new font."""
    box.currentIndexChanged.connect(lambda _index: fit_current_text(box))
    box.installEventFilter(_ChoiceFitter(box))
    fit_current_text(box)
    return box


def _size(item: QLayoutItem) -> QSize:
    """An item's preferred size, never below its minimum (a combo fitted to its choice)."""
    return item.sizeHint().expandedTo(item.minimumSize())


class FlowLayout(QLayout):
    """Widgets side by side, wrapping onto a next line where the width runs out: a toolbar
    that holds at 1024 px and 11 pt without squeezing a choice to "Cooperation in"."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 6) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spacing = spacing
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def add_widget_after_gap(self, widget: QWidget) -> None:
        """A widget pushed to the right end of its line (Save chart…)."""
        widget.setProperty("flowRight", True)
        self.addChildWidget(widget)
        self._items.append(QWidgetItem(widget))

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._place(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._place(rect, move=True)

    def sizeHint(self) -> QSize:
        return self.minimumSize()

    def minimumSize(self) -> QSize:
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(_size(item))
        return size

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _place(self, rect: QRect, move: bool) -> int:
        """Lay the shown items out in lines; the height they take."""
        lines: list[list[QLayoutItem]] = [[]]
        x = rect.x()
        for item in self._shown():
            width = _size(item).width()
            if lines[-1] and x + width > rect.right() + 1:
                lines.append([])
                x = rect.x()
            lines[-1].append(item)
            x += width + self._spacing
        y = rect.y()
        for line in lines:
            height = max((_size(item).height() for item in line), default=0)
            x = rect.x()
            for item in line:
                hint = _size(item)
                widget = item.widget()
                if widget is not None and widget.property("flowRight"):
                    x = max(x, rect.right() + 1 - hint.width())
                if move:
                    top = y + (height - hint.height()) // 2
                    item.setGeometry(QRect(QPoint(x, top), hint))
                x += hint.width() + self._spacing
            y += height + self._spacing
        return y - rect.y() - (self._spacing if lines[0] else 0)
