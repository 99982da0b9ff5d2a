"""Our weekly talk (the weekly sync in code): the agenda the pair talks through once both
have answered."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import week_text
from ceocto_desktop.services import agenda, checkins, commitments
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.ui.commands import CallCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.widgets import named

COMMITMENT_DAYS = 7  # an outcome made a commitment is due a week from today


class ClickableLabel(QLabel):
    """A label that ticks its check box when clicked, as a check box's own text does."""

    clicked = Signal()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class ItemRow(QWidget):
    """One agenda item: ticked when discussed, a line of outcome, outcome → commitment."""

    def __init__(self, number: int, entry: agenda.AgendaEntry, week: date):
        super().__init__()
        self.entry = entry
        text = entry.title
        if entry.since_week < week:
            text += f" (since the {week_text(entry.since_week)})"
        # The words in a label beside the box: a label wraps a long need, a check box cannot.
        self.tick = named(f"syncItem{number}", QCheckBox())
        self.tick.setAccessibleName(text)
        self.label = named(f"syncItemText{number}", ClickableLabel(text))
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.clicked.connect(self.tick.toggle)
        self.outcome = named(f"syncOutcome{number}", QLineEdit())
        self.outcome.setPlaceholderText("Outcome, in a line…")
        self.commit = named(f"syncCommit{number}", QPushButton("Make it a commitment"))
        self.commit.setToolTip(
            "Due in a week; owed by the partner asked (for a need), else by the one writing"
        )
        # An item about a commitment can settle it here: kept, or dropped with the outcome
        # line as the reason.
        self.kept = named(f"syncKept{number}", QPushButton("Kept"))
        self.kept.setToolTip("Mark the commitment kept today")
        self.drop = named(f"syncDrop{number}", QPushButton("Drop"))
        self.drop.setToolTip("Drop the commitment, with the outcome as the reason")
        line = QHBoxLayout()
        line.setContentsMargins(24, 0, 0, 0)
        line.addWidget(self.outcome, 1)
        line.addWidget(self.commit)
        line.addWidget(self.kept)
        line.addWidget(self.drop)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        head = QHBoxLayout()
        head.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.label, 1)
        column.addLayout(head)
        column.addLayout(line)
        self.show_entry(entry)

    def show_entry(self, entry: agenda.AgendaEntry) -> None:
        self.entry = entry
        self.tick.blockSignals(True)
        self.tick.setChecked(entry.discussed)
        self.tick.blockSignals(False)
        if not self.outcome.hasFocus():
            self.outcome.setText(entry.outcome)
        made = entry.commitment_id is not None
        self.commit.setText("Commitment made" if made else "Make it a commitment")
        self.commit.setEnabled(not made and bool(entry.outcome))
        about = entry.about_commitment is not None
        self.commit.setVisible(not about)
        self.kept.setVisible(about)
        self.drop.setVisible(about)
        still_open = entry.commitment_status == "open"
        self.kept.setText(
            "Kept" if still_open or not about else entry.commitment_status.capitalize()
        )
        self.kept.setEnabled(still_open)
        self.drop.setEnabled(still_open and bool(self.outcome.text().strip()))


class AgendaPanel(QGroupBox):
    """The week's agenda: offered once both answered, kept once opened."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__("Our weekly talk", parent)
        self.setObjectName("syncPanel")
        self.context = context
        self.week: date | None = None
        self.rows: list[ItemRow] = []
        self.intro = named("syncIntro", QLabel())
        self.intro.setWordWrap(True)
        self.open_button = named("openSync", QPushButton("Open this week's agenda"))
        self.open_button.clicked.connect(self.open_agenda)
        self.error = named("syncError", QLabel())
        self.error.setWordWrap(True)
        self.error.hide()
        self.items = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.open_button)
        layout.addLayout(self.items)
        layout.addWidget(self.error)

    def show_week(self, week: date, complete: bool) -> None:
        """Show the week's kept agenda; hidden until both partners answered the week."""
        self.week = week
        current = self.context.read(checkins.current_week)
        self.setTitle(
            "Our weekly talk" if week == current else f"Our weekly talk, {week_text(week)}"
        )
        self.setVisible(complete)
        if not complete:
            self._rebuild([])
            return
        kept = self.context.read(lambda s: agenda.kept_agenda(s, week))
        self.open_button.setVisible(not kept.items)
        self.intro.setText(
            "Tick what you talked through and write a line of outcome; what is left carries "
            "to next week."
            if kept.items
            else "Both of you have answered: your agenda is ready, built from the week."
        )
        if [r.entry.id for r in self.rows] == [i.id for i in kept.items]:
            for row, entry in zip(self.rows, kept.items, strict=True):
                row.show_entry(entry)
        else:
            self._rebuild(kept.items)

    def _rebuild(self, entries: list[agenda.AgendaEntry]) -> None:
        for row in self.rows:
            self.items.removeWidget(row)
            row.deleteLater()
        self.rows = []
        assert self.week is not None or not entries
        for number, entry in enumerate(entries, start=1):
            row = ItemRow(number, entry, self.week or entry.since_week)
            row.tick.toggled.connect(partial(self._ticked, row))
            row.outcome.editingFinished.connect(partial(self._outcome_written, row))
            row.outcome.textEdited.connect(partial(self._outcome_typed, row))
            row.commit.clicked.connect(partial(self._make_commitment, row))
            row.kept.clicked.connect(partial(self._keep, row))
            row.drop.clicked.connect(partial(self._drop, row))
            self.items.addWidget(row)
            self.rows.append(row)

    def _write(self, text: str, do: Any, undo: Any) -> Any:
        self.error.hide()
        try:
            return CallCommand(self.context, text, Changed.COMMITMENTS, do, undo).perform()
        except (ValidationError, WriteFailed) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return None

    def open_agenda(self) -> None:
        week = self.week
        if week is None:
            return
        author = self.context.author
        try:
            self.context.write(
                lambda s: agenda.open_agenda(s, week, date.today(), author), Changed.COMMITMENTS
            )
        except WriteFailed as exc:
            self.error.setText(str(exc))
            self.error.show()

    def _ticked(self, row: ItemRow, checked: bool) -> None:
        before = row.entry
        self._write(
            "tick an agenda item" if checked else "untick an agenda item",
            lambda s: agenda.mark_discussed(s, before.id, checked),
            lambda s: agenda.mark_discussed(s, before.id, before.discussed),
        )
        if self.error.isVisible():  # refused: the box shows what the journal holds
            row.show_entry(before)

    def _outcome_written(self, row: ItemRow) -> None:
        before = row.entry
        text = row.outcome.text()
        if text.strip() == before.outcome:
            return
        # Writing an outcome means the item was talked through.
        self._write(
            "write an outcome",
            lambda s: agenda.mark_discussed(s, before.id, True, text),
            lambda s: agenda.mark_discussed(s, before.id, before.discussed, before.outcome),
        )

    @staticmethod
    def _outcome_typed(row: ItemRow, text: str) -> None:
        written = bool(text.strip())
        row.commit.setEnabled(row.entry.commitment_id is None and written)
        row.drop.setEnabled(row.entry.commitment_status == "open" and written)

    def _keep(self, row: ItemRow) -> None:
        commitment_id = row.entry.about_commitment
        if commitment_id is None:
            return
        self._outcome_written(row)
        item = row.entry
        self._write(
            "keep a commitment",
            lambda s: (
                commitments.complete_commitment(s, commitment_id, date.today()),
                agenda.mark_discussed(s, item.id, True),
            ),
            lambda s: (
                commitments.reopen_commitment(s, commitment_id),
                agenda.mark_discussed(s, item.id, item.discussed),
            ),
        )

    def _drop(self, row: ItemRow) -> None:
        commitment_id = row.entry.about_commitment
        if commitment_id is None:
            return
        self._outcome_written(row)
        item = row.entry
        reason = row.outcome.text()
        self._write(
            "drop a commitment",
            lambda s: (
                commitments.drop_commitment(s, commitment_id, reason, date.today()),
                agenda.mark_discussed(s, item.id, True),
            ),
            lambda s: (
                commitments.reopen_commitment(s, commitment_id),
                agenda.mark_discussed(s, item.id, item.discussed),
            ),
        )

    def _make_commitment(self, row: ItemRow) -> None:
        self._outcome_written(row)  # the outcome as typed, kept first
        before = row.entry
        what = row.outcome.text()
        owed_by = agenda.who_would_owe(before, self.context.author)
        due = date.today() + timedelta(days=COMMITMENT_DAYS)

        def do(session: Session) -> Any:
            return agenda.commitment_from_item(session, before.id, owed_by, due, what)

        made: list[str] = []

        def undo(session: Session) -> None:
            agenda.withdraw_commitment_from_item(session, before.id, made[0], before.discussed)

        self._write("make a commitment", lambda s: _remember(made, do(s)), undo)


def _remember(made: list[str], commitment: Any) -> Any:
    made[:] = [commitment.id]
    return commitment
