"""The overview's pieces: attention icons by severity, and the pair's signals in sentences."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPalette, QPixmap
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QVBoxLayout, QWidget

from ceocto_desktop.analytics.formats import week_text, weekday_text
from ceocto_desktop.models import Seat
from ceocto_desktop.reports.wording import count
from ceocto_desktop.services.review.overview import PairSignals, gap_sentence
from ceocto_desktop.services.weekly.appreciation import Appreciation
from ceocto_desktop.ui.widgets.basic import named

# Semantic colours: severity reads the same in light and dark.
SEVERITY_COLOURS = {"high": "#e0483e", "medium": "#d68910", "low": "#3d8b5f", "step": "#3d6fb6"}
SEVERITY_NAMES = {"high": "Urgent", "medium": "Soon", "low": "When you can", "step": "First step"}
KIND_GLYPHS = {
    "checkins": "✎",
    "done": "✓",
    "trends": "↔",
    "decisions": "⚖",
    "goals": "◎",
    "obstacles": "▲",
    "": "▣",  # the board meeting
}


def attention_icon(kind: str, severity: str, size: int = 28) -> QIcon:
    """A round badge in the severity's colour with the record kind's glyph."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor(SEVERITY_COLOURS.get(severity, SEVERITY_COLOURS["low"])))
    painter.drawEllipse(QRectF(1, 1, size - 2, size - 2))
    font = QFont()
    font.setPixelSize(int(size * 0.55))
    font.setBold(True)
    painter.setFont(font)
    painter.setPen(QColor("#ffffff"))
    painter.drawText(
        QRectF(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, KIND_GLYPHS.get(kind, "•")
    )
    painter.end()
    return QIcon(pixmap)


def days_from_now(day: date, today: date | None = None) -> str:
    """ "today", "tomorrow", "in 12 days"."""
    days = (day - (today or date.today())).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    return f"in {count(days, 'day')}"


def streak_sentence(signals: PairSignals) -> str:
    """The streak of weeks both answered."""
    if signals.streak == 0:
        return "No streak yet: answer this week's check-in, both of you."
    done = "" if signals.this_week_done else "; this week's is still open"
    return f"{count(signals.streak, 'week')} in a row answered by both{done}."


def board_sentence(signals: PairSignals) -> str:
    """The next board meeting, or that none is planned."""
    if signals.next_board_meeting is None:
        return "No board meeting planned."
    day = signals.next_board_meeting
    title = f"{signals.next_board_title}, " if signals.next_board_title else ""
    return f"{title}{days_from_now(day)} ({weekday_text(day)})."


def appreciation_html(given: Appreciation | None, giver: str, receiver: str) -> str:
    """One way's latest appreciation as a short quote, or that there is none yet."""
    from html import escape

    head = f"<b>{escape(giver)} → {escape(receiver)}</b>"
    if given is None:
        return f"{head}<br><i>Nothing yet from a week you have both answered.</i>"
    return f"{head} <small>· {week_text(given.week)}</small><br>“{escape(given.text)}”"


class SignalsPanel(QFrame):
    """The pair's signals: appreciation each way, the gap, the streak, the next board meeting."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("pairSignals")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.appreciation = {seat: self._label(f"signalAppreciation{seat.value}") for seat in Seat}
        self.gap = self._label("signalGap")
        self.streak = self._label("signalStreak")
        self.board = self._label("signalBoard")
        grid = QGridLayout()
        grid.setHorizontalSpacing(18)
        grid.setVerticalSpacing(10)
        grid.addWidget(self.appreciation[Seat.A], 0, 0, Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.appreciation[Seat.B], 0, 1, Qt.AlignmentFlag.AlignTop)
        places = {"Gap": (1, 0, 1, 2), "Streak": (2, 0, 1, 1), "Board": (2, 1, 1, 1)}
        for caption, label in (("Gap", self.gap), ("Streak", self.streak), ("Board", self.board)):
            box = QVBoxLayout()
            box.setSpacing(0)
            title = QLabel(caption.upper())
            title.setObjectName("signalCaption")
            title.setForegroundRole(QPalette.ColorRole.PlaceholderText)
            small = title.font()
            small.setPointSizeF(small.pointSizeF() * 0.8)
            title.setFont(small)
            box.addWidget(title)
            box.addWidget(label)
            grid.addLayout(box, *places[caption], Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(3, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)

    @staticmethod
    def _label(name: str) -> QLabel:
        label = named(name, QLabel())
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        return label

    def show_signals(self, signals: PairSignals, names: dict[Seat, str]) -> None:
        """Fill the panel from the journal's signals."""
        for seat, label in self.appreciation.items():
            given = signals.appreciation.get(seat)
            label.setText(appreciation_html(given, names[seat], names[seat.other]))
        self.gap.setText(gap_sentence(signals.gap, names))
        self.streak.setText(streak_sentence(signals))
        self.board.setText(board_sentence(signals))
