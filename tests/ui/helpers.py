"""Opening the window on a journal; driving modal dialogs once they are on screen."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from ceocto_desktop.ui.app import Launcher


def open_window(qtbot: Any, journal_path: Path) -> Any:
    """The main window on the journal, as a person's start opens it: shown and active."""
    launcher = Launcher(QSettings())
    assert launcher.open_path(journal_path, explicit=True)
    shown = launcher.windows[0]
    qtbot.addWidget(shown)
    shown.resize(1300, 820)
    qtbot.waitExposed(shown)
    shown.activateWindow()
    return shown


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
