"""Commitments and the week's sync agenda travel between the two laptops like every record."""

from __future__ import annotations

from datetime import date

from ceocto_desktop.models import Seat
from ceocto_desktop.services.weekly import commitments

from .conftest import Pair

COMMITMENTS = "SELECT id, owed_by, owed_to, what, status, drop_reason FROM commitments"


def rows(pair_journal, sql: str) -> list[tuple]:
    with pair_journal.sessions() as session:
        return sorted(tuple(r) for r in session.connection().exec_driver_sql(sql).fetchall())


def test_a_commitment_made_on_one_laptop_is_kept_on_the_other(pair: Pair) -> None:
    with pair.a.transaction() as session:
        made = commitments.create_commitment(
            session, Seat.A, "Join the Ardennes call", date(2026, 12, 11), author=Seat.A
        )
    pair.sync()
    assert [r[3] for r in rows(pair.b, COMMITMENTS)] == ["Join the Ardennes call"]
    with pair.b.transaction() as session:
        commitments.complete_commitment(session, made.id, on=date(2026, 12, 10))
    pair.sync()
    assert rows(pair.a, COMMITMENTS) == rows(pair.b, COMMITMENTS)
    assert rows(pair.a, COMMITMENTS)[0][4] == "done"


def test_agenda_items_of_one_week_converge_on_one_row_per_key(pair: Pair) -> None:
    """Both laptops may open the same week's agenda: the items are matched by week and key."""
    sql = (
        "INSERT INTO agenda_items (id, created_at, updated_at, author, week_start, key, kind, "
        "title, position, since_week, discussed, outcome) VALUES "
        "(?, '2026-12-07 09:00:00', '2026-12-07 09:00:00', ?, '2026-12-07', 'need:A', 'need', "
        "'Sam needs: a date for the pilot', 0, '2026-12-07', ?, ?)"
    )
    for journal, uid, seat, ticked, outcome in (
        (pair.a, "00000000-0000-4000-8000-00000000000a", "A", 1, "Pilot on 15 Jan"),
        (pair.b, "00000000-0000-4000-8000-00000000000b", "B", 0, ""),
    ):
        with journal.transaction() as session:
            session.connection().exec_driver_sql(sql, (uid, seat, ticked, outcome))
    pair.sync()
    items = "SELECT week_start, key, title FROM agenda_items"
    assert rows(pair.a, items) == rows(pair.b, items)
    assert len(rows(pair.a, items)) == 1


def test_a_request_countered_on_one_laptop_arrives_with_what_was_asked(pair: Pair) -> None:
    """Revision 0010's columns travel: a counter's asked_for, an agenda item's decision."""
    with pair.a.transaction() as session:
        asked = commitments.ask_for_commitment(
            session, Seat.A, "Join the Ardennes call", date(2026, 12, 11)
        )
    pair.sync()
    with pair.b.transaction() as session:
        commitments.counter_commitment(session, asked.id, "Brief you before the call")
    pair.sync()
    sql = "SELECT what, asked_for, status FROM commitments"
    assert rows(pair.a, sql) == [("Brief you before the call", "Join the Ardennes call", "open")]
    assert rows(pair.a, sql) == rows(pair.b, sql)
