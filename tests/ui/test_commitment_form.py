"""A promise made on the Overview: saved, shown as owed, refused with a sentence, undone."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QLineEdit, QPushButton

from ceocto_desktop.analytics.formats import weekday_text

CTRL = Qt.KeyboardModifier.ControlModifier


def test_a_promise_is_made_owed_and_undone(today, qtbot, window, db):
    page = window.stack.currentWidget()
    assert page.objectName() == "overviewPage"
    what = page.findChild(QLineEdit, "commitmentWhat")
    due = page.findChild(QLineEdit, "commitmentDue")
    owed_by = page.findChild(QComboBox, "commitmentOwedBy")
    assert [owed_by.itemText(i) for i in range(owed_by.count())] == [
        "Sam owes Priya",
        "Priya owes Sam",
    ]
    assert due.text() == (today + timedelta(days=7)).isoformat()

    due.clear()
    qtbot.keyClicks(due, "next friday")
    qtbot.keyClicks(what, "Cover the Ardennes call")
    qtbot.mouseClick(page.findChild(QPushButton, "addCommitment"), Qt.MouseButton.LeftButton)
    error = page.findChild(QLabel, "commitmentError")
    assert error.isVisible() and "'next friday' is not a date" in error.text()
    assert db.one("SELECT count(*) FROM commitments") == 0
    assert what.text() == "Cover the Ardennes call"  # what was typed stays

    due.clear()
    typed = today.isoformat()
    qtbot.keyClicks(due, typed)
    owed_by.setCurrentIndex(1)
    area = page.findChild(QComboBox, "commitmentArea")
    area.setCurrentIndex(area.findText("Sales & marketing"))
    page.findChild(QCheckBox, "commitmentHelp").setChecked(True)
    what.setFocus()
    qtbot.keyClick(what, Qt.Key.Key_Return)
    assert not error.isVisible()
    assert db.rows(
        "SELECT owed_by, owed_to, what, due_on, area, help_across, status, author FROM commitments"
    ) == [("B", "A", "Cover the Ardennes call", typed, "sales & marketing", 1, "open", "A")]
    assert what.text() == ""
    owed = page.findChild(QLabel, "owedLine")
    assert owed.text() == (
        f"Sam owes Priya: nothing due this week. Priya owes Sam: Cover the Ardennes call "
        f"(due {weekday_text(today)})."
    )

    qtbot.keyClick(window, Qt.Key.Key_Z, CTRL)
    assert db.one("SELECT count(*) FROM commitments") == 0
    assert not owed.isVisible()
