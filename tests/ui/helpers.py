"""Driving modal dialogs: act on the dialog once it is on screen."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_modal_shows(act: Callable[[QWidget], None], *, name: str | None = None) -> None:
    """Run act(dialog) as soon as a modal dialog (with that object name) is showing."""

    def step() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or (name is not None and dialog.objectName() != name):
            QTimer.singleShot(20, step)
            return
        act(dialog)

    QTimer.singleShot(0, step)


def save_or_explain(dialog: QWidget) -> None:
    """Press OK; if the dialog refuses, close it anyway and fail with what it said."""
    from PySide6.QtWidgets import QLabel

    dialog.save()  # type: ignore[attr-defined]
    if dialog.isVisible():
        said = [
            label.text()
            for label in dialog.findChildren(QLabel)
            if label.objectName().endswith("error") and label.isVisible()
        ]
        dialog.reject()  # type: ignore[attr-defined]
        raise AssertionError(f"dialog refused: {said}")
