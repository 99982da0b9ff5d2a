"""What an empty page says: what goes there, and a button that makes the first one.

Not a blank table with a footnote: a calm card in the middle of where the list will be, as
Things and Linear greet an empty list. A record page shows it over its table while the
journal holds none of its records, and another with "Clear the filter" while a filter hides
them all.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ceocto_desktop.ui.widgets.basic import named, primary

BODY_WIDTH = 420


class EmptyState(QFrame):
    """A heading, a sentence on what goes here, and the first action as the main button."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"{name}EmptyState")
        self.heading = named(f"{name}EmptyHeading", QLabel())
        font = QFont(self.heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setWeight(QFont.Weight.DemiBold)
        self.heading.setFont(font)
        self.body = named(f"{name}EmptyBody", QLabel())
        self.body.setWordWrap(True)
        self.body.setProperty("role", "muted")
        self.body.setMaximumWidth(BODY_WIDTH)
        self.action = primary(named(f"{name}EmptyAction", QPushButton()))
        self._do: Callable[[], None] = lambda: None
        self.action.clicked.connect(lambda: self._do())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 24, 24, 24)
        layout.setSpacing(10)
        layout.addStretch(1)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.heading)
        # The sentence as wide as BODY_WIDTH allows, centred, wrapping onto whole lines.
        self.body.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        middle = QHBoxLayout()
        middle.addStretch(1)
        middle.addWidget(self.body, 100)
        middle.addStretch(1)
        layout.addLayout(middle)
        layout.addSpacing(4)
        layout.addWidget(self.action, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
        self.hide()

    def say(self, heading: str, body: str, action: str, do: Callable[[], None]) -> None:
        """Show this heading, sentence and button; the button runs `do`."""
        self.heading.setText(heading)
        self.body.setText(body)
        self.action.setText(action)
        self._do = do


class CoverViewport(QObject):
    """Keeps an EmptyState laid over a list's viewport, as large as it."""

    def __init__(self, state: EmptyState, viewport: QWidget) -> None:
        super().__init__(state)
        state.setParent(viewport)
        self.state = state
        viewport.installEventFilter(self)
        state.setGeometry(viewport.rect())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize and isinstance(watched, QWidget):
            self.state.setGeometry(watched.rect())
        return False
