"""A deterministic, believable demo journal: a year (or ten) of one founder pair's life.

Sam (seat A, CEO) owns sales, customers' contracts, fundraising and finance; Priya (seat B,
CTO) owns architecture, the engineering team, reliability and security; both carry
strategy, culture and onboarding. Goals follow from those roles, obstacles arise from the
goals, decisions are taken by whoever owns the matter, and what happened each week shows in
that week's check-in and notes (demo_weeks). Every id and timestamp comes from the seed and
the simulated dates, never from the clock, so a seed and --until give the same journal.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of, week_start
from ceocto_desktop.models import (
    Goal,
    GoalStatus,
    GoalUpdate,
    KeyResult,
    KeyResultChange,
    Obstacle,
    ObstacleEvent,
    ObstacleEventKind,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Partner,
    Seat,
    Severity,
)
from ceocto_desktop.services.demo import storyline as text
from ceocto_desktop.services.demo.bulk import write_bulk_records
from ceocto_desktop.services.demo.decisions import DecisionWriter, seat_of
from ceocto_desktop.services.demo.slots import Slots, first_name
from ceocto_desktop.services.demo.weeks import Story, write_story
from ceocto_desktop.services.partners import DEFAULT_COLORS

Progress = Callable[[str, float], None]
Record = TypeVar("Record")

PAIR = (
    (
        Seat.A,
        "Sam Rivera",
        "CEO",
        "Selling the vision; investors; keeping calm with customers",
        "Sales, fundraising, finance, customer contracts, the board",
    ),
    (
        Seat.B,
        "Priya Natarajan",
        "CTO",
        "Systems design; calm under pressure; growing engineers",
        "Architecture, the engineering team, reliability, security",
    ),
)
SEVERITIES = (Severity.LOW, Severity.MEDIUM, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL)


@dataclass(frozen=True)
class DemoOptions:
    seed: int = 7
    years: int = 1
    notes: int | None = None
    until: date | None = None
    scale: int = 0


@dataclass(frozen=True)
class DemoSummary:
    start: date
    until: date
    goals: int
    obstacles: int
    decisions: int
    checkins: int
    notes: int


def stamp(day: date, hour: int = 9, minute: int = 0) -> datetime:
    """A simulated moment of a day, in UTC."""
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


def _number(value: str) -> float:
    return float(value.replace(",", ""))


class _Writer:
    def __init__(self, session: Session, options: DemoOptions, progress: Progress) -> None:
        self.session = session
        self.rng = random.Random(options.seed)
        self.until = options.until or date.today()
        self.start = week_start(self.until - timedelta(days=365 * options.years))
        self.progress = progress
        self.names = {seat: first_name(name) for seat, name, *_ in PAIR}
        self.story = Story(self.start, self.until, self.names, self.rng)
        self.used_titles: set[str] = set()
        self.engine_version = 2
        self.quarter_index = 0
        # The quarter each goal plan was last used: "Hire a VP Engineering" once, not yearly.
        self.plan_used: dict[int, int] = {}
        self.counts = {"goals": 0, "obstacles": 0, "decisions": 0, "checkins": 0}

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def record(
        self, model: Callable[..., Record], day: date, author: Seat, **fields: Any
    ) -> Record:
        when = stamp(day, self.rng.randint(8, 19), self.rng.randint(0, 59))
        return model(id=self.new_id(), author=author, created_at=when, updated_at=when, **fields)

    def write_partners(self) -> None:
        for seat, name, title, strengths, responsibilities in PAIR:
            self.session.add(
                self.record(
                    Partner,
                    self.start,
                    Seat.A,
                    seat=seat,
                    name=name,
                    title=title,
                    strengths=strengths,
                    responsibilities=responsibilities,
                    color=DEFAULT_COLORS[seat],
                )
            )

    # Goals ---------------------------------------------------------------------------------
    def quarters(self) -> list[str]:
        names, day = [], self.start
        while day <= self.until:
            if quarter_of(day) not in names:
                names.append(quarter_of(day))
            day += timedelta(days=28)
        if quarter_of(self.until) not in names:
            names.append(quarter_of(self.until))
        return names

    def write_goals(self) -> None:
        quarters = self.quarters()
        carried: list[Goal] = []
        for index, quarter in enumerate(quarters):
            first, last = parse_quarter(quarter)
            self.quarter_index = index
            extra_runway = self.rng.choice((6, 8, 10, 12))
            figures = text.company_figures(index, quarter, self.engine_version, extra_runway)
            self.story.figures[quarter] = figures
            goals = [self.carry_goal(old, first, last) for old in carried]
            wanted = {Owner.A: 2, Owner.B: 2, Owner.JOINT: 1}
            for goal in goals:
                wanted[goal.owner] = max(0, wanted[goal.owner] - 1)
            for owner, count in wanted.items():
                for _ in range(count):
                    made = self.new_goal(owner, first, last, figures, index)
                    if made is not None:
                        goals.append(made)
            carried = []
            for goal in goals:
                self.play_goal(goal, first, last)
                if last < self.until and self.close_goal(goal, last, quarters, index):
                    carried.append(goal)
            self.story.goals_by_quarter[quarter] = goals
            self.progress("goals", index / max(1, len(quarters)))

    def new_goal(
        self, owner: Owner, first: date, last: date, figures: dict[str, str], index: int
    ) -> Goal | None:
        plans = [
            number
            for number, plan in enumerate(text.GOALS)
            if plan.owner is owner and index - self.plan_used.get(number, -9) >= plan.every
        ]
        for _ in range(8 if plans else 0):
            number = self.rng.choice(plans)
            plan = text.GOALS[number]
            slots = Slots(self.rng, dict(figures))
            title = slots.fill(plan.title)
            if title in self.used_titles:
                continue
            self.used_titles.add(title)
            self.plan_used[number] = index
            if "{version}" in plan.title:
                self.engine_version += 1
            goal = self.record(
                Goal,
                max(first, self.start),
                seat_of(owner, self.rng),
                title=title,
                description=slots.fill(plan.description),
                owner=owner,
                area=plan.area,
                status=GoalStatus.ON_TRACK,
                target_date=last,
                board_visible=self.rng.random() < 0.7,
            )
            for position, (kr_title, begin, target, unit) in enumerate(plan.results):
                value = _number(slots.fill(begin))
                goal.key_results.append(
                    self.record(
                        KeyResult,
                        max(first, self.start),
                        goal.author,
                        title=slots.fill(kr_title),
                        start_value=value,
                        target_value=_number(slots.fill(target)),
                        current_value=value,
                        unit=unit,
                        position=position,
                    )
                )
            self.story.plans[goal.id] = (plan, slots)
            self.session.add(goal)
            self.counts["goals"] += 1
            return goal
        return None

    def carry_goal(self, old: Goal, first: date, last: date) -> Goal:
        """The same goal again next quarter, linked to the one it continues."""
        goal = self.record(
            Goal,
            first,
            old.author,
            title=old.title,
            description=old.description,
            owner=old.owner,
            area=old.area,
            status=GoalStatus.ON_TRACK,
            target_date=last,
            board_visible=old.board_visible,
            carried_from_id=old.id,
        )
        for kr in old.key_results:
            goal.key_results.append(
                self.record(
                    KeyResult,
                    first,
                    old.author,
                    title=kr.title,
                    start_value=kr.current_value,
                    target_value=kr.target_value,
                    current_value=kr.current_value,
                    unit=kr.unit,
                    position=kr.position,
                )
            )
        self.story.plans[goal.id] = self.story.plans[old.id]
        # The plan is in use this quarter: no second "Grow ARR" beside the carried one.
        self.plan_used[text.GOALS.index(self.story.plans[old.id][0])] = self.quarter_index
        self.story.lineage[goal.id] = self.story.lineage.get(old.id, 1) + 1
        self.session.add(goal)
        self.counts["goals"] += 1
        return goal

    @staticmethod
    def kr_share(kr: KeyResult) -> float:
        span = kr.target_value - kr.start_value
        return max(0.0, min(1.0, (kr.current_value - kr.start_value) / span)) if span else 1.0

    def play_goal(self, goal: Goal, first: date, last: date) -> None:
        """Move the goal's key results through its quarter, with dated updates."""
        rng = self.rng
        skill = rng.uniform(0.7, 1.3)  # how far this goal gets by quarter end
        day = first + timedelta(days=rng.randint(10, 20))
        end = min(last, self.until)
        while day <= end:
            elapsed = min(1.0, (day - first).days / max(1, (last - first).days))
            self.move_goal(goal, day, elapsed, skill)
            day += timedelta(days=rng.randint(14, 24))

    def move_goal(self, goal: Goal, day: date, elapsed: float, skill: float) -> None:
        update = self.add_update(goal, day, goal.status, "")
        for kr in goal.key_results:
            share = max(0.0, min(1.0, elapsed * skill + self.rng.uniform(-0.08, 0.08)))
            value = kr.start_value + share * (kr.target_value - kr.start_value)
            # Whole people, customers and audits move in whole steps; ARR in tenths.
            whole = kr.start_value.is_integer() and kr.target_value.is_integer()
            value = float(round(value)) if whole else round(value, 1)
            if value != kr.current_value:
                update.changes.append(
                    KeyResultChange(
                        key_result_id=kr.id, value_before=kr.current_value, value_after=value
                    )
                )
                kr.current_value = value
        shares = [self.kr_share(kr) for kr in goal.key_results]
        pace = min(shares) / elapsed if elapsed else 1.0
        goal.status = (
            GoalStatus.ON_TRACK
            if pace >= 0.9
            else GoalStatus.AT_RISK
            if pace >= 0.6
            else GoalStatus.OFF_TRACK
        )
        update.status = goal.status
        update.progress = sum(shares) / len(shares)
        weakest = min(goal.key_results, key=self.kr_share)
        shown = f"{weakest.current_value:g}" + (f" {weakest.unit}" if weakest.unit else "")
        update.note = self.rng.choice(text.GOAL_UPDATES[goal.status.value]).format(
            kr=weakest.title, value=shown
        )

    def add_update(self, goal: Goal, day: date, status: GoalStatus, note: str) -> GoalUpdate:
        shares = [self.kr_share(kr) for kr in goal.key_results]
        update = self.record(
            GoalUpdate,
            day,
            seat_of(goal.owner, self.rng),
            on_date=day,
            progress=sum(shares) / len(shares),
            status=status,
            note=note,
        )
        goal.status = status
        goal.updates.append(update)
        return update

    def close_goal(self, goal: Goal, last: date, quarters: list[str], index: int) -> bool:
        """Achieved, carried into next quarter (True) or dropped, as of the quarter's end."""
        shares = [self.kr_share(kr) for kr in goal.key_results]
        if sum(shares) / len(shares) >= 0.9:
            self.add_update(goal, last, GoalStatus.ACHIEVED, "Achieved by quarter end.")
            self.story.goal_closed(goal, last, achieved=True)
            return False
        self.add_update(goal, last, GoalStatus.OFF_TRACK, "Quarter closed short of the target.")
        carry = self.story.lineage.get(goal.id, 1) < 3 and self.rng.random() < 0.65
        following = quarters[index + 1] if index + 1 < len(quarters) else None
        if carry and following is not None:
            # Closed the day after the quarter, so the quarter's own report still shows it
            # off track at its end.
            self.add_update(
                goal,
                last + timedelta(days=1),
                GoalStatus.DROPPED,
                f"Carried over into {following} as the same goal.",
            )
            self.story.goal_closed(goal, last, achieved=False, carried_into=following)
            return True
        self.add_update(
            goal,
            last + timedelta(days=1),
            GoalStatus.DROPPED,
            "Dropped: we let it go rather than carry it again.",
        )
        self.story.goal_closed(goal, last, achieved=False)
        return False

    # Obstacles -----------------------------------------------------------------------------
    def write_obstacles(self) -> None:
        rng = self.rng
        for quarter, goals in self.story.goals_by_quarter.items():
            first, last = parse_quarter(quarter)
            for goal in goals:
                plan, slots = self.story.plans[goal.id]
                for key in rng.sample(
                    plan.obstacles, k=min(len(plan.obstacles), rng.randint(0, 2))
                ):
                    day = self.day_between(first + timedelta(days=7), last - timedelta(days=14))
                    if day is not None:
                        self.add_obstacle(
                            goal, text.OBSTACLES[key], Slots(rng, {**slots.fixed, **slots}), day
                        )
        day = self.start + timedelta(days=rng.randint(20, 60))
        while day <= self.until:
            self.add_setback(rng.choice(text.SETBACKS), day)
            day += timedelta(days=rng.randint(70, 150))

    def day_between(self, first: date, last: date) -> date | None:
        first = max(first, self.start)
        last = min(last, self.until)
        if last < first:
            return None
        return first + timedelta(days=self.rng.randint(0, (last - first).days))

    def add_obstacle(self, goal: Goal, plan: text.ObstaclePlan, slots: Slots, day: date) -> None:
        rng = self.rng
        goal_seat = seat_of(goal.owner, rng)
        raised = goal_seat if rng.random() < 0.75 else goal_seat.other
        owner = Owner.JOINT if rng.random() < 0.6 or goal.owner is Owner.JOINT else goal.owner
        obstacle = self.record(
            Obstacle,
            day,
            raised,
            title=slots.fill(plan.title),
            description=slots.fill(plan.description),
            kind=ObstacleKind.HINDRANCE,
            category=plan.category,
            severity=rng.choice(SEVERITIES),
            raised_by=raised,
            owner=owner,
            status=ObstacleStatus.OPEN,
            opened_on=day,
            resolution="",
            lesson="",
            covered_by="",
        )
        obstacle.goals.append(goal)
        self.open_event(obstacle, day, raised)
        closed_on = day + timedelta(days=int(rng.expovariate(1 / 24)) + 3)
        if closed_on <= self.until:
            accepted = rng.random() < 0.2
            resolution = slots.fill(plan.accepted if accepted else plan.resolution)
            self.close(obstacle, closed_on, accepted, resolution, slots.fill(plan.lesson))
        elif rng.random() < 0.5:
            obstacle.status = ObstacleStatus.IN_PROGRESS
        self.session.add(obstacle)
        self.counts["obstacles"] += 1
        self.story.obstacle_opened(obstacle, goal)

    def add_setback(self, plan: text.SetbackPlan, day: date) -> None:
        """Something went wrong in one partner's domain; the other covered. Blameless."""
        rng = self.rng
        owner = Seat(plan.owner.value)
        slots = Slots(rng, {"owner": self.names[owner], "other": self.names[owner.other]})
        goals = [
            g
            for g in self.story.goals_by_quarter.get(quarter_of(day), [])
            if g.area in plan.goal_areas
        ]
        obstacle = self.record(
            Obstacle,
            day,
            owner,
            title=slots.fill(plan.title),
            description=slots.fill(plan.description),
            kind=ObstacleKind.SETBACK,
            category=plan.category,
            severity=rng.choice((Severity.HIGH, Severity.CRITICAL)),
            raised_by=owner,
            owner=Owner.JOINT,
            status=ObstacleStatus.OPEN,
            opened_on=day,
            resolution="",
            lesson="",
            covered_by=slots.fill(plan.covered),
        )
        if goals:
            obstacle.goals.append(rng.choice(goals))
        self.open_event(obstacle, day, owner)
        closed_on = day + timedelta(days=rng.randint(4, 20))
        if closed_on <= self.until:
            resolution = "Fixed, explained to everyone affected, and written up without blame."
            self.close(obstacle, closed_on, False, resolution, slots.fill(plan.lesson))
        self.session.add(obstacle)
        self.counts["obstacles"] += 1
        self.story.setback(obstacle, owner, slots.fill(plan.worry), slots.fill(plan.thanks))

    def open_event(self, obstacle: Obstacle, day: date, seat: Seat) -> None:
        obstacle.events.append(
            self.record(
                ObstacleEvent, day, seat, kind=ObstacleEventKind.OPENED, on_date=day, text=""
            )
        )

    def close(
        self, obstacle: Obstacle, day: date, accepted: bool, resolution: str, lesson: str
    ) -> None:
        obstacle.status = ObstacleStatus.ACCEPTED if accepted else ObstacleStatus.RESOLVED
        obstacle.resolved_on = day
        obstacle.resolution = resolution
        obstacle.lesson = lesson
        closer = seat_of(obstacle.owner, self.rng)
        kind = ObstacleEventKind.ACCEPTED if accepted else ObstacleEventKind.RESOLVED
        obstacle.events.append(
            self.record(ObstacleEvent, day, closer, kind=kind, on_date=day, text=resolution)
        )

    # Decisions -----------------------------------------------------------------------------


def write_demo_journal(
    session: Session, options: DemoOptions, progress: Progress | None = None
) -> DemoSummary:
    """Fill an empty journal with the demo pair's entries; deterministic for a seed and date."""
    report = progress or (lambda stage, share: None)
    writer = _Writer(session, options, report)
    writer.write_partners()
    writer.write_goals()
    session.flush()
    writer.write_obstacles()
    decisions = DecisionWriter(session, writer.rng, writer.story, writer.record, writer.day_between)
    decisions.write()
    writer.counts["decisions"] = decisions.count
    session.flush()
    report("check-ins and notes", 0.0)
    checkins, notes = write_story(session, writer.story, writer.rng, options.notes, report)
    writer.counts["checkins"] = checkins
    if options.scale:
        report("load-test records", 0.0)
        write_bulk_records(session, options.scale, writer.start, writer.until, options.seed)
        for kind in ("goals", "obstacles", "decisions"):
            writer.counts[kind] += options.scale
    session.flush()
    report("done", 1.0)
    return DemoSummary(start=writer.start, until=writer.until, notes=notes, **writer.counts)
