"""Linking a record to goals: the linked list, a picker to add one, unlink, open on click."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records.goal_rows import GoalFilter, goal_rows
from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.ui.commands import CallCommand
from ceocto_desktop.ui.context import JournalContext, WriteFailed
from ceocto_desktop.ui.widgets.basic import named
from ceocto_desktop.ui.widgets.grow import grow_with_content

Link = Callable[[Session, str, str], Any]


SINGULAR = {"goals": "goal", "obstacles": "obstacle", "decisions": "decision"}


class GoalPicker(QDialog):
    """Choose one goal (or obstacle, or decision), narrowing the list as you type."""

    def __init__(
        self,
        context: JournalContext,
        exclude: set[str],
        parent: QWidget | None = None,
        kind: str = "goals",
    ):
        super().__init__(parent)
        self.kind = kind
        self.setObjectName("goalPicker" if kind == "goals" else f"{SINGULAR[kind]}Picker")
        self.setWindowTitle(f"Link a {SINGULAR[kind]}")
        self.setMinimumSize(420, 360)
        self.context = context
        self.exclude = exclude
        self.search = named("goalPickerSearch", QLineEdit())
        self.search.setPlaceholderText(f"Type to find a {SINGULAR[kind]}")
        self.list = named("goalPickerList", QListWidget())
        self.search.textChanged.connect(self.refresh)
        self.list.itemActivated.connect(lambda _item: self.accept())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.search)
        layout.addWidget(self.list)
        layout.addWidget(buttons)
        self.refresh()

    def refresh(self) -> None:
        where = GoalFilter(text=self.search.text())
        rows = self.context.read(lambda s: goal_rows(s, where, Page("target_date", True, 0, 100)))
        self.list.clear()
        for row in rows:
            if row.id in self.exclude:
                continue
            target = f" — {day_text(row.target_date)}" if row.target_date else ""
            item = QListWidgetItem(f"{row.title}{target} ({row.status.value})")
            item.setData(Qt.ItemDataRole.UserRole, row.id)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)

    def chosen(self) -> str | None:
        item = self.list.currentItem()
        return None if item is None else str(item.data(Qt.ItemDataRole.UserRole))


class GoalLinks(QGroupBox):
    """The goals (or obstacles, or decisions) a record links to; link and unlink undo."""

    def __init__(
        self,
        context: JournalContext,
        noun: str,
        what: Changed,
        link: Link,
        unlink: Link,
        parent: QWidget | None = None,
        kind: str = "goals",
    ):
        super().__init__(f"Linked {kind} (click to open)", parent)
        self.kind = kind
        one = SINGULAR[kind]
        self.context = context
        self.noun = noun
        self.what = what
        self._link = link
        self._unlink = unlink
        self.record_id: str | None = None
        self.goal_ids: tuple[str, ...] = ()
        self.list = named(f"{noun}{kind.capitalize()}", QListWidget())
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        grow_with_content(self.list, min_height=32)
        self.list.itemClicked.connect(self._open)
        self.list.itemActivated.connect(self._open)
        add = named(f"{noun}Link{one.capitalize()}", QPushButton(f"Link {one}…"))
        add.clicked.connect(self.pick)
        remove = named(f"{noun}Unlink{one.capitalize()}", QPushButton("Unlink selected"))
        remove.clicked.connect(self.unlink_selected)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch()
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def show_links(
        self, record_id: str, goal_ids: tuple[str, ...], titles: tuple[str, ...]
    ) -> None:
        self.record_id = record_id
        self.goal_ids = goal_ids
        self.list.clear()
        for goal_id, title in zip(goal_ids, titles, strict=True):
            item = QListWidgetItem(title)
            item.setToolTip(title)
            item.setData(Qt.ItemDataRole.UserRole, goal_id)
            self.list.addItem(item)
        if not goal_ids:
            self.list.addItem(f"No linked {self.kind}")

    def _open(self, item: QListWidgetItem) -> None:
        goal_id = item.data(Qt.ItemDataRole.UserRole)
        if goal_id:
            self.context.openRequested.emit(self.kind, goal_id)

    def pick(self) -> None:
        picker = GoalPicker(self.context, set(self.goal_ids), self, self.kind)
        if picker.exec() and picker.chosen():
            self.link(str(picker.chosen()))

    def link(self, goal_id: str) -> None:
        record_id = self.record_id
        if record_id is None:
            return
        link, unlink = self._link, self._unlink
        try:
            CallCommand(
                self.context,
                f"link {self.noun} to goal",
                self.what,
                lambda s: link(s, record_id, goal_id),
                lambda s: unlink(s, record_id, goal_id),
            ).perform()
        except WriteFailed:
            return

    def unlink_selected(self) -> None:
        item = self.list.currentItem()
        record_id = self.record_id
        goal_id = item.data(Qt.ItemDataRole.UserRole) if item else None
        if record_id is None or not goal_id:
            return
        link, unlink = self._link, self._unlink
        try:
            CallCommand(
                self.context,
                f"unlink {self.noun} from goal",
                self.what,
                lambda s: unlink(s, record_id, goal_id),
                lambda s: link(s, record_id, goal_id),
            ).perform()
        except WriteFailed:
            return
