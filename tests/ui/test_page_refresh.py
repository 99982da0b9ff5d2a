"""Typed change notification: a hidden page waits until shown, and only for what it shows."""

from __future__ import annotations

from ceocto_desktop.models import Seat
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.records import goals
from ceocto_desktop.store import open_journal


def show_page(window, title):
    row = [window.sidebar.item(i).text() for i in range(window.sidebar.count())].index(title)
    window.sidebar.setCurrentRow(row)
    return window.stack.currentWidget()


def goal_titles(page):
    return [page.model.row_at(row).title for row in range(page.model.rowCount())]


def test_a_hidden_page_refreshes_when_shown_after_a_change_it_depends_on(qtbot, window):
    page = show_page(window, "Goals")
    assert goal_titles(page) == []
    show_page(window, "Notes")
    refreshes = []
    page.reload = lambda original=page.reload: (refreshes.append(1), original())[1]
    window.context.write(lambda s: goals.create_goal(s, Seat.A, "Hire a VP Sales"), Changed.GOALS)
    assert refreshes == []  # hidden: not queried on the save
    assert goal_titles(page) == []
    show_page(window, "Goals")
    assert goal_titles(page) == ["Hire a VP Sales"]
    assert refreshes == [1]
    show_page(window, "Notes")
    show_page(window, "Goals")
    assert refreshes == [1]  # nothing changed meanwhile: shown again without a query


def test_a_change_the_page_does_not_show_leaves_it_alone(qtbot, window):
    page = show_page(window, "Goals")
    show_page(window, "Overview")
    # Said to be a change of notes only: the goals page has no reason to read again.
    window.context.write(lambda s: goals.create_goal(s, Seat.A, "Quiet goal"), Changed.NOTES)
    show_page(window, "Goals")
    assert goal_titles(page) == []
    window.context.write(lambda s: goals.create_goal(s, Seat.B, "Loud goal"), Changed.GOALS)
    assert sorted(goal_titles(page)) == ["Loud goal", "Quiet goal"]  # shown: at once


def test_what_another_program_wrote_shows_when_the_page_is_shown(qtbot, window, journal_path):
    page = show_page(window, "Goals")
    show_page(window, "Overview")
    journal = open_journal(journal_path)  # as `ceocto` in a shell, or a second window
    with journal.transaction() as session:
        goals.create_goal(session, Seat.B, "Written elsewhere")
    journal.close()
    show_page(window, "Goals")
    assert goal_titles(page) == ["Written elsewhere"]
