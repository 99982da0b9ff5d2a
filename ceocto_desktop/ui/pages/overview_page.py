"""The overview: the pair, what the journal holds, recent notes and a quick note box."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut, QTextDocument
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text, moment_text, weekday_text
from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.page_data import load_overview
from ceocto_desktop.services.records.notes import NoteView, create_note
from ceocto_desktop.services.review.attention import Attention, Item
from ceocto_desktop.services.weekly.commitments import CommitmentView
from ceocto_desktop.services.weekly.drafts import QUICK_NOTE, discard_draft
from ceocto_desktop.ui.commands import CreateCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.draft_keeper import DraftKeeper, Payload
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.pages.overview_signals import SEVERITY_NAMES, SignalsPanel, attention_icon
from ceocto_desktop.ui.panes.commitment_form import CommitmentForm
from ceocto_desktop.ui.widgets.basic import named, primary
from ceocto_desktop.ui.widgets.grow import grow_with_content

SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 1

BOARD_SOON_DAYS = 21


FIRST_STEPS = [
    ("checkins", "", "Answer this week's check-in: five ratings and four short prompts"),
    ("goals", "", "Write down a goal you share, with a key result you can measure"),
    ("obstacles", "", "Name one thing standing in your way, and who owns it"),
    ("decisions", "", "Record a decision you took, with each partner's stance"),
]


def markdown_line(line: str) -> str:
    """A line of Markdown as it reads rendered: no ** or # marks, links as their text."""
    document = QTextDocument()
    document.setMarkdown(line)
    return " ".join(document.toPlainText().split())


def attention_items(data: Attention, names: dict[Seat, str]) -> list[Item]:
    """The dashboard's list, most pressing first; an empty journal gets first steps."""
    if data.empty:
        return [Item(kind, record_id, text, "step") for kind, record_id, text in FIRST_STEPS]
    items = []
    missing = [names[s] for s in Seat if s not in data.answered]
    week = data.week.isoformat()
    streak = f" (streak: {data.streak} week{'s' * (data.streak != 1)})" if data.streak else ""
    if missing:  # answered by both, the item is handled and goes
        who = " and ".join(missing)
        items.append(
            Item(
                "checkins",
                week,
                f"This week's check-in: {who} still to answer{streak}",
                "medium" if date.today() >= data.week + timedelta(days=4) else "low",
            )
        )
    if data.gap_widening:
        items.append(
            Item(
                "trends",
                "",
                "Your perception gap has widened two check-ins in a row: talk about it",
                "medium",
            )
        )
    items += data.decisions_due + data.goals_at_risk + data.old_obstacles
    if data.next_board_meeting is not None:
        days = (data.next_board_meeting - date.today()).days
        if days <= BOARD_SOON_DAYS:  # further off, the signals panel names it
            when = "today" if days == 0 else f"in {days} day{'s' * (days != 1)}"
            items.append(
                Item(
                    "board",
                    "",
                    f"Next board meeting {when} ({day_text(data.next_board_meeting)})",
                    "medium" if days <= 7 else "low",
                )
            )
    return items


def owed_line(
    owed: dict[Seat, list[CommitmentView]],
    names: dict[Seat, str],
    today: date,
    asked: dict[Seat, list[CommitmentView]] | None = None,
) -> str:
    """What each owes the other this week, overdue first, and what each was asked and has
    not answered yet: "" when nothing is owed or asked."""
    asks = [
        f"{names[seat.other]} asks {names[seat]}: {c.what}"
        for seat in Seat
        for c in (asked or {}).get(seat, [])
    ]
    tail = " ".join(f"{ask} (take it on or offer instead: Ctrl+Shift+O)." for ask in asks)
    if not any(owed.values()):
        return tail
    parts = []
    for seat in Seat:
        promises = [
            f"{c.what} ({'overdue since' if c.due_on < today else 'due'} {weekday_text(c.due_on)})"
            for c in owed[seat]
        ]
        listed = "; ".join(promises) if promises else "nothing due this week"
        parts.append(f"{names[seat]} owes {names[seat.other]}: {listed}")
    return ". ".join(parts) + "." + (f" {tail}" if tail else "")


class OverviewPage(JournalPage):
    title = "Overview"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("overviewPage")
        self.context = context
        self._make_attention()
        note_row = self._make_quick_note()
        self._make_recent()
        self._lay_out(note_row)
        self.watch_journal(context)
        context.authorChanged.connect(lambda _seat: self._show_author())
        self._show_author()
        # No refresh here: the first show does it (watch_journal marked the page stale).

    def _make_attention(self) -> None:
        """The heading, what each owes the other, what needs attention, the signals."""
        self.heading = named("overviewHeading", QLabel())
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.owed = named("owedLine", QLabel())
        self.owed.setWordWrap(True)
        self.owed.setTextFormat(Qt.TextFormat.PlainText)
        self.attention = named("attentionList", QListWidget())
        self.attention.setSpacing(3)
        self.attention.setIconSize(QSize(24, 24))
        # Whole sentences, wrapped: "overdue 4 months" is the fact, not "overdue 4 m…".
        self.attention.setWordWrap(True)
        self.attention.setResizeMode(QListWidget.ResizeMode.Adjust)
        grow_with_content(self.attention, min_height=60)
        self.attention.itemClicked.connect(self._open_item)
        self.attention.itemActivated.connect(self._open_item)
        self.signals = SignalsPanel()

    def _make_quick_note(self) -> QHBoxLayout:
        """The quick note (its writer's draft until added) and its row: who writes, Add."""
        self.quick_note = named("quickNote", QPlainTextEdit())
        self.quick_note.setPlaceholderText(
            "Jot a note for the journal… (Markdown; #tags become tags; Ctrl+Enter adds it)"
        )
        self.quick_note.setFixedHeight(80)
        self.add_button = primary(named("addNoteButton", QPushButton("Add note")))
        self.add_button.clicked.connect(self.add_note)
        self.note_error = named("noteError", QLabel())
        self.note_error.setStyleSheet("color: #c0392b;")
        self.note_error.hide()
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(keys), self.quick_note)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
            shortcut.setWhatsThis("Add the quick note")
            shortcut.activated.connect(self.add_note)
        # The quick note is kept as its writer's draft until added (Ctrl+Enter).
        self.note_seat = self.context.author
        self.drafts = DraftKeeper(self.context, self._shown_draft, self._describe_draft, self)
        self.quick_note.textChanged.connect(self._note_typed)
        self.quick_note.installEventFilter(self)
        self.drafts.stateChanged.connect(self._draft_state)
        self._loading_note = False
        self.author_hint = named("authorHint", QLabel())
        note_row = QHBoxLayout()
        note_row.addWidget(self.author_hint)
        note_row.addStretch()
        note_row.addWidget(self.add_button)
        return note_row

    def _make_recent(self) -> None:
        """The latest notes, each opened by a click."""
        self.recent = named("recentNotes", QListWidget())
        self.recent.setWordWrap(True)
        self.recent.setSpacing(4)
        self.recent.setAlternatingRowColors(True)
        self.recent.setResizeMode(QListWidget.ResizeMode.Adjust)
        grow_with_content(self.recent, min_height=60)
        self.recent.itemActivated.connect(self._open_note)
        self.recent.itemClicked.connect(self._open_note)

    def _lay_out(self, note_row: QHBoxLayout) -> None:
        """Two columns (attention, signals) above the quick note, a promise and recent notes."""
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setSpacing(8)
        layout.setContentsMargins(16, 8, 16, 16)
        layout.addWidget(self.heading)
        layout.addWidget(self.owed)
        columns = QHBoxLayout()
        columns.setSpacing(16)
        left = QVBoxLayout()
        self.attention_heading = named("attentionHeading", QLabel())
        left.addWidget(self.attention_heading)
        left.addWidget(self.attention)  # as tall as its items; the room left goes below
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(named("signalsHeading", QLabel("<b>How we are doing</b>")))
        right.addWidget(self.signals, 1)
        columns.addLayout(left, 1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        layout.addWidget(QLabel("<b>Quick note</b>"))
        layout.addWidget(self.quick_note)
        layout.addWidget(self.note_error)
        layout.addLayout(note_row)
        self.promise = CommitmentForm(self.context)
        layout.addWidget(self.promise)
        layout.addWidget(QLabel("<b>Recent notes</b> <small>(click to open)</small>"))
        layout.addWidget(self.recent)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # The quick note's draft ----------------------------------------------------------------------
    def _shown_draft(self) -> tuple[Seat, str, Payload]:
        text = self.quick_note.toPlainText()
        return self.note_seat, QUICK_NOTE, {"text": text} if text.strip() else {}

    @staticmethod
    def _describe_draft(_key: str, payload: Payload) -> str:
        return f"--- Quick note ---\n{payload.get('text', '')}"

    def _note_typed(self) -> None:
        if not self._loading_note:
            self.drafts.changed()

    def _draft_state(self, text: str, failed: bool) -> None:
        if failed:
            self.note_error.setText(text)
            self.note_error.show()
        elif self.note_error.text().startswith("Not saved"):
            self.note_error.hide()

    def _show_note_draft(self) -> None:
        """Put the writer's own quick-note draft in the box (another's never shows)."""
        draft = self.drafts.load(self.note_seat, QUICK_NOTE) or {}
        self._loading_note = True
        try:
            self.quick_note.setPlainText(str(draft.get("text", "")))
        finally:
            self._loading_note = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.quick_note and event.type() == QEvent.Type.FocusOut:
            self.drafts.flush()
        return super().eventFilter(watched, event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.drafts.flush()
        super().hideEvent(event)

    def flush_edits(self) -> None:
        """Keep the quick note as a draft now (on closing)."""
        self.drafts.flush()

    def _show_author(self) -> None:
        self.author_hint.setText(f"Written as {self.context.partner_label(self.context.author)}")
        self.drafts.flush()  # the words typed so far stay the previous writer's draft
        self.note_seat = self.context.author
        self._show_note_draft()

    def refresh(self) -> None:
        data = self.context.read(load_overview)
        summary = data.summary
        names = " &amp; ".join(p.name for p in self.context.partners.values())
        since = f"since {summary.first_entry:%B %Y}" if summary.first_entry else "new journal"
        self.heading.setText(f"<h1>{names}</h1><p>Our journal, {since}.</p>")
        first_names = {seat: first_name(self.context, seat) for seat in Seat}
        self.signals.show_signals(data.signals, first_names)
        owed = owed_line(data.owed, first_names, date.today(), data.asked)
        self.owed.setText(owed)
        self.owed.setVisible(bool(owed))
        entries = attention_items(data.attention, first_names)
        self.attention.clear()
        for entry in entries:
            item = QListWidgetItem(attention_icon(entry.kind, entry.severity), entry.text)
            item.setData(Qt.ItemDataRole.UserRole, (entry.kind, entry.record_id))
            item.setData(SEVERITY_ROLE, entry.severity)
            item.setToolTip(f"{SEVERITY_NAMES.get(entry.severity, '')}: {entry.text}")
            self.attention.addItem(item)
        if not entries:
            calm = QListWidgetItem(attention_icon("done", "low"), "Nothing needs you now.")
            calm.setData(Qt.ItemDataRole.UserRole, ("", ""))
            self.attention.addItem(calm)
        pressing = sum(1 for e in entries if e.severity in ("high", "medium"))
        self.attention_heading.setText(
            "<b>Needs attention</b>"
            + (f" · {pressing} pressing" if pressing else "")
            + " <small>(click to open)</small>"
        )
        self.recent.clear()
        if not data.notes:
            self.recent.addItem("No notes yet. Write the first one above.")
        for note in data.notes:
            first_line = markdown_line((note.excerpt.strip().splitlines() or [""])[0])
            who = self.context.partners.get(note.author)
            tags = "  " + note.tags if note.tags else ""
            item = QListWidgetItem(
                f"{moment_text(note.created_at.astimezone())} · "
                f"{who.name if who else note.author.value}{tags}\n{first_line}"
            )
            item.setData(Qt.ItemDataRole.UserRole, note.id)
            item.setToolTip("Open in Notes")
            self.recent.addItem(item)

    def _open_note(self, item: QListWidgetItem) -> None:
        note_id = item.data(Qt.ItemDataRole.UserRole)
        if note_id:
            self.context.openRequested.emit("notes", note_id)

    def _open_item(self, item: QListWidgetItem) -> None:
        kind, record_id = item.data(Qt.ItemDataRole.UserRole)
        if kind and kind != "board":
            self.context.openRequested.emit(kind, record_id)

    def add_note(self) -> None:
        text = self.quick_note.toPlainText()
        tags = tuple(
            word.lstrip("#").rstrip(".,;:!?")
            for word in text.split()
            if word.startswith("#") and len(word.strip("#.,;:!?")) > 0
        )
        seat = self.note_seat

        def create(session: Session) -> NoteView:
            discard_draft(session, seat, QUICK_NOTE)  # added: no draft to come back
            return create_note(session, seat, text, tags=tags)

        command = CreateCommand(self.context, "add note", Changed.NOTES, Note, create)
        try:
            command.perform()
        except (ValidationError, WriteFailed) as exc:
            self.note_error.setText(str(exc))
            self.note_error.show()
            return
        self.drafts.drop(seat, QUICK_NOTE)
        self.note_error.hide()
        self._loading_note = True
        try:
            self.quick_note.clear()
        finally:
            self._loading_note = False
