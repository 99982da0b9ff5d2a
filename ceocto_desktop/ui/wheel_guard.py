"""A mouse wheel passing over a combo or spin box scrolls the page; it never edits a value.

A person scrolling a detail pane changed a goal's status this way without noticing. The
guard is one application-wide event filter, so every present and future field obeys it.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


class WheelGuard(QObject):
    """Lets a combo or spin box take the wheel only while it has the keyboard focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        guarded = isinstance(watched, QComboBox | QAbstractSpinBox)
        # Spin boxes take focus from the wheel itself (WheelFocus), before any filter runs.
        if (
            guarded
            and event.type() == QEvent.Type.Polish
            and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus  # type: ignore[attr-defined]
        ):
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # type: ignore[attr-defined]
        if (
            event.type() == QEvent.Type.Wheel
            and isinstance(watched, QComboBox | QAbstractSpinBox)
            and not watched.hasFocus()
        ):
            area = _scroll_area_of(watched)
            if area is not None:  # the page under the field scrolls as it would elsewhere
                QCoreApplication.sendEvent(area.verticalScrollBar(), event)
            return True
        return super().eventFilter(watched, event)


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install_wheel_guard() -> None:
    """Install the guard on the running application, once."""
    app = QCoreApplication.instance()
    if app is None or app.property("ceoctoWheelGuard"):
        return
    guard = WheelGuard(app)
    app.installEventFilter(guard)
    app.setProperty("ceoctoWheelGuard", True)
