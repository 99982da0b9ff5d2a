"""What is not yet in the journal: edits waiting to be written, and writes refused and retried.

Every place a person types (a record's fields, a check-in draft, the quick note) reports
here, so the status bar says "All changes saved" only when nothing is pending anywhere,
and closing the window knows what would be lost.
"""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from PySide6.QtCore import QObject, QTimer, Signal

# How often refused writes are tried again (also on the next edit of the same field).
RETRY_MS = 3000
REASON_PREFIX = "Could not save: "


class Editor(Protocol):
    """A place that holds typed words until they are in the journal."""

    def retry(self) -> None:
        """Try to write what is pending now (reporting the outcome back)."""

    def unsaved_text(self) -> str:
        """What is pending, as text a person can keep in a file ("" when nothing)."""

    def discard(self) -> None:
        """Let go of what is pending: the person chose not to keep it."""


def short_reason(message: str) -> str:
    """A write error's message without its "Could not save:" opening."""
    return message.removeprefix(REASON_PREFIX)


class SaveState(QObject):
    """Pending and refused edits of one window; changed fires whenever the summary may move."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self._waiting: dict[Editor, None] = {}  # typed, its write not yet due
        self._failed: dict[Editor, str] = {}  # written and refused: retried on a timer
        self._one_off: str | None = None  # a refused action (add, delete) not kept anywhere
        self._last_was_draft = False
        self._last_saved: datetime | None = None
        self.retry_timer = QTimer(self)
        self.retry_timer.setInterval(RETRY_MS)
        self.retry_timer.timeout.connect(self.retry_all)

    # Reports from the editors -------------------------------------------------------------
    def editing(self, editor: Editor) -> None:
        """Editor holds typing whose write is not yet due."""
        self._waiting[editor] = None
        self.changed.emit()

    def settled(self, editor: Editor, *, draft: bool = False, wrote: bool = True) -> None:
        """Editor has nothing pending (wrote: it just wrote, draft: what it wrote is a draft)."""
        self._waiting.pop(editor, None)
        self._failed.pop(editor, None)
        if wrote:
            self._last_was_draft = draft
        self._update_timer()
        self.changed.emit()

    def failed(self, editor: Editor, message: str) -> None:
        """Editor's write was refused; it keeps the words and is retried."""
        self._waiting.pop(editor, None)
        self._failed[editor] = message
        self._update_timer()
        self.changed.emit()

    def forget(self, editor: Editor) -> None:
        """Editor is gone (its words were discarded on purpose)."""
        self.settled(editor, wrote=False)

    # Reports from the context -------------------------------------------------------------
    def write_succeeded(self, *, draft: bool = False) -> None:
        self._one_off = None
        self._last_saved = datetime.now()
        self._last_was_draft = draft
        self.changed.emit()

    def write_failed(self, message: str) -> None:
        self._one_off = message
        self.changed.emit()

    # Asking -------------------------------------------------------------------------------
    @property
    def pending(self) -> bool:
        """Whether anything typed is not in the journal."""
        return bool(self._waiting or self._failed)

    def failures(self) -> list[str]:
        """The reasons refused writes are still pending, without repeats."""
        return list(dict.fromkeys(self._failed.values()))

    def unsaved_texts(self) -> list[str]:
        """The pending words of every editor, for a copy kept outside the journal."""
        texts = (editor.unsaved_text() for editor in [*self._failed, *self._waiting])
        return [text for text in texts if text.strip()]

    def retry_all(self) -> None:
        """Write everything pending now."""
        for editor in [*self._failed, *self._waiting]:
            editor.retry()

    def discard_all(self) -> None:
        """Stop retrying: the person chose to let the pending words go (the window closes)."""
        for editor in [*self._failed, *self._waiting]:
            editor.discard()
        self._waiting.clear()
        self._failed.clear()
        self.retry_timer.stop()
        self.changed.emit()

    def summary(self) -> tuple[str, str, bool]:
        """The status bar's words, their tooltip, and whether they report a failure."""
        failures = self.failures()
        if failures or self._one_off:
            reason = short_reason(failures[0] if failures else self._one_off or "")
            detail = "Retrying every few seconds; your text is still here." if failures else ""
            headline = reason.split(". ")[0].rstrip(".")
            return f"Not saved: {headline}", f"{reason}\n{detail}".strip(), True
        if self._waiting:
            return "Saving…", "What you are typing is saved when you pause.", False
        when = f"Last saved {self._last_saved:%H:%M:%S}" if self._last_saved else ""
        if self._last_was_draft:
            return "Draft saved", f"Only you can see a draft until you submit it. {when}", False
        return "All changes saved", when, False

    def _update_timer(self) -> None:
        if self._failed and not self.retry_timer.isActive():
            self.retry_timer.start()
        elif not self._failed:
            self.retry_timer.stop()
