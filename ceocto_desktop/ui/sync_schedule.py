"""Sync through the pair's folder off the GUI thread: on open, on a timer, after saves, now."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QThread, QTimer, Signal

from ceocto_desktop.store import Journal, JournalError
from ceocto_desktop.store.travel.changelog import get_state
from ceocto_desktop.sync import service
from ceocto_desktop.sync import status as sync_status
from ceocto_desktop.sync.folder import SyncFolder

FIRST_SYNC_MS = 1500
EVERY_MS = 2 * 60 * 1000
AFTER_SAVE_MS = 10 * 1000
# A sync service writes a file in several steps: wait for it to settle before a pass.
AFTER_FOLDER_CHANGE_MS = 2000


@dataclass(frozen=True)
class SyncOutcome:
    """What one pass did, in words for the status bar."""

    line: str
    changed: int
    problem: bool


def _run_pass(journal: Journal) -> SyncOutcome:
    try:
        report = service.sync_now(journal)
        lines = sync_status.status(journal)
    except (service.SyncError, JournalError) as exc:
        return SyncOutcome(f"Not synced: {exc}", 0, True)
    except OSError as exc:
        return SyncOutcome(
            f"Not synced: the sync folder could not be used ({exc.strerror or exc}); "
            "nothing was lost.",
            0,
            True,
        )
    return SyncOutcome(lines[0], report.applied.total, False)


class _Pass(QThread):
    done = Signal(object)

    def __init__(self, journal: Journal, parent: QObject | None = None):
        super().__init__(parent)
        self.journal = journal

    def run(self) -> None:
        self.done.emit(_run_pass(self.journal))


class SyncSchedule(QObject):
    """Runs sync passes one at a time in a thread; says how each went."""

    synced = Signal(object)  # a SyncOutcome

    def __init__(self, journal: Journal, parent: QObject | None = None):
        super().__init__(parent)
        self.journal = journal
        self._task: _Pass | None = None
        self._again = False
        self._timer = QTimer(self)
        self._timer.setInterval(EVERY_MS)
        self._timer.timeout.connect(self.sync_if_set_up)
        self._soon = QTimer(self)
        self._soon.setSingleShot(True)
        self._soon.setInterval(AFTER_SAVE_MS)
        self._soon.timeout.connect(self.sync_if_set_up)
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(AFTER_FOLDER_CHANGE_MS)
        self._settle.timeout.connect(self.sync_if_set_up)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(lambda _path: self._settle.start())
        if self.is_set_up():
            self._timer.start()
            self._watch()
            QTimer.singleShot(FIRST_SYNC_MS, self, self.sync_if_set_up)

    def _watch(self) -> None:
        """Watch the folder's change folders (a new laptop's folder is added on the next pass)."""
        with self.journal.sessions() as session:
            folder = get_state(session.connection(), "folder")
        if not folder:
            return
        changes = SyncFolder(Path(folder)).base / "changes"
        wanted = (
            [changes, *(p for p in changes.glob("*") if p.is_dir())] if changes.is_dir() else []
        )
        missing = [str(p) for p in wanted if str(p) not in self.watcher.directories()]
        if missing:
            self.watcher.addPaths(missing)

    def is_set_up(self) -> bool:
        """True when this journal syncs through a folder."""
        with self.journal.sessions() as session:
            return service.is_set_up(session.connection())

    def note_saved(self) -> None:
        """Something was saved: send it in a few seconds (several saves, one pass)."""
        if self._timer.isActive():
            self._soon.start()

    def sync_if_set_up(self) -> None:
        """A pass now, unless this journal does not sync."""
        if not self.journal.converting and self.is_set_up():
            self.sync_now()

    def sync_now(self) -> None:
        """Start a pass (or one more after the running one)."""
        if self.journal.converting:
            return  # the file is being replaced; the timer's next pass syncs
        if self._task is not None:
            self._again = True
            return
        task = _Pass(self.journal, self)
        task.done.connect(self.synced)
        task.finished.connect(self._finished)
        self._task = task
        task.start()

    def _finished(self) -> None:
        self._watch()
        if not self._timer.isActive() and not self.journal.converting and self.is_set_up():
            self._timer.start()  # set up while the window was open
        if self._task is not None:
            self._task.deleteLater()
            self._task = None
        if self._again:
            self._again = False
            self.sync_now()

    def wait(self) -> None:
        """Let a running pass end (the window is closing)."""
        if self._task is not None:
            self._task.wait()
