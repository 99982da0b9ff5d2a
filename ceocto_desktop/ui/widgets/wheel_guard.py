"""A mouse wheel passing over a combo or spin box scrolls the page; it never edits a value.

A person scrolling a detail pane changed a goal's status this way without noticing. Every
present and future field obeys the guard: the application's style (a proxy of Fusion)
installs it on each combo and spin box as Qt polishes the widget. It used to be an
application-wide event filter, which ran Python for every event of every object (some
28,000 while the window was being built); now Python runs once per widget polished and
for the events of the guarded fields only.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QStyleFactory,
    QWidget,
)

from ceocto_desktop.ui.theme import CheckBoxStyle


class WheelGuard(QObject):
    """Lets a combo or spin box take the wheel only while it has the keyboard focus."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
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


class WheelGuardStyle(CheckBoxStyle):
    """The application's style, which puts the wheel guard on each field it polishes (and
    draws check boxes from the theme's tokens, as its base class says)."""

    def __init__(self, base_name: str):
        super().__init__(QStyleFactory.create(base_name))
        self.guard = WheelGuard(self)

    def polish(self, target: object) -> object:  # type: ignore[override]
        if isinstance(target, QComboBox | QAbstractSpinBox):
            # Spin boxes take focus from the wheel itself (WheelFocus), before any filter.
            if target.focusPolicy() == Qt.FocusPolicy.WheelFocus:
                target.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            target.installEventFilter(self.guard)
        return super().polish(target)  # type: ignore[call-overload]


def _scroll_area_of(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


def install_wheel_guard() -> None:
    """Make the running application's style guard every field, once."""
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    if getattr(app, "_ceocto_wheel_guard_style", None) is not None:
        return  # (app.style() is the style sheet's wrapper around it: ask the attribute)
    style = WheelGuardStyle(app.style().name() or "Fusion")
    app.setStyle(style)
    app._ceocto_wheel_guard_style = style  # type: ignore[attr-defined]  # Python keeps it
