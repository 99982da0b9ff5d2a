"""A detail pane reads as a document: a large title across the pane with no label beside
it, then the record's properties as one row of chips ("Owner Sam ▾"), then its text."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QApplication, QComboBox, QFrame, QLabel, QWidget

from ceocto_desktop.ui.widgets.title_edit import TitleEdit
from tests.ui.test_layout_at_font import demo_journal, demo_template, open_page, open_window

__all__ = ["demo_journal", "demo_template"]  # fixtures, used by name


@pytest.mark.parametrize(
    ("title", "noun", "chips"),
    [
        ("Goals", "goal", ["Owner", "Area", "Status", "Target", ""]),
        ("Obstacles", "obstacle", ["Kind", "Category", "Severity", "Owner", "Raised by", "Opened"]),
        (
            "Decisions",
            "decision",
            ["Decided by", "Decided", "Sam's stance", "Priya's stance", "Review"],
        ),
    ],
)
def test_a_detail_pane_reads_as_a_document(qtbot, demo_journal, tmp_path, title, noun, chips):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    page = open_page(window, title)
    page.table.selectRow(1)
    for _ in range(3):
        QApplication.processEvents()
    heading = page.detail.findChild(TitleEdit, f"{noun}_title")
    assert heading.text()
    assert heading.fontInfo().pointSizeF() >= 1.3 * window.fontInfo().pointSizeF()
    pane = page.detail_scroll.viewport()
    left = heading.mapTo(pane, QPoint(0, 0)).x()
    assert left < 40  # across the pane: no "Title" label column beside it
    assert heading.width() > pane.width() * 0.8
    row = page.detail.findChild(QWidget, f"{noun}Properties")
    assert row is not None and row.isVisible()
    found = [
        chip.findChild(QLabel).text()
        for chip in row.findChildren(QFrame)
        if chip.property("role") == "chip"
    ]
    assert found == chips
    # Right under the title; each chip shows its value whole.
    assert row.mapTo(pane, QPoint(0, 0)).y() > heading.mapTo(pane, QPoint(0, 0)).y()
    for box in row.findChildren(QComboBox):
        assert box.currentText() and box.width() >= box.minimumSizeHint().width() - 1
