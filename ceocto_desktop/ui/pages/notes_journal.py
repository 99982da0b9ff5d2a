"""The notes list drawn as a journal: day headers, rendered Markdown, tags as chips."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from ceocto_desktop.services.records.notes_journal import NoteEntry

Index = QModelIndex | QPersistentModelIndex
PAD = 12
HEADER = 34  # the day's header band above its first entry
META = 20
BODY_MAX = 96  # at most about five lines of an entry; the editor shows the whole
CHIPS = 26
GAP = 10


def day_header(day: date, today: date | None = None) -> str:
    """ "Today", "Yesterday", "Monday 23 November" (with the year when not this year)."""
    today = today or date.today()
    if day == today:
        return "Today"
    if day == today - timedelta(days=1):
        return "Yesterday"
    text = f"{day:%A} {day.day} {day:%B}"
    return text if day.year == today.year else f"{text} {day.year}"


def local_day(moment: datetime) -> date:
    return moment.astimezone().date()


class JournalDelegate(QStyledItemDelegate):
    """Paints one note: its day's header when it is the day's first, who and when, the
    Markdown rendered, and its tags as chips."""

    def __init__(self, entry_at: object, parent: QWidget | None = None):
        super().__init__(parent)
        self._entry_at = entry_at  # row -> NoteEntry
        self._documents: dict[tuple[str, int], QTextDocument] = {}

    # What is shown -----------------------------------------------------------------------------
    def entry(self, index: Index) -> NoteEntry:
        return self._entry_at(index.row())  # type: ignore[operator, no-any-return]

    def header_of(self, index: Index) -> str | None:
        """The day header drawn above this entry, or None when the day's header is above."""
        day = local_day(self.entry(index).created_at)
        if index.row() > 0 and local_day(self._entry_at(index.row() - 1).created_at) == day:  # type: ignore[operator]
            return None
        return day_header(day)

    def document(
        self, entry: NoteEntry, width: int, palette: QPalette | None = None
    ) -> QTextDocument:
        """The entry's Markdown rendered at this width (kept while the text is the same)."""
        key = (entry.id + entry.excerpt, width)
        doc = self._documents.get(key)
        if doc is None:
            if len(self._documents) > 400:
                self._documents.clear()
            doc = QTextDocument()
            doc.setDocumentMargin(0)
            doc.setMarkdown(entry.excerpt, QTextDocument.MarkdownFeature.MarkdownDialectGitHub)
            doc.setTextWidth(max(50, width))
            self._documents[key] = doc
        return doc

    def forget(self) -> None:
        """Drop rendered entries (after a reload: texts may have changed)."""
        self._documents.clear()

    # Size and paint ----------------------------------------------------------------------------
    def row_height(self, index: Index, width: int) -> int:
        entry = self.entry(index)
        body = min(BODY_MAX, int(self.document(entry, width - 2 * PAD).size().height()) + 2)
        header = HEADER if self.header_of(index) is not None else 0
        chips = CHIPS if entry.tags else 0
        return header + PAD + META + body + chips + GAP

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        width = option.rect.width() or 600
        return QSize(width, self.row_height(index, width))

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        entry = self.entry(index)
        rect = option.rect
        # The page's palette: the table's own has its selection made invisible (the view
        # fills a selected row before the delegate paints; the card shows it instead).
        owner = self.parent()
        palette: QPalette = owner.palette() if isinstance(owner, QWidget) else option.palette
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = rect.top()
        header = self.header_of(index)
        if header is not None:
            self._paint_header(painter, option, palette, header, top)
            top += HEADER
        small = self._paint_card(painter, option, palette, entry, top)
        body_top = top + PAD + META
        height = self._paint_body(painter, palette, entry, rect, body_top)
        if entry.tags:
            self.paint_chips(
                painter,
                entry,
                palette,
                small,
                rect.left() + PAD,
                body_top + height + 4,
                rect.right() - PAD,
            )
        painter.restore()

    def _paint_header(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        palette: QPalette,
        header: str,
        top: int,
    ) -> None:
        """The day's header above its first entry, underlined."""
        rect = option.rect
        font = QFont(option.font)
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        painter.setFont(font)
        painter.setPen(palette.color(QPalette.ColorRole.Text))
        band = QRectF(rect.left() + PAD, top + 8, rect.width() - 2 * PAD, HEADER - 10)
        painter.drawText(band, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, header)
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.left() + PAD, top + HEADER - 1, rect.right() - PAD, top + HEADER - 1)

    def _paint_card(
        self,
        painter: QPainter,
        option: QStyleOptionViewItem,
        palette: QPalette,
        entry: NoteEntry,
        top: int,
    ) -> QFont:
        """The entry's card (marked when selected or under the mouse), who and when on it;
        returns the small font the meta line and the tags are drawn in."""
        rect, state = option.rect, option.state
        card = QRectF(rect.left() + 4, top + 3, rect.width() - 8, rect.bottom() - top - 4)
        if state & QStyle.StateFlag.State_Selected:
            fill = QColor(palette.color(QPalette.ColorRole.Highlight))
            fill.setAlpha(60)
            painter.setPen(palette.color(QPalette.ColorRole.Highlight))
            painter.setBrush(fill)
            painter.drawRoundedRect(card, 6, 6)
        elif state & QStyle.StateFlag.State_MouseOver:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(palette.color(QPalette.ColorRole.AlternateBase))
            painter.drawRoundedRect(card, 6, 6)
        # Who and when, quietly.
        small = QFont(option.font)
        small.setPointSizeF(small.pointSizeF() * 0.9)
        painter.setFont(small)
        painter.setPen(palette.color(QPalette.ColorRole.PlaceholderText))
        meta = f"{entry.created_at.astimezone():%H:%M} · {self.author_name(entry)}"
        if entry.pinned:
            meta += "  ★ pinned"
        painter.drawText(
            QRectF(rect.left() + PAD, top + PAD - 2, rect.width() - 2 * PAD, META),
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
            meta,
        )
        return small

    def _paint_body(
        self, painter: QPainter, palette: QPalette, entry: NoteEntry, rect: QRect, body_top: int
    ) -> int:
        """The Markdown, rendered, clipped to a few lines; returns the height it took."""
        width = rect.width() - 2 * PAD
        doc = self.document(entry, width)
        height = min(BODY_MAX, int(doc.size().height()) + 2)
        painter.translate(rect.left() + PAD, body_top)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = QRectF(0, 0, width, height)
        context.palette = QPalette(palette)
        context.palette.setColor(QPalette.ColorRole.Text, palette.color(QPalette.ColorRole.Text))
        painter.setClipRect(context.clip)
        doc.documentLayout().draw(painter, context)
        painter.setClipping(False)
        painter.translate(-(rect.left() + PAD), -body_top)
        return height

    def paint_chips(
        self,
        painter: QPainter,
        entry: NoteEntry,
        palette: QPalette,
        font: QFont,
        x: int,
        y: int,
        right: int,
    ) -> None:
        """Each tag as a small rounded chip, in the highlight's colour, faint."""
        metrics = QFontMetrics(font)
        painter.setFont(font)
        fill = QColor(palette.color(QPalette.ColorRole.Highlight))
        fill.setAlpha(45)
        for tag in entry.tag_names:
            text = f"#{tag}"
            width = metrics.horizontalAdvance(text) + 14
            if x + width > right:
                break
            chip = QRectF(x, y, width, 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(fill)
            painter.drawRoundedRect(chip, 10, 10)
            painter.setPen(palette.color(QPalette.ColorRole.Text))
            painter.drawText(chip, Qt.AlignmentFlag.AlignCenter, text)
            x += int(width) + 6

    def author_name(self, entry: NoteEntry) -> str:
        names = getattr(self.parent(), "author_names", {})
        return str(names.get(entry.author, entry.author.value))
