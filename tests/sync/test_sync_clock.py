"""A laptop whose clock runs hours ahead does not win every simultaneous edit."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.store import Journal
from ceocto_desktop.store.travel import hlc
from ceocto_desktop.sync import service

from .conftest import Pair

AHEAD = 3 * 60 * 60 * 1000  # Priya's laptop (B) runs three hours fast
SECOND = 1000


class Wall:
    """The real time of the test's story, in ms; each laptop reads it through its own clock."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.real = time.time_ns() // 1_000_000
        self.offset = 0
        monkeypatch.setattr(hlc, "wall_ms", lambda: self.real + self.offset)

    @contextmanager
    def on(self, journal: Journal, pair: Pair, at: int) -> Iterator[None]:
        """Work on a laptop at real time start + at (B's clock reads three hours more)."""
        self.offset = at + (AHEAD if journal is pair.b else 0)
        yield


@pytest.fixture
def wall(monkeypatch: pytest.MonkeyPatch) -> Wall:
    return Wall(monkeypatch)


def _title(journal: Journal) -> str:
    with journal.sessions() as session:
        return str(session.connection().exec_driver_sql("SELECT title FROM goals").scalar())


def _sync(pair: Pair, wall: Wall, at: int) -> None:
    for step, journal in enumerate((pair.a, pair.b, pair.a, pair.b)):
        with wall.on(journal, pair, at + step * SECOND):
            service.sync_now(journal)


def _goal_both_know(pair: Pair, wall: Wall) -> str:
    with wall.on(pair.a, pair, 0), pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire")
    _sync(pair, wall, SECOND)
    with wall.on(pair.b, pair, 10 * SECOND), pair.b.transaction() as session:
        notes.create_note(session, Seat.B, "Priya's clock runs fast")
    _sync(pair, wall, 11 * SECOND)  # the first laptop sees how far ahead Priya's stamps are
    return goal.id


def test_an_edit_made_later_beats_one_from_a_clock_hours_ahead(pair: Pair, wall: Wall) -> None:
    goal_id = _goal_both_know(pair, wall)
    # Priya edits first (her stamp reads three hours on), Sam a minute later, neither synced.
    with wall.on(pair.b, pair, 60 * SECOND), pair.b.transaction() as session:
        goals.update_goal(session, goal_id, title="Hire two engineers")
    with wall.on(pair.a, pair, 120 * SECOND), pair.a.transaction() as session:
        goals.update_goal(session, goal_id, title="Hire a VP Sales")
    _sync(pair, wall, 130 * SECOND)
    _sync(pair, wall, 140 * SECOND)
    assert _title(pair.a) == _title(pair.b) == "Hire a VP Sales"
    for journal in (pair.a, pair.b):
        both = [c for c in pair.conflicts(journal) if c[:3] == ("goals", "title", "both")]
        assert [(json.loads(c[3]), json.loads(c[4])) for c in both] == [
            ("Hire a VP Sales", "Hire two engineers")
        ]


def test_the_fast_laptop_still_wins_an_edit_it_made_later(pair: Pair, wall: Wall) -> None:
    goal_id = _goal_both_know(pair, wall)
    with wall.on(pair.a, pair, 60 * SECOND), pair.a.transaction() as session:
        goals.update_goal(session, goal_id, title="Hire a VP Sales")
    with wall.on(pair.b, pair, 120 * SECOND), pair.b.transaction() as session:
        goals.update_goal(session, goal_id, title="Hire two engineers")
    _sync(pair, wall, 130 * SECOND)
    _sync(pair, wall, 140 * SECOND)
    assert _title(pair.a) == _title(pair.b) == "Hire two engineers"


def test_a_stamp_hours_ahead_is_measured_as_the_other_clocks_lead() -> None:
    now = 1_800_000_000_000
    assert hlc.lead(hlc.Stamp(now + AHEAD, 0, "b").text(), now) == AHEAD
    assert hlc.lead(hlc.Stamp(now + 1000, 0, "b").text(), now) == 0
    assert hlc.lead(hlc.Stamp(now - AHEAD, 0, "b").text(), now) is None
