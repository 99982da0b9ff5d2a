"""One date shape ("3 Dec 2026") and one percent shape ("52%") everywhere a person reads:
every page and detail pane of the window, and the retrospective and board brief in
Markdown, HTML and PDF. ISO dates stay only where a person types a date."""

from __future__ import annotations

import re
import subprocess
from datetime import date
from html import unescape

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QGroupBox,
    QLabel,
    QListWidget,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)

from ceocto_desktop.reports.board import build_board_brief
from ceocto_desktop.reports.export import export
from ceocto_desktop.reports.html import to_html
from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.dialogs.search_palette import META_ROLE, SearchPalette
from ceocto_desktop.ui.pages.record_page import RecordPage
from tests.system_tools import require_tool
from tests.ui.test_layout_at_font import demo_journal, demo_template, open_window

__all__ = ["demo_journal", "demo_template"]  # fixtures, used by name

MONTHS = "Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec"
OTHER_SHAPES = {
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "day with a leading zero": re.compile(rf"\b0\d ({MONTHS})\b"),
    "full month name": re.compile(
        r"\b\d{1,2} (January|February|March|April|June|July|August|September|October|"
        r"November|December)\b"
    ),
    "day and month without the year": re.compile(rf"\b\d{{1,2}} ({MONTHS})\b(?! \d{{4}})"),
    "month first": re.compile(rf"\b({MONTHS}) \d{{1,2}},? \d{{4}}\b"),
    "percent after a space": re.compile(r"\d %"),
}


def shapes_in(text: str) -> list[str]:
    """Each date or percent written another way than "3 Dec 2026" / "52%", with its kind."""
    plain = unescape(re.sub(r"<[^>]+>", " ", text))
    return [
        f"{kind}: {m.group(0)!r}" for kind, rx in OTHER_SHAPES.items() for m in rx.finditer(plain)
    ]


def test_the_shapes_are_told_apart():
    assert shapes_in("Reviewed 3 Dec 2026 · 52% · in 12 days · week of 30 Nov 2026") == []
    assert len(shapes_in("2026-12-03, 03 Dec 2026, 3 December, 3 Dec, Dec 3, 2026, 52 %")) == 6


def shown_texts(page: QWidget, window: QWidget) -> list[str]:
    """What a person reads on a page: labels, buttons, group titles, lists, tables, previews."""
    texts: list[str] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(window):
            continue
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        elif isinstance(widget, QGroupBox):
            texts.append(widget.title())
        elif isinstance(widget, QTextEdit | QPlainTextEdit) and widget.isReadOnly():
            texts.append(widget.toPlainText())
        elif isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            try:
                columns = model.columnCount()
            except TypeError:  # a list model: one column, its count private in PySide
                columns = 1
            for row in range(min(40, model.rowCount())):
                for column in range(columns):
                    value = model.index(row, column).data(Qt.ItemDataRole.DisplayRole)
                    if isinstance(value, str):
                        texts.append(value)
    return texts


def test_every_page_writes_dates_and_percents_one_way(qtbot, demo_journal, tmp_path):  # type: ignore[no-untyped-def]
    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    found: set[str] = set()
    for row in range(window.sidebar.count()):
        title = window.sidebar.item(row).text()
        window.sidebar.setCurrentRow(row)
        page = window.stack.currentWidget()
        qtbot.waitUntil(page.isVisible)
        for _ in range(3):
            QApplication.processEvents()
        records = page.model.rowCount() if isinstance(page, RecordPage) else 0
        for record in range(-1, min(3, records)):
            if record >= 0:
                page.table.selectRow(record)
                QApplication.processEvents()
            for text in shown_texts(page, window):
                found.update(f"{title}: {shape}" for shape in shapes_in(text))
    assert sorted(found) == [], "\n".join(sorted(found))


@pytest.mark.parametrize("report", ["retro", "board"])
def test_reports_write_dates_and_percents_one_way(demo_journal, tmp_path, report):  # type: ignore[no-untyped-def]
    journal = open_journal(demo_journal)
    with journal.sessions() as session:
        if report == "retro":
            document = build_retrospective(session, "2026-Q3", date(2026, 11, 28), chart_dpi=50)
        else:
            document = build_board_brief(session, today=date(2026, 11, 28))
    journal.close()
    found = {f"md {s}" for s in shapes_in(to_markdown(document))}
    found |= {f"html {s}" for s in shapes_in(to_html(document))}
    require_tool("pdftotext")
    pdf = export(document, "pdf", tmp_path / f"{report}.pdf")
    # In reading order: a date wrapped in a table cell ("1 Sep" / "2026)") is one date, as
    # a person reads it.
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = re.sub(rf"(\b\d{{1,2}} (?:{MONTHS}))\n(\d{{4}})", r"\1 \2", text)
    found |= {f"pdf {s}" for s in shapes_in(text)}
    assert sorted(found) == [], "\n".join(sorted(found))


@pytest.mark.parametrize("kind", ["checkin", "agenda"])
def test_the_search_palette_writes_weeks_one_way(qtbot, demo_journal, tmp_path, kind):  # type: ignore[no-untyped-def]
    """A weekly talk or check-in found by Ctrl+K is named "week of 30 Nov 2026", not ISO."""
    window = open_window(qtbot, demo_journal, tmp_path, 1440, 900)
    palette = SearchPalette(window.context, window)
    qtbot.addWidget(palette)
    palette.kind.setCurrentIndex(palette.kind.findData(kind))
    palette.box.setText("the")
    palette.run()
    results = palette.findChild(QListWidget, "searchResults")
    assert results.count() > 0
    shown = [
        text
        for row in range(results.count())
        for text in (results.item(row).text(), results.item(row).data(META_ROLE))
    ]
    assert all(", week of " in results.item(row).text() for row in range(results.count()))
    found = sorted({shape for text in shown for shape in shapes_in(text)})
    assert found == [], "\n".join(found)
