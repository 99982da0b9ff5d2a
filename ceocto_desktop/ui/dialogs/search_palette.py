"""Ctrl+K: one search over everything the pair wrote; Enter opens the record on its page."""

from __future__ import annotations

import html
import re
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from ceocto_desktop.models import Seat
from ceocto_desktop.services.common import parse_date
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.search import (
    KINDS,
    Hit,
    recent,
    search,
    session_connection,
    shown_day,
)
from ceocto_desktop.ui.context import JournalContext
from ceocto_desktop.ui.labels import first_name
from ceocto_desktop.ui.widgets.basic import named

PAGE_OF = {
    "note": "notes",
    "goal": "goals",
    "obstacle": "obstacles",
    "decision": "decisions",
    "checkin": "checkins",
    "commitment": "commitments",
    # Shown on the check-in page, in the week's sync.
    "agenda": "checkins",
}
KIND_LABEL = {
    "note": "Note",
    "goal": "Goal",
    "obstacle": "Obstacle",
    "decision": "Decision",
    "checkin": "Check-in",
    "commitment": "Commitment",
    "agenda": "Weekly talk",
}
KIND_PLURAL = {**{k: f"{v}s" for k, v in KIND_LABEL.items()}, "agenda": "Weekly talks"}
MARKS = ("\x01", "\x02")
TYPING_PAUSE_MS = 150
RESULTS = 40
RECENT = 12
HIT_ROLE = Qt.ItemDataRole.UserRole + 1
META_ROLE = Qt.ItemDataRole.UserRole + 2


def marked_html(text: str) -> str:
    """The snippet with the hits in bold, everything else escaped."""
    return html.escape(text).replace(MARKS[0], "<b>").replace(MARKS[1], "</b>")


def row_html(item: QListWidgetItem) -> str:
    """A result row as what it shows: the meta line, the title and the marked snippet."""
    hit: Hit = item.data(HIT_ROLE)
    return (
        f"{html.escape(item.data(META_ROLE))} <b>{html.escape(hit.title)}</b><br>"
        f"{marked_html(hit.snippet)}"
    )


# Markdown's emphasis and heading signs, which a note's first words often start with.
_MARKUP = re.compile(r"(\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)|^#+\s*)")


def readable(text: str) -> str:
    """Text on one line with Markdown's emphasis signs left out (`**Raise prices**`)."""
    return _MARKUP.sub("", " ".join(text.split()))


def _segments(text: str) -> list[tuple[str, bool]]:
    """The snippet cut into (text, marked) runs, on one line."""
    text = readable(text)
    runs: list[tuple[str, bool]] = []
    marked = False
    for part in text.replace(MARKS[1], MARKS[0]).split(MARKS[0]):
        if part:
            runs.append((part, marked))
        marked = not marked
    return runs


def hit_day(day: str) -> str:
    """A hit's ISO day ("2026-11-30") as the window writes days ("30 Nov 2026")."""
    return shown_day(day)


class HitDelegate(QStyledItemDelegate):
    """Two compact lines per result: kind, title and who/when; then the snippet, hits bold."""

    PAD = 6

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        line = QFontMetrics(option.font).height()
        return QSize(200, 2 * line + 3 * self.PAD)

    def paint(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> None:
        hit: Hit | None = index.data(HIT_ROLE)
        if hit is None:
            super().paint(painter, option, index)
            return
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else None
        if style is not None:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, opt, painter, opt.widget
            )
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        # Selected rows take the palette's highlighted text for every run, so nothing grey
        # sits on the highlight; unselected, the meta and snippet are a calmer tone.
        ink = opt.palette.color(
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        )
        quiet = QColor(ink)
        if not selected:
            quiet.setAlphaF(0.62)
        painter.save()
        rect = opt.rect.adjusted(self.PAD + 4, self.PAD, -self.PAD - 4, -self.PAD)
        regular = QFont(opt.font)
        bold = QFont(opt.font)
        bold.setBold(True)
        line = QFontMetrics(regular).height()
        meta = index.data(META_ROLE) or ""
        meta_width = QFontMetrics(regular).horizontalAdvance(meta) + 12
        painter.setFont(regular)
        painter.setPen(quiet)
        top = QRect(rect.left(), rect.top(), rect.width(), line)
        painter.drawText(top, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, meta)
        painter.setFont(bold)
        painter.setPen(ink)
        title_rect = QRect(rect.left(), rect.top(), max(0, rect.width() - meta_width), line)
        title = QFontMetrics(bold).elidedText(
            readable(hit.title), Qt.TextElideMode.ElideRight, title_rect.width()
        )
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, title
        )
        self._draw_snippet(
            painter,
            hit.snippet,
            rect.left(),
            rect.top() + line + self.PAD,
            rect.width(),
            line,
            (regular, bold),
            (quiet, ink),
        )
        painter.restore()

    def _draw_snippet(
        self,
        painter: QPainter,
        snippet: str,
        left: int,
        top: int,
        width: int,
        height: int,
        fonts: tuple[QFont, QFont],
        colours: tuple[QColor, QColor],
    ) -> None:
        x = left
        for text, marked in _segments(snippet):
            font = fonts[marked]
            metrics = QFontMetrics(font)
            room = left + width - x
            if room <= metrics.horizontalAdvance("…"):
                break
            shown = metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)
            painter.setFont(font)
            painter.setPen(colours[marked])
            painter.drawText(
                QRect(x, top, room, height),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                shown,
            )
            x += metrics.horizontalAdvance(shown)
            if shown != text:
                break


class SearchPalette(QDialog):
    def __init__(self, context: JournalContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("searchPalette")
        self.setWindowTitle("Search the journal")
        self.setMinimumSize(620, 440)
        self.context = context
        self.box = named("searchBox", QLineEdit())
        self.box.setPlaceholderText("Search notes, goals, obstacles, decisions, check-ins, #tags…")
        self.results = named("searchResults", QListWidget())
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setUniformItemSizes(True)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._timer = QTimer(self, singleShot=True, interval=TYPING_PAUSE_MS)
        self._timer.timeout.connect(self.run)
        self.summary = named("searchSummary", QLabel())
        self.kind = named("searchKind", QComboBox())
        self.kind.addItem("Everything", None)
        for kind in KINDS:
            self.kind.addItem(KIND_PLURAL[kind], kind)
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
        self.run()  # an empty box shows what was written last

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
            if text.strip():
                hits = self.context.read(
                    lambda s: search(
                        session_connection(s),
                        text,
                        kinds=kinds,
                        author=author,
                        since=since,
                        until=until,
                        limit=RESULTS,
                        marks=MARKS,
                    )
                )
            else:
                hits = self.context.read(
                    lambda s: recent(
                        session_connection(s), kinds=kinds, limit=RECENT, author=author
                    )
                )
        except ValidationError as exc:
            self.summary.setText(exc.message)  # a date it cannot read, or a pasted page
            return
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(hit.title)
            item.setData(Qt.ItemDataRole.UserRole, (hit.kind, hit.record_id, hit.day))
            item.setData(HIT_ROLE, hit)
            who = first_name(self.context, hit.author)
            meta = f"{KIND_LABEL[hit.kind]} · {hit_day(hit.day)} · {who}"
            item.setData(META_ROLE, meta)
            item.setToolTip(f"{hit.title}\n{meta}")
            self.results.addItem(item)
        if hits:
            self.results.setCurrentRow(0)
        if not text.strip():
            self.summary.setText("Recently changed" if hits else "")
        else:
            self.summary.setText(f"{len(hits)} found" if hits else "Nothing found")

    def open_current(self) -> None:
        if self._timer.isActive():
            self._timer.stop()
            self.run()
        item = self.results.currentItem()
        if item is None:
            return
        kind, record_id, day = item.data(Qt.ItemDataRole.UserRole)
        self.context.openRequested.emit(
            PAGE_OF[kind], day if PAGE_OF[kind] == "checkins" else record_id
        )
        self.accept()
