"""Notes with tags and links, found by the tag filter and by the Ctrl+K search palette."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTextBrowser,
)

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.dialogs.search_palette import row_html
from ceocto_desktop.ui.widgets.title_edit import TitleEdit
from tests.ui.helpers import when_modal_shows

CTRL = Qt.KeyboardModifier.ControlModifier


def press(qtbot, window, key, modifiers=CTRL):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, key, modifiers)


def test_a_note_with_tags_and_a_link_found_by_tag_and_by_search(qtbot, journal_path, window, db):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goals.create_goal(session, Seat.A, "Close the Series A")
    journal.close()
    press(qtbot, window, Qt.Key.Key_6)
    page = window.stack.currentWidget()
    assert page.objectName() == "notesPage"
    press(qtbot, window, Qt.Key.Key_N)
    body = page.findChild(QPlainTextEdit, "note_body")
    assert body.hasFocus()
    qtbot.keyClicks(body, "Investor dinner went **well**; terms by Friday")
    tags = page.findChild(QLineEdit, "note_tags")
    tags.setFocus()
    qtbot.keyClicks(tags, "#investors #board")
    qtbot.keyClick(tags, Qt.Key.Key_Return)
    page.findChild(QCheckBox, "note_pinned").setChecked(True)
    # The preview is on demand now (issue 12): it takes the editor's place when asked for.
    preview = page.findChild(QTextBrowser, "notePreview")
    assert body.isVisible() and not preview.isVisible()
    qtbot.mouseClick(page.findChild(QPushButton, "notePreviewToggle"), Qt.MouseButton.LeftButton)
    assert preview.isVisible() and not body.isVisible()
    assert "well" in preview.toPlainText() and "**" not in preview.toPlainText()
    qtbot.mouseClick(page.findChild(QPushButton, "notePreviewToggle"), Qt.MouseButton.LeftButton)
    assert body.isVisible()

    def pick(dialog):
        qtbot.keyClicks(dialog.findChild(QLineEdit, "goalPickerSearch"), "series")
        dialog.accept()

    when_modal_shows(pick, name="goalPicker")
    qtbot.mouseClick(page.findChild(QPushButton, "noteLinkGoal"), Qt.MouseButton.LeftButton)
    assert db.rows("SELECT body, pinned, author FROM notes") == [
        ("Investor dinner went **well**; terms by Friday", 1, "A")
    ]
    assert sorted(r[0] for r in db.rows("SELECT name FROM tags")) == ["board", "investors"]
    assert db.one("SELECT count(*) FROM note_goals") == 1
    found = page.model.row_at(0)
    assert (found.first_line, found.tags, found.pinned) == (
        "Investor dinner went well; terms by Friday",  # a title is plain text (issue 16)
        "#board #investors",
        True,
    )


def test_the_tag_filter_narrows_the_notes(qtbot, journal_path, window):
    from ceocto_desktop.services.records import notes

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "Board prep", tags=["board"])
        notes.create_note(session, Seat.B, "Hiring debrief", tags=["hiring"])
        notes.create_note(session, Seat.B, "Board deck sent", tags=["board", "investors"])
    journal.close()
    press(qtbot, window, Qt.Key.Key_6)
    page = window.stack.currentWidget()
    tag_filter = page.findChild(QComboBox, "noteTagFilter")
    assert [tag_filter.itemText(i) for i in range(tag_filter.count())] == [
        "Any tag",
        "#board (2)",
        "#hiring (1)",
        "#investors (1)",
    ]
    tag_filter.setCurrentIndex(1)
    shown = [page.model.row_at(r).first_line for r in range(page.model.rowCount())]
    assert shown == ["Board deck sent", "Board prep"]  # newest first


def test_the_search_palette_opens_the_right_record(qtbot, journal_path, window):
    from ceocto_desktop.models import ObstacleCategory
    from ceocto_desktop.services.records import notes, obstacles

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        obstacles.create_obstacle(
            session, Seat.B, "Mapping provider raised prices", ObstacleCategory.EXTERNAL
        )
        notes.create_note(session, Seat.A, "Call the mapping vendor about the renewal")
        goals.create_goal(session, Seat.A, "Hire a VP Engineering")
    journal.close()
    seen = {}

    def use(dialog):
        box = dialog.findChild(QLineEdit, "searchBox")
        qtbot.keyClicks(box, "mapping prov")
        qtbot.waitUntil(lambda: dialog.findChild(QLabel, "searchSummary").text() == "1 found")
        results = dialog.findChild(QListWidget, "searchResults")
        seen["result"] = row_html(results.item(0))
        summary = dialog.findChild(QLabel, "searchSummary")
        since = dialog.findChild(QLineEdit, "searchSince")
        qtbot.keyClicks(since, "2099-01-01")
        qtbot.waitUntil(lambda: summary.text() == "Nothing found")
        seen["later"] = summary.text()
        since.clear()
        qtbot.keyClicks(since, "soon")
        qtbot.waitUntil(lambda: "YYYY-MM-DD" in summary.text())
        seen["bad date"] = summary.text()
        since.clear()
        qtbot.waitUntil(lambda: summary.text() == "1 found")
        qtbot.keyClick(box, Qt.Key.Key_Return)

    when_modal_shows(use, name="searchPalette")
    press(qtbot, window, Qt.Key.Key_K)
    assert "<b>Mapping</b> <b>provider</b>" in seen["result"]
    assert seen["later"] == "Nothing found"
    assert "YYYY-MM-DD" in seen["bad date"]
    page = window.stack.currentWidget()
    assert page.objectName() == "obstaclesPage"
    assert page.findChild(TitleEdit, "obstacle_title").text() == "Mapping provider raised prices"


def test_tag_completion_offers_the_tags_in_use_for_the_last_word(qtbot, journal_path, window):
    from ceocto_desktop.services.records import notes

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "Board prep", tags=["board", "investors"])
    journal.close()
    press(qtbot, window, Qt.Key.Key_6)
    page = window.stack.currentWidget()
    page.table.selectRow(0)
    tags = page.findChild(QLineEdit, "note_tags")
    completer = tags.completer()
    tags.setFocus()
    tags.setText("#board ")
    qtbot.keyClicks(tags, "#inv")
    assert completer.splitPath(tags.text()) == ["inv"]
    # Accepting the completion keeps the tags before it and completes the last one.
    assert completer.currentCompletion() == "#board #investors "
