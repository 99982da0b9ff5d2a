"""Slow work off the GUI thread, reporting progress through signals only."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ceocto_desktop.store import JournalError


class Task(QThread):
    """Runs work(progress) in a thread; the worker never touches a widget."""

    progressed = Signal(str, float)
    succeeded = Signal(object)
    failed = Signal(str)

    def __init__(
        self, work: Callable[[Callable[[str, float], None]], Any], parent: QObject | None = None
    ):
        super().__init__(parent)
        self._work = work

    def run(self) -> None:
        try:
            result = self._work(lambda stage, share: self.progressed.emit(stage, share))
        except JournalError as exc:
            self.failed.emit(str(exc))
        except OSError as exc:
            self.failed.emit(f"Could not write the file: {exc.strerror or exc}.")
        else:
            self.succeeded.emit(result)


def run_with_progress(
    parent: QWidget | None,
    label: str,
    work: Callable[[Callable[[str, float], None]], Any],
) -> tuple[bool, Any]:
    """Run work in a Task under a modal progress dialog; (True, result) or (False, message)."""
    dialog = QProgressDialog(label, "", 0, 100, parent)
    dialog.setObjectName("progressDialog")
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    dialog.setMinimumDuration(300)
    outcome: dict[str, Any] = {}
    task = Task(work)
    loop = QEventLoop()

    def show_progress(stage: str, share: float) -> None:
        dialog.setLabelText(f"{label} ({stage})")
        dialog.setValue(int(share * 100))

    task.progressed.connect(show_progress)
    task.succeeded.connect(lambda result: outcome.update(ok=True, value=result))
    task.failed.connect(lambda message: outcome.update(ok=False, value=message))
    task.finished.connect(loop.quit)
    task.start()
    loop.exec()
    task.wait()
    dialog.close()
    return bool(outcome.get("ok")), outcome.get("value", "The work stopped unexpectedly.")
