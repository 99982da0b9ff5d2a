"""The demo pair's decisions: taken by whoever owns the matter, reviewed, sometimes undone."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.models import Decision, DecisionStatus, Goal, Owner, Seat, Stance, Verdict
from ceocto_desktop.services.demo.choices import DECISIONS, ENTERPRISE_VERDICTS, STANDALONE
from ceocto_desktop.services.demo.slots import Slots
from ceocto_desktop.services.demo.storyline import DecisionPlan
from ceocto_desktop.services.demo.weeks import Story

# Days before the pair takes the same kind of decision again.
COOLDOWN = {
    "eng_hire": 40,
    "discount": 200,
    "sales_hire": 120,
    "pricing": 180,
    "offsite": 330,
    "enterprise": 365,
    "hiring_freeze": 365,
    "all_hands": 1500,
    "written_sync": 2500,
}


def seat_of(owner: Owner, rng: random.Random) -> Seat:
    """The partner who acts for an owner (either of them for a joint one)."""
    if owner is Owner.JOINT:
        return rng.choice((Seat.A, Seat.B))
    return Seat(owner.value)


class DecisionWriter:
    def __init__(
        self,
        session: Session,
        rng: random.Random,
        story: Story,
        record: Callable[..., Any],
        day_between: Callable[[date, date], date | None],
    ) -> None:
        self.session, self.rng, self.story = session, rng, story
        self.until, self.names = story.until, story.names
        self.record, self.day_between = record, day_between
        self.used_titles: set[str] = set()
        self.last_used: dict[str, date] = {}  # the pair does not open an office every month
        self.count = 0

    def write(self) -> None:
        """Decisions for each quarter's goals, and a few the pair takes about themselves."""
        rng = self.rng
        for quarter, goals in self.story.goals_by_quarter.items():
            first, last = parse_quarter(quarter)
            for goal in goals:
                plan, slots = self.story.plans[goal.id]
                for key in rng.sample(
                    plan.decisions, k=min(len(plan.decisions), rng.randint(1, 2))
                ):
                    day = self.day_between(first + timedelta(days=5), last - timedelta(days=10))
                    if day is not None:
                        self.add(key, day, goal, {**slots.fixed, **slots})
            if rng.random() < 0.5:
                day = self.day_between(first, last)
                if day is not None:
                    self.add(rng.choice(STANDALONE), day, None, dict(self.story.figures[quarter]))

    def add(self, key: str, day: date, goal: Goal | None, fixed: dict[str, str]) -> Decision | None:
        rng = self.rng
        plan = DECISIONS[key]
        last = self.last_used.get(key)
        if last is not None and (day - last).days < COOLDOWN.get(key, 240):
            return None
        found = self._unused_title(key, day, fixed)
        if found is None:
            return None
        title, slots = found
        self.used_titles.add(title)
        self.last_used[key] = day
        decider = plan.decided_by
        author = seat_of(decider, rng)
        stances = {Seat.A: Stance.AGREE, Seat.B: Stance.AGREE}
        rationale = slots.fill(plan.rationale)
        dissenter: Seat | None = None
        if decider is not Owner.JOINT and plan.dissent and rng.random() < 0.3:
            # Only the partner who did not decide can disagree and commit.
            dissenter = Seat(decider.value).other
            stances[dissenter] = Stance.DISAGREE_AND_COMMIT
            rationale += (
                f" {slots.fill(plan.dissent)} {self.names[dissenter]} disagrees and commits."
            )
        decision: Decision = self.record(
            Decision,
            day,
            author,
            title=title,
            context=slots.fill(plan.context),
            options=slots.fill(plan.options),
            decision=slots.fill(plan.decision),
            rationale=rationale,
            decided_by=decider,
            decided_on=day,
            stance_a=stances[Seat.A],
            stance_b=stances[Seat.B],
            confidence=rng.choice((50, 60, 65, 70, 75, 80, 85, 90)),
            expected_outcome=slots.fill(plan.expected),
            review_on=day + timedelta(days=rng.randint(45, 90)),
            status=DecisionStatus.DECIDED,
            outcome="",
        )
        if goal is not None:
            decision.goals.append(goal)
        self.session.add(decision)
        self.count += 1
        self.story.decided(decision, author, dissenter, goal)
        review_on = decision.review_on
        due = review_on is not None and review_on + timedelta(days=7) <= self.until
        # Some recent reviews are still to do; none is left overdue for months.
        recent = review_on is not None and review_on > self.until - timedelta(days=40)
        if review_on is not None and due and (rng.random() < 0.85 or not recent):
            self.review(decision, review_on, plan, slots, goal)
        return decision

    def _unused_title(self, key: str, day: date, fixed: dict[str, str]) -> tuple[str, Slots] | None:
        """A title not used yet, with the slots it was filled from (None after six tries)."""
        rng = self.rng
        for attempt in range(6):
            # The goal's own slots first (its market, its customer), fresh ones on retry.
            slots = Slots(rng, fixed if attempt == 0 else dict(self.story.figures[quarter_of(day)]))
            if key == "enterprise":
                verdict, verdict_text = rng.choice(ENTERPRISE_VERDICTS)
                slots["verdict"], slots["verdict_text"] = (
                    slots.fill(verdict),
                    slots.fill(verdict_text),
                )
            title = slots.fill(DECISIONS[key].title)
            if title not in self.used_titles:
                return title, slots
        return None

    def review(
        self,
        decision: Decision,
        review_on: date,
        plan: DecisionPlan,
        slots: Slots,
        goal: Goal | None,
    ) -> None:
        rng = self.rng
        right = rng.random() < decision.confidence / 100
        verdict = rng.choice((Verdict.BETTER, Verdict.AS_EXPECTED)) if right else Verdict.WORSE
        decision.verdict = verdict
        index = (Verdict.BETTER, Verdict.AS_EXPECTED, Verdict.WORSE).index(verdict)
        decision.outcome = slots.fill(plan.outcomes[index])
        decision.reviewed_on = min(self.until, review_on + timedelta(days=rng.randint(0, 7)))
        decision.status = DecisionStatus.REVIEWED
        self.story.reviewed(decision)
        reverse_on = decision.reviewed_on + timedelta(days=rng.randint(5, 20))
        if verdict is Verdict.WORSE and plan.reverse and reverse_on <= self.until:
            title = slots.fill(plan.reverse)
            if title in self.used_titles or rng.random() < 0.4:
                return
            self.used_titles.add(title)
            author = seat_of(decision.decided_by, rng)
            undo: Decision = self.record(
                Decision,
                reverse_on,
                author,
                title=title,
                context=f"“{decision.title}” turned out worse than expected: {decision.outcome}",
                options="Keep going; adjust; reverse",
                decision=slots.fill(plan.reverse_text),
                rationale="We said we would reverse it if the review went badly; it did.",
                decided_by=decision.decided_by,
                decided_on=reverse_on,
                stance_a=Stance.AGREE,
                stance_b=Stance.AGREE,
                confidence=80,
                expected_outcome="Back where we were, with the lesson kept.",
                review_on=reverse_on + timedelta(days=60),
                status=DecisionStatus.DECIDED,
                outcome="",
                supersedes_id=decision.id,
            )
            if goal is not None:
                undo.goals.append(goal)
            decision.status = DecisionStatus.SUPERSEDED
            self.session.add(undo)
            self.count += 1
            self.story.decided(undo, author, None, goal)
