"""Commitments: every promise the pair made each other (asked, open, done, dropped), each
one edited, kept, dropped with a reason or taken on from its detail, every step undoable."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.relative_dates import relative_day
from ceocto_desktop.models import Area, Commitment, CommitmentStatus, Seat
from ceocto_desktop.services import commitments
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.checkins import current_week
from ceocto_desktop.services.commitments import (
    CommitmentFilter,
    CommitmentRow,
    commitment_rows,
    count_commitment_rows,
)
from ceocto_desktop.ui.commands import CreateCommand, DeleteCommand, SnapshotCommand
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.detail_pane import DetailPane
from ceocto_desktop.ui.dialogs import FieldsDialog, text_box
from ceocto_desktop.ui.forms import RecordForm
from ceocto_desktop.ui.labels import date_text, day_text, first_name
from ceocto_desktop.ui.record_page import RecordPage
from ceocto_desktop.ui.table_model import Column, LazyTableModel
from ceocto_desktop.ui.widgets import choice_filter, named

STATUS_WORDS = {
    CommitmentStatus.PROPOSED: "asked",
    CommitmentStatus.OPEN: "open",
    CommitmentStatus.DONE: "kept",
    CommitmentStatus.DROPPED: "dropped",
}
NEW_DUE_DAYS = 7


def _overdue(row: CommitmentRow) -> bool:
    return row.status is CommitmentStatus.OPEN and row.due_on < date.today()


def _due_text(row: CommitmentRow) -> str:
    if row.status is CommitmentStatus.OPEN:
        return relative_day(row.due_on, date.today()).text
    return date_text(row.due_on)


def _day(day: date | None) -> str:
    return day_text(day) if day else "an unknown day"


def _tip(row: CommitmentRow) -> str:
    if row.status is CommitmentStatus.DROPPED:
        return f"Dropped: {row.drop_reason}"
    if row.asked_for:
        return f"Asked for: {row.asked_for}"
    return row.what


class CommitmentDetail(DetailPane):
    first_field = "what"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.view: commitments.CommitmentView | None = None
        self.form = RecordForm(
            context,
            Changed.COMMITMENTS,
            "commitment",
            lambda s, record_id, values: commitments.update_commitment(s, record_id, **values),
        )
        self.form.add("what", "&What", QLineEdit())
        owed_by = named("commitment_owed_by", QComboBox())
        for seat in Seat:
            owed_by.addItem(
                f"{first_name(context, seat)} owes {first_name(context, seat.other)}", seat.value
            )
        self.form.add("owed_by", "Who owes it", owed_by)
        due = QLineEdit()
        due.setPlaceholderText("YYYY-MM-DD")
        self.form.add("due_on", "Due", due)
        area = named("commitment_area", QComboBox())
        area.addItem("No area", "")
        for member in Area:
            area.addItem(member.value.capitalize(), member.value)
        self.form.add("area", "Area", area)
        self.form.add("help_across", "", QCheckBox("Help in the other's area"))

        self.state = named("commitmentState", QLabel())
        self.state.setWordWrap(True)
        self.done_button = named("keepCommitment", QPushButton("Mark kept"))
        self.done_button.setToolTip("Kept today (Ctrl+Z undoes)")
        self.done_button.clicked.connect(self.mark_done)
        self.drop_button = named("dropCommitment", QPushButton("Drop…"))
        self.drop_button.setToolTip("Let it go, saying why")
        self.drop_button.clicked.connect(self.drop)
        self.reopen_button = named("reopenCommitment", QPushButton("Reopen"))
        self.reopen_button.clicked.connect(self.reopen)
        self.accept_button = named("acceptCommitment", QPushButton("Take it on"))
        self.accept_button.clicked.connect(self.accept)
        self.counter_button = named("counterCommitment", QPushButton("Offer instead…"))
        self.counter_button.clicked.connect(self.counter)
        buttons = QHBoxLayout()
        for button in (
            self.accept_button,
            self.counter_button,
            self.done_button,
            self.drop_button,
            self.reopen_button,
        ):
            buttons.addWidget(button)
        buttons.addStretch()
        standing = QGroupBox("Where it stands")
        column = QVBoxLayout(standing)
        column.addWidget(self.state)
        column.addLayout(buttons)
        self.lay_out("Select a commitment, or press Ctrl+N to make one.", (self.form, standing))

    def show_commitment(self, record_id: str | None) -> None:
        view = self.fetch(record_id, commitments.get_commitment)
        self.view = view
        if view is None:
            return
        self.form.load(
            view.id,
            {
                "what": view.what,
                "owed_by": view.owed_by.value,
                "due_on": view.due_on.isoformat(),
                "area": view.area.value if view.area else "",
                "help_across": view.marked_help,
            },
        )
        self.state.setText(self._standing(view))
        status = view.status
        self.accept_button.setVisible(status is CommitmentStatus.PROPOSED)
        self.counter_button.setVisible(status is CommitmentStatus.PROPOSED)
        self.done_button.setVisible(status is CommitmentStatus.OPEN)
        self.drop_button.setVisible(status is CommitmentStatus.OPEN)
        self.reopen_button.setVisible(status in (CommitmentStatus.DONE, CommitmentStatus.DROPPED))

    def _standing(self, view: commitments.CommitmentView) -> str:
        asker = first_name(self.context, view.owed_to)
        asked = f"<br>{asker} asked for: {escape(view.asked_for)}" if view.asked_for else ""
        if view.status is CommitmentStatus.PROPOSED:
            return f"<b>Asked</b> by {asker}; not taken on yet."
        if view.status is CommitmentStatus.DONE:
            return f"<b>Kept</b> on {_day(view.done_on)}.{asked}"
        if view.status is CommitmentStatus.DROPPED:
            return f"<b>Dropped</b> on {_day(view.dropped_on)}: {escape(view.drop_reason)}{asked}"
        late = " — overdue" if view.overdue(date.today()) else ""
        return f"<b>Open</b>, due {day_text(view.due_on)}{late}.{asked}"

    def _change(self, text: str, do: Any) -> Any:
        view = self.view
        if view is None:
            return None
        self.form.flush()
        return SnapshotCommand(
            self.context, text, Changed.COMMITMENTS, Commitment, view.id, do
        ).perform()

    def mark_done(self) -> None:
        if self.view is not None:
            record_id = self.view.id
            self._change(
                "keep a commitment",
                lambda s: commitments.complete_commitment(s, record_id, date.today()),
            )

    def reopen(self) -> None:
        if self.view is not None:
            record_id = self.view.id
            self._change(
                "reopen a commitment", lambda s: commitments.reopen_commitment(s, record_id)
            )

    def accept(self) -> None:
        if self.view is not None:
            record_id = self.view.id
            self._change(
                "take on a commitment", lambda s: commitments.accept_commitment(s, record_id)
            )

    def drop(self) -> None:
        view = self.view
        if view is None:
            return

        def submit(values: dict[str, Any]) -> Any:
            reason = values["reason"]
            return self._change(
                "drop a commitment",
                lambda s: commitments.drop_commitment(s, view.id, reason, date.today()),
            )

        FieldsDialog(
            "dropCommitmentDialog",
            "Drop a commitment",
            f"“{view.what}” will no longer be owed. Say why, for the two of you.",
            [("drop_reason", "Why", text_box("dropReason"))],
            lambda values: submit({"reason": values["drop_reason"]}),
            self,
        ).exec()

    def counter(self) -> None:
        view = self.view
        if view is None:
            return

        def submit(values: dict[str, Any]) -> Any:
            offer, due = values["offer"], values["due"]
            return self._change(
                "offer instead",
                lambda s: commitments.counter_commitment(s, view.id, offer, due),
            )

        FieldsDialog(
            "counterDialog",
            "Offer instead",
            f"Asked: {view.what}\nSay what you can do instead; that becomes the commitment.",
            [
                ("offer", "I can", named("counterOffer", QLineEdit())),
                ("due", "By", named("counterDue", QLineEdit(view.due_on.isoformat()))),
            ],
            submit,
            self,
        ).exec()


class CommitmentsPage(RecordPage):
    title = "Commitments"
    kind = "commitments"
    noun = "commitment"
    depends_on = Changed.COMMITMENTS | Changed.PARTNERS

    def make_filters(self) -> list[QWidget]:
        self.status_filter = choice_filter(
            "commitmentStatusFilter",
            "Any status",
            [(word, status.value) for status, word in STATUS_WORDS.items()],
        )
        self.status_filter.currentIndexChanged.connect(lambda _index: self.reload())
        self.owed_filter = choice_filter(
            "commitmentOwedFilter",
            "Owed by either",
            [(f"Owed by {first_name(self.context, seat)}", seat.value) for seat in Seat],
        )
        self.owed_filter.currentIndexChanged.connect(lambda _index: self.reload())
        return [self.status_filter, self.owed_filter]

    def where(self) -> CommitmentFilter:
        status, owed_by = self.status_filter.currentData(), self.owed_filter.currentData()
        return CommitmentFilter(
            status=CommitmentStatus(status) if status else None,
            owed_by=Seat(owed_by) if owed_by else None,
            text=self.filter_text(),
        )

    def make_model(self) -> LazyTableModel:
        columns = [
            Column("What", "what", lambda r: r.what, draw="title", tip=_tip),
            Column(
                "Owed by",
                "owed_by",
                lambda r: first_name(self.context, r.owed_by),
                width=90,
                drop=3,
            ),
            Column("Due", "due_on", _due_text, width=110, drop=1, alert=_overdue),
            Column(
                "Status",
                "status",
                lambda r: STATUS_WORDS[r.status],
                draw="chip",
                width=84,
                tip=_tip,
            ),
            Column(
                "Area",
                "area",
                lambda r: r.area.value if r.area else "",
                width=120,
                drop=2,
            ),
        ]
        return LazyTableModel(
            columns,
            lambda page: self.context.read(lambda s: commitment_rows(s, self.where(), page)),
            lambda: self.context.read(lambda s: count_commitment_rows(s, self.where())),
            self,
        )

    def initial_sort(self) -> tuple[int, bool]:
        """No column: the query's own order, what is still owed first."""
        return -1, False

    def make_detail(self) -> QWidget:
        self.commitment_detail = CommitmentDetail(self.context)
        return self.commitment_detail

    def show_record(self, record_id: str | None) -> None:
        self.commitment_detail.show_commitment(record_id)

    def create_record(self) -> str | None:
        author = self.context.author
        due = date.today() + timedelta(days=NEW_DUE_DAYS)
        command = CreateCommand(
            self.context,
            "new commitment",
            Changed.COMMITMENTS,
            Commitment,
            lambda s: commitments.create_commitment(
                s, author, "New commitment", due, author=author, week_start=current_week(s)
            ),
        )
        command.perform()
        return command.record_id

    def delete_record(self, record_id: str) -> str:
        what = self.context.read(lambda s: commitments.get_commitment(s, record_id).what)
        DeleteCommand(
            self.context, f"delete commitment “{what}”", Changed.COMMITMENTS, Commitment, record_id
        ).perform()
        return what

    def focus_detail(self) -> None:
        self.commitment_detail.focus_first()

    def flush_edits(self) -> None:
        if hasattr(self, "commitment_detail"):
            self.commitment_detail.form.flush()
