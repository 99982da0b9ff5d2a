"""Pages laid out like a document: headings kept with what follows, a chart with its
caption, tables' header rows repeated, and a footer with the page number on each page.

QTextDocument.print_() paginates line by line and knows no "keep with next"; here the
document is laid out at the printer's resolution, each heading or chart that would end a
page is moved to the next one, and the pages are painted one by one.

Qt lays a document out lazily: a first part at once, the rest from a timer of the event
loop, which never runs in a shell export. A block format changed before that rest is laid
out makes Qt take the partial layout as finished, and what lies past it is never drawn
(the retrospective lost its last sections that way). So the layout is finished before the
first measurement, and the page count is read from the finished layout.
"""

from __future__ import annotations

from typing import Any

MM_PER_INCH = 25.4
MARGIN_MM = 18.0
FOOTER_MM = 8.0
KEEP_LINES = 2  # a heading keeps at least this many lines of what follows on its page
KEEP_WHOLE_LINES = 4  # a block this short is never split across two pages


def _mm(value: float, dpi: int) -> float:
    return value * dpi / MM_PER_INCH


def print_document(text: Any, writer: Any, footer: str) -> int:
    """Lay out and paint the filled QTextDocument onto the PDF writer; the page count."""
    from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
    from PySide6.QtGui import QAbstractTextDocumentLayout, QFont, QPainter, QPalette

    dpi = writer.resolution()
    page = writer.pageLayout().fullRectPixels(dpi)
    margin = _mm(MARGIN_MM, dpi)
    footer_height = _mm(FOOTER_MM, dpi)
    body = QSizeF(page.width() - 2 * margin, page.height() - 2 * margin - footer_height)
    layout = text.documentLayout()
    layout.setPaintDevice(writer)
    text.setPageSize(body)
    keep_together(text, body.height())
    finish_layout(text)
    pages = text.pageCount()

    painter = QPainter(writer)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, Qt.GlobalColor.black)
    small = QFont("DejaVu Sans")
    small.setPointSizeF(7.5)
    try:
        for index in range(pages):
            if index:
                writer.newPage()
            painter.save()
            painter.translate(QPointF(margin, margin - index * body.height()))
            clip = QRectF(0, index * body.height(), body.width(), body.height())
            painter.setClipRect(clip)
            context.clip = clip
            layout.draw(painter, context)
            painter.restore()
            painter.setFont(small)
            painter.setPen(Qt.GlobalColor.gray)
            line = QRectF(margin, page.height() - margin - footer_height / 2, body.width(), 60)
            painter.drawText(line, Qt.AlignmentFlag.AlignLeft, footer)
            painter.drawText(line, Qt.AlignmentFlag.AlignRight, f"{index + 1} / {pages}")
    finally:
        painter.end()
    return int(pages)


def finish_layout(text: Any) -> float:
    """Lay the whole document out now (not lazily, from a timer); its height."""
    # documentSize() finishes a pending lazy layout; blockBoundingRect() would not.
    return float(text.documentLayout().documentSize().height())


def keep_together(text: Any, page_height: float) -> None:
    """Move to the next page each heading (or chart) whose follower starts past its page,
    and each short block (a bullet, a line or two) that a page break would split."""
    from PySide6.QtGui import QTextCursor, QTextFormat

    finish_layout(text)  # measuring a partial layout, then changing it, loses the rest
    for _ in range(4):  # a move pushes what follows; a later pass sees where it landed
        moved = False
        block = text.begin()
        while block.isValid():
            if _needs_new_page(text, block, page_height):
                fmt = block.blockFormat()
                fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
                QTextCursor(block).setBlockFormat(fmt)
                moved = True  # what lies above is as it was: go on from here
            block = block.next()
        if not moved:
            return


def _needs_new_page(text: Any, block: Any, page_height: float) -> bool:
    from PySide6.QtGui import QTextCursor, QTextFormat

    if block.blockFormat().pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore:
        return False
    top = _rect(text, block).top()
    if top % page_height <= 0.05 * page_height:
        return False  # at a page's top already: the next page would not do better
    follower = block.next()
    if block.blockFormat().headingLevel() > 0 or _holds_image(block):
        if not follower.isValid():
            return False
        reach = _first_lines_bottom(text, follower)
        return int(top // page_height) != int((reach - 1) // page_height)
    # Qt draws the last line before a page break once more, clipped, atop the next page:
    # invisible, but found by search and read twice by a screen reader. A short block kept
    # whole avoids it (and reads better). Table cells keep Qt's own breaking.
    short = 0 < block.layout().lineCount() <= KEEP_WHOLE_LINES
    if not short or QTextCursor(block).currentTable() is not None:
        return False
    bottom = _rect(text, block).bottom()
    return int(top // page_height) != int((bottom - 1) // page_height)


def _rect(text: Any, block: Any) -> Any:
    return text.documentLayout().blockBoundingRect(block)


def _holds_image(block: Any) -> bool:
    iterator = block.begin()
    while not iterator.atEnd():
        if iterator.fragment().charFormat().isImageFormat():
            return True
        iterator += 1
    return False


def _first_lines_bottom(text: Any, block: Any) -> float:
    """Where the first lines of a block end (the whole block for a short one)."""
    rect = _rect(text, block)
    lines = block.layout().lineCount()
    if lines <= KEEP_LINES:
        return float(rect.bottom())
    line = block.layout().lineAt(KEEP_LINES - 1)
    return float(rect.top() + line.y() + line.height())
