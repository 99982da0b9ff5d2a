"""The weekly check-in: each partner answers alone; both see both once both have answered."""

from __future__ import annotations

import contextlib
from datetime import date, timedelta
from html import escape
from typing import Any

from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QPalette, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import moment_text, week_text
from ceocto_desktop.analytics.periods import week_start
from ceocto_desktop.models import PROMPTS, RATINGS, CheckInAnswer, Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.page_data import WeekData, load_week
from ceocto_desktop.services.partners import week_start_day
from ceocto_desktop.services.weekly import checkins, drafts
from ceocto_desktop.ui.commands import CallCommand, SnapshotCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.draft_keeper import DraftKeeper, Payload
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.labels import day_text, first_name
from ceocto_desktop.ui.pages.agenda_panel import AgendaPanel, TalkingPoints
from ceocto_desktop.ui.panes.checkin_form import AnswerForm
from ceocto_desktop.ui.panes.checkin_reveal import answers_html
from ceocto_desktop.ui.widgets.basic import named


def submitted_payload(answer: checkins.AnswerView) -> Payload:
    """Submitted answers as the form (and a draft) holds them."""
    return {
        "ratings": answer.ratings(),
        "texts": {name: getattr(answer, name) for name in PROMPTS},
    }


def amendment_text(amendment: checkins.AmendmentView, names: dict[Seat, str]) -> str:
    """One amendment as a line: "amended 14:02: cooperation 3 → 4"."""
    when = amendment.created_at.astimezone()
    label = checkins.RATING_LABELS.get(amendment.field) or checkins.PROMPT_LABELS[amendment.field]
    label = label.split(" (")[0].lower()
    if amendment.field in RATINGS:
        change = f"{amendment.value_before} → {amendment.value_after}"
    else:
        before = amendment.value_before or "—"
        change = f"“{_clip(before)}” → “{_clip(amendment.value_after or '—')}”"
    return f"{names[amendment.seat]} amended {moment_text(when)}: {label} {change}"


def _clip(text: str, length: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= length else line[: length - 1] + "…"


PRIVACY_TIP_KEY = "tips/checkinPrivacySeen"


def with_missed_weeks(
    history: list[tuple[date, frozenset[Seat]]], last_week: date
) -> list[tuple[date, frozenset[Seat]]]:
    """The weeks answered, newest first, with the weeks up to last_week nobody answered."""
    if not history:
        return []
    answered = dict(history)
    newest, oldest = max(max(answered), last_week), min(answered)
    weeks = []
    week = newest
    while week >= oldest:
        weeks.append((week, answered.get(week, frozenset())))
        week -= timedelta(days=7)
    return weeks


def past_week_state(missing: list[str]) -> str:
    """A past week in a few words: both, one missing, or missed."""
    if not missing:
        return "both answered"
    if len(missing) == 2:
        return "missed"
    return f"{missing[0]} missing"


class CheckinPage(JournalPage):
    depends_on = Changed.CHECKINS | Changed.PINS | Changed.COMMITMENTS

    title = "Check-in"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("checkinPage")
        self.context = context
        self.bank = checkins.load_question_bank()
        self.week = context.read(checkins.current_week)
        self.data: WeekData | None = None
        # Whose words the form shows, for which week, under which draft key (None: hidden).
        self.form_owner: tuple[Seat, date, str] | None = None
        self.editing: tuple[Seat, date] | None = None  # "Edit my answers" was chosen
        top, previous = self._make_week_bar()
        self._make_answers()
        self._make_history()
        self._lay_out(top)
        self._keys(previous)
        self.watch_journal(context)
        context.authorChanged.connect(self._author_changed)
        # No refresh here: the first show loads the week (watch_journal marked it stale).

    def _make_week_bar(self) -> tuple[QHBoxLayout, QPushButton]:
        """The week's heading with Earlier, This week and Later beside it."""
        self.heading = named("checkinWeek", QLabel())
        self.heading.setWordWrap(True)
        self.heading.setMinimumWidth(120)
        previous = named("previousWeek", QPushButton("◀ Earlier week"))
        previous.setToolTip("The week before (Alt+Left)")
        previous.clicked.connect(lambda: self.show_week(self.week - timedelta(days=7)))
        self.next = named("nextWeek", QPushButton("Later week ▶"))
        self.next.setToolTip("The week after (Alt+Right)")
        self.next.clicked.connect(lambda: self.show_week(self.week + timedelta(days=7)))
        this_week = named("thisWeek", QPushButton("This week"))
        this_week.clicked.connect(lambda: self.show_week(self.context.read(checkins.current_week)))
        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(previous)
        top.addWidget(this_week)
        top.addWidget(self.next)
        return top, previous

    def _make_answers(self) -> None:
        """Who has answered, the privacy tip, the form (kept as a draft), the answers shown."""
        self.status = named("checkinStatus", QLabel())
        self.status.setWordWrap(True)
        self.privacy_hint = named("privacyHint", QLabel())
        self.privacy_hint.setWordWrap(True)
        self.privacy_hint.setProperty("role", "muted")
        self.privacy_hint.setTextFormat(Qt.TextFormat.RichText)
        self.privacy_hint.linkActivated.connect(self._privacy_link)
        self.form = AnswerForm()
        self.form.submit.clicked.connect(self.submit)
        self.form.cancel.clicked.connect(self.cancel_edit)
        self.drafts = DraftKeeper(self.context, self._shown_draft, self._describe_draft, self)
        self.form.typed.connect(self.drafts.changed)
        self.form.picked.connect(self._picked)
        self.form.left.connect(self.drafts.flush)
        self.drafts.stateChanged.connect(self.form.show_draft_state)
        self.answers = named("checkinAnswers", QLabel())
        self.answers.setWordWrap(True)
        # A rich-text table asks for its widest line; let the page's width decide instead.
        self.answers.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.answers.setTextFormat(Qt.TextFormat.RichText)
        self.edit_button = named("editCheckin", QPushButton("Edit my answers"))
        self.edit_button.clicked.connect(self.start_edit)
        self.amendments = named("checkinAmendments", QLabel())
        self.amendments.setWordWrap(True)
        self.amendments.setTextFormat(Qt.TextFormat.RichText)

    def _make_history(self) -> None:
        """The past weeks, one line each, a click shows the week."""
        self.history = named("checkinHistory", QListWidget())
        # As wide as its longest line at the desktop's font: one line a week, never cut.
        widest = self.history.fontMetrics().horizontalAdvance("30 Sep 2026 · Priya missing")
        self.history.setFixedWidth(max(200, widest + 40))
        self.history.setSpacing(2)
        self.history.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.history.itemClicked.connect(
            lambda item: self.show_week(item.data(Qt.ItemDataRole.UserRole))
        )

    def _lay_out(self, top: QHBoxLayout) -> None:
        """The week in a scrolling column, the past weeks beside it."""
        body = QWidget()
        column = QVBoxLayout(body)
        column.addLayout(top)
        column.addWidget(self.status)
        column.addWidget(self.privacy_hint)
        column.addWidget(self.form)
        column.addWidget(self.answers)
        column.addWidget(self.amendments)
        column.addWidget(self.edit_button, 0, Qt.AlignmentFlag.AlignRight)
        self.sync = AgendaPanel(self.context)
        column.addWidget(self.sync)
        self.points = TalkingPoints(self.context)
        column.addWidget(self.points)
        column.addStretch()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        # The page fits the width it is given (1024 px too): text wraps, nothing scrolls sideways.
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(body)
        side = QVBoxLayout()
        side.addWidget(named("pastWeeksHeading", QLabel("<b>Past weeks</b>")))
        side.addWidget(self.history)
        layout = QHBoxLayout(self)
        layout.addWidget(scroll, 1)
        layout.addLayout(side)

    def _author_changed(self, _seat: Seat) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.stale = True

    def _keys(self, previous: QPushButton) -> None:
        """Ctrl+Enter submits; Alt+Left and Alt+Right walk the weeks."""
        for keys, slot, what in (
            ("Ctrl+Return", self._submit_key, "Submit the check-in"),
            ("Ctrl+Enter", self._submit_key, "Submit the check-in"),
            ("Alt+Left", previous.click, "The week before"),
            ("Alt+Right", self.next.click, "The week after"),
        ):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setWhatsThis(what)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    def _submit_key(self) -> None:
        if self.form.isVisible() and self.form.submit.isEnabled():
            self.form.submit.click()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Arriving on the page: the cursor on the first rating, ready for 1–5.
        if self.form.isVisible():
            QTimer.singleShot(0, self.form.focus_first_rating)

    # Drafts ------------------------------------------------------------------------------------
    def _shown_draft(self) -> tuple[Seat, str, Payload] | None:
        if self.form_owner is None:
            return None
        seat, _week, key = self.form_owner
        return seat, key, self.form.payload()

    def _describe_draft(self, key: str, payload: Payload) -> str:
        kind, _, day = key.partition(":")
        heading = "Check-in" if kind == "checkin" else "Changes to my check-in"
        lines = [f"--- {heading}, {week_text(date.fromisoformat(day))} ---"]
        ratings = payload.get("ratings") or {}
        lines += [f"{checkins.RATING_LABELS[n]}: {v}" for n, v in ratings.items()]
        for name, text in (payload.get("texts") or {}).items():
            if text.strip():
                lines.append(f"{checkins.PROMPT_LABELS[name]}:\n{text}")
        return "\n".join(lines)

    def _picked(self) -> None:
        self.drafts.changed()
        self.drafts.flush()  # a click is a finished edit: keep it now

    def flush_edits(self) -> None:
        """Keep what is typed as a draft now (on closing, on leaving the page)."""
        self.drafts.flush()

    def hideEvent(self, event: QHideEvent) -> None:
        self.drafts.flush()
        super().hideEvent(event)

    # Showing -----------------------------------------------------------------------------------
    def show_week(self, week: date) -> None:
        self.week = week_start(week, self.context.read(week_start_day))
        self.refresh()

    def refresh(self) -> None:
        self.drafts.flush()  # the words shown so far stay with their partner and week
        me = self.context.author
        data = self.context.read(lambda s: load_week(s, self.week, me, self.bank))
        self.data = data
        current = self.context.read(checkins.current_week)
        self.next.setEnabled(self.week < current)
        late = " (late entry)" if self.week < current else ""
        self.heading.setText(f"<h2>Week of {day_text(self.week)}{late}</h2>")
        answered = data.week.answered
        names = {seat: first_name(self.context, seat) for seat in Seat}
        self._show_status(answered, names)
        mine = me in answered
        self._show_privacy_hint(me, names[me], data.week.complete)
        editing = self._show_form(data, me, mine, names)
        self.answers.setVisible(mine and not editing)
        self.edit_button.setVisible(mine and not editing)
        if mine:
            amended = {(a.seat, a.field) for a in data.amendments}
            self.answers.setText(self._answers_html(data.week, me, names, amended))
        lines = [escape(amendment_text(a, names)) for a in data.amendments]
        self.amendments.setVisible(bool(lines))
        self.amendments.setText(
            "<b>Changed after both had answered</b><br>"
            + "<br>".join(f"<i>{line}</i>" for line in lines)
        )
        self._fill_history(data.history, names)
        self.sync.show_week(self.week, data.week.complete and not editing)
        self.points.show_week(self.week, bool(self.sync.rows))

    def _show_status(self, answered: Any, names: dict[Seat, str]) -> None:
        """Who has answered the week, and who is awaited."""
        if len(answered) == 2:
            self.status.setText("<b>Done by both.</b> Here is how you each saw the week.")
        elif answered:
            (who,) = answered
            self.status.setText(
                f"<b>{names[who]} has answered;</b> waiting for {names[who.other]}."
            )
        else:
            self.status.setText("Nobody has answered this week yet.")

    def _show_form(self, data: WeekData, me: Seat, mine: bool, names: dict[Seat, str]) -> bool:
        """The form for my answers (or my changes to them), filled from my draft; whether
        I am changing answers already submitted."""
        other = me.other
        edit_key = drafts.checkin_edit_key(self.week)
        edit_draft = self.drafts.load(me, edit_key) if mine else None
        editing = mine and (self.editing == (me, self.week) or edit_draft is not None)
        self.form.setVisible(not mine or editing)
        self.form.cancel.setVisible(editing)
        if not mine:
            key = drafts.checkin_key(self.week)
            self.form.setTitle(f"{names[me]}'s answers")
            self.form.note.setText(
                f"{names[other]} will not see them until both of you have answered. "
                "They are kept as your private draft as you type."
            )
            self.form.submit.setText("Submit my check-in")
            draft = self.drafts.load(me, key)
            self.form.fill(draft or {}, data.prompts)
            if draft:
                self.form.show_draft_state(
                    "Your draft — only you can see it until you submit.", False
                )
            self.form_owner = (me, self.week, key)
        elif editing:
            both = data.week.complete
            self.form.setTitle(f"Changing {names[me]}'s answers")
            self.form.note.setText(
                "Both of you have answered, so each change is kept and shown as an amendment."
                if both
                else f"{names[other]} has not answered yet, so your answers change in place."
            )
            self.form.submit.setText("Amend my answers" if both else "Save my changes")
            self.form.fill(edit_draft or submitted_payload(data.week.answers[me]), data.prompts)
            self.form_owner = (me, self.week, edit_key)
        else:
            self.form_owner = None
        return editing

    def _show_privacy_hint(self, me: Seat, name: str, revealed: bool) -> None:
        # Blind only holds at one laptop if a PIN guards the switch: a tip, said once (until
        # "Got it"), not a banner over every week.
        seen = QSettings().value(PRIVACY_TIP_KEY, False) in (True, "true")
        open_words = not revealed and not self.context.read(lambda s: pins.has_pin(s, me))
        self.privacy_hint.setVisible(open_words and not seen)
        self.privacy_hint.setText(
            f"Tip: anyone at this laptop can switch to {name} and see {name}'s unrevealed "
            "answers. <a href='settings'>Set PINs in Settings</a> (Ctrl+,) · "
            "<a href='dismiss'>Got it</a>"
        )

    def _privacy_link(self, link: str) -> None:
        QSettings().setValue(PRIVACY_TIP_KEY, True)
        self.privacy_hint.hide()
        if link == "settings":
            action = self.window().findChild(QAction, "settingsAction")
            if action is not None:
                action.trigger()

    def _answers_html(
        self,
        week: checkins.WeekView,
        me: Seat,
        names: dict[Seat, str],
        amended: set[tuple[Seat, str]],
    ) -> str:
        return answers_html(week, me, names, amended)

    def _fill_history(
        self, history: list[tuple[date, frozenset[Seat]]], names: dict[Seat, str]
    ) -> None:
        self.history.clear()
        last_week = self.context.read(checkins.current_week) - timedelta(days=7)
        for week, who in with_missed_weeks(history, last_week):
            missing = [names[s] for s in Seat if s not in who]
            state = past_week_state(missing)
            item = QListWidgetItem(f"{day_text(week)} · {state}")
            item.setData(Qt.ItemDataRole.UserRole, week)
            item.setToolTip(f"Week of {day_text(week)}: {state}")
            if missing:
                item.setForeground(self.palette().color(QPalette.ColorRole.PlaceholderText))
            self.history.addItem(item)
            if week == self.week:
                self.history.setCurrentItem(item)
        if not history:
            self.history.addItem("No check-ins yet")

    def _chosen_answers(self) -> tuple[dict[str, int], dict[str, str]] | None:
        """The form's ratings and texts, or None (with the reason shown) when one is missing."""
        ratings = self.form.ratings()
        missing = [n for n in RATINGS if n not in ratings]
        if missing:
            self.form.error.setText(
                f"Rate {checkins.RATING_LABELS[missing[0]].lower()} from 1 to 5."
            )
            self.form.error.show()
            return None
        return ratings, self.form.answer_texts()

    def submit(self) -> None:
        if self.data is None or self.form_owner is None:
            return
        chosen = self._chosen_answers()
        if chosen is None:
            return
        if self.form_owner[2].startswith("checkin-edit:"):
            self._save_edit(*chosen)
            return
        ratings, texts = chosen
        prompts = dict(self.data.prompts)
        seat, week, key = self.form_owner
        payload = self.form.payload()

        def do(session: Session) -> Any:
            drafts.discard_draft(session, seat, key)
            return checkins.submit_answers(session, week, seat, ratings, texts, prompts)

        def undo(session: Session) -> None:
            # Undoing a submit gives the words back as the draft they were, not an empty form.
            checkins.delete_answers(session, week, seat)
            drafts.save_draft(session, seat, key, payload)

        self.drafts.flush()
        try:
            CallCommand(self.context, "submit check-in", Changed.CHECKINS, do, undo).perform()
        except (ValidationError, WriteFailed) as exc:
            self.form.error.setText(str(exc))
            self.form.error.show()
            return
        self.drafts.drop(seat, key)

    def start_edit(self) -> None:
        """Show my submitted answers in the form, to change them."""
        self.editing = (self.context.author, self.week)
        self.refresh()
        self.form.texts[PROMPTS[0]].setFocus()

    def cancel_edit(self) -> None:
        """Leave my answers as submitted and forget the changes typed."""
        if self.form_owner is None:
            return
        seat, _week, key = self.form_owner
        self.drafts.drop(seat, key)
        # If refused, the status bar says so; the draft comes back next time, harmlessly.
        with contextlib.suppress(WriteFailed):
            self.context.write_draft(lambda s: drafts.discard_draft(s, seat, key))
        self.editing = None
        self.form_owner = None  # nothing to keep from the form any more
        self.refresh()

    def _save_edit(self, ratings: dict[str, int], texts: dict[str, str]) -> None:
        assert self.form_owner is not None and self.data is not None
        seat, week, key = self.form_owner
        answer_id = self.data.week.answers[seat].id

        def do(session: Session) -> Any:
            drafts.discard_draft(session, seat, key)
            return checkins.revise_answers(session, week, seat, ratings, texts)

        self.drafts.flush()
        command = SnapshotCommand(
            self.context, "change check-in answers", Changed.CHECKINS, CheckInAnswer, answer_id, do
        )
        try:
            command.perform()
        except (ValidationError, WriteFailed) as exc:
            self.form.error.setText(str(exc))
            self.form.error.show()
            return
        self.drafts.drop(seat, key)
        self.editing = None
        self.form_owner = None
        self.refresh()
