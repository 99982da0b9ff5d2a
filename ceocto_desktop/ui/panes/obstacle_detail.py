"""One obstacle: its fields, resolving (blameless for a setback), reopening, history, goals."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QGroupBox,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ceocto_desktop.analytics.formats import optional_day
from ceocto_desktop.models import (
    Obstacle,
    ObstacleCategory,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Seat,
    Severity,
)
from ceocto_desktop.reports.wording import count
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.common import parse_date
from ceocto_desktop.services.records import obstacles
from ceocto_desktop.ui.commands import EditCommand, SnapshotCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.dialogs.dialogs import FieldsDialog, text_box
from ceocto_desktop.ui.labels import first_name, owner_labels
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


def obstacle_values(view: obstacles.ObstacleView) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": view.title,
        "description": view.description,
        "kind": view.kind.value,
        "category": view.category.value,
        "severity": view.severity.value,
        "owner": view.owner.value,
        "raised_by": view.raised_by.value,
        "opened_on": view.opened_on.isoformat(),
        "lesson": view.lesson,
        "covered_by": view.covered_by,
    }
    return values


class ObstacleDetail(DetailPane):
    table = "obstacles"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(context, parent)
        self.view: obstacles.ObstacleView | None = None
        self.form = RecordForm(
            context,
            Changed.OBSTACLES,
            "obstacle",
            lambda s, record_id, values: obstacles.update_obstacle(s, record_id, **values),
        )
        self.form.add("title", "&Title", TitleEdit(), heading=True)
        description = QPlainTextEdit()
        grow_with_content(description, min_lines=3)
        self.form.add("description", "What happened", description)
        self.form.add("kind", "Kind", enum_combo("obstacle_kind", ObstacleKind), chip=True)
        self.form.add(
            "category", "Category", enum_combo("obstacle_category", ObstacleCategory), chip=True
        )
        self.form.add("severity", "Severity", enum_combo("obstacle_severity", Severity), chip=True)
        self.form.add(
            "owner", "Owner", enum_combo("obstacle_owner", Owner, owner_labels(context)), chip=True
        )
        seats = {seat: first_name(context, seat) for seat in Seat}
        self.form.add(
            "raised_by", "Raised by", enum_combo("obstacle_raised_by", Seat, seats), chip=True
        )
        self.form.add("opened_on", "Opened", DateField(), chip=True)
        lesson = QPlainTextEdit()
        grow_with_content(lesson)
        self.form.add("lesson", "What we learned", lesson)
        covered = QPlainTextEdit()
        grow_with_content(covered)
        self.form.add("covered_by", "How we covered", covered)
        self.form.edited.connect(self._refresh_kind)
        history_box = self._make_status()
        self.links = GoalLinks(
            context,
            "obstacle",
            Changed.OBSTACLES,
            obstacles.link_obstacle_goal,
            obstacles.unlink_obstacle_goal,
        )
        self.lay_out(
            "Select an obstacle, or press Ctrl+N to raise one.",
            (self.form, history_box, self.links),
        )

    def _make_status(self) -> QGroupBox:
        """Where the obstacle stands, the buttons that move it, and its history."""
        self.state = state_label("obstacleState")
        # Status moves by these buttons alone: one way to work on, resolve or reopen.
        self.work_button = named("obstacleWorkOn", QPushButton("Start work"))
        self.work_button.setToolTip("Mark it in progress, or back to open")
        self.work_button.clicked.connect(self.toggle_in_progress)
        self.resolve_button = named("resolveObstacle", QPushButton("Resolve…"))
        self.resolve_button.clicked.connect(self.resolve)
        self.reopen_button = named("reopenObstacle", QPushButton("Reopen…"))
        self.reopen_button.clicked.connect(self.reopen)
        self.history = history_list("obstacleHistory", min_height=32)
        return status_box(
            "Status and history",
            self.state,
            (self.work_button, self.resolve_button, self.reopen_button),
            (self.history,),
        )

    def show_record(self, record_id: str | None) -> None:
        view = self.fetch(record_id, obstacles.get_obstacle)
        self.view = view
        if view is None:
            return
        self.form.load(view.id, obstacle_values(view))
        closed = view.status.is_closed
        self.work_button.setVisible(not closed)
        working = view.status is ObstacleStatus.IN_PROGRESS
        self.work_button.setText("Back to open" if working else "Start work")
        self.resolve_button.setEnabled(not closed)
        self.resolve_button.setVisible(not closed)
        self.reopen_button.setEnabled(closed)
        self.reopen_button.setVisible(closed)
        if closed:
            self.state.setText(
                f"<b>{view.status.value.capitalize()}</b> "
                f"on {optional_day(view.resolved_on)} after "
                f"{count(view.days_open(), 'day')}: {view.resolution}"
            )
        else:
            self.state.setText(
                f"<b>{view.status.value.capitalize()}</b> for {count(view.days_open(), 'day')}"
            )
        self.history.clear()
        for event in reversed(view.events):
            who = first_name(self.context, event.author)
            text = f"{who} · {event.kind.value}"
            add_entry(self.history, event.on_date, f"{text}: {event.text}" if event.text else text)
        self.links.show_links(view.id, view.goal_ids, view.goal_titles)
        self._refresh_kind()

    def _refresh_kind(self) -> None:
        combo = self.form.widget("kind")
        setback = isinstance(combo, QComboBox) and combo.currentData() == ObstacleKind.SETBACK.value
        for name in ("lesson", "covered_by"):
            holder = self.form.widget(name).parentWidget()
            if holder is not None:
                self.form.layout_.setRowVisible(holder, setback)

    def toggle_in_progress(self) -> None:
        """Open ⇄ in progress, undoably; closing goes through Resolve… only."""
        view = self.view
        if view is None or view.status.is_closed:
            return
        after = (
            ObstacleStatus.OPEN
            if view.status is ObstacleStatus.IN_PROGRESS
            else ObstacleStatus.IN_PROGRESS
        )
        try:
            EditCommand(
                self.context,
                "obstacle status",
                Changed.OBSTACLES,
                lambda s, values: obstacles.update_obstacle(s, view.id, **values),
                {"status": view.status.value},
                {"status": after.value},
                view.id,
            ).perform()
        except WriteFailed:
            return
        self.show_record(view.id)

    def resolve(self) -> None:
        view = self.view
        if view is None:
            return
        author = self.context.author
        setback = view.kind is ObstacleKind.SETBACK
        fields: list[tuple[str, str, QWidget]] = [
            ("resolution", "How it was resolved", text_box("resolution")),
            ("accepted", "", QCheckBox("We accept it as it is (not solved)")),
            ("resolved_on", "On", QLineEdit(date.today().isoformat())),
        ]
        if setback:
            lesson = text_box("lesson", "", 60)
            lesson.setPlainText(view.lesson)
            covered = text_box("covered", "", 60)
            covered.setPlainText(view.covered_by)
            fields += [
                ("lesson", "What we learned", lesson),
                ("covered_by", "How we covered for each other", covered),
            ]

        def submit(values: dict[str, Any]) -> None:
            on = parse_date(values["resolved_on"], "resolved_on")

            def work(session: Any) -> None:
                obstacles.resolve_obstacle(
                    session,
                    view.id,
                    author,
                    values["resolution"],
                    accepted=values["accepted"],
                    lesson=values.get("lesson", ""),
                    covered_by=values.get("covered_by", ""),
                    on_date=on,
                )

            SnapshotCommand(
                self.context, "resolve obstacle", Changed.OBSTACLES, Obstacle, view.id, work
            ).perform()

        intro = (
            "A setback is recorded blameless: what happened, what we learned, and how we "
            "covered for each other."
            if setback
            else ""
        )
        FieldsDialog("resolveDialog", f"Resolve — {view.title}", intro, fields, submit, self).exec()

    def reopen(self) -> None:
        view = self.view
        if view is None:
            return
        author = self.context.author

        def submit(values: dict[str, Any]) -> None:
            SnapshotCommand(
                self.context,
                "reopen obstacle",
                Changed.OBSTACLES,
                Obstacle,
                view.id,
                lambda s: obstacles.reopen_obstacle(s, view.id, author, values["reason"]),
            ).perform()

        FieldsDialog(
            "reopenDialog",
            f"Reopen — {view.title}",
            "The earlier resolution stays in the history.",
            [("reason", "Why it is back", text_box("reason"))],
            submit,
            self,
        ).exec()
