"""The open journal as the widgets see it: who is writing, reads, writes, and what changed."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.partners import PartnerView, get_partners
from ceocto_desktop.store import Journal, JournalLock, driver
from ceocto_desktop.store.probe import write_lock_free
from ceocto_desktop.ui.save_state import SaveState

T = TypeVar("T")


class WriteFailed(Exception):
    """A write the journal refused (full disk, locked file); nothing was changed."""


LOCKED = "Could not save: another program holds the journal. Try again in a moment."


def describe_write_error(exc: BaseException) -> str:
    """A sentence for a person about why a save failed, with what to do."""
    text = str(getattr(exc, "orig", exc)).lower()
    if "full" in text or (isinstance(exc, OSError) and exc.errno == 28):
        return "Could not save: the disk is full. Free some space; your text is still here."
    if "locked" in text or "busy" in text:
        return LOCKED
    if "readonly" in text or "read-only" in text:
        return "Could not save: the journal file has become read-only."
    return f"Could not save: {getattr(exc, 'orig', exc)}"


class JournalContext(QObject):
    """One per open journal; pages read and write through it, never through the ORM."""

    changed = Signal(object)  # a Changed: what a write (or another program) changed
    authorChanged = Signal(object)
    saved = Signal(object)
    writeFailed = Signal(str)
    notice = Signal(str)
    openRequested = Signal(str, str)

    def __init__(
        self,
        journal: Journal,
        author: Seat = Seat.A,
        parent: QObject | None = None,
        lock: JournalLock | None = None,
    ):
        super().__init__(parent)
        self.journal = journal
        self.lock = lock
        self._author = author
        self.undo_stack = QUndoStack(self)
        self.save_state = SaveState(self)
        self.partners: dict[Seat, PartnerView] = self.read(get_partners)
        self._file_state = self._journal_file_state()

    @property
    def author(self) -> Seat:
        return self._author

    def set_author(self, seat: Seat) -> None:
        if seat != self._author:
            self._author = seat
            self.authorChanged.emit(seat)

    def partner_label(self, seat: Seat) -> str:
        partner = self.partners.get(seat)
        return partner.label if partner else f"Partner {seat.value}"

    def read(self, work: Callable[[Session], T]) -> T:
        """Run a read-only use case in a short session."""
        with self.journal.sessions() as session:
            return work(session)

    def write(self, work: Callable[[Session], T], what: Changed) -> T:
        """Run a use case in one transaction, then say what changed; WriteFailed on refusal."""
        result = self._commit(work)
        self.save_state.write_succeeded()
        self.saved.emit(datetime.now())
        self._announce(what)
        return result

    def _announce(self, what: Changed) -> None:
        if what & Changed.PARTNERS:
            self.partners = self.read(get_partners)
        self.changed.emit(what)

    def _journal_file_state(self) -> tuple[tuple[int, int], ...]:
        # The journal and its write-ahead log: a commit by anyone moves one of them.
        path = self.journal.path
        state = []
        for file in (path, path.with_name(path.name + "-wal")):
            try:
                info = file.stat()
            except OSError:
                continue
            state.append((info.st_mtime_ns, info.st_size))
        return tuple(state)

    def notice_outside_changes(self) -> None:
        """Say Changed.ALL if another program wrote to the journal since this window last did."""
        state = self._journal_file_state()
        if state != self._file_state:
            self._file_state = state
            self._announce(Changed.ALL)

    def write_draft(self, work: Callable[[Session], T]) -> T:
        """Write a draft: like write(), but no page reloads for it (no one else shows drafts)."""
        result = self._commit(work)
        self.save_state.write_succeeded(draft=True)
        return result

    def _commit(self, work: Callable[[Session], T]) -> T:
        # Known to be held by another program: ask without waiting before trying again, so
        # retries and each pause in typing do not freeze the window for the busy timeout.
        if LOCKED in self.save_state.failures() and not self._lock_free():
            self.save_state.write_failed(LOCKED)
            self.writeFailed.emit(LOCKED)
            raise WriteFailed(LOCKED)
        try:
            with self.journal.transaction() as session:
                result = work(session)
            self._file_state = self._journal_file_state()  # our own write is no news
            return result
        except (SQLAlchemyError, driver.Error, OSError) as exc:
            message = describe_write_error(exc)
            self.save_state.write_failed(message)
            self.writeFailed.emit(message)
            raise WriteFailed(message) from exc

    def _lock_free(self) -> bool:
        try:
            return write_lock_free(self.journal.engine)
        except (SQLAlchemyError, driver.Error, OSError):
            return True  # no answer: let the write itself say what is wrong

    def close(self) -> None:
        """Close the journal, then let another window have it (closing twice is harmless)."""
        self.journal.close()
        if self.lock is not None:
            self.lock.release()
