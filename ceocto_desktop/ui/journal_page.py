"""One way for every page to stay current: refreshed at once when shown, later when hidden."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.ui.context import JournalContext


class JournalPage(QWidget):
    """A page says which changes it shows (depends_on) and how to show them again (refresh).

    A change it depends on refreshes it at once when visible; when hidden it only marks the
    page stale, and the page refreshes the next time it is shown: querying pages nobody
    sees on every save is wasted work (the trends page would redraw its chart each time).
    """

    depends_on: Changed = Changed.ALL

    def watch_journal(self, context: JournalContext) -> None:
        """Follow the journal's changes from now on; the first show refreshes the page."""
        self._journal_context = context
        self.stale = True
        context.changed.connect(self._journal_changed)

    def refresh(self) -> None:
        """Read again what the page shows."""
        raise NotImplementedError

    def _journal_changed(self, what: Changed) -> None:
        if not what & self.depends_on:
            return
        if self.isVisible():
            self.stale = False
            self.refresh()
        else:
            self.stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # What another program wrote meanwhile (`ceocto note`, a second window) counts as
        # a change too: the context notices it here and marks or refreshes pages.
        self._journal_context.notice_outside_changes()
        if self.stale:
            self.stale = False
            self.refresh()
