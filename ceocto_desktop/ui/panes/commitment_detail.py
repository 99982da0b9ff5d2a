"""One commitment in detail: what, who owes it, by when; kept, dropped with a reason,
reopened, taken on or countered, every step undoable."""

from __future__ import annotations

from datetime import date
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

from ceocto_desktop.models import Area, Commitment, CommitmentStatus, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import commitments
from ceocto_desktop.ui.commands import SnapshotCommand
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.dialogs.dialogs import FieldsDialog, text_box
from ceocto_desktop.ui.labels import day_text, first_name
from ceocto_desktop.ui.panes.detail_pane import DetailPane
from ceocto_desktop.ui.panes.forms import RecordForm
from ceocto_desktop.ui.widgets.basic import DateField, named
from ceocto_desktop.ui.widgets.title_edit import TitleEdit

STATUS_WORDS = {
    CommitmentStatus.PROPOSED: "asked",
    CommitmentStatus.OPEN: "open",
    CommitmentStatus.DONE: "kept",
    CommitmentStatus.DROPPED: "dropped",
}
NEW_DUE_DAYS = 7


def _day(day: date | None) -> str:
    return day_text(day) if day else "an unknown day"


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
        self.form.add("what", "&What", TitleEdit(), heading=True)
        owed_by = named("commitment_owed_by", QComboBox())
        for seat in Seat:
            owed_by.addItem(
                f"{first_name(context, seat)} owes {first_name(context, seat.other)}", seat.value
            )
        self.form.add("owed_by", "", owed_by, chip=True)
        due = DateField()
        due.setPlaceholderText("YYYY-MM-DD")
        due.setToolTip("The day it is due, as YYYY-MM-DD")
        self.form.add("due_on", "Due", due, chip=True)
        area = named("commitment_area", QComboBox())
        area.addItem("No area", "")
        for member in Area:
            area.addItem(member.value.capitalize(), member.value)
        self.form.add("area", "Area", area, chip=True)
        self.form.add("help_across", "", QCheckBox("Help in the other's area"), chip=True)

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

    def show_record(self, record_id: str | None) -> None:
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
