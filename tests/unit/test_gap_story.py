"""The Overview's gap sentence says what happened: a flip of sides, a sudden drop of either
partner, a widening, a narrowing, or a steady gap (hand-made weeks, then the demo)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.models import Seat
from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.services.review.overview import gap_sentence, gap_trend, trend_of
from ceocto_desktop.store import open_journal

NAMES = {Seat.A: "Sam", Seat.B: "Priya"}
MONDAY = date(2026, 9, 7)


def weeks(*indices: tuple[float, float]) -> list[coop.WeekPoint]:
    """One week per (Sam's index, Priya's index), oldest first."""
    return [
        coop.WeekPoint(MONDAY + timedelta(weeks=n), {"A": a, "B": b})
        for n, (a, b) in enumerate(indices)
    ]


def sentence(*indices: tuple[float, float]) -> str:
    return gap_sentence(trend_of(weeks(*indices)), NAMES)


def test_a_flip_of_sides_is_said_as_a_flip_not_as_a_steady_gap():
    # The demo's case: Priya rated 0.4–0.8 higher for four weeks, then Sam 0.4 higher.
    text = sentence((3.6, 4.2), (3.6, 4.0), (3.6, 4.4), (3.6, 4.2), (3.6, 4.2), (3.2, 2.8))
    assert text.startswith(
        "Sam now rates the partnership 0.4 points higher than Priya; "
        "in the 4 weeks before, Priya rated it 0.6 higher."
    )
    assert "much as in the month before" not in text


def test_a_sudden_drop_of_the_second_partner_is_named_with_both_values():
    text = sentence(
        (3.6, 4.2), (3.6, 4.2), (3.6, 4.0), (3.6, 4.2), (3.6, 4.2), (3.6, 4.2), (3.6, 2.8)
    )
    assert text.endswith("Priya's rating fell from 4.2 to 2.8 in one week: worth asking why.")


def test_a_sudden_drop_of_the_first_partner_is_named_too():
    text = sentence(
        (4.1, 4.0), (4.1, 4.0), (4.1, 4.0), (4.1, 4.0), (4.1, 4.0), (4.1, 4.0), (3.0, 4.0)
    )
    assert text.startswith("Priya rates the partnership 1.0 points higher than Sam")
    assert text.endswith("Sam's rating fell from 4.1 to 3.0 in one week: worth asking why.")
    assert "Priya's rating fell" not in text


def test_a_drop_under_a_point_is_no_news():
    text = sentence(
        (4.0, 4.0), (4.0, 4.0), (4.0, 4.0), (4.0, 4.0), (4.0, 4.0), (4.0, 4.0), (3.2, 3.2)
    )
    assert "fell" not in text


def test_a_widening_gap():
    text = sentence(
        (4.0, 3.9),
        (4.0, 3.8),
        (4.0, 3.9),
        (4.0, 3.8),
        (4.2, 3.4),
        (4.2, 3.3),
        (4.2, 3.2),
        (4.2, 3.1),
    )
    assert text == (
        "Sam rates the partnership 1.1 points higher than Priya, "
        "and the gap has been widening: worth talking about."
    )


def test_a_narrowing_gap():
    text = sentence(
        (3.0, 4.2),
        (3.0, 4.1),
        (3.0, 4.0),
        (3.0, 4.2),
        (3.4, 3.9),
        (3.4, 3.8),
        (3.4, 3.8),
        (3.4, 3.7),
    )
    assert (
        text == "Priya rates the partnership 0.3 points higher than Sam, and the gap is narrowing."
    )


def test_a_steady_gap():
    text = sentence(
        (4.0, 3.5),
        (4.0, 3.4),
        (4.0, 3.5),
        (4.0, 3.6),
        (4.0, 3.5),
        (4.0, 3.4),
        (4.0, 3.5),
        (4.0, 3.5),
    )
    assert (
        text
        == "Sam rates the partnership 0.5 points higher than Priya, much as in the month before."
    )


def test_weeks_one_partner_skipped_are_left_out_of_flip_and_drop():
    points = weeks((3.6, 4.2), (3.6, 4.2), (3.6, 4.2), (3.6, 4.2), (3.6, 4.2), (3.6, 4.2))
    points.insert(5, coop.WeekPoint(MONDAY + timedelta(days=38), {"A": 3.6, "B": None}))
    change = coop.gap_change(points)
    assert change.before_weeks == 4 and change.drops == () and not change.flipped


def test_too_little_to_say_and_nothing_yet():
    assert sentence((4.0, 3.0)) == "Sam rates the partnership 1.0 points higher than Priya."
    assert "once you have both answered a week" in sentence()


def test_the_demo_journals_overview_says_the_flip_and_priyas_drop(tmp_path: Path):
    path = tmp_path / "demo.db"
    write_demo_file(path, DemoOptions(until=date(2026, 12, 6)))
    journal = open_journal(path)
    try:
        with journal.sessions() as session:
            text = gap_sentence(gap_trend(session, date(2026, 12, 6)), NAMES)
    finally:
        journal.close()
    assert text == (
        "Sam now rates the partnership 0.4 points higher than Priya; in the 4 weeks before, "
        "Priya rated it 0.6 higher. Priya's rating fell from 4.2 to 2.8 in one week: "
        "worth asking why."
    )
