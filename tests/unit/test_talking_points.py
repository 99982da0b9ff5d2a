"""Talking points: private to their writer, like a draft, until the week's agenda opens
(both answered); then on the agenda, carried while undiscussed. Never in search or export
before then."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services import search
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.inout import journal_json
from ceocto_desktop.services.weekly import agenda, checkins, drafts

WEEK = date(2026, 11, 30)  # a Monday
TODAY = date(2026, 12, 3)
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}
SECRET = "Hiring my brother-in-law as VP Sales"


def _answer(session, week, seat):
    checkins.submit_answers(session, week, seat, CALM, {})


def test_a_point_is_its_writers_alone_until_both_answered_then_on_the_agenda(session):
    assert agenda.add_talking_point(session, Seat.A, WEEK + timedelta(days=2), SECRET) is False
    assert drafts.talking_points(session, Seat.A, WEEK) == [SECRET]
    assert drafts.talking_points(session, Seat.B, WEEK) == []  # never the other's

    _answer(session, WEEK, Seat.A)
    for viewer in Seat:  # half answered: no agenda, and nothing of the point anywhere
        assert agenda.open_agenda(session, WEEK, TODAY, viewer).items == []
        assert agenda.kept_agenda(session, WEEK, viewer).items == []
    connection = search.session_connection(session)
    assert search.search(connection, "brother") == []
    assert "brother" not in journal_json.export_json(session)

    _answer(session, WEEK, Seat.B)
    opened = agenda.open_agenda(session, WEEK, TODAY, Seat.B)
    assert [(i.kind, i.title) for i in opened.items] == [("point", f"Sam's point: {SECRET}")]
    assert drafts.talking_points(session, Seat.A, WEEK) == []  # on the agenda now, not private
    assert [h.kind for h in search.search(connection, "brother")] == ["agenda"]
    assert "brother-in-law" in journal_json.export_json(session)

    # Once the agenda is open, a point goes straight on it; taken back while undiscussed.
    assert agenda.add_talking_point(session, Seat.B, WEEK, "Office move") is True
    assert [i.title for i in agenda.kept_agenda(session, WEEK).items][-1] == (
        "Priya's point: Office move"
    )
    agenda.withdraw_talking_point(session, Seat.B, WEEK, "Office move")
    assert len(agenda.kept_agenda(session, WEEK).items) == 1


def test_an_undiscussed_point_carries_to_next_weeks_agenda_saying_since_when(session):
    agenda.add_talking_point(session, Seat.B, WEEK, "Board seat for Aiko")
    for seat in Seat:
        _answer(session, WEEK, seat)
    agenda.open_agenda(session, WEEK, TODAY)
    later = WEEK + timedelta(days=7)
    for seat in Seat:
        _answer(session, later, seat)
    carried = agenda.open_agenda(session, later, later + timedelta(days=1)).items
    assert [(i.title, i.since_week) for i in carried] == [
        ("Priya's point: Board seat for Aiko", WEEK)
    ]


def test_an_empty_or_overlong_point_is_refused_and_a_point_taken_back_is_gone(session):
    with pytest.raises(ValidationError, match="Write the point first"):
        agenda.add_talking_point(session, Seat.A, WEEK, "   ")
    with pytest.raises(ValidationError, match="at most 200"):
        agenda.add_talking_point(session, Seat.A, WEEK, "x" * 201)
    assert drafts.talking_points(session, Seat.A, WEEK) == []
    agenda.add_talking_point(session, Seat.A, WEEK, "One")
    agenda.add_talking_point(session, Seat.A, WEEK, "Two")
    assert drafts.forget_talking_point(session, Seat.A, WEEK, "One") == 0
    drafts.keep_talking_point(session, Seat.A, WEEK, "One", 0)  # undo puts it back in place
    assert drafts.talking_points(session, Seat.A, WEEK) == ["One", "Two"]
    agenda.withdraw_talking_point(session, Seat.A, WEEK, "One")
    agenda.withdraw_talking_point(session, Seat.A, WEEK, "Two")
    for seat in Seat:
        _answer(session, WEEK, seat)
    assert agenda.open_agenda(session, WEEK, TODAY).items == []
