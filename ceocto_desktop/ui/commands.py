"""Undoable edits: each command redoes and undoes itself through the journal context."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QUndoCommand

from ceocto_desktop.models import Seat, new_id
from ceocto_desktop.services.notes import create_note, delete_note
from ceocto_desktop.ui.context import JournalContext, WriteFailed


class JournalCommand(QUndoCommand):
    """An edit that is done once by perform() (errors surface there) and then undoable."""

    def __init__(self, context: JournalContext, text: str):
        super().__init__(text)
        self.context = context
        self._skip_next_redo = False

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError

    def perform(self) -> None:
        """Do the edit now; on ValidationError or WriteFailed nothing is pushed or written."""
        self.apply()
        self._skip_next_redo = True
        self.context.undo_stack.push(self)

    def redo(self) -> None:
        if self._skip_next_redo:  # QUndoStack.push calls redo(); perform() already did it
            self._skip_next_redo = False
            return
        # On WriteFailed the context has already told the status bar.
        with contextlib.suppress(WriteFailed):
            self.apply()

    def undo(self) -> None:
        with contextlib.suppress(WriteFailed):
            self.revert()


class CreateNoteCommand(JournalCommand):
    """Add a note; undo deletes it, redo writes it back with the same id."""

    def __init__(self, context: JournalContext, author: Seat, body: str, tags: tuple[str, ...]):
        super().__init__(context, "add note")
        self.author = author
        self.body = body
        self.tags = tags
        self.note_id = new_id()

    def apply(self) -> None:
        self.context.write(
            lambda s: create_note(s, self.author, self.body, tags=self.tags, note_id=self.note_id),
            "notes",
        )

    def revert(self) -> None:
        self.context.write(lambda s: delete_note(s, self.note_id), "notes")
