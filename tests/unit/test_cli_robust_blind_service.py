"""A week one partner alone has answered stays blind: not in search, charts or reports.

Issue 10: the demo's current week, answered by Sam only, was found by search as Priya.
"""

from __future__ import annotations

from datetime import date

from ceocto_desktop.models import Seat
from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.services.review.attention import needs_attention
from ceocto_desktop.services.review.trends import checkin_answers
from ceocto_desktop.services.search import search
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import driver

RATINGS = ("role_clarity", "cooperation", "communication", "trust", "alignment")
REVEALED, BLIND = date(2026, 8, 3), date(2026, 8, 10)


def both_then_one(session) -> None:
    """A revealed week (both answered), then a week Sam alone has answered."""
    checkins.submit_answers(
        session, REVEALED, Seat.A, dict.fromkeys(RATINGS, 4), {"wins": "Signed Hafenlogistik"}
    )
    checkins.submit_answers(
        session, REVEALED, Seat.B, dict.fromkeys(RATINGS, 4), {"wins": "Shipped the audit log"}
    )
    checkins.submit_answers(
        session,
        BLIND,
        Seat.A,
        dict.fromkeys(RATINGS, 1),
        {"worries": "Whether Priya wants to stay 😟", "wins": "Signed the bridge term sheet"},
    )


def found(session, text: str, **options) -> list[tuple[str, str, str]]:
    raw = session.connection().connection.driver_connection
    assert isinstance(raw, driver.Connection)
    return [(h.kind, h.day, h.author) for h in search(raw, text, **options)]


def test_search_finds_no_answer_of_a_blind_week(session):
    both_then_one(session)
    assert found(session, "Priya wants to stay") == []
    assert found(session, "Signed", kinds=("checkin",)) == [("checkin", "2026-08-03", "A")]
    # Neither the author filter nor the substring scan (used for CJK) opens a blind week.
    assert found(session, "bridge", kinds=("checkin",), author="A") == []
    assert found(session, "😟", kinds=("checkin",)) == []


def test_the_blind_week_is_found_once_the_other_partner_answers(session):
    both_then_one(session)
    checkins.submit_answers(session, BLIND, Seat.B, dict.fromkeys(RATINGS, 3))
    assert found(session, "Priya wants to stay") == [("checkin", "2026-08-10", "A")]


def test_charts_and_the_dashboard_use_only_revealed_weeks(session):
    both_then_one(session)
    answers = checkin_answers(session)
    assert sorted({(a.week, a.seat) for a in answers}) == [(REVEALED, "A"), (REVEALED, "B")]
    attention = needs_attention(session, today=date(2026, 8, 12))
    assert attention.answered == frozenset({Seat.A})  # who has answered, never what


def test_the_retrospective_shows_no_blind_answer_or_rating(session):
    both_then_one(session)
    text = to_markdown(build_retrospective(session, "2026-Q3", today=date(2026, 11, 28)))
    assert "Signed Hafenlogistik" in text  # the revealed week is there
    assert "bridge term sheet" not in text and "Priya wants to stay" not in text
    # Sam's rating of 1 in the blind week would pull his average below 4.
    assert "| Cooperation index, Sam | 4.00 |" in text
    assert "| Weeks checked in | 1 |" in text
