"""Drafts belong to one partner and one place; changed answers are amended once revealed."""

from __future__ import annotations

from datetime import date

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.weekly import checkins, drafts

RATINGS = {"role_clarity": 4, "cooperation": 3, "communication": 3, "trust": 5, "alignment": 4}
WEEK = date(2026, 11, 23)


def test_a_draft_is_kept_replaced_and_discarded_for_its_partner_only(session):
    key = drafts.checkin_key(WEEK)
    assert key == "checkin:2026-11-23"
    drafts.save_draft(session, Seat.A, key, {"texts": {"wins": "Zürich 🎉"}})
    drafts.save_draft(session, Seat.A, key, {"texts": {"wins": "Zürich 🎉, signed"}})
    kept = drafts.load_draft(session, Seat.A, key)
    assert kept is not None and kept.payload == {"texts": {"wins": "Zürich 🎉, signed"}}
    assert drafts.load_draft(session, Seat.B, key) is None
    assert drafts.load_draft(session, Seat.A, drafts.QUICK_NOTE) is None
    drafts.discard_draft(session, Seat.A, key)
    assert drafts.load_draft(session, Seat.A, key) is None


def test_answers_change_in_place_until_both_answered_then_as_amendments(session):
    checkins.submit_answers(session, WEEK, Seat.A, RATINGS, {"wins": "Pilot live"})
    changed = checkins.revise_answers(
        session, WEEK, Seat.A, {**RATINGS, "cooperation": 4}, {"wins": "Pilot live  "}
    )
    assert changed == []  # nobody has seen them yet: no amendment
    assert checkins.week_as_seen_by(session, WEEK, Seat.A).answers[Seat.A].cooperation == 4
    checkins.submit_answers(session, WEEK, Seat.B, RATINGS)
    amended = checkins.revise_answers(
        session, WEEK, Seat.A, {**RATINGS, "cooperation": 2}, {"wins": "Pilot live in 3 sites"}
    )
    assert [(a.field, a.value_before, a.value_after) for a in amended] == [
        ("cooperation", "4", "2"),
        ("wins", "Pilot live", "Pilot live in 3 sites"),
    ]
    assert [a.seat for a in checkins.week_amendments(session, WEEK)] == [Seat.A, Seat.A]


def test_a_change_without_an_answer_or_with_a_bad_rating_is_refused(session):
    with pytest.raises(ValidationError):
        checkins.revise_answers(session, WEEK, Seat.A, RATINGS, {})
    checkins.submit_answers(session, WEEK, Seat.A, RATINGS)
    with pytest.raises(ValidationError, match="Rate trust"):
        checkins.revise_answers(session, WEEK, Seat.A, {**RATINGS, "trust": 6}, {})
    assert checkins.week_as_seen_by(session, WEEK, Seat.A).answers[Seat.A].trust == 5


def test_only_the_drafts_service_touches_drafts():
    """Search, reports, charts and other pages cannot show a draft: none of them reads one."""
    import ast
    import re
    from pathlib import Path

    import ceocto_desktop

    root = Path(ceocto_desktop.__file__).parent
    allowed = {"services/weekly/drafts.py"}
    sql = re.compile(r"\b(from|join|into|update)\s+drafts\b", re.IGNORECASE)
    readers = []
    for path in root.rglob("*.py"):
        name = path.relative_to(root).as_posix()
        if name.startswith(("models/", "store/migrations/")) or name in allowed:
            continue
        source = path.read_text(encoding="utf-8")
        imports_model = any(
            isinstance(node, ast.ImportFrom)
            and (node.module or "").startswith("ceocto_desktop.models")
            and any(alias.name == "Draft" for alias in node.names)
            for node in ast.walk(ast.parse(source))
        )
        if imports_model or sql.search(source):
            readers.append(name)
    assert readers == []
