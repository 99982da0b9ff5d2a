"""Search ranking and matching: titles and tags first, symbols kept, recent records."""

from __future__ import annotations

import sqlite3

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import decisions, goals, notes
from ceocto_desktop.services.search import match_expression, recent, search


def found(path, text, **options):
    with sqlite3.connect(path) as connection:
        return [(h.kind, h.title) for h in search(connection, text, **options)]


def test_words_with_symbols_are_matched_as_typed(journal):
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "Hiring a C# developer for the billing service")
        notes.create_note(session, Seat.A, "C is for cookie")
        notes.create_note(session, Seat.B, "R&D budget for next year")
        notes.create_note(session, Seat.B, "R and D are letters")
    assert found(journal.path, "c#") == [("note", "Hiring a C# developer for the billing service")]
    assert found(journal.path, "r&d") == [("note", "R&D budget for next year")]
    # A symbol-free last word is still a prefix while typing.
    assert match_expression("billing serv") == '"billing" "serv"*'
    assert match_expression("c++") == '"c++"'


def test_a_tag_match_ranks_with_titles_and_obeys_the_filters(journal):
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "Interview notes, second round", tags=["hiring"])
        notes.create_note(session, Seat.B, "Hiring hiring hiring is all we talk about")
        notes.create_note(session, Seat.B, "Offer accepted", tags=["hiring", "people"])
    assert found(journal.path, "hiring")[:2] == [
        ("note", "Offer accepted"),
        ("note", "Interview notes, second round"),
    ]
    assert found(journal.path, "#hiring", author="A") == [("note", "Interview notes, second round")]
    assert found(journal.path, "hiring people") == [("note", "Offer accepted")]


def test_recent_lists_the_records_edited_last_across_kinds(journal):
    with journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Ship v2")
        decisions.create_decision(session, Seat.B, "Move to Postgres")
        notes.create_note(session, Seat.A, "Offsite agenda")
    with journal.transaction() as session:
        goals.update_goal(session, goal.id, description="Now with offline mode")
    with sqlite3.connect(journal.path) as connection:
        hits = recent(connection, limit=2)
        only_b = recent(connection, author="B")
    assert [(h.kind, h.title, h.snippet) for h in hits] == [
        ("goal", "Ship v2", "Now with offline mode"),
        ("note", "Offsite agenda", ""),  # all of it fits the title
    ]
    assert [h.title for h in only_b] == ["Move to Postgres"]
