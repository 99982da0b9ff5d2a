"""The retrospective's promises (as they stood at the quarter's end) and what we talked through."""

from __future__ import annotations

from datetime import date

from ceocto_desktop.models import Seat
from ceocto_desktop.reports.html import to_html
from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.services.review.quarter import quarter_facts
from ceocto_desktop.services.weekly import agenda, checkins, commitments

CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}
WEEK = date(2026, 8, 3)


def test_promises_stand_as_at_the_quarters_end_and_talks_keep_their_outcomes(session):
    kept = commitments.create_commitment(session, Seat.A, "Intro to the bank", date(2026, 8, 7))
    commitments.complete_commitment(session, kept.id, on=date(2026, 8, 6))
    dropped = commitments.create_commitment(session, Seat.B, "Hire a contractor", date(2026, 8, 20))
    commitments.drop_commitment(session, dropped.id, "Budget frozen", on=date(2026, 8, 19))
    late = commitments.create_commitment(session, Seat.B, "Data room", date(2026, 9, 25))
    commitments.complete_commitment(session, late.id, on=date(2026, 10, 2))  # after the quarter
    commitments.create_commitment(session, Seat.A, "Next quarter", date(2026, 10, 9))
    checkins.submit_answers(session, WEEK, Seat.A, CALM, {"needs": "Cover the Łódź call"})
    checkins.submit_answers(session, WEEK, Seat.B, {**CALM, "trust": 2})
    opened = agenda.open_agenda(session, WEEK, date(2026, 8, 5))
    gap = opened.items[0]
    agenda.mark_discussed(session, gap.id, True, "Lunch on Friday")

    doc = build_retrospective(session, "2026-Q3", date(2026, 11, 28))
    md = to_markdown(doc)
    assert (
        "## What we promised each other\n\n3 commitments fell due: 1 kept, 1 dropped, 1 still open."
        in md
    )
    assert "- Sam kept 1 of 1 for Priya\n- Priya kept 0 of 2 for Sam" in md
    assert "- Hire a contractor (Priya): Budget frozen" in md
    assert "- Data room (Priya, due 25 Sep 2026)" in md
    assert "Next quarter" not in md
    assert (
        "## What we talked through (1)\n\n"
        "- Week of 3 Aug 2026: Trust: Sam 4, Priya 2 — talk about it — Lunch on Friday" in md
    )
    assert "Cover the Łódź call" not in md.split("What we talked through")[1]  # not discussed
    html = to_html(doc)
    assert "Budget frozen" in html and "Lunch on Friday" in html

    # Priya withdraws her answers: the week is blind again, and its talk leaves the report.
    checkins.delete_answers(session, WEEK, Seat.B)
    again = to_markdown(build_retrospective(session, "2026-Q3", date(2026, 11, 28)))
    assert "What we talked through" not in again and "Lunch on Friday" not in again


def test_help_across_the_line_is_thanked_per_area_as_kept_by_the_quarters_end(session):
    from ceocto_desktop.models import Area

    for what, area, done in (
        ("Joined the Ardennes call", Area.SALES, date(2026, 8, 4)),
        ("Wrote the security answers for Łódź", Area.SALES, date(2026, 9, 1)),
        ("Took the incident review", Area.PRODUCT, date(2026, 9, 2)),  # her own area
        ("Demo for Porto", Area.CUSTOMERS, date(2026, 10, 3)),  # kept after the quarter
    ):
        made = commitments.create_commitment(session, Seat.B, what, done, area=area)
        commitments.complete_commitment(session, made.id, on=done)
    sams = commitments.create_commitment(
        session, Seat.A, "Ran the on-call handover", date(2026, 8, 20), area=Area.PRODUCT
    )
    commitments.complete_commitment(session, sams.id, on=date(2026, 8, 20))
    doc = build_retrospective(session, "2026-Q3", date(2026, 11, 28))
    md = to_markdown(doc)
    assert (
        "### Help across the line\n\n"
        "- Sam in product & technology (1): Ran the on-call handover\n"
        "- Priya in sales & marketing (2): Joined the Ardennes call, "
        "Wrote the security answers for Łódź\n"
    ) in md
    assert "Took the incident review" not in md.split("Help across the line")[1]
    assert "Demo for Porto" not in md
    assert "Wrote the security answers for Łódź" in to_html(doc)


def test_a_quarter_holding_only_commitments_states_them_not_nothing(session):
    # No goal, obstacle, decision, check-in or note in the quarter: only promises. The report
    # said "Nothing was recorded in 2026-Q3" and left them out.
    kept = commitments.create_commitment(session, Seat.A, "Intro to the bank", date(2026, 8, 7))
    commitments.complete_commitment(session, kept.id, on=date(2026, 8, 6))
    dropped = commitments.create_commitment(session, Seat.B, "Hire a contractor", date(2026, 8, 20))
    commitments.drop_commitment(session, dropped.id, "Budget frozen", on=date(2026, 8, 19))
    facts = quarter_facts(session, "2026-Q3", date(2026, 11, 28))
    assert not facts.empty
    md = to_markdown(build_retrospective(session, "2026-Q3", date(2026, 11, 28)))
    assert "Nothing was recorded" not in md
    assert "2 commitments fell due: 1 kept, 1 dropped, 0 still open." in md
    assert "- Hire a contractor (Priya): Budget frozen" in md
    # A quarter with nothing at all still says so, naming what it looked for.
    empty = to_markdown(build_retrospective(session, "2026-Q1", date(2026, 11, 28)))
    assert "Nothing was recorded in 2026-Q1" in empty and "commitments" in empty


def test_help_kept_in_a_quarter_of_nothing_else_is_thanked(session):
    from ceocto_desktop.models import Area

    # Due in the next quarter, kept early in this one: help across the line, and all it held.
    made = commitments.create_commitment(
        session, Seat.B, "Joined the Ardennes call", date(2026, 10, 9), area=Area.SALES
    )
    commitments.complete_commitment(session, made.id, on=date(2026, 9, 14))
    md = to_markdown(build_retrospective(session, "2026-Q3", date(2026, 11, 28)))
    assert "Nothing was recorded" not in md
    assert "- Priya in sales & marketing (1): Joined the Ardennes call" in md
