"""A long title in a detail pane's large heading wraps and is read whole at 1024×640 with
the desktop's 11 pt font: not cut at the pane's edge; Enter moves on, it stays one line of
text in the journal."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.widgets.title_edit import TitleEdit
from tests.ui.test_layout_at_font import (
    app_font,
    demo_journal,
    demo_template,
    open_page,
    open_window,
)

__all__ = ["app_font", "demo_journal", "demo_template"]  # fixtures, used by name

LONG = (
    "Extend the runway to twenty-two months by cutting burn and closing the bridge round "
    "before the board meeting in March"
)


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
def test_a_long_title_wraps_whole_inside_the_pane(qtbot, demo_journal, tmp_path, app_font):  # type: ignore[no-untyped-def]
    journal = open_journal(demo_journal)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, LONG)
    journal.close()
    window = open_window(qtbot, demo_journal, tmp_path, 1024, 640)
    page = open_page(window, "Goals")
    rows = [page.model.index(r, 0).data() for r in range(page.model.rowCount())]
    page.table.selectRow(
        next(r for r, text in enumerate(rows) if text and text.startswith("Extend the"))
    )
    heading = page.detail.findChild(TitleEdit, "goal_title")
    qtbot.waitUntil(lambda: heading.toPlainText() == LONG)
    # Wider than the pane on one line, so it takes more lines, every one of them shown.
    assert QFontMetrics(heading.font()).horizontalAdvance(LONG) > heading.viewport().width()
    qtbot.waitUntil(lambda: heading.document().size().height() >= 2)
    for _ in range(3):
        QApplication.processEvents()
    assert heading.verticalScrollBar().maximum() == 0  # nothing hidden below its last line
    line = QFontMetrics(heading.font()).lineSpacing()
    assert heading.viewport().height() >= 2 * line
    pane = page.detail_scroll.viewport()
    right = heading.mapTo(pane, QPoint(heading.width(), 0)).x()
    assert right <= pane.width()  # inside the pane, not past its edge
    # One paragraph: Enter moves on and writes no line break; a pasted one becomes a space.
    heading.setFocus()
    qtbot.waitUntil(heading.hasFocus)
    heading.moveCursor(heading.textCursor().MoveOperation.End)
    qtbot.keyClick(heading, Qt.Key.Key_Return)
    assert not heading.hasFocus() and "\n" not in heading.toPlainText()
    pasted = QMimeData()
    pasted.setText(" (Q1\nand Q2)")
    heading.moveCursor(heading.textCursor().MoveOperation.End)
    heading.insertFromMimeData(pasted)
    assert heading.toPlainText() == LONG + " (Q1 and Q2)"
