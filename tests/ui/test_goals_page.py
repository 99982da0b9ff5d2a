"""The goals page as a pair uses it: key results, recorded progress, filters, undo, saving."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTableWidget,
    QWidget,
)

from ceocto_desktop.models import Area, GoalStatus, Owner, Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal
from tests.ui.helpers import when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def goals_page(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_3, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "goalsPage"
    return page


def field(page, name, kind=QWidget):
    return page.findChild(kind, name)


def type_into(qtbot, widget, text, *, replace=True):
    widget.setFocus()
    if replace:
        widget.selectAll()
    qtbot.keyClicks(widget, text)


def add_key_result(qtbot, page, title, start, target, unit):
    for name, text in (
        ("newKrTitle", title),
        ("newKrStart", start),
        ("newKrTarget", target),
        ("newKrUnit", unit),
    ):
        type_into(qtbot, field(page, name), text)
    qtbot.keyClick(field(page, "newKrUnit"), Qt.Key.Key_Return)


def record_progress(qtbot, page, values, status, note):
    def act(dialog):
        for position, value in values.items():
            spin = dialog.findChild(QDoubleSpinBox, f"krValue{position}")
            spin.setFocus()
            spin.selectAll()
            qtbot.keyClicks(spin, str(value))
        combo = dialog.findChild(QComboBox, "progressStatus")
        combo.setCurrentIndex(combo.findData(status.value))
        qtbot.keyClicks(dialog.findChild(QPlainTextEdit, "progressNote"), note)
        dialog.save()
        assert not dialog.isVisible() or dialog.reject()

    when_modal_shows(act, name="recordProgressDialog")
    qtbot.mouseClick(field(page, "recordProgress", QPushButton), Qt.MouseButton.LeftButton)


def test_a_goal_with_two_key_results_and_progress_recorded_twice(qtbot, window, db):
    page = goals_page(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    title = field(page, "goal_title")
    assert title.hasFocus() and title.selectedText() == "New goal"
    qtbot.keyClicks(title, "Reach product-market fit")
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    add_key_result(qtbot, page, "Paying customers", "4", "12", "customers")
    add_key_result(qtbot, page, "Net retention", "95", "110", "%")
    table = field(page, "keyResultsTable", QTableWidget)
    assert [table.item(r, 0).text() for r in range(table.rowCount())] == [
        "Paying customers",
        "Net retention",
    ]
    record_progress(qtbot, page, {0: 8}, GoalStatus.ON_TRACK, "Two new logos")
    record_progress(qtbot, page, {1: 110}, GoalStatus.AT_RISK, "Retention up, pipeline thin")

    history = field(page, "goalHistory", QListWidget)
    assert history.count() == 2
    assert "at risk · 75%" in history.item(0).text()
    assert "Retention up, pipeline thin" in history.item(0).text()
    assert "Paying customers: 4 → 8" in history.item(1).text()
    assert "Progress <b>75%</b>" in field(page, "goalSummary", QLabel).text()
    assert db.rows("SELECT title, status FROM goals") == [("Reach product-market fit", "at risk")]
    assert db.rows("SELECT progress, note FROM goal_updates ORDER BY created_at") == [
        (0.25, "Two new logos"),
        (0.75, "Retention up, pipeline thin"),
    ]
    model = page.table.model()
    assert model.data(model.index(0, 4)) == "75%"
    assert model.data(model.index(0, 5)) == "+50 pts"


def test_every_field_saves_itself_and_undo_brings_the_old_value_back(qtbot, window, db):
    page = goals_page(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    qtbot.keyClicks(field(page, "goal_title"), "Close the Series A")
    description = field(page, "goal_description", QPlainTextEdit)
    description.setFocus()
    qtbot.keyClicks(description, "Lead investor and terms we both accept")
    # No Save button, no leaving the field: the typing pause is enough.
    qtbot.waitUntil(lambda: db.one("SELECT description FROM goals") != "", timeout=3000)
    assert db.rows("SELECT title, description FROM goals") == [
        ("Close the Series A", "Lead investor and terms we both accept")
    ]
    owner = field(page, "goal_owner", QComboBox)
    owner.setCurrentIndex(owner.findData(Owner.B.value))
    type_into(qtbot, field(page, "goal_target_date"), "2026-12-31")
    qtbot.keyClick(field(page, "goal_target_date"), Qt.Key.Key_Return)
    assert db.rows("SELECT owner, target_date FROM goals") == [("B", "2026-12-31")]
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.one("SELECT target_date FROM goals") is None
    assert field(page, "goal_target_date").text() == ""
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert db.one("SELECT target_date FROM goals") == "2026-12-31"


def test_typing_then_closing_at_once_loses_nothing(qtbot, window, db):
    page = goals_page(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    description = field(page, "goal_description", QPlainTextEdit)
    description.setFocus()
    qtbot.keyClicks(description, "Written a split second before closing")
    window.close()
    assert db.one("SELECT description FROM goals") == "Written a split second before closing"


def test_validation_messages_show_next_to_the_field_and_nothing_invalid_is_written(
    qtbot, window, db
):
    page = goals_page(qtbot, window)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    title = field(page, "goal_title")
    qtbot.keyClick(title, Qt.Key.Key_Delete)
    qtbot.keyClick(title, Qt.Key.Key_Tab)
    error = field(page, "goal_title_error", QLabel)
    assert error.isVisible() and error.text() == "The title cannot be empty."
    assert db.one("SELECT title FROM goals") == "New goal"
    type_into(qtbot, field(page, "goal_target_date"), "31/12/2026")
    qtbot.keyClick(field(page, "goal_target_date"), Qt.Key.Key_Return)
    assert "YYYY-MM-DD" in field(page, "goal_target_date_error", QLabel).text()
    add_key_result(qtbot, page, "Burn", "240", "240", "kEUR")
    kr_error = field(page, "keyResultError", QLabel)
    assert kr_error.isVisible() and "differ from the start" in kr_error.text()
    assert db.rows("SELECT * FROM key_results") == []


def seed(journal_path):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        for n, (title, status, area, owner, target) in enumerate(
            [
                (
                    "Close the Series A",
                    GoalStatus.AT_RISK,
                    Area.FINANCE,
                    Owner.A,
                    date(2026, 12, 31),
                ),
                (
                    "Hire a VP Engineering",
                    GoalStatus.ON_TRACK,
                    Area.PEOPLE,
                    Owner.B,
                    date(2027, 3, 31),
                ),
                ("SOC 2 Type I", GoalStatus.ON_TRACK, Area.OPERATIONS, Owner.JOINT, None),
                (
                    "Runway to 24 months",
                    GoalStatus.ACHIEVED,
                    Area.FINANCE,
                    Owner.A,
                    date(2026, 9, 30),
                ),
            ]
        ):
            goal = goals.create_goal(
                session, Seat.A, title, status=status, area=area, owner=owner, target_date=target
            )
            goals.add_key_result(session, goal.id, Seat.A, "kr", 0, 4, current_value=n)
    journal.close()


def shown_titles(page):
    model = page.table.model()
    return [model.data(model.index(row, 0)) for row in range(model.rowCount())]


def test_filters_narrow_the_table(qtbot, journal_path, window):
    seed(journal_path)
    page = goals_page(qtbot, window)
    page.reload()
    # The page opens on open goals; the achieved one shows under "All goals".
    status = page.findChild(QComboBox, "goalStatusFilter")
    assert status.currentText() == "Open goals"
    assert "Runway to 24 months" not in shown_titles(page)
    status.setCurrentIndex(status.findText("All goals"))
    assert len(shown_titles(page)) == 4
    qtbot.keyClick(window, Qt.Key.Key_F, CTRL)
    assert page.filter_box.hasFocus()
    qtbot.keyClicks(page.filter_box, "series")
    qtbot.waitUntil(lambda: shown_titles(page) == ["Close the Series A"])
    page.filter_box.clear()
    qtbot.waitUntil(lambda: len(shown_titles(page)) == 4)
    area = page.findChild(QComboBox, "goalAreaFilter")
    area.setCurrentIndex(area.findData(Area.FINANCE.value))
    assert shown_titles(page) == ["Close the Series A", "Runway to 24 months"]
    status.setCurrentIndex(status.findData(GoalStatus.ACHIEVED.value))
    assert shown_titles(page) == ["Runway to 24 months"]
    area.setCurrentIndex(0)
    status.setCurrentIndex(status.findText("All goals"))
    quarter = page.findChild(QLineEdit, "goalQuarterFilter")
    type_into(qtbot, quarter, "2027-Q1")
    qtbot.keyClick(quarter, Qt.Key.Key_Return)
    assert shown_titles(page) == ["Hire a VP Engineering"]
    type_into(qtbot, quarter, "Q9")
    qtbot.keyClick(quarter, Qt.Key.Key_Return)
    assert "2026-Q3" in page.findChild(QLabel, "goalsFilterError").text()


def test_sorting_a_column_asks_the_database(qtbot, journal_path, window):
    seed(journal_path)
    page = goals_page(qtbot, window)
    page.findChild(QComboBox, "goalStatusFilter").setCurrentIndex(1)  # all goals, done too
    header = page.table.horizontalHeader()
    header.setSortIndicator(4, Qt.SortOrder.DescendingOrder)  # progress, as a header click
    assert shown_titles(page) == [
        "Runway to 24 months",
        "SOC 2 Type I",
        "Hire a VP Engineering",
        "Close the Series A",
    ]


def test_delete_then_undo_finds_the_goal_back_in_the_journal(qtbot, journal_path, window, db):
    seed(journal_path)
    page = goals_page(qtbot, window)
    page.reload()
    table = page.findChild(QTableView, "goalsTable")
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert db.one("SELECT count(*) FROM goals WHERE title = 'Close the Series A'") == 0
    assert "Ctrl+Z brings it back" in window.statusBar().currentMessage()
    assert "Close the Series A" not in shown_titles(page)
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.rows(
        "SELECT g.title, k.current_value FROM goals g JOIN key_results k ON k.goal_id = g.id "
        "WHERE g.title = 'Close the Series A'"
    ) == [("Close the Series A", 0.0)]
    assert "Close the Series A" in shown_titles(page)


def test_enter_on_a_row_opens_the_goal_for_editing(qtbot, journal_path, window):
    seed(journal_path)
    page = goals_page(qtbot, window)
    page.reload()
    page.table.setFocus()
    page.table.selectRow(2)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert field(page, "goal_title").hasFocus()
    assert field(page, "goal_title").text() == shown_titles(page)[2]
