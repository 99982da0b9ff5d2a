"""A commitment made directly: what, who owes it, by when, in which area; undoable."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.models import Area, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.weekly import commitments
from ceocto_desktop.services.weekly.checkins import current_week
from ceocto_desktop.ui.commands import CallCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets.basic import named


class CommitmentForm(QGroupBox):
    """One line of what is promised, who owes it to the other, a due date and an area."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__("Promise something", parent)
        self.setObjectName("commitmentForm")
        self.context = context
        self.what = named("commitmentWhat", QLineEdit())
        self.what.setPlaceholderText("What you will do for the other…")
        self.what.returnPressed.connect(self.add)
        self.owed_by = named("commitmentOwedBy", QComboBox())
        self.due = named("commitmentDue", QLineEdit())
        self.due.setPlaceholderText("YYYY-MM-DD")
        self.due.setMaximumWidth(120)
        self.area = named("commitmentArea", QComboBox())
        self.area.addItem("No area", None)
        for area in Area:
            self.area.addItem(area.value.capitalize(), area)
        self.help = named("commitmentHelp", QCheckBox("Help in the other's area"))
        self.add_button = named("addCommitment", QPushButton("Promise"))
        self.add_button.clicked.connect(self.add)
        self.error = named("commitmentError", QLabel())
        self.error.setWordWrap(True)
        self.error.hide()
        grid = QGridLayout(self)
        grid.addWidget(self.what, 0, 0, 1, 4)
        grid.addWidget(self.add_button, 0, 4)
        grid.addWidget(self.owed_by, 1, 0)
        grid.addWidget(QLabel("due"), 1, 1)
        grid.addWidget(self.due, 1, 2)
        grid.addWidget(self.area, 1, 3)
        grid.addWidget(self.help, 1, 4)
        grid.addWidget(self.error, 2, 0, 1, 5)
        grid.setColumnStretch(0, 1)
        context.authorChanged.connect(lambda _seat: self.reset())
        self.reset()

    def reset(self) -> None:
        """Empty, owed by the partner writing, due a week from today."""
        self.owed_by.clear()
        names = {seat: first_name(self.context, seat) for seat in Seat}
        for seat in (self.context.author, self.context.author.other):
            self.owed_by.addItem(f"{names[seat]} owes {names[seat.other]}", seat)
        self.what.clear()
        self.due.setText((date.today() + timedelta(days=7)).isoformat())
        self.area.setCurrentIndex(0)
        self.help.setChecked(False)

    def add(self) -> None:
        owed_by = Seat(self.owed_by.currentData())  # a combo box hands a StrEnum back as str
        what, due, area = self.what.text(), self.due.text(), self.area.currentData()
        marked, author = self.help.isChecked(), self.context.author
        made: list[str] = []

        def do(session: Session) -> Any:
            week = current_week(session)
            view = commitments.create_commitment(
                session,
                owed_by,
                what,
                due,
                author=author,
                week_start=week,
                area=area,
                help_across=marked,
            )
            made[:] = [view.id]
            return view

        def undo(session: Session) -> None:
            commitments.delete_commitment(session, made[0])

        try:
            CallCommand(self.context, "promise", Changed.COMMITMENTS, do, undo).perform()
        except (ValidationError, WriteFailed) as exc:
            self.error.setText(str(exc))
            self.error.show()
            return
        self.error.hide()
        self.reset()
