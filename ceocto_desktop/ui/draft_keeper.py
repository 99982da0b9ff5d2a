"""Words typed in one place kept as the partner's private draft: debounced, retried until kept."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from sqlalchemy.orm import Session

from ceocto_desktop.models import Seat
from ceocto_desktop.services.weekly import drafts
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.save_state import short_reason

DRAFT_DELAY_MS = 700
Payload = dict[str, Any]
# What the place shows now: whose words, under which key, and the words (empty: none).
Collect = Callable[[], tuple[Seat, str, Payload] | None]


class DraftKeeper(QObject):
    """Keeps one place's typing as a draft: after a pause, on leaving, on closing.

    A draft the journal refuses stays here, by seat and key, and is written on the next
    attempt (the window's retry timer, the next edit); load() prefers it to the stored one,
    so words never go back to an older version while the journal is locked.
    """

    # What to show beside the place: "Draft saved …" or "Not saved: …", and whether failed.
    stateChanged = Signal(str, bool)

    def __init__(
        self,
        context: JournalContext,
        collect: Collect,
        describe: Callable[[str, Payload], str],
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.context = context
        self._collect = collect
        self._describe = describe
        self._dirty = False
        self._unsent: dict[tuple[Seat, str], Payload] = {}
        self._timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._timer.timeout.connect(self.flush)

    def changed(self) -> None:
        """The person typed or clicked: keep the draft after a pause."""
        self._dirty = True
        self._timer.start()
        self.context.save_state.editing(self)

    def load(self, seat: Seat, key: str) -> Mapping[str, Any] | None:
        """The words to show for seat and key: refused ones waiting here, else the stored draft."""
        waiting = self._unsent.get((seat, key))
        if waiting is not None:
            return waiting
        draft = self.context.read(lambda s: drafts.load_draft(s, seat, key))
        return None if draft is None else draft.payload

    def drop(self, seat: Seat, key: str) -> None:
        """Forget seat's words for key here (they were submitted, with the draft discarded)."""
        self._timer.stop()
        self._dirty = False
        self._unsent.pop((seat, key), None)
        if not self._unsent:
            self.context.save_state.settled(self, wrote=False)

    def flush(self) -> None:
        """Keep what was typed now; a refused draft stays pending and is retried."""
        self._timer.stop()
        emptied = False
        if self._dirty:
            self._dirty = False
            shown = self._collect()
            if shown is not None:
                seat, key, payload = shown
                self._unsent[(seat, key)] = payload
                emptied = not payload
        if not self._unsent:
            self.context.save_state.settled(self, wrote=False)
            return
        failure = ""
        for (seat, key), payload in list(self._unsent.items()):
            try:
                self.context.write_draft(partial(_keep, seat=seat, key=key, payload=payload))
            except WriteFailed as exc:
                failure = failure or str(exc)
                continue
            if self._unsent.get((seat, key)) is payload:
                del self._unsent[(seat, key)]
        if failure:
            self.context.save_state.failed(self, failure)
            self.stateChanged.emit(f"Not saved: {short_reason(failure)} Retrying…", True)
        else:
            self.context.save_state.settled(self, draft=True)
            saved = f"Draft saved {datetime.now():%H:%M} — only you can see it until you submit."
            self.stateChanged.emit("" if emptied else saved, False)

    def retry(self) -> None:
        self.flush()

    def discard(self) -> None:
        """Forget refused drafts (the window is closing and the person chose to discard)."""
        self._timer.stop()
        self._dirty = False
        self._unsent.clear()

    def unsaved_text(self) -> str:
        return "\n\n".join(
            self._describe(key, payload) for (_seat, key), payload in self._unsent.items()
        )


def _keep(session: Session, seat: Seat, key: str, payload: Payload) -> None:
    if payload:
        drafts.save_draft(session, seat, key, payload)
    else:
        drafts.discard_draft(session, seat, key)  # emptied: no draft to come back to
