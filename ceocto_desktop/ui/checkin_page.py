"""The weekly check-in: each partner answers alone; both see both once both have answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.periods import week_start
from ceocto_desktop.models import PROMPTS, RATINGS, Seat
from ceocto_desktop.services import checkins
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import week_start_day
from ceocto_desktop.ui.commands import CallCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets import ERROR_STYLE, named

MARK = "#c0392b"


@dataclass(frozen=True)
class WeekData:
    week: checkins.WeekView
    prompts: dict[str, str]
    history: list[tuple[date, int]]


def load_week(session: Session, week: date, viewer: Seat, bank: dict[str, list[str]]) -> WeekData:
    return WeekData(
        week=checkins.week_as_seen_by(session, week, viewer),
        prompts=checkins.choose_prompts(session, bank, week),
        history=checkins.answered_weeks(session, limit=104),
    )


class AnswerForm(QGroupBox):
    """Five ratings from 1 to 5 and four prompts, for the partner writing now."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        grid = QGridLayout()
        self.groups: dict[str, QButtonGroup] = {}
        for row, name in enumerate(RATINGS):
            grid.addWidget(QLabel(checkins.RATING_LABELS[name]), row, 0)
            group = QButtonGroup(self)
            for value in range(1, 6):
                button = named(f"rate_{name}_{value}", QRadioButton(str(value)))
                group.addButton(button, value)
                grid.addWidget(button, row, value)
            self.groups[name] = group
        self.prompt_labels: dict[str, QLabel] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("1 = poor … 5 = excellent"))
        layout.addLayout(grid)
        for name in PROMPTS:
            label = named(f"prompt_{name}", QLabel())
            label.setWordWrap(True)
            box = named(f"answer_{name}", QPlainTextEdit())
            box.setFixedHeight(58)
            self.prompt_labels[name] = label
            self.texts[name] = box
            layout.addWidget(label)
            layout.addWidget(box)
        self.error = named("checkinError", QLabel())
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        self.submit = named("submitCheckin", QPushButton("Submit my check-in"))
        layout.addWidget(self.error)
        layout.addWidget(self.submit, 0, Qt.AlignmentFlag.AlignRight)

    def reset(self, prompts: dict[str, str]) -> None:
        for group in self.groups.values():
            group.setExclusive(False)
            for button in group.buttons():
                button.setChecked(False)
            group.setExclusive(True)
        for name, box in self.texts.items():
            box.clear()
            self.prompt_labels[name].setText(f"<b>{prompts[name]}</b>")
        self.error.hide()

    def ratings(self) -> dict[str, int]:
        return {n: g.checkedId() for n, g in self.groups.items() if g.checkedId() > 0}


class CheckinPage(QWidget):
    title = "Check-in"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checkinPage")
        self.context = context
        self.bank = checkins.load_question_bank()
        self.week = context.read(checkins.current_week)
        self.data: WeekData | None = None

        self.heading = named("checkinWeek", QLabel())
        previous = named("previousWeek", QPushButton("◀ Earlier week"))
        previous.clicked.connect(lambda: self.show_week(self.week - timedelta(days=7)))
        self.next = named("nextWeek", QPushButton("Later week ▶"))
        self.next.clicked.connect(lambda: self.show_week(self.week + timedelta(days=7)))
        this_week = named("thisWeek", QPushButton("This week"))
        this_week.clicked.connect(lambda: self.show_week(self.context.read(checkins.current_week)))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(previous)
        top.addWidget(this_week)
        top.addWidget(self.next)
        self.status = named("checkinStatus", QLabel())
        self.status.setWordWrap(True)
        self.form = AnswerForm()
        self.form.submit.clicked.connect(self.submit)
        self.answers = named("checkinAnswers", QLabel())
        self.answers.setWordWrap(True)
        self.answers.setTextFormat(Qt.TextFormat.RichText)
        self.history = named("checkinHistory", QListWidget())
        self.history.setMaximumWidth(260)
        self.history.itemClicked.connect(
            lambda item: self.show_week(item.data(Qt.ItemDataRole.UserRole))
        )
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(top)
        column.addWidget(self.status)
        column.addWidget(self.form)
        column.addWidget(self.answers)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        side = QVBoxLayout()
        side.addWidget(QLabel("<b>Past weeks</b>"))
        side.addWidget(self.history)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(side)
        context.changed.connect(self._journal_changed)
        context.authorChanged.connect(lambda _seat: self.refresh())
        self.refresh()

    def _journal_changed(self, what: str) -> None:
        if what == "checkins" and self.isVisible():  # hidden, it catches up in showEvent
            self.refresh()

    def show_week(self, week: date) -> None:
        self.week = week_start(week, self.context.read(week_start_day))
        self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()  # what changed meanwhile, in another window or from the shell

    def refresh(self) -> None:
        me = self.context.author
        other = me.other
        data = self.context.read(lambda s: load_week(s, self.week, me, self.bank))
        self.data = data
        current = self.context.read(checkins.current_week)
        self.next.setEnabled(self.week < current)
        late = " (late entry)" if self.week < current else ""
        self.heading.setText(f"<h2>Week of {self.week:%d %B %Y}{late}</h2>")
        answered = data.week.answered
        names = {seat: first_name(self.context, seat) for seat in Seat}
        if len(answered) == 2:
            self.status.setText("<b>Done by both.</b> Here is how you each saw the week.")
        elif answered:
            (who,) = answered
            self.status.setText(
                f"<b>{names[who]} has answered;</b> waiting for {names[who.other]}."
            )
        else:
            self.status.setText("Nobody has answered this week yet.")
        mine = me in answered
        self.form.setVisible(not mine)
        if not mine:
            self.form.setTitle(
                f"{names[me]}'s answers — {names[other]} will not see them until "
                f"both of you have answered"
            )
            self.form.reset(data.prompts)
        self.answers.setVisible(mine)
        if mine:
            self.answers.setText(self._answers_html(data.week, me, names))
        self._fill_history(data.history, names)

    def _answers_html(self, week: checkins.WeekView, me: Seat, names: dict[Seat, str]) -> str:
        seats = [Seat.A, Seat.B]
        both = week.complete
        rows = []
        for name in RATINGS:
            values = {s: week.answers[s].ratings()[name] for s in seats if s in week.answers}
            gap = abs(values[Seat.A] - values[Seat.B]) if both else 0
            marked = f" style='color:{MARK}; font-weight:bold'" if gap >= 2 else ""
            cells = "".join(f"<td align='center'{marked}>{values.get(s, '—')}</td>" for s in seats)
            flag = f"<td{marked}>differ by {gap}</td>" if gap >= 1 else "<td></td>"
            rows.append(f"<tr><td>{checkins.RATING_LABELS[name]}</td>{cells}{flag}</tr>")
        for name in PROMPTS:
            cells = ""
            for seat in seats:
                answer = week.answers.get(seat)
                if answer is None:
                    text = f"<i>hidden until {names[seat]} answers</i>"
                else:
                    prompt = getattr(answer, f"{name}_prompt") or checkins.PROMPT_LABELS[name]
                    text = f"<i>{prompt}</i><br>{getattr(answer, name) or '—'}"
                cells += f"<td valign='top'>{text}</td>"
            rows.append(
                f"<tr><td valign='top'>{checkins.PROMPT_LABELS[name]}</td>{cells}<td></td></tr>"
            )
        header = "".join(f"<th>{names[s]}</th>" for s in seats)
        note = (
            ""
            if both
            else (f"<p>{names[me.other]}'s answers are hidden until {names[me.other]} answers.</p>")
        )
        return (
            f"{note}<table cellspacing='0' cellpadding='6' border='1'>"
            f"<tr><th></th>{header}<th></th></tr>{''.join(rows)}</table>"
        )

    def _fill_history(self, history: list[tuple[date, int]], names: dict[Seat, str]) -> None:
        self.history.clear()
        for week, count in history:
            state = "both answered" if count == 2 else "one answer"
            item = QListWidgetItem(f"{week:%d %b %Y} — {state}")
            item.setData(Qt.ItemDataRole.UserRole, week)
            self.history.addItem(item)
        if not history:
            self.history.addItem("No check-ins yet")

    def submit(self) -> None:
        if self.data is None:
            return
        ratings = self.form.ratings()
        missing = [n for n in RATINGS if n not in ratings]
        if missing:
            self.form.error.setText(
                f"Rate {checkins.RATING_LABELS[missing[0]].lower()} from 1 to 5."
            )
            self.form.error.show()
            return
        texts = {name: box.toPlainText() for name, box in self.form.texts.items()}
        prompts = dict(self.data.prompts)
        week, seat = self.week, self.context.author
        try:
            CallCommand(
                self.context,
                "submit check-in",
                "checkins",
                lambda s: checkins.submit_answers(s, week, seat, ratings, texts, prompts),
                lambda s: checkins.delete_answers(s, week, seat),
            ).perform()
        except (ValidationError, WriteFailed) as exc:
            self.form.error.setText(str(exc))
            self.form.error.show()
