"""What was asked of a partner (kept beside a counter-offer) is found by search."""

from __future__ import annotations

from datetime import date

from ceocto_desktop.models import Commitment, Seat
from ceocto_desktop.services import search
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.weekly import commitments

DUE = date(2026, 12, 11)


def test_a_countered_commitment_is_found_by_what_was_asked(session):
    asked = commitments.ask_for_commitment(session, Seat.A, "Join the Ardennes pricing call", DUE)
    commitments.counter_commitment(session, asked.id, "Send the security answers")
    connection = search.session_connection(session)
    hits = search.search(connection, "ardennes")
    assert [(h.kind, h.record_id, h.title) for h in hits] == [
        ("commitment", asked.id, "Send the security answers")
    ]
    assert "[Ardennes]" in hits[0].snippet
    # Undoing the counter asks it again: found once, by what is asked, nothing left behind.
    commitments.restore_proposal(session, asked.id, "Join the Ardennes pricing call", DUE)
    assert [h.title for h in search.search(connection, "ardennes")] == [
        "Join the Ardennes pricing call"
    ]
    assert search.search(connection, "security answers") == []
    # Deleting it takes what was asked out of the index too.
    commitments.counter_commitment(session, asked.id, "Send the security answers")
    delete_record(session, Commitment, asked.id)
    assert search.search(connection, "ardennes") == []
