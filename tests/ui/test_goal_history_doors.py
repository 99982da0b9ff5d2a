"""A key result's value and a goal's status change only with a dated, authored update;
the mouse wheel passing over a field never changes it."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit, QTableWidget

from ceocto_desktop.models import GoalStatus
from tests.ui.test_goals_page import CTRL, add_key_result, field, goals_page


def wheel_over(widget, steps=-1):
    """One notch of the mouse wheel with the pointer over the widget."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(),
        QPoint(0, 120 * steps),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def test_a_current_value_typed_in_the_table_is_recorded_as_progress(today, qtbot, window, db):
    page = goals_page(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    add_key_result(qtbot, page, "Paying customers", "0", "10", "customers")
    table = field(page, "keyResultsTable", QTableWidget)
    table.setFocus()
    table.setCurrentCell(0, 3)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    editor = table.findChild(QLineEdit)
    assert editor is not None and editor.hasFocus()
    editor.selectAll()
    qtbot.keyClicks(editor, "4")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: db.one("SELECT count(*) FROM goal_updates") == 1)
    assert db.rows("SELECT on_date, author, progress FROM goal_updates") == [
        (today.isoformat(), "A", 0.4)
    ]
    assert db.rows("SELECT value_before, value_after FROM key_result_changes") == [(0.0, 4.0)]
    assert db.one("SELECT progress FROM goals") == 0.4
    assert table.item(0, 5).text() == "40%"


def test_the_status_combo_records_an_update_and_ignores_a_passing_wheel(today, qtbot, window, db):
    page = goals_page(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    status = field(page, "goal_status", QComboBox)
    field(page, "goal_title").setFocus()
    before = status.currentIndex()
    wheel_over(status)
    wheel_over(status, steps=1)
    assert status.currentIndex() == before
    assert db.one("SELECT status FROM goals") == "proposed"
    status.setFocus()
    qtbot.keyClick(status, Qt.Key.Key_Down)  # proposed → on track, with the keyboard
    qtbot.waitUntil(lambda: db.one("SELECT count(*) FROM goal_updates") == 1)
    assert db.rows("SELECT status FROM goals") == [("on track",)]
    assert db.rows("SELECT on_date, author, status FROM goal_updates") == [
        (today.isoformat(), "A", GoalStatus.ON_TRACK.value)
    ]
