"""Ctrl+K: one search over everything the pair wrote; Enter opens the record on its page."""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from ceocto_desktop.models import Seat
from ceocto_desktop.services.common import parse_date
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.search import KINDS, Hit, search
from ceocto_desktop.store import driver
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets import named

PAGE_OF = {
    "note": "notes",
    "goal": "goals",
    "obstacle": "obstacles",
    "decision": "decisions",
    "checkin": "checkins",
}
MARKS = ("\x01", "\x02")
TYPING_PAUSE_MS = 150


def search_session(
    session: Session,
    text: str,
    kinds: tuple[str, ...] = KINDS,
    author: str | None = None,
    since: date | None = None,
    until: date | None = None,
) -> list[Hit]:
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, driver.Connection)
    return search(
        raw, text, kinds=kinds, author=author, since=since, until=until, limit=40, marks=MARKS
    )


def marked_html(text: str) -> str:
    """The snippet with the hits in bold, everything else escaped."""
    return html.escape(text).replace(MARKS[0], "<b>").replace(MARKS[1], "</b>")


class SearchPalette(QDialog):
    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchPalette")
        self.setWindowTitle("Search the journal")
        self.setMinimumSize(620, 440)
        self.context = context
        self.box = named("searchBox", QLineEdit())
        self.box.setPlaceholderText("Search notes, goals, obstacles, decisions, check-ins…")
        self.results = named("searchResults", QListWidget())
        self.results.setWordWrap(True)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run)
        self.summary = named("searchSummary", QLabel())
        self.kind = named("searchKind", QComboBox())
        self.kind.addItem("Everything", None)
        for kind in KINDS:
            self.kind.addItem(f"{kind.capitalize()}s" if kind != "checkin" else "Check-ins", kind)
        self.author = named("searchAuthor", QComboBox())
        self.author.addItem("Both of us", None)
        for seat in Seat:
            self.author.addItem(f"Written by {first_name(context, seat)}", seat.value)
        for box in (self.kind, self.author):
            box.currentIndexChanged.connect(lambda _index: self.run())
        self.since = named("searchSince", QLineEdit())
        self.until = named("searchUntil", QLineEdit())
        for edit, hint in ((self.since, "from YYYY-MM-DD"), (self.until, "to YYYY-MM-DD")):
            edit.setPlaceholderText(hint)
            edit.setMaximumWidth(130)
            edit.textChanged.connect(lambda _text: self._timer.start())
        filters = QHBoxLayout()
        filters.addWidget(self.kind)
        filters.addWidget(self.author)
        filters.addWidget(self.since)
        filters.addWidget(self.until)
        filters.addWidget(self.summary, 1)
        self.box.textChanged.connect(lambda _text: self._timer.start())
        self.box.returnPressed.connect(self.open_current)
        self.results.itemActivated.connect(lambda _item: self.open_current())
        self.box.installEventFilter(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.box)
        layout.addLayout(filters)
        layout.addWidget(self.results, 1)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        # Up and Down in the box move through the results, as in any palette.
        arrows = (Qt.Key.Key_Down, Qt.Key.Key_Up)
        if watched is self.box and event.type() == event.Type.KeyPress and event.key() in arrows:
            step = 1 if event.key() == Qt.Key.Key_Down else -1
            row = max(0, min(self.results.count() - 1, self.results.currentRow() + step))
            self.results.setCurrentRow(row)
            return True
        return super().eventFilter(watched, event)

    def run(self) -> None:
        text = self.box.text()
        kind = self.kind.currentData()
        kinds = (kind,) if kind else KINDS
        author = self.author.currentData()
        try:
            since = parse_date(self.since.text(), "from") if self.since.text().strip() else None
            until = parse_date(self.until.text(), "to") if self.until.text().strip() else None
            hits = (
                self.context.read(lambda s: search_session(s, text, kinds, author, since, until))
                if text.strip()
                else []
            )
        except ValidationError as exc:
            self.summary.setText(exc.message)  # a date it cannot read, or a pasted page
            return
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem()
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.record_id, hit.day))
            label = QLabel(
                f"<span style='color:gray'>{hit.kind} · {hit.day} · "
                f"{html.escape(first_name(self.context, hit.author))}</span> "
                f"<b>{html.escape(hit.title)}</b><br>{marked_html(hit.snippet)}"
            )
            label.setWordWrap(True)
            item.setSizeHint(label.sizeHint())
            self.results.addItem(item)
            self.results.setItemWidget(item, label)
        if hits:
            self.results.setCurrentRow(0)
        self.summary.setText(
            "" if not text.strip() else f"{len(hits)} found" if hits else "Nothing found"
        )

    def open_current(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.run()
        item = self.results.currentItem()
        if item is None:
            return
        kind, record_id, day = item.data(Qt.ItemDataRole.UserRole)
        self.context.openRequested.emit(PAGE_OF[kind], day if kind == "checkin" else record_id)
        self.accept()
