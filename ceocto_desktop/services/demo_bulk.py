"""Many goals, obstacles and decisions at once, for load tests of the tables (--scale N)."""

from __future__ import annotations

import random
import uuid
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
from ceocto_desktop.services import demo_text as text

CHUNK = 5000


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

    for begin in range(0, count, CHUNK):
        goals, results, obstacles, decisions = [], [], [], []
        for n in range(begin, min(count, begin + CHUNK)):
            area, title, description, krs = rng.choice(text.GOALS)
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
                    "title": f"{title} #{n + 1}",
                    "description": description,
                    "owner": rng.choice(list(Owner)),
                    "area": area,
                    "status": rng.choice(list(GoalStatus)),
                    "target_date": opened + timedelta(days=90),
                    "board_visible": rng.random() < 0.5,
                }
            )
            for position, (kr_title, low, high, unit) in enumerate(krs[:2]):
                results.append(
                    {
                        **common,
                        "id": new_id(),
                        "goal_id": goal_id,
                        "title": kr_title,
                        "start_value": float(low),
                        "target_value": float(high),
                        "current_value": float(low + (high - low) * rng.random()),
                        "unit": unit,
                        "position": position,
                    }
                )
            category, o_title, o_description = rng.choice(text.OBSTACLES)
            closed = rng.random() < 0.6
            obstacles.append(
                {
                    **common,
                    "id": new_id(),
                    "title": f"{o_title} #{n + 1}",
                    "description": o_description,
                    "kind": ObstacleKind.HINDRANCE,
                    "category": rng.choice(list(ObstacleCategory)) if n % 3 else category,
                    "severity": rng.choice(list(Severity)),
                    "raised_by": common["author"],
                    "owner": Owner.JOINT,
                    "opened_on": opened,
                    "status": ObstacleStatus.RESOLVED if closed else ObstacleStatus.OPEN,
                    "resolved_on": opened + timedelta(days=rng.randint(1, 60)) if closed else None,
                    "resolution": "Solved together." if closed else "",
                    "lesson": "",
                    "covered_by": "",
                }
            )
            d_title, context, options, decision = rng.choice(text.DECISIONS)
            decisions.append(
                {
                    **common,
                    "id": new_id(),
                    "title": f"{d_title} #{n + 1}",
                    "context": context,
                    "options": options,
                    "decision": decision,
                    "rationale": "",
                    "decided_by": rng.choice(list(Owner)),
                    "decided_on": opened,
                    "stance_a": Stance.AGREE,
                    "stance_b": rng.choice(list(Stance)),
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
