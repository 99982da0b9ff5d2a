"""Notes read as a journal: day headers, Markdown rendered in the list, tags found."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLineEdit

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.pages.notes_journal import day_header

CTRL = Qt.KeyboardModifier.ControlModifier


def notes_page(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window, Qt.Key.Key_6, CTRL)
    page = window.stack.currentWidget()
    assert page.objectName() == "notesPage"
    return page


def write(journal_path, entries):
    """Notes written at given local times: (when, body, tags)."""
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        for when, body, tags in entries:
            view = notes.create_note(session, Seat.A, body, tags=tags)
            session.get(Note, view.id).created_at = when.astimezone()
    journal.close()


def headers(page):
    delegate = page.table.itemDelegate()
    return [delegate.header_of(page.model.index(r, 0)) for r in range(page.model.rowCount())]


def test_entries_stand_newest_first_under_their_day(today, qtbot, journal_path, window):
    now = datetime.combine(today, time(12))
    last_week = now - timedelta(days=6)
    write(
        journal_path,
        [
            (last_week, "Offsite planning", ()),
            (now - timedelta(days=1), "Yesterday's sync", ()),
            (now - timedelta(hours=2), "Morning thought", ()),
            (now, "Lunch with the board chair", ()),
        ],
    )
    page = notes_page(qtbot, window)
    firsts = [page.model.row_at(r).first_line for r in range(page.model.rowCount())]
    assert firsts == [
        "Lunch with the board chair",
        "Morning thought",
        "Yesterday's sync",
        "Offsite planning",
    ]
    expected = f"{last_week:%A} {last_week.day} {last_week:%B}"
    if last_week.year != now.year:
        expected += f" {last_week.year}"
    assert headers(page) == ["Today", None, "Yesterday", expected]
    # A day's header makes its first entry taller than the one under it.
    assert page.table.rowHeight(0) > page.table.rowHeight(1)
    assert not page.table.horizontalHeader().isVisible()


def test_day_headers_name_the_day_with_the_year_only_when_another():
    today = datetime(2026, 11, 29).date()
    assert day_header(today, today) == "Today"
    assert day_header(today - timedelta(days=1), today) == "Yesterday"
    assert day_header(datetime(2026, 11, 23).date(), today) == "Monday 23 November"
    assert day_header(datetime(2025, 11, 24).date(), today) == "Monday 24 November 2025"


def test_the_list_renders_markdown_and_shows_tags_as_chips(today, qtbot, journal_path, window):
    write(
        journal_path,
        [
            (
                datetime.combine(today, time(12)),
                "Investor dinner went **well**\n\n- terms by Friday",
                ("board",),
            )
        ],
    )
    page = notes_page(qtbot, window)
    index = page.model.index(0, 0)
    delegate = page.table.itemDelegate()
    entry = delegate.entry(index)
    document = delegate.document(entry, page.table.viewport().width())
    text = document.toPlainText()
    assert "**" not in text and "- terms" not in text and "terms by Friday" in text
    cursor = document.find("well")
    assert cursor.charFormat().fontWeight() == QFont.Weight.Bold
    assert entry.tag_names == ("board",)
    # Painted, the row holds its rendered lines and its chip row, nothing clipped away.
    assert page.table.rowHeight(0) >= document.size().height() + 26


def test_the_filter_finds_tags_as_well_as_words(today, qtbot, journal_path, window):
    now = datetime.combine(today, time(12))
    write(
        journal_path,
        [
            (now - timedelta(hours=3), "Deck sent to Anna", ("investors", "board")),
            (now - timedelta(hours=2), "Hiring debrief", ("hiring",)),
            (now - timedelta(hours=1), "Talked about the board seat", ()),
        ],
    )
    page = notes_page(qtbot, window)
    box = page.findChild(QLineEdit, "notesFilter")

    def shown_after(text):
        box.clear()
        qtbot.keyClicks(box, text)
        page.reload()
        return [page.model.row_at(r).first_line for r in range(page.model.rowCount())]

    assert shown_after("#inv") == ["Deck sent to Anna"]  # a tag, by its start
    assert shown_after("#board") == ["Deck sent to Anna"]  # the tag, not the word
    assert shown_after("board") == ["Talked about the board seat", "Deck sent to Anna"]
    assert shown_after("hiring") == ["Hiring debrief"]
    assert shown_after("investors") == ["Deck sent to Anna"]  # in its tags only
    assert shown_after("#nothing") == []
