"""The record lists as a person sees them: what matters now first, one row per carried goal,
titles cut with "…", a detail pane that steps aside, nothing scrolling sideways at 1024×640."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, QSettings, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QComboBox, QLabel, QLineEdit, QPushButton, QToolButton

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.models import (
    DecisionStatus,
    Goal,
    GoalStatus,
    ObstacleCategory,
    Seat,
    Severity,
    Verdict,
)
from ceocto_desktop.services.records import decisions, goals, obstacles
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.app import Launcher
from ceocto_desktop.ui.theme import tokens
from ceocto_desktop.ui.widgets.title_edit import TitleEdit
from tests.clock import FIXED_TODAY

CTRL = Qt.KeyboardModifier.ControlModifier
pytestmark = pytest.mark.usefixtures("today")  # the window's today is TODAY too
TODAY = FIXED_TODAY
THIS_FIRST, THIS_LAST = parse_quarter(quarter_of(TODAY))
LAST_QUARTER_END = THIS_FIRST - timedelta(days=1)
NEXT_QUARTER_END = parse_quarter(quarter_of(THIS_LAST + timedelta(days=1)))[1]
LONG_TITLE = (
    "Move every customer of the legacy routing engine to the new planner without a single "
    "missed delivery window, before the board meeting in spring"
)


def write(journal_path, work):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        result = work(session)
    journal.close()
    return result


def add_goal(session, title, status=GoalStatus.ON_TRACK, target=None, carried_from=None):
    goal_id = goals.create_goal(session, Seat.A, title, status=status, target_date=target).id
    if carried_from is not None:
        session.get(Goal, goal_id).carried_from_id = carried_from
    goals.add_key_result(session, goal_id, Seat.A, "kr", 0, 10, current_value=3)
    return goal_id


def page_of(qtbot, window, key):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, CTRL)
    page = window.stack.currentWidget()
    page.reload()
    return page


def column_texts(page, column=0):
    model = page.table.model()
    return [model.data(model.index(row, column)) for row in range(model.rowCount())]


def column_of(page, title):
    return next(n for n, c in enumerate(page.model.columns) if c.title == title)


def test_goals_open_on_the_open_goals_of_this_quarter_by_target_date(qtbot, journal_path, window):
    def seed(session):
        add_goal(session, "Aardvark: next quarter's plan", target=NEXT_QUARTER_END)
        add_goal(session, "Beta: this quarter, due last", target=THIS_LAST)
        add_goal(session, "Cedar: no date")
        add_goal(session, "Delta: achieved this quarter", GoalStatus.ACHIEVED, THIS_FIRST)
        add_goal(session, "Echo: this quarter, due first", target=THIS_FIRST)
        add_goal(session, "Foxtrot: dropped last quarter", GoalStatus.DROPPED, LAST_QUARTER_END)

    write(journal_path, seed)
    page = page_of(qtbot, window, Qt.Key.Key_3)
    assert column_texts(page) == [
        "Echo: this quarter, due first",
        "Beta: this quarter, due last",
        "Aardvark: next quarter's plan",
        "Cedar: no date",
    ]
    status = page.findChild(QComboBox, "goalStatusFilter")
    status.setCurrentIndex(status.findText("Done (achieved or dropped)"))
    assert sorted(column_texts(page)) == [
        "Delta: achieved this quarter",
        "Foxtrot: dropped last quarter",
    ]


def test_a_carried_over_goal_is_one_row_with_its_quarters(qtbot, journal_path, window):
    def seed(session):
        first = add_goal(session, "Grow ARR", GoalStatus.DROPPED, LAST_QUARTER_END)
        return first, add_goal(session, "Grow ARR", target=THIS_LAST, carried_from=first)

    first_id, newest_id = write(journal_path, seed)
    page = page_of(qtbot, window, Qt.Key.Key_3)
    status = page.findChild(QComboBox, "goalStatusFilter")
    status.setCurrentIndex(status.findText("All goals"))
    assert column_texts(page) == ["Grow ARR"]
    assert page.model.row_at(0).id == newest_id
    quarters = column_texts(page, column_of(page, "Quarters"))[0]
    earlier, now = quarter_of(LAST_QUARTER_END), quarter_of(THIS_LAST)
    assert earlier.split("-")[1] in quarters and now.split("-")[1] in quarters
    page.table.selectRow(0)
    lineage = page.findChild(QLabel, "goalLineage")
    assert lineage.isVisible()
    assert earlier in lineage.text() and now in lineage.text()
    # The earlier quarter opens from the detail, though the list shows it no more.
    lineage.linkActivated.emit(first_id)
    assert page.findChild(TitleEdit, "goal_title").text() == "Grow ARR"
    assert page.current_id == first_id
    # Asked for by quarter, the earlier step shows: that is the quarter's history.
    quarter = page.findChild(QLineEdit, "goalQuarterFilter")
    quarter.setText(earlier)
    quarter.editingFinished.emit()
    assert column_texts(page) == ["Grow ARR"]
    assert page.model.row_at(0).id == first_id


def test_sorting_by_title_ignores_case(qtbot, journal_path, window):
    def seed(session):
        for title in ("banana", "Cherry", "apple", "Apricot"):
            add_goal(session, title, target=THIS_LAST)

    write(journal_path, seed)
    page = page_of(qtbot, window, Qt.Key.Key_3)
    page.table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
    assert column_texts(page) == ["apple", "Apricot", "banana", "Cherry"]


def test_a_long_title_is_cut_with_an_ellipsis_and_shown_whole_on_hover(qtbot, journal_path, window):
    write(journal_path, lambda s: add_goal(s, LONG_TITLE, target=THIS_LAST))
    window.resize(1024, 640)
    page = page_of(qtbot, window, Qt.Key.Key_3)
    page.table.selectRow(0)
    page.table.viewport().grab()  # paint, as the screen would
    drawn = page.title_delegate.painted[(0, 0)]
    assert drawn.endswith("…") and LONG_TITLE.startswith(drawn[:-1])
    assert page.model.data(page.model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == LONG_TITLE


def drag(handle, dx):
    """Drag a splitter handle sideways with the mouse, as a person would."""
    start = QPointF(handle.width() / 2, handle.height() / 2)
    left = Qt.MouseButton.LeftButton
    for kind, point, buttons in (
        (QEvent.Type.MouseButtonPress, start, left),
        (QEvent.Type.MouseMove, start + QPointF(dx / 2, 0), left),
        (QEvent.Type.MouseMove, start + QPointF(dx, 0), left),
        (QEvent.Type.MouseButtonRelease, start + QPointF(dx, 0), Qt.MouseButton.NoButton),
    ):
        global_point = QPointF(handle.mapToGlobal(point.toPoint()))
        event = QMouseEvent(
            kind, point, global_point, left, buttons, Qt.KeyboardModifier.NoModifier
        )
        QApplication.sendEvent(handle, event)


def test_the_detail_pane_steps_aside_collapses_and_keeps_its_width(qtbot, journal_path, window):
    write(journal_path, lambda s: add_goal(s, "Close the Series A", target=THIS_LAST))
    page = page_of(qtbot, window, Qt.Key.Key_3)
    pane = page.detail_scroll
    # Nothing selected: the list has the whole width.
    assert not pane.isVisible()
    qtbot.waitUntil(lambda: page.table.width() > 0.9 * page.splitter.width())
    page.table.selectRow(0)
    assert pane.isVisible()
    toggle = page.findChild(QToolButton, "goalsDetailToggle")
    assert toggle.text() == "Hide details"
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert not pane.isVisible()
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert pane.isVisible()
    before = pane.width()
    drag(page.splitter.handle(1), -120)
    assert pane.width() > before + 60
    widened = pane.width()
    window.close()

    again = Launcher(QSettings())
    assert again.open_path(journal_path, explicit=True)
    reopened = again.windows[0]
    qtbot.addWidget(reopened)
    reopened.resize(window.size())
    reopened.show()
    qtbot.waitExposed(reopened)
    page = page_of(qtbot, reopened, Qt.Key.Key_3)
    page.table.selectRow(0)
    assert abs(page.detail_scroll.width() - widened) <= 2


def test_ctrl_n_brings_the_title_into_view_with_the_cursor_in_it(qtbot, journal_path, window):
    write(journal_path, lambda s: add_goal(s, "Close the Series A", target=THIS_LAST))
    window.resize(1024, 640)
    page = page_of(qtbot, window, Qt.Key.Key_3)
    page.table.selectRow(0)
    bar = page.detail_scroll.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)  # the pane is taller than the window
    bar.setValue(bar.maximum())  # reading the history at the bottom of the pane
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    title = page.findChild(TitleEdit, "goal_title")
    assert title.hasFocus() and title.text() == "New goal"
    viewport = page.detail_scroll.viewport()
    top_left = title.mapTo(viewport, QPoint(0, 0))
    assert top_left.y() >= 0 and top_left.y() + title.height() <= viewport.height()


def test_obstacles_move_only_by_their_buttons(qtbot, window, db):
    page = page_of(qtbot, window, Qt.Key.Key_4)
    qtbot.keyClick(window, Qt.Key.Key_N, CTRL)
    assert page.findChild(QComboBox, "obstacle_status") is None
    work = page.findChild(QPushButton, "obstacleWorkOn")
    assert work.text() == "Start work"
    qtbot.mouseClick(work, Qt.MouseButton.LeftButton)
    assert db.one("SELECT status FROM obstacles") == "in progress"
    assert work.text() == "Back to open"
    assert page.findChild(QPushButton, "resolveObstacle").isVisible()
    assert not page.findChild(QPushButton, "reopenObstacle").isVisible()
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.one("SELECT status FROM obstacles") == "open"


def test_overdue_reviews_stand_out_and_outcomes_show_in_the_list(qtbot, journal_path, window):
    def seed(session):
        decisions.create_decision(
            session,
            Seat.A,
            "Raise prices 15%",
            decided_on=TODAY - timedelta(days=60),
            review_on=TODAY - timedelta(days=3),
        )
        decisions.create_decision(
            session, Seat.A, "Hire in Lisbon", review_on=TODAY + timedelta(days=12)
        )
        reviewed = decisions.create_decision(
            session, Seat.B, "Move to Postgres", decided_on=TODAY - timedelta(days=200)
        )
        decisions.review_decision(session, reviewed.id, "Queries twice as fast", Verdict.BETTER)

    write(journal_path, seed)
    page = page_of(qtbot, window, Qt.Key.Key_5)
    # What waits for review comes first, the overdue one on top.
    assert column_texts(page) == ["Raise prices 15%", "Hire in Lisbon", "Move to Postgres"]
    model, review = page.model, column_of(page, "Review")
    overdue = model.index(0, review)
    assert model.data(overdue) == "overdue 3 days"
    assert model.data(overdue, Qt.ItemDataRole.ForegroundRole).name() == tokens().danger
    assert model.data(model.index(1, review)) == "in 12 days"
    assert model.data(model.index(1, review), Qt.ItemDataRole.ForegroundRole) is None
    # Once reviewed, the same column tells how it turned out; hovering says what happened.
    outcome = model.index(2, review)
    assert model.data(outcome) == Verdict.BETTER.value
    assert model.data(outcome, Qt.ItemDataRole.ToolTipRole) == "Queries twice as fast"
    assert model.data(model.index(2, column_of(page, "Status"))) == DecisionStatus.REVIEWED.value


def test_no_list_scrolls_sideways_at_1024_by_640(qtbot, journal_path, window):
    def seed(session):
        goal_id = add_goal(session, LONG_TITLE, GoalStatus.AT_RISK, THIS_LAST)
        goals.add_key_result(session, goal_id, Seat.A, LONG_TITLE, 1200, 350000, unit="customers")
        goals.record_goal_progress(
            session, goal_id, Seat.A, status=GoalStatus.AT_RISK, note=LONG_TITLE
        )
        obstacles.create_obstacle(
            session,
            Seat.A,
            LONG_TITLE,
            ObstacleCategory.TECHNICAL_DEBT,
            severity=Severity.CRITICAL,
            goal_ids=(goal_id,),
        )
        decisions.create_decision(
            session,
            Seat.A,
            LONG_TITLE,
            decided_on=TODAY - timedelta(days=30),
            review_on=TODAY - timedelta(days=1),
            goal_ids=(goal_id,),
        )

    write(journal_path, seed)
    window.resize(1024, 640)
    for key in (Qt.Key.Key_3, Qt.Key.Key_4, Qt.Key.Key_5):
        page = page_of(qtbot, window, key)
        for selected in (False, True):
            if selected:
                page.table.selectRow(0)
            QApplication.processEvents()
            name = page.objectName()
            assert page.table.horizontalScrollBar().maximum() == 0, (name, selected)
            assert page.detail_scroll.horizontalScrollBar().maximum() == 0, name
            # The pane's content is laid out within the pane, not cut at its edge.
            inner = page.detail_scroll.viewport().width()
            assert page.detail.minimumSizeHint().width() <= inner, name
    goals_page = page_of(qtbot, window, Qt.Key.Key_3)
    goals_page.table.selectRow(0)
    kr_table = goals_page.findChild(type(goals_page.detail.kr_table), "keyResultsTable")
    header = kr_table.horizontalHeader()
    assert header.length() <= kr_table.viewport().width()
    history = goals_page.detail.history
    assert history.horizontalScrollBar().maximum() == 0


def test_every_page_in_the_sidebar_has_its_icon(window):
    sidebar = window.sidebar
    assert sidebar.count() > 5
    for row in range(sidebar.count()):
        item = sidebar.item(row)
        assert not item.icon().isNull(), item.text()
