"""Our roles: both partners side by side, how they split the work, and what each owns now."""

from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.analytics.formats import week_text
from ceocto_desktop.models import Owner, Seat
from ceocto_desktop.services import partners
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.review.roles import (
    Load,
    Owned,
    appreciation_received,
    seat_owner,
    what_is_owned,
)
from ceocto_desktop.services.weekly.appreciation import Appreciation
from ceocto_desktop.services.weekly.commitments import DoneForTheOther, done_for_the_other
from ceocto_desktop.ui.commands import EditCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.panes.forms import RecordForm
from ceocto_desktop.ui.widgets.basic import named
from ceocto_desktop.ui.widgets.grow import grow_with_content


def owned_list(name: str) -> QListWidget:
    widget = named(name, QListWidget())
    # Whole titles, wrapped, and as tall as what it holds: the page scrolls, not the list.
    widget.setWordWrap(True)
    widget.setResizeMode(QListWidget.ResizeMode.Adjust)
    widget.setSpacing(2)
    grow_with_content(widget, min_height=32)
    return widget


def section_label(text: str = "") -> QLabel:
    label = QLabel(text)
    label.setObjectName("sectionHeading")
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)  # "Appreciation Priya received lately" fits a narrow card
    return label


def profile_html(text: str) -> str:
    """Strengths or responsibilities as a short list: one item a line or between semicolons."""
    parts = [p.strip(" -•\t") for line in text.splitlines() for p in line.split(";")]
    items = [escape(p) for p in parts if p]
    if not items:
        return "<i>Not written yet: Edit to add.</i>"
    if len(items) == 1:
        return items[0]
    return "<ul style='margin-left:-24px'>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def appreciation_list_html(received: list[Appreciation], giver: str) -> str:
    if not received:
        return f"<i>Nothing yet from {escape(giver)} in a week you have both answered.</i>"
    return "".join(
        f"<p style='margin:0 0 6px 0'>“{escape(a.text)}” "
        f"<small>— {escape(giver)}, {week_text(a.week)}</small></p>"
        for a in received
    )


def done_for_the_other_html(done: DoneForTheOther, name: str, other: str) -> str:
    """Promises kept and help across the line this quarter, as thanks: "" when none."""
    if not done.kept.due and not done.help:
        return ""
    lines = [f"<b>What {escape(name)} did for {escape(other)} this quarter</b>"]
    if done.kept.due:
        lines.append(f"Commitments: {done.kept.sentence()}")
    for area, what in done.help.items():
        lines.append(f"{escape(name)} in {escape(area)} ({len(what)}): " + escape(", ".join(what)))
    return "<br>".join(lines)


class PartnerColumn(QFrame):
    """One partner: who they are and what they answer for, what they own now, the
    appreciation they have received; the profile's form opens with Edit (saved as typed)."""

    def __init__(self, context: JournalContext, seat: Seat, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.seat = seat
        key = seat.value
        self.setObjectName(f"partnerCard{key}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._make_form()
        self._make_view()

    def _make_form(self) -> None:
        """The profile's form, hidden until Edit: name, title, strengths, duties, colour."""
        seat, key = self.seat, self.seat.value
        self.form = RecordForm(
            self.context,
            Changed.PARTNERS,
            f"partner{key}",
            lambda s, _id, values: partners.update_partner(s, seat, **values),
        )
        self.form.add("name", "Name", QLineEdit())
        self.form.add("title", "Title", QLineEdit())
        for field, label in (("strengths", "Strengths"), ("responsibilities", "Responsibilities")):
            box = QPlainTextEdit()
            grow_with_content(box, min_lines=3)
            box.setPlaceholderText(
                "What they are best at (one a line)"
                if field == "strengths"
                else "What they answer for (one a line)"
            )
            box.setTabChangesFocus(True)
            self.form.add(field, label, box)
        self.colour = named(f"partner{key}Colour", QPushButton("Chart colour…"))
        self.colour.clicked.connect(self.choose_colour)
        self.form.layout_.addRow("Colour", self.colour)
        self.form.hide()

    def _make_view(self) -> None:
        """The card as read: its colour, name, profile, appreciation and what they own."""
        key = self.seat.value
        self.stripe = named("colourStripe", QFrame())
        self.stripe.setFixedHeight(4)
        self.name = named(f"partner{key}Name", QLabel())
        self.name.setTextFormat(Qt.TextFormat.RichText)
        self.edit = named(f"editPartner{key}", QPushButton("Edit"))
        self.edit.setCheckable(True)
        self.edit.setToolTip("Edit the name, title, strengths, responsibilities and colour")
        self.edit.toggled.connect(self.set_editing)
        head = QHBoxLayout()
        head.addWidget(self.name, 1)
        head.addWidget(self.edit, 0, Qt.AlignmentFlag.AlignTop)
        self.strengths = self._text(f"partner{key}StrengthsView")
        self.responsibilities = self._text(f"partner{key}ResponsibilitiesView")
        self.appreciation = self._text(f"partner{key}Appreciation")
        self.for_other = self._text(f"partner{key}ForOther")
        self.lists = {
            "goals": owned_list(f"partner{key}Goals"),
            "obstacles": owned_list(f"partner{key}Obstacles"),
            "decisions": owned_list(f"partner{key}Decisions"),
        }
        self.headings = {kind: section_label() for kind in self.lists}
        self.appreciation_heading = section_label()
        layout = QVBoxLayout(self)
        layout.setSpacing(6)
        layout.addWidget(self.stripe)
        layout.addLayout(head)
        layout.addWidget(self.form)
        profile = QGridLayout()
        profile.setHorizontalSpacing(16)
        profile.addWidget(section_label("<b>Strengths</b>"), 0, 0)
        profile.addWidget(section_label("<b>Responsibilities</b>"), 0, 1)
        profile.addWidget(self.strengths, 1, 0)
        profile.addWidget(self.responsibilities, 1, 1)
        profile.setColumnStretch(0, 1)
        profile.setColumnStretch(1, 1)
        self.profile = QWidget()
        self.profile.setLayout(profile)
        layout.addWidget(self.profile)
        layout.addWidget(self.appreciation_heading)
        layout.addWidget(self.appreciation)
        layout.addWidget(self.for_other)
        for kind, widget in self.lists.items():
            layout.addWidget(self.headings[kind])
            layout.addWidget(widget)
            widget.itemClicked.connect(lambda item, k=kind: self._open(k, item))
            widget.itemActivated.connect(lambda item, k=kind: self._open(k, item))
        layout.addStretch()

    @staticmethod
    def _text(name: str) -> QLabel:
        label = named(name, QLabel())
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    def set_editing(self, on: bool) -> None:
        """Open the profile's form (its fields save as typed), or close it back to the view."""
        if not on:
            self.form.flush()
        self.form.setVisible(on)
        self.profile.setVisible(not on)
        self.edit.setText("Done" if on else "Edit")
        if on:
            self.form.widget("name").setFocus()
        else:
            self.refresh()

    def refresh(self) -> None:
        profile = self.context.partners[self.seat]
        other = self.context.partners.get(self.seat.other)
        giver = other.name.split()[0] if other else f"Partner {self.seat.other.value}"
        self.name.setText(
            f"<span style='font-size:15pt; font-weight:600'>{escape(profile.name)}</span>"
            f"<br>{escape(profile.title)}"
        )
        self.stripe.setStyleSheet(f"background: {profile.color}; border-radius: 2px;")
        self.strengths.setText(profile_html(profile.strengths))
        self.responsibilities.setText(profile_html(profile.responsibilities))
        received = self.context.read(lambda s: appreciation_received(s, self.seat))
        self.appreciation_heading.setText(
            f"<b>Appreciation {escape(profile.name.split()[0])} received lately</b>"
        )
        self.appreciation.setText(appreciation_list_html(received, giver))
        self.form.load(
            self.seat.value,
            {
                "name": profile.name,
                "title": profile.title,
                "strengths": profile.strengths,
                "responsibilities": profile.responsibilities,
            },
        )
        self.colour.setStyleSheet(
            f"QPushButton {{ border-left: 14px solid {profile.color}; padding: 4px 8px; }}"
        )
        done = self.context.read(lambda s: done_for_the_other(s, self.seat, date.today()))
        html = done_for_the_other_html(done, profile.name.split()[0], giver)
        self.for_other.setText(html)
        self.for_other.setVisible(bool(html))
        load = self.context.read(lambda s: what_is_owned(s, seat_owner(self.seat)))
        show_load(self, load, profile.name.split()[0])

    def _open(self, kind: str, item: QListWidgetItem) -> None:
        record_id = item.data(Qt.ItemDataRole.UserRole)
        if record_id:
            self.context.openRequested.emit(kind, record_id)

    def choose_colour(self) -> None:
        before = self.context.partners[self.seat].color
        chosen = QColorDialog.getColor(QColor(before), self, "Chart colour")
        if chosen.isValid():
            self.set_colour(chosen.name())

    def set_colour(self, colour: str) -> None:
        seat = self.seat
        before = self.context.partners[seat].color
        try:
            EditCommand(
                self.context,
                "change chart colour",
                Changed.PARTNERS,
                lambda s, values: partners.update_partner(s, seat, **values),
                {"color": before},
                {"color": colour},
                f"colour{seat.value}",
            ).perform()
        except (ValidationError, WriteFailed) as exc:
            self.context.notice.emit(str(exc))


def load_headings(who: str | None) -> dict[str, str]:
    """Each list's heading: for one partner by name, for both as "we … together"."""
    if who is None:
        return {
            "goals": "Goals we own together",
            "obstacles": "Open obstacles we own together",
            "decisions": "Decisions we took together, awaiting review",
        }
    return {
        "goals": f"Goals {who} owns",
        "obstacles": f"Open obstacles {who} owns",
        "decisions": f"Decisions {who} took, awaiting review",
    }


def show_load(column: PartnerColumn | JointColumn, load: Load, who: str | None) -> None:
    headings = load_headings(who)
    sections: dict[str, list[Owned]] = {
        "goals": load.goals,
        "obstacles": load.obstacles,
        "decisions": load.decisions,
    }
    for kind, items in sections.items():
        column.headings[kind].setText(f"<b>{headings[kind]}</b> · {len(items)}")
        widget = column.lists[kind]
        widget.clear()
        for owned in items:
            item = QListWidgetItem(f"{owned.title} — {owned.detail}")
            item.setData(Qt.ItemDataRole.UserRole, owned.id)
            item.setToolTip(f"{owned.title}\n{owned.detail}")
            widget.addItem(item)
        if not items:
            empty = QListWidgetItem("Nothing right now")
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            widget.addItem(empty)


class JointColumn(QWidget):
    """What the two of them own together."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.lists = {
            kind: owned_list(f"joint{kind.capitalize()}")
            for kind in ("goals", "obstacles", "decisions")
        }
        self.headings = {kind: section_label() for kind in self.lists}
        layout = QHBoxLayout(self)
        for kind, widget in self.lists.items():
            column = QVBoxLayout()
            column.setAlignment(Qt.AlignmentFlag.AlignTop)
            column.addWidget(self.headings[kind])
            column.addWidget(widget)
            column.addStretch()
            layout.addLayout(column, 1)
            widget.itemClicked.connect(
                lambda item, k=kind: context.openRequested.emit(
                    k, item.data(Qt.ItemDataRole.UserRole) or ""
                )
            )

    def refresh(self) -> None:
        show_load(self, self.context.read(lambda s: what_is_owned(s, Owner.JOINT)), None)


class RolesPage(JournalPage):
    title = "Our roles"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rolesPage")
        self.context = context
        intro = QLabel(
            "<h2>Our roles</h2><p>Who does what: what each of us is best at and answers for, "
            "what each of us holds right now, and what the other has appreciated lately. "
            "Revisit it when it stops being true.</p>"
        )
        intro.setWordWrap(True)
        self.columns = [PartnerColumn(context, seat) for seat in Seat]
        pair = QHBoxLayout()
        pair.setSpacing(16)
        for column in self.columns:
            pair.addWidget(column, 1)
        self.joint = JointColumn(context)
        joint_box = named("togetherCard", QFrame())
        joint_box.setFrameShape(QFrame.Shape.StyledPanel)
        joint_layout = QVBoxLayout(joint_box)
        joint_layout.addWidget(section_label("<span style='font-size:13pt'><b>Together</b></span>"))
        joint_layout.addWidget(self.joint)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 8, 16, 16)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(pair)
        layout.addWidget(joint_box)
        layout.addStretch()
        scroll = QScrollArea()
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.watch_journal(context)  # the first show loads the page, not its construction

    def refresh(self) -> None:
        for column in self.columns:
            column.refresh()
        self.joint.refresh()

    def flush_edits(self) -> None:
        for column in self.columns:
            column.form.flush()
