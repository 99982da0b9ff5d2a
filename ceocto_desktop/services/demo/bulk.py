"""Many goals, obstacles and decisions at once, for load tests of the tables (--scale N)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ceocto_desktop.models import (
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    KeyResult,
    Obstacle,
    ObstacleCategory,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Seat,
    Severity,
    Stance,
)
from ceocto_desktop.services.demo import storyline as text
from ceocto_desktop.services.demo.choices import DECISIONS
from ceocto_desktop.services.demo.slots import Slots

CHUNK = 5000
Row = dict[str, Any]  # one row to insert, by column


@contextmanager
def indexed_at_the_end(session: Session, tables: tuple[str, ...]) -> Iterator[None]:
    """Insert many rows into tables with their search index built once at the end.

    The FTS5 'rebuild' of an index is about five times less work than its insert trigger
    firing row by row (100,000 notes: 1.3 s of CPU instead of 6.5 s). Each trigger is put
    back exactly as the migration made it, in the same transaction.
    """
    connection = session.connection()
    dropped: list[tuple[str, str]] = []
    for table in tables:
        trigger = f"search_{table}_insert"
        sql = connection.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?", (trigger,)
        ).scalar()
        if sql is not None:
            connection.exec_driver_sql(f"DROP TRIGGER {trigger}")
            dropped.append((table, sql))
    yield
    for table, sql in dropped:
        connection.exec_driver_sql(f"INSERT INTO search_{table}(search_{table}) VALUES ('rebuild')")
        connection.exec_driver_sql(sql)


class _BulkRows:
    """Seeded rows for the bulk records: the same seed writes the same journal."""

    def __init__(self, count: int, start: date, until: date, seed: int) -> None:
        self.rng = random.Random(seed * 7919 + count)
        self.start = start
        self.span = max(1, (until - start).days)
        self.obstacle_plans = list(text.OBSTACLES.values())
        self.decision_plans = list(DECISIONS.values())
        # The company as in its second year, for every bulk record.
        figures = text.company_figures(6, f"{until.year}-Q1", 3, 8)
        self.figures = figures | {
            "verdict": "stay mid-market",
            "verdict_text": "stay mid-market for now",
        }

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def day(self) -> date:
        return self.start + timedelta(days=self.rng.randint(0, self.span))

    def stamp(self, on: date) -> datetime:
        return datetime.combine(on, time(self.rng.randint(8, 19)), tzinfo=UTC)

    def goal(
        self,
        n: int,
        plan: text.GoalPlan,
        goal_id: str,
        slots: Slots,
        opened: date,
        common: dict[str, Any],
    ) -> tuple[dict[str, Any], list[dict[str, Any]]]:
        """The n-th goal (from one of the demo's plans) and its first two key results."""
        rng = self.rng
        goal = {
            **common,
            "id": goal_id,
            "title": f"{slots.fill(plan.title)} #{n + 1}",
            "description": slots.fill(plan.description),
            "owner": plan.owner,
            "area": plan.area,
            "status": rng.choice(list(GoalStatus)),
            "target_date": opened + timedelta(days=90),
            "board_visible": rng.random() < 0.5,
        }
        results = []
        for position, (kr_title, begin_at, end_at, unit) in enumerate(plan.results[:2]):
            low = float(slots.fill(begin_at).replace(",", ""))
            high = float(slots.fill(end_at).replace(",", ""))
            results.append(
                {
                    **common,
                    "id": self.new_id(),
                    "goal_id": goal_id,
                    "title": slots.fill(kr_title),
                    "start_value": float(low),
                    "target_value": float(high),
                    "current_value": low + (high - low) * rng.random(),
                    "unit": unit,
                    "position": position,
                }
            )
        return goal, results

    def obstacle(
        self, n: int, slots: Slots, opened: date, common: dict[str, Any]
    ) -> dict[str, Any]:
        """The n-th obstacle: a hindrance, resolved six times in ten."""
        rng = self.rng
        plan = rng.choice(self.obstacle_plans)
        closed = rng.random() < 0.6
        return {
            **common,
            "id": self.new_id(),
            "title": f"{slots.fill(plan.title)} #{n + 1}",
            "description": slots.fill(plan.description),
            "kind": ObstacleKind.HINDRANCE,
            "category": rng.choice(list(ObstacleCategory)) if n % 3 else plan.category,
            "severity": rng.choice(list(Severity)),
            "raised_by": common["author"],
            "owner": Owner.JOINT,
            "opened_on": opened,
            "status": ObstacleStatus.RESOLVED if closed else ObstacleStatus.OPEN,
            "resolved_on": opened + timedelta(days=rng.randint(1, 60)) if closed else None,
            "resolution": slots.fill(plan.resolution) if closed else "",
            "lesson": slots.fill(plan.lesson) if closed else "",
            "covered_by": "",
        }

    def decision(
        self, n: int, slots: Slots, opened: date, common: dict[str, Any]
    ) -> dict[str, Any]:
        """The n-th decision, decided the day its goal was set, due for review later."""
        rng = self.rng
        choice = rng.choice(self.decision_plans)
        # The partner who decides agrees; only the other may disagree and commit.
        stances = {Seat.A: Stance.AGREE, Seat.B: Stance.AGREE}
        if choice.decided_by is not Owner.JOINT and rng.random() < 0.2:
            stances[Seat(choice.decided_by.value).other] = Stance.DISAGREE_AND_COMMIT
        return {
            **common,
            "id": self.new_id(),
            "title": f"{slots.fill(choice.title)} #{n + 1}",
            "context": slots.fill(choice.context),
            "options": slots.fill(choice.options),
            "decision": slots.fill(choice.decision),
            "rationale": slots.fill(choice.rationale),
            "decided_by": choice.decided_by,
            "decided_on": opened,
            "stance_a": stances[Seat.A],
            "stance_b": stances[Seat.B],
            "confidence": rng.randint(40, 95),
            "expected_outcome": "",
            "review_on": opened + timedelta(days=rng.randint(30, 120)),
            "status": DecisionStatus.DECIDED,
            "outcome": "",
        }

    def record_set(self, n: int) -> tuple[Row, list[Row], Row, Row]:
        """The n-th goal with its key results, the n-th obstacle and the n-th decision."""
        rng = self.rng
        plan = rng.choice(text.GOALS)
        slots = Slots(rng, self.figures)
        opened = self.day()
        goal_id = self.new_id()
        common = {
            "author": rng.choice(list(Seat)),
            "created_at": self.stamp(opened),
            "updated_at": self.stamp(opened),
        }
        goal, results = self.goal(n, plan, goal_id, slots, opened, common)
        obstacle = self.obstacle(n, slots, opened, common)
        return goal, results, obstacle, self.decision(n, slots, opened, common)


def write_bulk_records(session: Session, count: int, start: date, until: date, seed: int) -> None:
    """Add count goals (each with two key results), count obstacles and count decisions."""
    rows = _BulkRows(count, start, until, seed)
    # Three tables' search indexes built once at the end, not row by row.
    with indexed_at_the_end(session, ("goals", "obstacles", "decisions")):
        for begin in range(0, count, CHUNK):
            goals, results, obstacles, decisions = [], [], [], []
            for n in range(begin, min(count, begin + CHUNK)):
                goal, its_results, obstacle, decision = rows.record_set(n)
                goals.append(goal)
                results.extend(its_results)
                obstacles.append(obstacle)
                decisions.append(decision)
            session.execute(insert(Goal), goals)
            session.execute(insert(KeyResult), results)
            session.execute(insert(Obstacle), obstacles)
            session.execute(insert(Decision), decisions)
