"""Our roles: both partners side by side, how they split the work, and what each owns now."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QColorDialog,
    QGroupBox,
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

from ceocto_desktop.models import Owner, Seat
from ceocto_desktop.services import partners
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.roles import Load, Owned, seat_owner, what_is_owned
from ceocto_desktop.ui.commands import EditCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.forms import RecordForm
from ceocto_desktop.ui.journal_page import JournalPage
from ceocto_desktop.ui.widgets import named


def owned_list(name: str) -> QListWidget:
    widget = named(name, QListWidget())
    widget.setMinimumHeight(80)
    widget.setMaximumHeight(140)
    return widget


class PartnerColumn(QWidget):
    """One partner's profile (saved as typed) and what they own now."""

    def __init__(self, context: JournalContext, seat: Seat, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.seat = seat
        key = seat.value
        self.form = RecordForm(
            context,
            Changed.PARTNERS,
            f"partner{key}",
            lambda s, _id, values: partners.update_partner(s, seat, **values),
        )
        self.form.add("name", "Name", QLineEdit())
        self.form.add("title", "Title", QLineEdit())
        for field, label in (("strengths", "Strengths"), ("responsibilities", "Responsibilities")):
            box = QPlainTextEdit()
            box.setFixedHeight(80)
            box.setPlaceholderText(
                "What they are best at" if field == "strengths" else "What they answer for"
            )
            self.form.add(field, label, box)
        self.colour = named(f"partner{key}Colour", QPushButton("Chart colour…"))
        self.colour.clicked.connect(self.choose_colour)
        self.form.layout_.addRow("Colour", self.colour)
        self.lists = {
            "goals": owned_list(f"partner{key}Goals"),
            "obstacles": owned_list(f"partner{key}Obstacles"),
            "decisions": owned_list(f"partner{key}Decisions"),
        }
        self.headings = {
            "goals": QLabel(),
            "obstacles": QLabel(),
            "decisions": QLabel(),
        }
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        for kind, widget in self.lists.items():
            layout.addWidget(self.headings[kind])
            layout.addWidget(widget)
            widget.itemClicked.connect(lambda item, k=kind: self._open(k, item))
            widget.itemActivated.connect(lambda item, k=kind: self._open(k, item))
        layout.addStretch()

    def refresh(self) -> None:
        profile = self.context.partners[self.seat]
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


def show_load(column: PartnerColumn | JointColumn, load: Load, who: str) -> None:
    sections: dict[str, tuple[str, list[Owned]]] = {
        "goals": (f"Goals {who} owns", load.goals),
        "obstacles": (f"Open obstacles {who} owns", load.obstacles),
        "decisions": (f"Decisions {who} took, awaiting review", load.decisions),
    }
    for kind, (heading, items) in sections.items():
        column.headings[kind].setText(f"<b>{heading}</b> ({len(items)})")
        widget = column.lists[kind]
        widget.clear()
        for owned in items:
            item = QListWidgetItem(f"{owned.title} — {owned.detail}")
            item.setData(Qt.ItemDataRole.UserRole, owned.id)
            widget.addItem(item)
        if not items:
            widget.addItem("Nothing right now")


class JointColumn(QWidget):
    """What the two of them own together."""

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.lists = {
            kind: owned_list(f"joint{kind.capitalize()}")
            for kind in ("goals", "obstacles", "decisions")
        }
        self.headings = {kind: QLabel() for kind in self.lists}
        layout = QHBoxLayout(self)
        for kind, widget in self.lists.items():
            column = QVBoxLayout()
            column.addWidget(self.headings[kind])
            column.addWidget(widget)
            layout.addLayout(column)
            widget.itemClicked.connect(
                lambda item, k=kind: context.openRequested.emit(
                    k, item.data(Qt.ItemDataRole.UserRole) or ""
                )
            )

    def refresh(self) -> None:
        show_load(self, self.context.read(lambda s: what_is_owned(s, Owner.JOINT)), "we share")


class RolesPage(JournalPage):
    title = "Our roles"

    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("rolesPage")
        self.context = context
        intro = QLabel(
            "<h2>Our roles</h2><p>How we split the work: what each of us is best at, what each "
            "answers for, and what each of us holds right now. Revisit it when it stops being "
            "true.</p>"
        )
        intro.setWordWrap(True)
        self.columns = [PartnerColumn(context, seat) for seat in Seat]
        pair = QHBoxLayout()
        for column in self.columns:
            box = QGroupBox(context.partner_label(column.seat))
            box_layout = QVBoxLayout(box)
            box_layout.addWidget(column)
            pair.addWidget(box)
        self.joint = JointColumn(context)
        joint_box = QGroupBox("Together")
        joint_layout = QVBoxLayout(joint_box)
        joint_layout.addWidget(self.joint)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(intro)
        layout.addLayout(pair)
        layout.addWidget(joint_box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self.watch_journal(context)
        self.refresh()

    def refresh(self) -> None:
        for column in self.columns:
            column.refresh()
        self.joint.refresh()

    def flush_edits(self) -> None:
        for column in self.columns:
            column.form.flush()
