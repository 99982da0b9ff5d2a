"""Undoable edits: each command does and undoes itself through the journal context."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand
from sqlalchemy.orm import Session

from ceocto_desktop.models import Base
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records.snapshots import (
    Snapshot,
    delete_record,
    replace_with_snapshot,
    restore_snapshot,
    take_snapshot,
)
from ceocto_desktop.ui.context import JournalContext, WriteFailed

Work = Callable[[Session], Any]


class JournalCommand(QUndoCommand):
    """An edit that is done once by perform() (errors surface there) and then undoable."""

    def __init__(self, context: JournalContext, text: str, what: Changed):
        super().__init__(text)
        self.context = context
        self.what = what
        self._skip_next_redo = False

    def apply(self, session: Session) -> Any:
        raise NotImplementedError

    def revert(self, session: Session) -> Any:
        raise NotImplementedError

    def perform(self) -> Any:
        """Do the edit now; on ValidationError or WriteFailed nothing is pushed or written."""
        result = self.context.write(self.apply, self.what)
        self._skip_next_redo = True
        self.context.undo_stack.push(self)
        return result

    def redo(self) -> None:
        if self._skip_next_redo:  # QUndoStack.push calls redo(); perform() already did it
            self._skip_next_redo = False
            return
        # On WriteFailed the context has already told the status bar.
        with contextlib.suppress(WriteFailed):
            self.context.write(self.apply, self.what)

    def undo(self) -> None:
        with contextlib.suppress(WriteFailed):
            self.context.write(self.revert, self.what)


class CallCommand(JournalCommand):
    """A pair of service calls: one does, the other undoes (an edit, a link, a status)."""

    def __init__(self, context: JournalContext, text: str, what: Changed, do: Work, undo: Work):
        super().__init__(context, text, what)
        self._do = do
        self._undo = undo

    def apply(self, session: Session) -> Any:
        return self._do(session)

    def revert(self, session: Session) -> Any:
        return self._undo(session)


class EditCommand(JournalCommand):
    """Changed fields of one record; consecutive edits of the same fields merge into one step."""

    MERGE_ID = 1001

    def __init__(
        self,
        context: JournalContext,
        text: str,
        what: Changed,
        save: Callable[[Session, dict[str, Any]], Any],
        before: dict[str, Any],
        after: dict[str, Any],
        record_id: str,
    ):
        super().__init__(context, text, what)
        self.save = save
        self.before = before
        self.after = after
        self.record_id = record_id

    def apply(self, session: Session) -> Any:
        return self.save(session, self.after)

    def revert(self, session: Session) -> Any:
        return self.save(session, self.before)

    def id(self) -> int:
        return self.MERGE_ID

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditCommand) or other.record_id != self.record_id:
            return False
        if set(other.after) != set(self.after):
            return False
        self.after = other.after
        return True


class CreateCommand(JournalCommand):
    """Create a record; undo deletes it (and what hangs on it); redo puts it all back."""

    def __init__(
        self, context: JournalContext, text: str, what: Changed, model: type[Base], create: Work
    ):
        super().__init__(context, text, what)
        self.model = model
        self.create = create
        self.record_id: str | None = None
        self.snapshot: Snapshot | None = None

    def apply(self, session: Session) -> Any:
        if self.snapshot is not None:
            restore_snapshot(session, self.snapshot)
            return self.record_id
        created = self.create(session)
        self.record_id = created.id
        return created

    def revert(self, session: Session) -> Any:
        assert self.record_id is not None
        self.snapshot = delete_record(session, self.model, self.record_id)


class DeleteCommand(JournalCommand):
    """Delete a record with everything that cascades from it; undo restores every row."""

    def __init__(
        self, context: JournalContext, text: str, what: Changed, model: type[Base], record_id: str
    ):
        super().__init__(context, text, what)
        self.model = model
        self.record_id = record_id
        self.snapshot: Snapshot | None = None

    def apply(self, session: Session) -> Any:
        self.snapshot = delete_record(session, self.model, self.record_id)

    def revert(self, session: Session) -> Any:
        assert self.snapshot is not None
        restore_snapshot(session, self.snapshot)


class SnapshotCommand(JournalCommand):
    """A change to one record and what hangs on it (resolve, reopen, record progress):
    undo puts back the record as it was before, redo as it was after."""

    def __init__(
        self,
        context: JournalContext,
        text: str,
        what: Changed,
        model: type[Base],
        record_id: str,
        do: Work,
    ):
        super().__init__(context, text, what)
        self.model = model
        self.record_id = record_id
        self._do = do
        self.before: Snapshot | None = None
        self.after: Snapshot | None = None

    def apply(self, session: Session) -> Any:
        if self.after is not None:
            replace_with_snapshot(session, self.model, self.record_id, self.after)
            return None
        self.before = take_snapshot(session, self.model, self.record_id)
        result = self._do(session)
        session.flush()
        self.after = take_snapshot(session, self.model, self.record_id)
        return result

    def revert(self, session: Session) -> Any:
        assert self.before is not None
        replace_with_snapshot(session, self.model, self.record_id, self.before)
