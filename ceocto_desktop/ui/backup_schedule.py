"""Routine backups while a journal is open: once a day, in the background, and on quit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ceocto_desktop.store import BackupInfo, backup_if_due, make_backup
from ceocto_desktop.ui.workers import Task, run_with_progress

CHECK_EVERY_MS = 30 * 60 * 1000
FIRST_CHECK_MS = 20 * 1000


class BackupSchedule(QObject):
    """Makes the day's backup off the GUI thread, and one on quit when anything was saved."""

    backedUp = Signal(object)
    failed = Signal(str)

    def __init__(self, journal: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.journal = journal
        self.wrote_since_backup = False
        self._task: Task | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.run_if_due)
        self._timer.start()
        # The first check waits until the window has settled: a start stays quick.
        QTimer.singleShot(FIRST_CHECK_MS, self, self.run_if_due)

    def note_saved(self) -> None:
        """Something was written: a backup on quit is worth making."""
        self.wrote_since_backup = True

    def run_if_due(self) -> None:
        """Start today's backup in the background unless it exists or one is running."""
        if self._task is not None:
            return
        task = Task(lambda progress: backup_if_due(self.journal, datetime.now()))
        task.succeeded.connect(self._done)
        task.failed.connect(self.failed)
        task.finished.connect(self._finished)
        self._task = task
        task.start()

    def _done(self, info: BackupInfo | None) -> None:
        if info is not None:
            self.wrote_since_backup = False
            self.backedUp.emit(info)

    def _finished(self) -> None:
        if self._task is not None:
            self._task.deleteLater()
        self._task = None

    def stop(self) -> None:
        """Stop the timer and wait for a backup under way (it is a few seconds at most)."""
        self._timer.stop()
        if self._task is not None:
            self._task.wait()
            self._task = None

    def back_up_on_quit(self, parent: QWidget | None) -> str | None:
        """The backup on quit, when anything was saved; a message if it could not be made."""
        self.stop()
        if not self.wrote_since_backup:
            return None
        ok, result = run_with_progress(
            parent, "Backing up the journal…", lambda progress: make_backup(self.journal, "quit")
        )
        if not ok:
            return f"The backup on quit could not be made: {result}"
        self.wrote_since_backup = False
        return None
