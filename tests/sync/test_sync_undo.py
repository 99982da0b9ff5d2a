"""Undoing what arrived from the other laptop: it goes back here, and the undo travels."""

from __future__ import annotations

from ceocto_desktop.models import Goal, Seat
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.sync.received import list_received, redo_received, undo_received

from .conftest import Pair


def _received(pair: Pair):  # type: ignore[no-untyped-def]
    with pair.a.sessions() as session:
        return list_received(session)


def test_an_edit_from_the_other_laptop_is_undone_here_and_there(pair: Pair) -> None:
    with pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire", description="Two roles")
    pair.sync()
    with pair.b.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire two engineers", description="Now")
    pair.sync()
    assert pair.rows(pair.a)["goals"][0][1:3] == ("Hire two engineers", "Now")
    arrived = _received(pair)
    assert arrived[0].seat == "B"
    assert arrived[0].summary == "Goal: Hire two engineers — description, title changed"
    with pair.a.transaction() as session:
        outcome = undo_received(session, arrived[0].id)
    assert (outcome.done, outcome.left) == (1, 0)
    assert pair.rows(pair.a)["goals"][0][1:3] == ("Hire", "Two roles")
    assert _received(pair)[0].undone
    pair.sync()
    assert pair.rows(pair.b)["goals"] == pair.rows(pair.a)["goals"]  # the undo travelled
    assert pair.rows(pair.b)["goals"][0][1:3] == ("Hire", "Two roles")
    with pair.a.transaction() as session:
        redo_received(session, arrived[0].id)
    pair.sync()
    assert pair.rows(pair.b)["goals"][0][1:3] == ("Hire two engineers", "Now")
    assert pair.rows(pair.a)["goals"] == pair.rows(pair.b)["goals"]


def test_undoing_an_added_record_removes_it_and_a_deleted_one_comes_back_whole(
    pair: Pair,
) -> None:
    with pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Ship v2")
        goals.add_key_result(session, goal.id, Seat.A, "Customers", 0, 10)
    pair.sync()
    with pair.b.transaction() as session:
        notes.create_note(session, Seat.B, "Priya's note", tags=["tech"])
        delete_record(session, Goal, goal.id)
    pair.sync()
    assert pair.rows(pair.a)["goals"] == [] and pair.rows(pair.a)["key_results"] == []
    with pair.a.transaction() as session:
        undo_received(session, _received(pair)[0].id)
    rows = pair.rows(pair.a)
    assert rows["notes"] == [] and rows["note_tags"] == []
    assert [g[1] for g in rows["goals"]] == ["Ship v2"]
    assert [k[2] for k in rows["key_results"]] == ["Customers"]
    pair.sync()
    assert pair.rows(pair.b) == pair.rows(pair.a)


def test_a_field_changed_again_since_is_left_as_it_is(pair: Pair) -> None:
    with pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire")
    pair.sync()
    with pair.b.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire two engineers")
    pair.sync()
    with pair.a.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire three engineers")
    with pair.a.transaction() as session:
        outcome = undo_received(session, _received(pair)[0].id)
    assert (outcome.done, outcome.left) == (0, 1)
    assert pair.rows(pair.a)["goals"][0][1] == "Hire three engineers"


def test_a_new_laptop_joining_keeps_nothing_to_undo(pair: Pair) -> None:
    with pair.b.sessions() as session:
        assert list_received(session) == []
