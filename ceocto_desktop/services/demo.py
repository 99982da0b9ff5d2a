"""A deterministic, believable demo journal: a year (or ten) of one founder pair's life."""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of, week_start
from ceocto_desktop.models import (
    RATINGS,
    BoardMeeting,
    CheckIn,
    CheckInAnswer,
    Decision,
    DecisionStatus,
    Goal,
    GoalStatus,
    GoalUpdate,
    KeyResult,
    KeyResultChange,
    Note,
    Obstacle,
    ObstacleEvent,
    ObstacleEventKind,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Partner,
    Retrospective,
    Seat,
    Severity,
    Stance,
    Tag,
    Verdict,
    note_tags,
)
from ceocto_desktop.services import demo_text as text
from ceocto_desktop.services.checkins import load_question_bank
from ceocto_desktop.services.demo_bulk import write_bulk_records
from ceocto_desktop.services.partners import DEFAULT_COLORS

Progress = Callable[[str, float], None]


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


def _stamp(day: date, hour: int = 9) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=UTC)


class _Writer:
    def __init__(self, session: Session, options: DemoOptions, progress: Progress) -> None:
        self.session = session
        self.rng = random.Random(options.seed)
        self.until = options.until or date.today()
        self.start = week_start(self.until - timedelta(days=365 * options.years))
        self.progress = progress
        self.goals_by_quarter: dict[str, list[Goal]] = {}
        self.prior = ""
        self.bank = load_question_bank()
        self.counts = {"goals": 0, "obstacles": 0, "decisions": 0, "checkins": 0}

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def seat(self) -> Seat:
        return self.rng.choice((Seat.A, Seat.B))

    def day_between(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randint(0, max(0, (last - first).days)))

    def record(
        self, model: type, day: date, author: Seat | None = None, **fields: object
    ) -> object:
        stamp = _stamp(day, self.rng.randint(8, 19))
        return model(
            id=self.new_id(),
            author=author or self.seat(),
            created_at=stamp,
            updated_at=stamp,
            **fields,
        )

    def write_partners(self) -> None:
        pair = (
            (
                Seat.A,
                "Sam Rivera",
                "CEO",
                "Selling the vision; hiring; investors",
                "Sales, fundraising, finance, people",
            ),
            (
                Seat.B,
                "Priya Natarajan",
                "CTO",
                "Systems design; calm under pressure",
                "Product, engineering, security, data",
            ),
        )
        for seat, name, title, strengths, responsibilities in pair:
            self.session.add(
                self.record(
                    Partner,
                    self.start,
                    author=Seat.A,
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
            name = quarter_of(day)
            if name not in names:
                names.append(name)
            day += timedelta(days=28)
        if quarter_of(self.until) not in names:
            names.append(quarter_of(self.until))
        return names

    def write_goals(self) -> None:
        carried: list[tuple[Any, ...]] = []
        for index, quarter in enumerate(self.quarters()):
            first, last = parse_quarter(quarter)
            previous = {goal.title for goal in self.goals_by_quarter.get(self.prior, [])}
            fresh = [g for g in text.GOALS if g[1] not in previous]
            picks = carried + self.rng.sample(fresh, k=3)
            carried = []
            self.prior = quarter
            goals = []
            for area, title, description, results in picks[:4]:
                goal = self.make_goal(first, last, area, title, description, results, index)
                goals.append(goal)
                if goal.status is GoalStatus.OFF_TRACK and last < self.until:
                    carried.append((area, title, description, results))
            self.goals_by_quarter[quarter] = goals
            self.progress("goals", index / max(1, len(self.quarters())))

    def make_goal(self, first, last, area, title, description, results, index) -> Goal:  # type: ignore[no-untyped-def]
        rng = self.rng
        owner = rng.choice((Owner.A, Owner.B, Owner.JOINT, Owner.JOINT))
        goal: Goal = self.record(  # type: ignore[assignment]
            Goal,
            first,
            title=title,
            description=description,
            owner=owner,
            area=area,
            status=GoalStatus.ON_TRACK,
            target_date=last,
            board_visible=rng.random() < 0.7,
        )
        skill = rng.uniform(0.6, 1.2)  # how far this goal gets by quarter end
        for position, (kr_title, start, target, unit) in enumerate(results):
            goal.key_results.append(
                self.record(  # type: ignore[arg-type]
                    KeyResult,
                    first,
                    title=kr_title,
                    start_value=float(start),
                    target_value=float(target),
                    current_value=float(start),
                    unit=unit,
                    position=position,
                )
            )
        day = first + timedelta(days=rng.randint(10, 20))
        end = min(last, self.until)
        while day <= end:
            self.move_goal(goal, day, min(1.0, (day - first).days / (last - first).days), skill)
            day += timedelta(days=rng.randint(14, 24))
        if last < self.until:
            final = sum(self.kr_share(kr) for kr in goal.key_results) / len(goal.key_results)
            closing = (
                GoalStatus.ACHIEVED
                if final >= 0.9
                else (GoalStatus.DROPPED if rng.random() < 0.3 else GoalStatus.OFF_TRACK)
            )
            self.add_update(goal, last, closing, "Quarter closed.")
        self.session.add(goal)
        self.counts["goals"] += 1
        return goal

    @staticmethod
    def kr_share(kr: KeyResult) -> float:
        span = kr.target_value - kr.start_value
        return max(0.0, min(1.0, (kr.current_value - kr.start_value) / span)) if span else 1.0

    def move_goal(self, goal: Goal, day: date, elapsed: float, skill: float) -> None:
        update = self.add_update(goal, day, goal.status, "")
        for kr in goal.key_results:
            share = max(0.0, min(1.0, elapsed * skill + self.rng.uniform(-0.08, 0.08)))
            value = kr.start_value + share * (kr.target_value - kr.start_value)
            value = float(round(value))
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
        update.note = self.rng.choice(
            (
                "",
                "Steady.",
                "Slower than hoped; see obstacles.",
                "Good week for this one.",
                "Re-planned the last key result with the team.",
            )
        )

    def add_update(self, goal: Goal, day: date, status: GoalStatus, note: str) -> GoalUpdate:
        shares = [self.kr_share(kr) for kr in goal.key_results]
        update: GoalUpdate = self.record(  # type: ignore[assignment]
            GoalUpdate,
            day,
            on_date=day,
            progress=sum(shares) / len(shares),
            status=status,
            note=note,
        )
        goal.status = status
        goal.updates.append(update)
        return update

    # Obstacles -----------------------------------------------------------------------------
    def write_obstacles(self) -> None:
        rng = self.rng
        day = self.start + timedelta(days=rng.randint(3, 12))
        while day <= self.until:
            setback = rng.random() < 0.22
            if setback:
                category, title, description, lesson, covered = rng.choice(text.SETBACKS)
            else:
                category, title, description = rng.choice(text.OBSTACLES)
                lesson = covered = ""
            raised = self.seat()
            obstacle: Obstacle = self.record(  # type: ignore[assignment]
                Obstacle,
                day,
                author=raised,
                title=title,
                description=description,
                kind=ObstacleKind.SETBACK if setback else ObstacleKind.HINDRANCE,
                category=category,
                severity=rng.choice(list(Severity)),
                raised_by=raised,
                owner=Owner.JOINT if rng.random() < 0.7 else rng.choice((Owner.A, Owner.B)),
                status=ObstacleStatus.OPEN,
                opened_on=day,
                resolution="",
                lesson="",
                covered_by="",
            )
            obstacle.events.append(
                self.record(  # type: ignore[arg-type]
                    ObstacleEvent,
                    day,
                    author=raised,
                    kind=ObstacleEventKind.OPENED,
                    on_date=day,
                    text="",
                )
            )
            quarter_goals = self.goals_by_quarter.get(quarter_of(day), [])
            if quarter_goals:
                obstacle.goals.append(rng.choice(quarter_goals))
            closed_on = day + timedelta(days=int(rng.expovariate(1 / 24)) + 2)
            if closed_on <= self.until and rng.random() < 0.9:
                accepted = not setback and rng.random() < 0.15
                obstacle.status = ObstacleStatus.ACCEPTED if accepted else ObstacleStatus.RESOLVED
                obstacle.resolved_on = closed_on
                obstacle.resolution = (
                    "We live with it for now; revisit next quarter."
                    if accepted
                    else "Agreed a plan together and carried it out."
                )
                obstacle.lesson, obstacle.covered_by = lesson, covered
                obstacle.events.append(
                    self.record(  # type: ignore[arg-type]
                        ObstacleEvent,
                        closed_on,
                        kind=ObstacleEventKind.ACCEPTED if accepted else ObstacleEventKind.RESOLVED,
                        on_date=closed_on,
                        text=obstacle.resolution,
                    )
                )
            elif rng.random() < 0.4:
                obstacle.status = ObstacleStatus.IN_PROGRESS
            self.session.add(obstacle)
            self.counts["obstacles"] += 1
            day += timedelta(days=rng.randint(8, 22))

    # Decisions -----------------------------------------------------------------------------
    def write_decisions(self) -> None:
        rng = self.rng
        day = self.start + timedelta(days=rng.randint(5, 15))
        previous: list[Decision] = []
        while day <= self.until:
            title, context, options, decision_text = rng.choice(text.DECISIONS)
            decided_by = rng.choice((Owner.JOINT, Owner.JOINT, Owner.A, Owner.B))
            confidence = rng.choice((50, 60, 65, 70, 75, 80, 85, 90))
            decision: Decision = self.record(  # type: ignore[assignment]
                Decision,
                day,
                title=title,
                context=context,
                options=options,
                decision=decision_text,
                rationale="We weighed cost, time and what we learn.",
                decided_by=decided_by,
                decided_on=day,
                stance_a=Stance.AGREE if rng.random() < 0.8 else Stance.DISAGREE_AND_COMMIT,
                stance_b=Stance.AGREE if rng.random() < 0.8 else Stance.DISAGREE_AND_COMMIT,
                confidence=confidence,
                expected_outcome="Clear within two months.",
                review_on=day + timedelta(days=rng.randint(45, 90)),
                status=DecisionStatus.DECIDED,
                outcome="",
            )
            quarter_goals = self.goals_by_quarter.get(quarter_of(day), [])
            if quarter_goals:
                decision.goals.append(rng.choice(quarter_goals))
            review_on = decision.review_on
            due = review_on is not None and review_on + timedelta(days=7) <= self.until
            if review_on is not None and due and rng.random() < 0.85:
                self.review(decision, review_on)
            if previous and rng.random() < 0.08 and previous[-1].status is DecisionStatus.DECIDED:
                previous[-1].status = DecisionStatus.SUPERSEDED
                decision.supersedes_id = previous[-1].id
            self.session.add(decision)
            previous.append(decision)
            self.counts["decisions"] += 1
            day += timedelta(days=rng.randint(9, 20))

    def review(self, decision: Decision, review_on: date) -> None:
        rng = self.rng
        right = rng.random() < decision.confidence / 100
        decision.verdict = (
            rng.choice((Verdict.BETTER, Verdict.AS_EXPECTED)) if right else Verdict.WORSE
        )
        decision.outcome = {
            Verdict.BETTER: "Went better than we hoped.",
            Verdict.AS_EXPECTED: "Played out as we expected.",
            Verdict.WORSE: "Did not work as planned; we adjusted.",
        }[decision.verdict]
        decision.reviewed_on = review_on + timedelta(days=rng.randint(0, 7))
        decision.status = DecisionStatus.REVIEWED

    # Check-ins -----------------------------------------------------------------------------
    def write_checkins(self) -> None:
        rng = self.rng
        level = {Seat.A: 3.8, Seat.B: 3.6}
        bias = {name: rng.uniform(-0.4, 0.4) for name in RATINGS}
        weeks: list[dict[str, object]] = []
        answers: list[dict[str, object]] = []
        week = self.start
        while week <= self.until:
            roll = rng.random()
            if week == week_start(self.until):
                roll = 0.1  # this week's check-in is half done: one partner still to answer
            if roll >= 0.04:
                seats = [Seat.A, Seat.B] if roll >= 0.14 else [Seat.A if roll < 0.11 else Seat.B]
                checkin_id = self.new_id()
                weeks.append(
                    {
                        "id": checkin_id,
                        "week_start": week,
                        "author": seats[0],
                        "created_at": _stamp(week),
                        "updated_at": _stamp(week),
                    }
                )
                for seat in seats:
                    answers.append(self.answer(checkin_id, week, seat, level[seat], bias))
            for seat in (Seat.A, Seat.B):
                # Mean-reverting drift: believable moods, no runaway to 1 or 5.
                level[seat] += 0.25 * (3.7 - level[seat]) + rng.gauss(0, 0.25)
            week += timedelta(days=7)
        self.session.execute(insert(CheckIn), weeks)
        self.session.execute(insert(CheckInAnswer), answers)
        self.counts["checkins"] = len(weeks)

    def answer(
        self, checkin_id: str, week: date, seat: Seat, level: float, bias: dict[str, float]
    ) -> dict[str, object]:
        rng = self.rng
        when = _stamp(week + timedelta(days=rng.randint(0, 3)), rng.randint(8, 20))
        row: dict[str, object] = {
            "id": self.new_id(),
            "checkin_id": checkin_id,
            "seat": seat,
            "author": seat,
            "created_at": when,
            "updated_at": when,
            "submitted_at": when,
            "wins": rng.choice(text.WINS),
            "worries": rng.choice(text.WORRIES),
            "needs": rng.choice(text.NEEDS),
            "appreciation": rng.choice(text.APPRECIATIONS),
            **{f"{name}_prompt": rng.choice(self.bank[name]) for name in self.bank},
        }
        for name in RATINGS:
            row[name] = max(1, min(5, round(level + bias[name] + rng.gauss(0, 0.45))))
        return row

    # Notes, board, retros ---------------------------------------------------------------------
    def write_notes(self, count: int | None) -> int:
        rng = self.rng
        days = max(1, (self.until - self.start).days)
        total = count if count is not None else days * 3 // 7
        tag_ids: dict[str, int] = {}
        for _, tags in text.NOTES:
            for name in tags:
                if name not in tag_ids:
                    tag = Tag(name=name)
                    self.session.add(tag)
                    self.session.flush()
                    tag_ids[name] = tag.id
        chunk = 5000
        for begin in range(0, total, chunk):
            rows: list[dict[str, object]] = []
            links: list[dict[str, object]] = []
            for n in range(begin, min(total, begin + chunk)):
                body, tags = rng.choice(text.NOTES)
                when = _stamp(
                    self.start + timedelta(days=n * days // max(1, total)), rng.randint(7, 22)
                ) + timedelta(minutes=rng.randint(0, 59))
                note_id = self.new_id()
                rows.append(
                    {
                        "id": note_id,
                        "author": self.seat(),
                        "created_at": when,
                        "updated_at": when,
                        "body": body,
                        "pinned": rng.random() < 0.02,
                    }
                )
                links.extend({"note_id": note_id, "tag_id": tag_ids[t]} for t in tags)
            self.session.execute(insert(Note), rows)
            self.session.execute(insert(note_tags), links)
            self.progress("notes", min(1.0, (begin + chunk) / max(1, total)))
        return total

    def write_board_and_retros(self) -> None:
        rng = self.rng
        day = self.until - timedelta(days=60)
        meetings = [self.until + timedelta(days=24)]
        while day >= self.start:
            meetings.append(day)
            day -= timedelta(days=182)
        for held_on in sorted(meetings):
            self.session.add(
                self.record(
                    BoardMeeting,
                    min(held_on, self.until),
                    title=f"Board meeting {quarter_of(held_on)}",
                    held_on=held_on,
                    notes=""
                    if held_on > self.until
                    else "Runway, hiring plan and the enterprise tier.",
                    ask_of_board=(
                        "Introductions to two VP Engineering candidates; a view on pricing."
                    ),
                )
            )
        for quarter in self.quarters():
            _, last = parse_quarter(quarter)
            if last < self.until and rng.random() < 0.8:
                self.session.add(
                    self.record(
                        Retrospective,
                        last,
                        quarter=quarter,
                        went_well=rng.choice(text.RETRO_WELL),
                        to_change=rng.choice(text.RETRO_CHANGE),
                        commitments=rng.choice(text.RETRO_COMMIT),
                    )
                )


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
    writer.write_decisions()
    session.flush()
    report("check-ins", 0.0)
    writer.write_checkins()
    notes = writer.write_notes(options.notes)
    writer.write_board_and_retros()
    if options.scale:
        report("load-test records", 0.0)
        write_bulk_records(session, options.scale, writer.start, writer.until, options.seed)
        for kind in ("goals", "obstacles", "decisions"):
            writer.counts[kind] += options.scale
    session.flush()
    report("done", 1.0)
    return DemoSummary(start=writer.start, until=writer.until, notes=notes, **writer.counts)
