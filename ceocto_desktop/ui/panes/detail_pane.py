"""What every record's detail pane shares: an empty state, its sections, loading by id,
and what the record holds from both laptops ("changed on both laptops — see Priya's
version", one click to take it, undoable)."""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import NotFoundError
from ceocto_desktop.sync.conflicts import (
    ConflictView,
    put_back,
    record_conflicts,
    resolve,
    take_other,
    unresolve,
)
from ceocto_desktop.ui.commands import CallCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.panes.forms import RecordForm
from ceocto_desktop.ui.widgets.basic import named

SHOWN_CHARS = 160


class BothLaptopsBanner(QFrame):
    """A record's fields changed on both laptops, each with the other version a click away."""

    def __init__(self, context: JournalContext, table: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("bothLaptopsBanner")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.context = context
        self.table = table
        self.rows: list[ConflictView] = []
        self.lines = QVBoxLayout(self)
        self.lines.setContentsMargins(8, 6, 8, 6)
        self.hide()

    def show_for(self, record_id: str | None) -> None:
        """Show what the record holds from both laptops (nothing: hidden)."""
        while self.lines.count():
            item = self.lines.takeAt(0)
            gone = item.widget() if item is not None else None
            if gone is not None:
                gone.deleteLater()
        found: list[ConflictView] = []
        if record_id is not None and self.table:
            found = self.context.read(lambda s: record_conflicts(s, self.table, record_id))
        self.rows = found
        for row in found:
            self.lines.addWidget(self._line(row))
        self.setVisible(bool(found))

    def _who(self, row: ConflictView) -> str:
        return first_name(self.context, row.other_seat) if row.other_seat else "the other laptop"

    def _line(self, row: ConflictView) -> QWidget:
        box = QWidget()
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        field = row.field.capitalize()
        who = self._who(row)
        owner = f"{who}'s" if row.other_seat else "the other laptop's"
        if row.kind == "text":
            text = (
                f"<b>{field}</b>: both laptops changed the same lines — both versions are "
                "in the text, between markers."
            )
            button = named("markBothResolved", QPushButton("Resolved"))
            button.clicked.connect(lambda: self._settle(row))
        else:
            other = row.other if len(row.other) <= SHOWN_CHARS else row.other[:SHOWN_CHARS] + "…"
            text = (
                f"<b>{field}</b> was changed on both laptops — see {owner} version: "
                f"“{_escape(other)}”"
            )
            button = named("takeOtherVersion", QPushButton(f"Take {owner} version"))
            button.clicked.connect(lambda: self._take(row))
        label = named("bothLaptopsText", QLabel(text))
        label.setWordWrap(True)
        label.setToolTip(row.other)
        layout.addWidget(label, 1)
        layout.addWidget(button)
        return box

    def _take(self, row: ConflictView) -> None:
        who = self._who(row)
        try:
            CallCommand(
                self.context,
                f"take {who}'s {row.field}",
                Changed.ALL,
                lambda session: take_other(session, row.id),
                lambda session: put_back(session, row.id),
            ).perform()
        except WriteFailed:
            return

    def _settle(self, row: ConflictView) -> None:
        try:
            CallCommand(
                self.context,
                f"resolve {row.field}",
                Changed.ALL,
                lambda session: resolve(session, row.id),
                lambda session: unresolve(session, row.id),
            ).perform()
        except WriteFailed:
            return


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", " ")


V = TypeVar("V")


class DetailPane(QWidget):
    """Subclasses build self.form and their sections, call lay_out(), and give show_record."""

    form: RecordForm
    first_field = "title"
    table = ""  # the record's table, for what it holds from both laptops

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.sections: Sequence[QWidget] = ()
        self.empty = QLabel()
        self.both = BothLaptopsBanner(context, self.table, self)

    def lay_out(self, empty_text: str, sections: Sequence[QWidget]) -> None:
        """Stack the sections under the empty-state text; show the empty state."""
        self.empty.setText(empty_text)
        self.sections = sections
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.both)
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
        self.both.show_for(record_id if view is not None else None)
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
