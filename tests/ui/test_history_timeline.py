"""A record's history reads as a timeline: one dot per entry on a rule down the left, the
newest first and in the accent colour, each entry's date first, written the one way."""

from __future__ import annotations

from datetime import datetime

import pytest
from PySide6.QtGui import QColor, QFontMetrics, QPalette
from PySide6.QtWidgets import QApplication, QListWidget

from ceocto_desktop.ui.widgets.history_box import DAY_ROLE, RULE_X, TimelineDelegate
from tests.ui.test_layout_at_font import (
    app_font,
    demo_journal,
    demo_template,
    open_page,
    open_window,
)

__all__ = ["app_font", "demo_journal", "demo_template"]  # fixtures, used by name

PAGES = [
    ("Goals", "goalHistory"),
    ("Obstacles", "obstacleHistory"),
    ("Decisions", "decisionHistory"),
]


def close(a: QColor, b: QColor) -> bool:
    return all(abs(x - y) <= 40 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True))


def longest_history(qtbot, page, name: str) -> QListWidget:  # type: ignore[no-untyped-def]
    """The record with the most history entries among the first ones of the page."""
    if hasattr(page, "open_filter"):  # the obstacles page opens on the open ones
        page.open_filter.setCurrentIndex(0)
        QApplication.processEvents()
    best, most = 0, -1
    for row in range(min(60, page.model.rowCount())):
        page.table.selectRow(row)
        QApplication.processEvents()
        count = page.findChild(QListWidget, name).count()
        if count > most:
            best, most = row, count
    page.table.selectRow(best)
    QApplication.processEvents()
    history = page.findChild(QListWidget, name)
    assert history.count() >= 2, f"no record on this page has two dated entries ({name})"
    return history


@pytest.mark.parametrize("app_font", [11.0], indirect=True)
@pytest.mark.parametrize(("title", "name"), PAGES)
def test_history_is_a_timeline_newest_first_with_a_dot_per_entry(  # type: ignore[no-untyped-def]
    qtbot, demo_journal, tmp_path, app_font, title, name
):
    window = open_window(qtbot, demo_journal, tmp_path, 1024, 640)
    page = open_page(window, title)
    history = longest_history(qtbot, page, name)
    qtbot.waitUntil(lambda: history.isVisible() and history.viewport().height() > 0)
    history.scrollToTop()
    # Each entry starts with its day, as the window writes days; the newest comes first.
    days = [history.item(row).data(DAY_ROLE) for row in range(history.count())]
    assert all(history.item(row).text().startswith(days[row]) for row in range(len(days)))
    parsed = [datetime.strptime(day, "%d %b %Y").date() for day in days]
    assert parsed == sorted(parsed, reverse=True)
    # Drawn as a timeline: a dot on the rule beside each entry's day, none beside its text.
    assert isinstance(history.itemDelegate(), TimelineDelegate)
    image = history.viewport().grab().toImage()
    palette = history.palette()
    accent = palette.color(QPalette.ColorRole.Link)
    muted = palette.color(QPalette.ColorRole.PlaceholderText)
    background = image.pixelColor(image.width() - 2, 1)
    line = QFontMetrics(history.font()).height()
    ratio = image.devicePixelRatio()
    for row in range(history.count()):
        rect = history.visualItemRect(history.item(row))
        if rect.bottom() > history.viewport().height():
            break
        y = rect.top() + line // 2
        dot = image.pixelColor(int((rect.left() + RULE_X) * ratio), int(y * ratio))
        assert close(dot, accent if row == 0 else muted), (row, dot.name())
        beside = image.pixelColor(int((rect.left() + RULE_X + 6) * ratio), int(y * ratio))
        assert close(beside, background), (row, beside.name())
