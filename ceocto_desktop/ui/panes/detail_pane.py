"""What every record's detail pane shares: an empty state, its sections, loading by id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtWidgets import QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from ceocto_desktop.services.errors import NotFoundError
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.panes.forms import RecordForm

V = TypeVar("V")


class DetailPane(QWidget):
    """Subclasses build self.form and their sections, call lay_out(), and give show_record."""

    form: RecordForm
    first_field = "title"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.sections: Sequence[QWidget] = ()
        self.empty = QLabel()

    def lay_out(self, empty_text: str, sections: Sequence[QWidget]) -> None:
        """Stack the sections under the empty-state text; show the empty state."""
        self.empty.setText(empty_text)
        self.sections = sections
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        for section in sections:
            layout.addWidget(section)
        layout.addStretch()
        self.fetch(None, lambda session, record_id: None)

    def fetch(self, record_id: str | None, get: Callable[[Session, str], V]) -> V | None:
        """The record's view (None when none is chosen or it was deleted meanwhile)."""
        view: Any = None
        if record_id is not None:
            try:
                view = self.context.read(lambda s: get(s, record_id))
            except NotFoundError:
                view = None
        self.empty.setVisible(view is None)
        for section in self.sections:
            section.setVisible(view is not None)
        if view is None:
            self.form.load(None, {})
        return view  # type: ignore[no-any-return]

    def show_record(self, record_id: str | None) -> None:
        """Load the record into the pane (None, or a record deleted meanwhile, empties it)."""
        raise NotImplementedError

    def focus_first(self) -> None:
        """The cursor in the first field, its text selected for typing over."""
        widget = self.form.widget(self.first_field)
        widget.setFocus()
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            widget.selectAll()
