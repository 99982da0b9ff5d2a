"""Ctrl+K as a person uses it: titles first, tags found, `c++` as typed, recent when empty."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QListWidget

from ceocto_desktop.models import ObstacleCategory, Seat
from ceocto_desktop.services.records import goals, notes, obstacles
from ceocto_desktop.store import open_journal
from ceocto_desktop.ui.dialogs.search_palette import SearchPalette, row_html
from ceocto_desktop.ui.widgets.title_edit import TitleEdit


def write(journal_path, work):
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        work(session)
    journal.close()


def palette(qtbot, window):
    dialog = SearchPalette(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return (
        dialog,
        dialog.findChild(QLineEdit, "searchBox"),
        dialog.findChild(QLabel, "searchSummary"),
    )


def titles(dialog):
    results = dialog.findChild(QListWidget, "searchResults")
    return [results.item(i).text() for i in range(results.count())]


def typed(qtbot, dialog, box, summary, text):
    box.clear()
    qtbot.keyClicks(box, text)
    qtbot.waitUntil(lambda: summary.text().endswith("found"))
    return titles(dialog)


def test_a_title_match_ranks_above_words_in_a_body(qtbot, window, journal_path):
    def seed(session):
        # The note says "pricing" four times in four words: by text alone it is the best match.
        notes.create_note(session, Seat.B, "Pricing, pricing, pricing, pricing.")
        obstacles.create_obstacle(
            session,
            Seat.A,
            "Churn in the mid-market",
            ObstacleCategory.CUSTOMERS,
            description="Pricing pricing pricing: they say our pricing is confusing.",
        )
        goals.create_goal(
            session,
            Seat.A,
            "Revisit the pricing page for the enterprise tier before the next quarter",
            description="A long description about packaging, tiers, seats and discounts "
            "that the sales team asked for after the autumn deals slipped.",
        )

    write(journal_path, seed)
    dialog, box, summary = palette(qtbot, window)
    found = typed(qtbot, dialog, box, summary, "pricing")
    assert summary.text() == "3 found"
    assert found[0].startswith("Revisit the pricing page")


def test_tags_are_searched_with_or_without_the_hash(qtbot, window, journal_path):
    def seed(session):
        notes.create_note(
            session, Seat.A, "Met a designer we would like to bring on", tags=["hiring"]
        )
        notes.create_note(session, Seat.B, "Lunch with the accountant", tags=["finance"])

    write(journal_path, seed)
    dialog, box, summary = palette(qtbot, window)
    assert typed(qtbot, dialog, box, summary, "hiring") == [
        "Met a designer we would like to bring on"
    ]
    assert typed(qtbot, dialog, box, summary, "#hir") == [
        "Met a designer we would like to bring on"
    ]
    results = dialog.findChild(QListWidget, "searchResults")
    assert "<b>#hiring</b>" in row_html(results.item(0))  # the row says why it was found


def test_c_plus_plus_finds_the_literal_not_every_word_in_c(qtbot, window, journal_path):
    def seed(session):
        notes.create_note(session, Seat.A, "The C++ rewrite of the router is done")
        notes.create_note(session, Seat.A, "Customer call went well")
        notes.create_note(session, Seat.B, "Cash is tight until the round closes")
        goals.create_goal(session, Seat.B, "Close the C round")

    write(journal_path, seed)
    dialog, box, summary = palette(qtbot, window)
    assert typed(qtbot, dialog, box, summary, "c++") == ["The C++ rewrite of the router is done"]
    assert typed(qtbot, dialog, box, summary, "C++ router") == [
        "The C++ rewrite of the router is done"
    ]


def test_an_empty_box_shows_the_records_changed_last_and_enter_opens_one(
    qtbot, window, journal_path
):
    made = {}

    def seed(session):
        notes.create_note(session, Seat.A, "An old note about the offsite")
        made["goal"] = goals.create_goal(session, Seat.A, "Ship the mobile app").id

    write(journal_path, seed)
    write(
        journal_path, lambda s: goals.update_goal(s, made["goal"], title="Ship the mobile app v2")
    )
    dialog, box, summary = palette(qtbot, window)
    assert summary.text() == "Recently changed"
    assert titles(dialog) == ["Ship the mobile app v2", "An old note about the offsite"]
    qtbot.keyClick(box, Qt.Key.Key_Return)
    page = window.stack.currentWidget()
    assert page.objectName() == "goalsPage"
    assert page.findChild(TitleEdit, "goal_title").text() == "Ship the mobile app v2"


def test_a_note_starting_with_a_heading_is_titled_in_plain_text(qtbot, window, journal_path):
    write(
        journal_path,
        lambda s: notes.create_note(
            s, Seat.A, "## Partner meeting, 17 December\n\n- **Runway**: 19 months"
        ),
    )
    dialog, box, summary = palette(qtbot, window)
    assert typed(qtbot, dialog, box, summary, "runway") == [
        "Partner meeting, 17 December Runway: 19 months"
    ]
