"""Board meetings and the review of goals before each: what moved, what is at risk, the ask."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.models import BoardMeeting
from ceocto_desktop.reports.board import build_board_brief, due_line
from ceocto_desktop.reports.wording import movement, status_movement
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.review import board
from ceocto_desktop.services.review.board_review import BoardReview, board_review, how_many
from ceocto_desktop.ui.commands import CallCommand, CreateCommand, DeleteCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.dialogs.export_flow import export_report
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.panes.forms import RecordForm
from ceocto_desktop.ui.widgets.basic import named, primary
from ceocto_desktop.ui.widgets.empty_state import EmptyState
from ceocto_desktop.ui.widgets.grow import grow_with_content
from ceocto_desktop.ui.widgets.stacked_rows import StackWhenNarrow

HEADERS = (
    "Reviewed",
    "Goal",
    "Progress (then → now)",
    "Change",
    "Status",
    "Weakest key result",
    "Open obstacles",
)


class BoardPage(JournalPage):
    title = "Board review"
    depends_on = Changed.BOARD | Changed.GOALS | Changed.DECISIONS | Changed.OBSTACLES

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("boardPage")
        self.context = context
        self.meeting_id: str | None = None
        self.review: BoardReview | None = None
        left = self._make_meetings()
        right = self._make_review()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(right)
        split = QSplitter()
        split.addWidget(left)
        split.addWidget(scroll)
        split.setSizes([220, 900])
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.watch_journal(context)

    def _make_meetings(self) -> QWidget:
        """The list of meetings with New and Delete below it."""
        self.meetings = named("meetingList", QListWidget())
        self.meetings.setWordWrap(True)
        self.meetings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.meetings.setResizeMode(QListWidget.ResizeMode.Adjust)
        self.meetings.currentItemChanged.connect(lambda item, _old: self._chosen(item))
        new = named("newMeeting", QPushButton("New meeting"))
        new.clicked.connect(self.new_meeting)
        delete = named("deleteMeeting", QPushButton("Delete"))
        delete.clicked.connect(self.delete_meeting)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addWidget(QLabel("<b>Board meetings</b>"))
        left_layout.addWidget(self.meetings, 1)
        buttons = QHBoxLayout()
        buttons.addWidget(new)
        buttons.addWidget(delete)
        left_layout.addLayout(buttons)
        return left

    def _make_review(self) -> QWidget:
        """The chosen meeting: its form, its goals then and now, decisions, Export."""
        self.form = RecordForm(
            self.context,
            Changed.BOARD,
            "meeting",
            lambda s, meeting_id, values: board.update_meeting(s, meeting_id, **values),
        )
        self.form.add("held_on", "Date", QLineEdit())
        self.form.add("title", "Title", QLineEdit())
        for field, label in (("ask_of_board", "What we ask of the board"), ("notes", "Notes")):
            box = QPlainTextEdit()
            grow_with_content(box)
            self.form.add(field, label, box)
        self.goals = named("boardGoals", QTableWidget(0, len(HEADERS)))
        # Column widths from the first rows only: measuring thousands of rows took seconds.
        self.goals.horizontalHeader().setResizeContentsPrecision(60)
        self.goals.setHorizontalHeaderLabels(HEADERS)
        self.goals.verticalHeader().hide()
        # Side by side when the columns fit, stacked rows when not; as tall as its rows.
        self.goals_fit = StackWhenNarrow(self.goals, 1, range(2, len(HEADERS)))
        grow_with_content(self.goals, min_height=60)
        self.goals.itemChanged.connect(self._ticked)
        self.since = named("boardSince", QLabel())
        self.decided = named("boardDecided", QLabel())
        self.decided.setWordWrap(True)
        self.due = named("boardDue", QLabel())
        self.due.setWordWrap(True)
        export = primary(named("exportBrief", QPushButton("Export board brief…")))
        export.clicked.connect(self.export)
        self.empty = EmptyState("board")
        self.empty.say(
            "No board meeting yet",
            "Before each board meeting, review your goals here: what moved since the last "
            "one, what is at risk, what you ask of the board; then export a brief to print.",
            "Plan the first board meeting",
            self.new_meeting,
        )
        right = QWidget()
        column = QVBoxLayout(right)
        column.addWidget(self.empty)
        column.addWidget(self.form)
        column.addWidget(self.since)
        column.addWidget(self.goals)
        column.addWidget(self.decided)
        column.addWidget(self.due)
        column.addWidget(export, 0, Qt.AlignmentFlag.AlignRight)
        column.addStretch()
        self.sections = (self.form, self.since, self.goals, self.decided, self.due, export)
        return right

    def refresh(self) -> None:
        meetings = self.context.read(board.list_meetings)
        keep = self.meeting_id
        self.meetings.blockSignals(True)
        self.meetings.clear()
        for meeting in meetings:
            item = QListWidgetItem(f"{day_text(meeting.held_on)} — {meeting.title}")
            item.setData(Qt.ItemDataRole.UserRole, meeting.id)
            self.meetings.addItem(item)
        self.meetings.blockSignals(False)
        ids = [m.id for m in meetings]
        if keep not in ids:
            upcoming = [m for m in meetings if m.held_on >= date.today()]
            keep = (upcoming[-1] if upcoming else meetings[0]).id if meetings else None
        if keep is not None:
            # Selecting the row quietly: the review is read once, just below.
            self.meetings.blockSignals(True)
            self.meetings.setCurrentRow(ids.index(keep))
            self.meetings.blockSignals(False)
        self.show_meeting(keep)

    def _chosen(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self.form.flush()
            self.show_meeting(item.data(Qt.ItemDataRole.UserRole))

    def show_meeting(self, meeting_id: str | None) -> None:
        self.meeting_id = meeting_id
        self.empty.setVisible(meeting_id is None and self.meetings.count() == 0)
        for section in self.sections:
            section.setVisible(meeting_id is not None)
        if meeting_id is None:
            self.form.load(None, {})
            return
        meeting = next(m for m in self.context.read(board.list_meetings) if m.id == meeting_id)
        self.form.load(
            meeting_id,
            {
                "held_on": meeting.held_on.isoformat(),
                "title": meeting.title,
                "ask_of_board": meeting.ask_of_board,
                "notes": meeting.notes,
            },
        )
        review = self.context.read(lambda s: board_review(s, meeting.held_on))
        self.review = review
        previous = review.previous
        self.since.setText(
            f"<b>What moved since the previous meeting ({day_text(previous.held_on)})</b>"
            if previous
            else "<b>The first board meeting</b>: progress so far"
        )
        self._show_goals(review)
        self._show_decisions(review)

    def _show_goals(self, review: BoardReview) -> None:
        """A row a goal: ticked once reviewed, what moved, its weakest result, its blockers."""
        self.goals.blockSignals(True)
        self.goals.setRowCount(len(review.goals))
        for row, goal in enumerate(review.goals):
            change = "" if goal.change is None else f"{goal.change * 100:+.0f} pts"
            cells = (
                goal.title,
                movement(goal.progress_then, goal.progress_now, goal.is_new, goal.carried_over),
                change,
                status_movement(goal.status_then, goal.status_now, goal.is_new),
                goal.weakest_detail or goal.weakest or "—",
                "; ".join(goal.open_obstacles) or "—",
            )
            for column, text in enumerate(cells, start=1):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                self.goals.setItem(row, column, item)
            tick = QTableWidgetItem()
            tick.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
            tick.setCheckState(Qt.CheckState.Checked if goal.reviewed else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, goal.goal_id)
            self.goals.setItem(row, 0, tick)
        self.goals.blockSignals(False)
        self.goals_fit.fit()

    def _show_decisions(self, review: BoardReview) -> None:
        """The decisions taken since the previous meeting and those due for review."""
        decided = "".join(
            f"<li>{day_text(d.day)}: {escape(d.title)}</li>" for d in review.decided_since
        )
        held_on = review.meeting.held_on
        due = "".join(
            f"<li>{escape(due_line(d.title, d.day, held_on))}</li>" for d in review.due_for_review
        )
        shown = (
            f" (the latest {len(review.decided_since)} of {how_many(review.decided_count)})"
            if review.decided_count > len(review.decided_since)
            else ""
        )
        overdue = (
            f" (the {len(review.due_for_review)} most overdue of {how_many(review.due_count)})"
            if review.due_count > len(review.due_for_review)
            else ""
        )
        self.decided.setText(
            f"<b>Decisions taken since</b>{shown}<ul>{decided or '<li>None</li>'}</ul>"
        )
        self.due.setText(
            f"<b>Decisions due for review</b>{overdue}<ul>{due or '<li>None</li>'}</ul>"
        )

    def _ticked(self, item: QTableWidgetItem) -> None:
        goal_id = item.data(Qt.ItemDataRole.UserRole)
        meeting_id = self.meeting_id
        if not goal_id or meeting_id is None:
            return
        on = item.checkState() == Qt.CheckState.Checked
        try:
            CallCommand(
                self.context,
                "tick goal reviewed",
                Changed.BOARD,
                lambda s: board.set_goal_reviewed(s, meeting_id, goal_id, on),
                lambda s: board.set_goal_reviewed(s, meeting_id, goal_id, not on),
            ).perform()
        except WriteFailed:
            self.show_meeting(meeting_id)

    def new_meeting(self) -> None:
        author = self.context.author
        command = CreateCommand(
            self.context,
            "new board meeting",
            Changed.BOARD,
            BoardMeeting,
            lambda s: board.create_meeting(s, author, date.today() + timedelta(days=14)),
        )
        try:
            command.perform()
        except (ValidationError, WriteFailed):
            return
        self.meeting_id = command.record_id
        self.refresh()

    def delete_meeting(self) -> None:
        if self.meeting_id is None:
            return
        DeleteCommand(
            self.context, "delete board meeting", Changed.BOARD, BoardMeeting, self.meeting_id
        ).perform()
        self.meeting_id = None
        self.refresh()
        self.context.notice.emit("Deleted the board meeting. Ctrl+Z brings it back.")

    def flush_edits(self) -> None:
        self.form.flush()

    def export(self) -> None:
        self.flush_edits()
        if self.review is None:
            return
        held_on = self.review.meeting.held_on
        export_report(
            self, self.context, lambda s: build_board_brief(s, held_on), f"board-brief-{held_on}"
        )
