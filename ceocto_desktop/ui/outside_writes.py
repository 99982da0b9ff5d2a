"""Showing what another program wrote (`ceocto note` in a shell) while the window is open.

A timer asks, every few seconds, whether the journal's files moved since this window last
wrote; if they did, JournalContext announces Changed.ALL and each page refreshes (or marks
itself stale until shown), as after the window's own writes. In WAL mode every commit by
anyone appends to the -wal, so its size and time move; the window's own writes update the
remembered state and are no news. Nothing is polled while the journal is locked, closed or
being converted (encrypted, decrypted, a new passphrase: the file is replaced and the old
key opens nothing).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QMainWindow

POLL_MS = 2000


class OutsideWrites(QObject):
    """Polls the window's journal for other programs' commits and refreshes its pages."""

    def __init__(self, window: QMainWindow, interval_ms: int = POLL_MS):
        super().__init__(window)
        self.window = window
        self.timer = QTimer(self)
        self.timer.setObjectName("outsideWritesTimer")
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def poll(self) -> None:
        """Refresh the pages if another program wrote since the last look."""
        window = self.window
        idle = getattr(window, "idle_lock", None)
        if (
            not window.isVisible()
            or getattr(window, "_closed_journal", False)
            or (idle is not None and idle.locked)
            or window.context.journal.converting  # type: ignore[attr-defined]
        ):
            return
        window.context.notice_outside_changes()  # type: ignore[attr-defined]
