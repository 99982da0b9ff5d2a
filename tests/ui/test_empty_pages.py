"""An empty page says what goes there and offers the first action: a click makes it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel, QListWidget, QPushButton, QWidget

from ceocto_desktop.ui.pages.record_page import RecordPage

LEFT = Qt.MouseButton.LeftButton


def open_page(window, title: str):  # type: ignore[no-untyped-def]
    rows = {window.sidebar.item(r).text(): r for r in range(window.sidebar.count())}
    window.sidebar.setCurrentRow(rows[title])
    QApplication.processEvents()
    return window.stack.currentWidget()


@pytest.mark.parametrize(
    ("title", "kind", "heading", "action"),
    [
        ("Goals", "goals", "No goals yet", "Add our first goal"),
        ("Obstacles", "obstacles", "No obstacles yet", "Raise an obstacle"),
        ("Decisions", "decisions", "No decisions yet", "Record a decision"),
        ("Notes", "notes", "No notes yet", "Write the first note"),
    ],
)
def test_an_empty_record_page_offers_its_first_record(  # type: ignore[no-untyped-def]
    qtbot, window, title, kind, heading, action
):
    page = open_page(window, title)
    assert isinstance(page, RecordPage)
    state = page.findChild(QWidget, f"{kind}EmptyState")
    qtbot.waitUntil(state.isVisible)
    assert page.findChild(QLabel, f"{kind}EmptyHeading").text() == heading
    body = page.findChild(QLabel, f"{kind}EmptyBody")
    assert len(body.text()) > 60 and body.isVisible()  # says what goes here
    assert state.geometry() == page.table.viewport().rect()  # over the list, not beside it
    button = page.findChild(QPushButton, f"{kind}EmptyAction")
    assert button.text() == action and button.property("role") == "primary"
    qtbot.mouseClick(button, LEFT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert not state.isVisible()
    assert page.current_id is not None  # the new record is open to write in


def test_a_filter_that_hides_everything_offers_to_clear_it(qtbot, window):  # type: ignore[no-untyped-def]
    page = open_page(window, "Goals")
    qtbot.mouseClick(page.findChild(QPushButton, "goalsEmptyAction"), LEFT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClicks(page.filter_box, "nothing like this")
    state = page.findChild(QWidget, "goalsEmptyState")
    qtbot.waitUntil(state.isVisible)
    assert page.findChild(QLabel, "goalsEmptyHeading").text() == "No goals match"
    clear = page.findChild(QPushButton, "goalsEmptyAction")
    assert clear.text() == "Clear the filter"
    qtbot.mouseClick(clear, LEFT)
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.filter_box.text() == "" and not state.isVisible()


def test_empty_trends_lead_to_the_check_in(qtbot, window):  # type: ignore[no-untyped-def]
    page = open_page(window, "Trends")
    state = page.findChild(QWidget, "trendsEmptyState")
    qtbot.waitUntil(state.isVisible)
    assert not page.findChild(QWidget, "trendsCanvas").isVisible()  # no empty axes
    button = page.findChild(QPushButton, "trendsEmptyAction")
    qtbot.mouseClick(button, LEFT)
    assert window.stack.currentWidget().objectName() == "checkinPage"


def test_empty_board_review_plans_the_first_meeting(qtbot, window):  # type: ignore[no-untyped-def]
    page = open_page(window, "Board review")
    state = page.findChild(QWidget, "boardEmptyState")
    qtbot.waitUntil(state.isVisible)
    qtbot.mouseClick(page.findChild(QPushButton, "boardEmptyAction"), LEFT)
    meetings = page.findChild(QListWidget, "meetingList")
    qtbot.waitUntil(lambda: meetings.count() == 1)
    assert not state.isVisible()
