"""Many goals, obstacles and decisions at once, for load tests of the tables (--scale N)."""

from __future__ import annotations

import random
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, time, timedelta

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


def write_bulk_records(session: Session, count: int, start: date, until: date, seed: int) -> None:
    """Add count goals (each with two key results), count obstacles and count decisions."""
    rng = random.Random(seed * 7919 + count)
    span = max(1, (until - start).days)

    def new_id() -> str:
        return str(uuid.UUID(int=rng.getrandbits(128), version=4))

    def day() -> date:
        return start + timedelta(days=rng.randint(0, span))

    def stamp(on: date) -> datetime:
        return datetime.combine(on, time(rng.randint(8, 19)), tzinfo=UTC)

    obstacle_plans = list(text.OBSTACLES.values())
    decision_plans = list(DECISIONS.values())
    # The company as in its second year, for every bulk record.
    figures = text.company_figures(6, f"{until.year}-Q1", 3, 8)
    figures |= {"verdict": "stay mid-market", "verdict_text": "stay mid-market for now"}
    # Three tables' search indexes built once at the end, not row by row.
    with indexed_at_the_end(session, ("goals", "obstacles", "decisions")):
        for begin in range(0, count, CHUNK):
            end = min(count, begin + CHUNK)
            goals, results, obstacles, decisions = [], [], [], []
            for n in range(begin, end):
                plan = rng.choice(text.GOALS)
                slots = Slots(rng, figures)
                opened = day()
                goal_id = new_id()
                common = {
                    "author": rng.choice(list(Seat)),
                    "created_at": stamp(opened),
                    "updated_at": stamp(opened),
                }
                goals.append(
                    {
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
                )
                for position, (kr_title, begin_at, end_at, unit) in enumerate(plan.results[:2]):
                    low = float(slots.fill(begin_at).replace(",", ""))
                    high = float(slots.fill(end_at).replace(",", ""))
                    results.append(
                        {
                            **common,
                            "id": new_id(),
                            "goal_id": goal_id,
                            "title": slots.fill(kr_title),
                            "start_value": float(low),
                            "target_value": float(high),
                            "current_value": low + (high - low) * rng.random(),
                            "unit": unit,
                            "position": position,
                        }
                    )
                obstacle_plan = rng.choice(obstacle_plans)
                category = obstacle_plan.category
                closed = rng.random() < 0.6
                obstacles.append(
                    {
                        **common,
                        "id": new_id(),
                        "title": f"{slots.fill(obstacle_plan.title)} #{n + 1}",
                        "description": slots.fill(obstacle_plan.description),
                        "kind": ObstacleKind.HINDRANCE,
                        "category": rng.choice(list(ObstacleCategory)) if n % 3 else category,
                        "severity": rng.choice(list(Severity)),
                        "raised_by": common["author"],
                        "owner": Owner.JOINT,
                        "opened_on": opened,
                        "status": ObstacleStatus.RESOLVED if closed else ObstacleStatus.OPEN,
                        "resolved_on": opened + timedelta(days=rng.randint(1, 60))
                        if closed
                        else None,
                        "resolution": slots.fill(obstacle_plan.resolution) if closed else "",
                        "lesson": slots.fill(obstacle_plan.lesson) if closed else "",
                        "covered_by": "",
                    }
                )
                choice = rng.choice(decision_plans)
                # The partner who decides agrees; only the other may disagree and commit.
                stances = {Seat.A: Stance.AGREE, Seat.B: Stance.AGREE}
                if choice.decided_by is not Owner.JOINT and rng.random() < 0.2:
                    stances[Seat(choice.decided_by.value).other] = Stance.DISAGREE_AND_COMMIT
                decisions.append(
                    {
                        **common,
                        "id": new_id(),
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
                )
            session.execute(insert(Goal), goals)
            session.execute(insert(KeyResult), results)
            session.execute(insert(Obstacle), obstacles)
            session.execute(insert(Decision), decisions)
