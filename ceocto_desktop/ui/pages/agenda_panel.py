"""Our weekly talk (the weekly sync in code): the agenda the pair talks through once both
have answered."""

from __future__ import annotations

from datetime import date, timedelta
from functools import partial
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import week_text
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.weekly import agenda, checkins, commitments, drafts
from ceocto_desktop.ui.commands import CallCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.dialogs.dialogs import FieldsDialog, text_box
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets.basic import named

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

    def __init__(self, number: int, entry: agenda.AgendaEntry, week: date, context: JournalContext):
        super().__init__()
        self.entry = entry
        self.context = context
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
        self.decide = named(f"syncDecide{number}", QPushButton("Make it a decision"))
        self.decide.setToolTip("Opens the decision form filled in from the item and its outcome")
        # An item about a commitment can settle it here: kept, or dropped with the outcome
        # line as the reason.
        self.kept = named(f"syncKept{number}", QPushButton("Kept"))
        self.kept.setToolTip("Mark the commitment kept today")
        self.drop = named(f"syncDrop{number}", QPushButton("Drop"))
        self.drop.setToolTip("Drop the commitment, with the outcome as the reason")
        # What one partner needs can be asked of the other in one click: a proposed
        # commitment the other accepts or answers with what they can do instead.
        self.ask = named(f"syncAsk{number}", QPushButton("Ask for it"))
        self.ask.setToolTip("Ask it of the other as a commitment, due in a week")
        self.asked = named(f"syncAsked{number}", QLabel())
        self.asked.setWordWrap(True)
        self.accept = named(f"syncAccept{number}", QPushButton("Take it on"))
        self.counter = named(f"syncCounter{number}", QPushButton("Offer instead…"))
        self.counter.setToolTip("Say what you can do instead; that becomes the commitment")
        asked_line = QHBoxLayout()
        asked_line.setContentsMargins(24, 0, 0, 0)
        asked_line.addWidget(self.asked, 1)
        asked_line.addWidget(self.accept)
        asked_line.addWidget(self.counter)
        line = QHBoxLayout()
        line.setContentsMargins(24, 0, 0, 0)
        line.addWidget(self.outcome, 1)
        line.addWidget(self.ask)
        line.addWidget(self.commit)
        line.addWidget(self.decide)
        line.addWidget(self.kept)
        line.addWidget(self.drop)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 4)
        head = QHBoxLayout()
        head.addWidget(self.tick, 0, Qt.AlignmentFlag.AlignTop)
        head.addWidget(self.label, 1)
        column.addLayout(head)
        column.addLayout(line)
        column.addLayout(asked_line)
        self.show_entry(entry)

    def show_entry(self, entry: agenda.AgendaEntry) -> None:
        self.entry = entry
        self.tick.blockSignals(True)
        self.tick.setChecked(entry.discussed)
        self.tick.blockSignals(False)
        if not self.outcome.hasFocus():
            self.outcome.setText(entry.outcome)
        made = entry.commitment_id is not None
        asked = entry.commitment_status == "proposed"
        self.commit.setText(
            "Asked" if asked else "Commitment made" if made else "Make it a commitment"
        )
        self.commit.setEnabled(not made and bool(entry.outcome))
        decided = entry.decision_id is not None
        self.decide.setText("See the decision" if decided else "Make it a decision")
        self.decide.setEnabled(decided or bool(entry.outcome))
        about = entry.about_commitment is not None
        self.commit.setVisible(not about)
        self.decide.setVisible(not about)
        self.kept.setVisible(about)
        self.drop.setVisible(about)
        self._show_asked(entry)
        still_open = entry.commitment_status == "open"
        # A commitment deleted since (Commitments page) leaves its item saying so.
        settled = entry.commitment_status.capitalize() or "Deleted"
        self.kept.setText("Kept" if still_open or not about else settled)
        self.kept.setEnabled(still_open)
        self.drop.setEnabled(still_open and bool(self.outcome.text().strip()))

    def _show_asked(self, entry: agenda.AgendaEntry) -> None:
        need = entry.kind == "need"
        made = entry.commitment_id is not None
        self.ask.setVisible(need and not made)
        proposed = need and made and entry.commitment_status == "proposed"
        asked_of = agenda.who_would_owe(entry, self.context.author) if need else None
        mine = proposed and asked_of is self.context.author
        self.accept.setVisible(mine)
        self.counter.setVisible(mine)
        self.asked.setVisible(proposed)
        if proposed and asked_of is not None:
            asker = first_name(self.context, asked_of.other)
            self.asked.setText(
                f"{asker} asks you to take this on."
                if mine
                else f"Asked of {first_name(self.context, asked_of)}: waiting for an answer."
            )


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
        # Points kept on this laptop while the other opened the agenda on theirs (drafts do
        # not travel): opening it here again puts them on it.
        seat = self.context.author
        pending = self.context.read(lambda s: drafts.talking_points(s, seat, week))
        self.open_button.setVisible(not kept.items or bool(pending))
        self.open_button.setText(
            "Add my talking points to it" if kept.items else "Open this week's agenda"
        )
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
            row = ItemRow(number, entry, self.week or entry.since_week, self.context)
            row.ask.clicked.connect(partial(self._ask, row))
            row.accept.clicked.connect(partial(self._accept, row))
            row.counter.clicked.connect(partial(self._counter, row))
            row.tick.toggled.connect(partial(self._ticked, row))
            row.outcome.editingFinished.connect(partial(self._outcome_written, row))
            row.outcome.textEdited.connect(partial(self._outcome_typed, row))
            row.commit.clicked.connect(partial(self._make_commitment, row))
            row.decide.clicked.connect(partial(self._make_decision, row))
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
        row.decide.setEnabled(row.entry.decision_id is not None or written)
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

    def _ask(self, row: ItemRow) -> None:
        before = row.entry
        due = date.today() + timedelta(days=COMMITMENT_DAYS)
        made: list[str] = []
        self._write(
            "ask for a commitment",
            lambda s: _remember(made, agenda.ask_from_item(s, before.id, due)),
            lambda s: agenda.withdraw_commitment_from_item(s, before.id, made[0], before.discussed),
        )

    def _asked(self, row: ItemRow) -> commitments.CommitmentView | None:
        commitment_id = row.entry.commitment_id
        if commitment_id is None:
            return None
        return self.context.read(lambda s: commitments.get_commitment(s, commitment_id))

    def _accept(self, row: ItemRow) -> None:
        asked = self._asked(row)
        if asked is None:
            return
        self._write(
            "take on a commitment",
            lambda s: commitments.accept_commitment(s, asked.id),
            lambda s: commitments.restore_proposal(s, asked.id, asked.what, asked.due_on),
        )

    def _counter(self, row: ItemRow) -> None:
        """What the partner asked can do instead: that becomes the commitment."""
        asked = self._asked(row)
        if asked is None:
            return

        def submit(values: dict[str, Any]) -> Any:
            offer, due = values["offer"], values["due"]
            return CallCommand(
                self.context,
                "offer instead",
                Changed.COMMITMENTS,
                lambda s: commitments.counter_commitment(s, asked.id, offer, due),
                lambda s: commitments.restore_proposal(s, asked.id, asked.what, asked.due_on),
            ).perform()

        FieldsDialog(
            "counterDialog",
            "Offer instead",
            f"Asked: {asked.what}\nSay what you can do instead; that becomes your commitment.",
            [
                ("offer", "I can", named("counterOffer", QLineEdit())),
                ("due", "By", named("counterDue", QLineEdit(asked.due_on.isoformat()))),
            ],
            submit,
            self,
        ).exec()

    def _make_decision(self, row: ItemRow) -> None:
        """The decision form, filled in from the item; saved, it is linked back to the item."""
        if row.entry.decision_id is not None:
            self.context.openRequested.emit("decisions", row.entry.decision_id)
            return
        self._outcome_written(row)
        before = row.entry
        author = self.context.author
        week = self.week or before.since_week
        made: list[str] = []

        def submit(values: dict[str, Any]) -> Any:
            fields = dict(values)
            title = fields.pop("title")

            def do(session: Session) -> Any:
                return _remember(
                    made, agenda.decision_from_item(session, before.id, author, title, **fields)
                )

            def undo(session: Session) -> None:
                agenda.withdraw_decision_from_item(session, before.id, made[0], before.discussed)

            return CallCommand(
                self.context, "make a decision", Changed.COMMITMENTS | Changed.DECISIONS, do, undo
            ).perform()

        outcome = row.outcome.text().strip()
        context_box = text_box("agendaDecisionContext")
        context_box.setPlainText(f"From our weekly talk, {week_text(week)}: {before.title}")
        decision_box = text_box("agendaDecisionText")
        decision_box.setPlainText(outcome)
        FieldsDialog(
            "agendaDecisionDialog",
            "Make it a decision",
            "The decision is kept with the agenda item it came from.",
            [
                ("title", "Decision", named("agendaDecisionTitle", QLineEdit(outcome[:200]))),
                ("context", "Context", context_box),
                ("decision", "What we decide", decision_box),
                ("rationale", "Why", text_box("agendaDecisionRationale")),
                ("expected_outcome", "We expect", text_box("agendaDecisionExpected")),
                ("review_on", "Review on", named("agendaDecisionReview", QLineEdit())),
            ],
            submit,
            self,
        ).exec()


class TalkingPoints(QGroupBox):
    """What the partner writing wants to raise at the week's sync: private to them, like a
    draft, until both have answered and the agenda opens; then it is on the agenda."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__("My talking points", parent)
        self.setObjectName("talkingPointsBox")
        self.context = context
        self.week: date | None = None
        self.intro = named("talkingPointsIntro", QLabel())
        self.intro.setWordWrap(True)
        self.list = named("talkingPoints", QListWidget())
        self.list.setMaximumHeight(110)
        self.list.installEventFilter(self)  # Delete takes a point back
        self.text = named("talkingPointText", QLineEdit())
        self.text.setPlaceholderText("A point to raise in our weekly talk…")
        self.text.returnPressed.connect(self.add)
        self.add_button = named("addTalkingPoint", QPushButton("Add point"))
        self.add_button.clicked.connect(self.add)
        self.remove_button = named("removeTalkingPoint", QPushButton("Take back"))
        self.remove_button.setToolTip("Take the selected point back (Delete)")
        self.remove_button.clicked.connect(self.remove)
        self.error = named("talkingPointError", QLabel())
        self.error.setWordWrap(True)
        self.error.hide()
        line = QHBoxLayout()
        line.addWidget(self.text, 1)
        line.addWidget(self.add_button)
        line.addWidget(self.remove_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list)
        layout.addLayout(line)
        layout.addWidget(self.error)

    def show_week(self, week: date, agenda_open: bool) -> None:
        """The writer's own points for the week (never the other partner's)."""
        self.week = week
        seat = self.context.author
        points = self.context.read(lambda s: drafts.talking_points(s, seat, week))
        self.list.clear()
        self.list.addItems(points)
        self.list.setVisible(bool(points))
        self.remove_button.setVisible(bool(points))
        name = first_name(self.context, seat)
        self.intro.setText(
            f"{name}, a point you add goes straight onto this week's agenda."
            if agenda_open
            else f"Only you, {name}, see these until both of you have answered and the "
            "agenda opens; then they are on it."
        )

    def _write(self, text: str, do: Any, undo: Any) -> bool:
        self.error.hide()
        try:
            CallCommand(self.context, text, Changed.COMMITMENTS, do, undo).perform()
        except (ValidationError, WriteFailed) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return False
        return True

    def add(self) -> None:
        week, seat, text = self.week, self.context.author, self.text.text()
        if week is None:
            return
        if self._write(
            "add a talking point",
            lambda s: agenda.add_talking_point(s, seat, week, text),
            lambda s: agenda.withdraw_talking_point(s, seat, week, text),
        ):
            self.text.clear()

    def remove(self) -> None:
        item = self.list.currentItem()
        week, seat = self.week, self.context.author
        if item is None or week is None:
            return
        text = item.text()
        place: list[int] = []
        self._write(
            "take back a talking point",
            lambda s: place.append(drafts.forget_talking_point(s, seat, week, text)),
            lambda s: drafts.keep_talking_point(s, seat, week, text, place[-1]),
        )

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.list
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            if event.type() == QEvent.Type.ShortcutOverride:
                event.accept()  # Delete here is this list's, not Edit › Delete's
                return True
            if event.type() == QEvent.Type.KeyPress:
                self.remove()
                return True
        return super().eventFilter(watched, event)


def _remember(made: list[str], commitment: Any) -> Any:
    made[:] = [commitment.id]
    return commitment
