"""One decision: context to rationale, both stances, review, and superseding it."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import optional_day, percent_of_hundred, week_text
from ceocto_desktop.models import Decision, DecisionStatus, Owner, Seat, Stance, Verdict
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.common import parse_date
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import decisions
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.weekly import agenda
from ceocto_desktop.ui.commands import CallCommand, SnapshotCommand
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.dialogs.dialogs import Choices, FieldsDialog, text_box
from ceocto_desktop.ui.labels import date_text, first_name, owner_label, owner_labels
from ceocto_desktop.ui.panes.detail_pane import DetailPane
from ceocto_desktop.ui.panes.forms import RecordForm, enum_combo
from ceocto_desktop.ui.panes.goal_links import GoalLinks
from ceocto_desktop.ui.widgets.basic import DateField, named
from ceocto_desktop.ui.widgets.grow import grow_with_content
from ceocto_desktop.ui.widgets.history_box import (
    add_entry,
    history_list,
    state_label,
    status_box,
)
from ceocto_desktop.ui.widgets.title_edit import TitleEdit

TEXTS = (
    ("context", "Context"),
    ("options", "Options considered"),
    ("decision", "The decision"),
    ("rationale", "Rationale"),
)


def decision_values(view: decisions.DecisionView) -> dict[str, Any]:
    return {
        "title": view.title,
        "context": view.context,
        "options": view.options,
        "decision": view.decision,
        "rationale": view.rationale,
        "decided_by": view.decided_by.value,
        "decided_on": view.decided_on.isoformat(),
        "stance_a": view.stance_a.value,
        "stance_b": view.stance_b.value,
        "confidence": str(view.confidence),
        "expected_outcome": view.expected_outcome,
        "review_on": date_text(view.review_on),
    }


class DecisionDetail(DetailPane):
    table = "decisions"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.view: decisions.DecisionView | None = None
        self.form = RecordForm(
            context,
            Changed.DECISIONS,
            "decision",
            lambda s, record_id, values: decisions.update_decision(s, record_id, **values),
        )
        self.form.add("title", "&Title", TitleEdit(), heading=True)
        for name, label in TEXTS:
            box = QPlainTextEdit()
            grow_with_content(box)
            self.form.add(name, label, box)
        self.form.add(
            "decided_by",
            "Decided by",
            enum_combo("decision_by", Owner, owner_labels(context)),
            chip=True,
        )
        self.form.add("decided_on", "Decided", DateField(), chip=True)
        for seat in Seat:
            self.form.add(
                f"stance_{seat.value.lower()}",
                f"{first_name(context, seat)}'s stance",
                enum_combo(f"decision_stance_{seat.value.lower()}", Stance),
                chip=True,
            )
        confidence = QLineEdit()
        confidence.setPlaceholderText("0–100 (%)")
        self.form.add("confidence", "Confidence %", confidence)
        expected = QPlainTextEdit()
        grow_with_content(expected)
        self.form.add("expected_outcome", "Expected outcome", expected)
        review_on = DateField()
        review_on.setPlaceholderText("YYYY-MM-DD")
        review_on.setToolTip("The review date, as YYYY-MM-DD (empty: no review planned)")
        self.form.add("review_on", "Review", review_on, chip=True)

        outcome_box = self._make_outcome()
        self.links = GoalLinks(
            context,
            "decision",
            Changed.DECISIONS,
            decisions.link_decision_goal,
            decisions.unlink_decision_goal,
        )
        self.lay_out(
            "Select a decision, or press Ctrl+N to record one.",
            (self.form, outcome_box, self.links),
        )

    def _make_outcome(self) -> QGroupBox:
        """Where the decision stands, Review… and Supersede…, and the links along its line."""
        self.state = state_label("decisionState")
        self.review_button = named("reviewDecision", QPushButton("Review…"))
        self.review_button.clicked.connect(self.review)
        self.supersede_button = named("supersedeDecision", QPushButton("Supersede…"))
        self.supersede_button.clicked.connect(self.supersede)
        self.previous_button = named("supersedesLink", QPushButton())
        self.previous_button.setFlat(True)
        self.previous_button.clicked.connect(lambda: self._open_link("supersedes_id"))
        # Made from an outcome of the weekly sync: back to that week's agenda.
        self.sync_button = named("fromSyncLink", QPushButton())
        self.sync_button.setFlat(True)
        self.sync_button.clicked.connect(self._open_sync)
        self.sync_week: date | None = None
        self.next_button = named("supersededByLink", QPushButton())
        self.next_button.setFlat(True)
        self.next_button.clicked.connect(lambda: self._open_link("superseded_by_id"))
        self.history = history_list("decisionHistory", min_height=32)
        outcome_box = status_box(
            "Outcome and history",
            self.state,
            (self.review_button, self.supersede_button),
            (self.sync_button, self.previous_button, self.next_button, self.history),
        )
        return outcome_box

    def show_record(self, record_id: str | None) -> None:
        view = self.fetch(record_id, decisions.get_decision)
        self.view = view
        if view is None:
            return
        self.form.load(view.id, decision_values(view))
        if view.status is DecisionStatus.REVIEWED and view.verdict is not None:
            self.state.setText(
                f"<b>Reviewed</b> on {optional_day(view.reviewed_on)}: "
                f"turned out <b>{view.verdict.value}</b>. "
                f"{view.outcome}"
            )
        elif view.due_for_review():
            self.state.setText(f"<b>Due for review</b> since {optional_day(view.review_on)}.")
        else:
            when = f" Review on {optional_day(view.review_on)}." if view.review_on else ""
            self.state.setText(f"<b>{view.status.value.capitalize()}</b>.{when}")
        self._show_history(view)
        self.review_button.setEnabled(view.status is DecisionStatus.DECIDED)
        self.supersede_button.setEnabled(view.status is not DecisionStatus.SUPERSEDED)
        self._show_link(self.previous_button, view.supersedes_id, "Supersedes")
        self._show_link(self.next_button, view.superseded_by_id, "Superseded by")
        self.links.show_links(view.id, view.goal_ids, view.goal_titles)
        self.sync_week = self.context.read(lambda s: agenda.week_of_decision(s, view.id))
        self.sync_button.setVisible(self.sync_week is not None)
        if self.sync_week is not None:
            self.sync_button.setText(f"From our weekly talk, {week_text(self.sync_week)} ›")

    def _open_sync(self) -> None:
        if self.sync_week is not None:
            self.context.openRequested.emit("checkins", self.sync_week.isoformat())

    def _show_link(self, button: QPushButton, record_id: str | None, words: str) -> None:
        button.setVisible(record_id is not None)
        if record_id is not None:
            title = self.context.read(lambda s: decisions.get_decision(s, record_id).title)
            button.setText(f"{words}: {title} ›")

    def _open_link(self, attribute: str) -> None:
        record_id = getattr(self.view, attribute, None)
        if record_id:
            self.context.openRequested.emit("decisions", record_id)

    def _show_history(self, view: decisions.DecisionView) -> None:
        """Decided, then reviewed, as a timeline newest first."""
        self.history.clear()
        who = owner_label(self.context, view.decided_by)
        events = [
            (view.decided_on, f"Decided by {who}, {percent_of_hundred(view.confidence)} sure")
        ]
        if view.reviewed_on is not None:
            verdict = f": turned out {view.verdict.value}" if view.verdict else ""
            events.append((view.reviewed_on, f"Reviewed{verdict}"))
        for day, text in sorted(events, key=lambda event: event[0], reverse=True):
            add_entry(self.history, day, text)

    def review(self) -> None:
        view = self.view
        if view is None:
            return
        verdicts = Choices(
            "reviewVerdict",
            [
                ("Better than expected", Verdict.BETTER),
                ("As expected", Verdict.AS_EXPECTED),
                ("Worse than expected", Verdict.WORSE),
            ],
        )

        def submit(values: dict[str, Any]) -> None:
            if values["verdict"] is None:
                raise ValidationError("verdict", "Say how it turned out.")
            on = parse_date(values["reviewed_on"], "reviewed_on")
            SnapshotCommand(
                self.context,
                "review decision",
                Changed.DECISIONS,
                Decision,
                view.id,
                lambda s: decisions.review_decision(
                    s, view.id, values["outcome"], values["verdict"], on_date=on
                ),
            ).perform()

        FieldsDialog(
            "reviewDialog",
            f"Review — {view.title}",
            f"We expected: {view.expected_outcome or '(nothing written)'} "
            f"— at {view.confidence}% confidence.",
            [
                ("outcome", "What happened", text_box("reviewOutcome")),
                ("verdict", "It turned out", verdicts),
                ("reviewed_on", "Reviewed on", QLineEdit(date.today().isoformat())),
            ],
            submit,
            self,
        ).exec()

    def supersede(self) -> None:
        view = self.view
        if view is None:
            return
        author = self.context.author
        before_status = view.status

        def submit(values: dict[str, Any]) -> str:
            made: dict[str, str] = {}

            def do(session: Session) -> str:
                new = decisions.supersede_decision(
                    session, view.id, author, values["title"], decision=values["decision"]
                )
                made["id"] = new.id
                return new.id

            def undo(session: Session) -> None:
                delete_record(session, Decision, made["id"])
                decisions.update_decision(session, view.id, status=before_status)

            return str(
                CallCommand(
                    self.context, "supersede decision", Changed.DECISIONS, do, undo
                ).perform()
            )

        dialog = FieldsDialog(
            "supersedeDialog",
            f"Supersede — {view.title}",
            "A new decision replaces this one; each keeps a link to the other.",
            [
                ("title", "New decision", named("supersedeTitle", QLineEdit())),
                ("decision", "What we decide now", text_box("supersedeText")),
            ],
            submit,
            self,
        )
        if dialog.exec() and dialog.result_value:
            self.context.openRequested.emit("decisions", dialog.result_value)
