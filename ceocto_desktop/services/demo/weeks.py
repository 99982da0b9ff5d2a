"""The demo's weeks: what happened shows in that week's check-in answers and in the notes.

demo.py records goals, obstacles and decisions and tells the Story about each; the Story
turns them into dated events (wins, worries, what one partner did for the other, mood) and
into notes linked to the records they talk about. write_story then writes the weekly
check-ins, the notes (topped up from the phrase bank), board meetings and retrospectives.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import insert
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.analytics.periods import parse_quarter, quarter_of, week_start
from ceocto_desktop.models import (
    RATINGS,
    Area,
    BoardMeeting,
    CheckIn,
    CheckInAnswer,
    Decision,
    Goal,
    GoalStatus,
    Obstacle,
    ObstacleStatus,
    Owner,
    Retrospective,
    Seat,
    Severity,
    Tag,
)
from ceocto_desktop.services.demo import phrases
from ceocto_desktop.services.demo import storyline as text
from ceocto_desktop.services.demo.agendas import write_syncs
from ceocto_desktop.services.demo.bulk import indexed_at_the_end
from ceocto_desktop.services.demo.slots import Slots
from ceocto_desktop.services.weekly.checkins import load_question_bank

CATEGORY_TAGS = {
    "finances": "finance",
    "hiring": "hiring",
    "product direction": "product",
    "roles": "roles",
    "communication": "communication",
    "customers": "customers",
    "technical debt": "engineering",
    "external": "external",
}
CHUNK = 5000
SEATS = (Seat.A, Seat.B)
BOARD_ASKS = (
    "Introductions to two VP Engineering candidates; a view on pricing.",
    "Introductions to logistics CFOs in {market}.",
    "A view on the enterprise tier before we commit engineering to it.",
    "Help with the next round: who should lead, and when.",
)
NOTE_LINKS = (
    ("note_tags", "tag_id"),
    ("note_goals", "goal_id"),
    ("note_obstacles", "obstacle_id"),
    ("note_decisions", "decision_id"),
)


@dataclass
class WeekEvents:
    """What happened in one week, as each partner will remember it in the check-in."""

    wins: dict[Seat, list[str]] = field(default_factory=lambda: {Seat.A: [], Seat.B: []})
    worries: dict[Seat, list[str]] = field(default_factory=lambda: {Seat.A: [], Seat.B: []})
    # What each partner did that week that the other may thank them for.
    acts: dict[Seat, list[str]] = field(default_factory=lambda: {Seat.A: [], Seat.B: []})
    mood: dict[Seat, float] = field(default_factory=lambda: {Seat.A: 0.0, Seat.B: 0.0})


@dataclass(frozen=True)
class StoryNote:
    day: date
    author: Seat
    body: str
    tags: tuple[str, ...]
    goals: tuple[str, ...] = ()
    obstacles: tuple[str, ...] = ()
    decisions: tuple[str, ...] = ()


def _seats(owner: Owner) -> tuple[Seat, ...]:
    return (Seat.A, Seat.B) if owner is Owner.JOINT else (Seat(owner.value),)


class Story:
    """The events of the simulated years, gathered while demo.py writes the records."""

    def __init__(
        self, start: date, until: date, names: dict[Seat, str], rng: random.Random
    ) -> None:
        self.start, self.until, self.names, self.rng = start, until, names, rng
        self.goals_by_quarter: dict[str, list[Goal]] = {}
        self.plans: dict[str, tuple[text.GoalPlan, Slots]] = {}
        self.lineage: dict[str, int] = {}
        self.weeks: dict[date, WeekEvents] = {}
        self.notes: list[StoryNote] = []
        self.open_spells: list[tuple[date, date, Obstacle]] = []
        self.setbacks: list[Obstacle] = []
        self.figures: dict[str, dict[str, str]] = {}  # each quarter's company figures

    def week(self, day: date) -> WeekEvents:
        return self.weeks.setdefault(week_start(day), WeekEvents())

    def note(self, day: date, author: Seat, body: str, tags: tuple[str, ...], **links: Any) -> None:
        if self.start <= day <= self.until:
            self.notes.append(StoryNote(day, author, body, tags, **links))

    def goal_closed(
        self, goal: Goal, last: date, achieved: bool, carried_into: str | None = None
    ) -> None:
        results = "; ".join(
            f"{kr.title} {kr.current_value:g} of {kr.target_value:g}"
            + (f" {kr.unit}" if kr.unit else "")
            for kr in goal.key_results
        )
        seats = _seats(goal.owner)
        if achieved:
            body = f"**{goal.title}**: achieved by the end of {quarter_of(last)}. {results}."
            for seat in seats:
                self.week(last).wins[seat].append(f"{goal.title}: achieved.")
                self.week(last).acts[seat].append(f"getting “{goal.title}” over the line")
                self.week(last).mood[seat] += 0.3
        elif carried_into:
            body = (
                f"**{goal.title}** closed {quarter_of(last)} short of the target ({results}). "
                f"We carry it into {carried_into} rather than pretend it is done."
            )
            for seat in seats:
                self.week(last).worries[seat].append(f"{goal.title}: carried over again.")
        else:
            body = (
                f"**{goal.title}** closed {quarter_of(last)} short of the target ({results}). "
                "We let it go; the quarter taught us what mattered more."
            )
        self.note(last, seats[0], body, ("goals",), goals=(goal.id,))

    def obstacle_opened(self, obstacle: Obstacle, goal: Goal) -> None:
        rng = self.rng
        tags = ("obstacles", CATEGORY_TAGS[obstacle.category.value])
        raised = obstacle.raised_by
        words = {
            "title": obstacle.title,
            "goal": goal.title,
            "description": obstacle.description,
            "resolution": obstacle.resolution,
        }
        links: dict[str, Any] = {"goals": (goal.id,), "obstacles": (obstacle.id,)}
        if rng.random() < 0.6:
            body = rng.choice(phrases.RAISED).format(**words)
            self.note(obstacle.opened_on, raised, body, tags, **links)
        if obstacle.severity in (Severity.HIGH, Severity.CRITICAL):
            self.week(obstacle.opened_on).worries[raised].append(f"{obstacle.title}.")
            self.week(obstacle.opened_on).mood[raised] -= 0.2
        closed = obstacle.resolved_on
        self.open_spells.append((obstacle.opened_on, closed or self.until, obstacle))
        if closed is None:
            return
        closer = obstacle.events[-1].author
        if obstacle.status is ObstacleStatus.ACCEPTED:
            body = rng.choice(phrases.ACCEPTED).format(**words)
        else:
            body = rng.choice(phrases.RESOLVED).format(**words)
            self.week(closed).wins[closer].append(f"{obstacle.title}: resolved.")
            if obstacle.owner is not Owner.JOINT:
                self.week(closed).acts[closer].append(f"sorting out “{obstacle.title}”")
        if rng.random() < 0.5:
            body += f"\n\nWhat we take from it: {obstacle.lesson}"
            self.note(closed, closer, body, tags, **links)

    def setback(self, obstacle: Obstacle, owner: Seat, worry: str, thanks: str) -> None:
        self.setbacks.append(obstacle)
        day = obstacle.opened_on
        for seat in (Seat.A, Seat.B):
            self.week(day).worries[seat].insert(0, worry)
            self.week(day).mood[seat] -= 0.9
            self.week(day + timedelta(days=7)).mood[seat] -= 0.3
        self.week(day).acts[owner.other].insert(0, thanks)
        body = f"**{obstacle.title}**. {obstacle.description}\n\n{obstacle.covered_by}"
        if obstacle.lesson:
            body += f"\n\nWhat we learned: {obstacle.lesson}"
        goals = tuple(goal.id for goal in obstacle.goals)
        tags = ("setback", CATEGORY_TAGS[obstacle.category.value])
        self.note(day, owner, body, tags, goals=goals, obstacles=(obstacle.id,))
        self.open_spells.append((day, obstacle.resolved_on or self.until, obstacle))

    def decided(
        self, decision: Decision, author: Seat, dissenter: Seat | None, goal: Goal | None
    ) -> None:
        day = decision.decided_on
        body = self.rng.choice(phrases.DECIDED).format(
            title=decision.title,
            context=decision.context,
            decision=decision.decision,
            rationale=decision.rationale,
        )
        goals = (goal.id,) if goal is not None else ()
        if self.rng.random() < 0.6 or dissenter is not None:
            self.note(day, author, body, ("decisions",), goals=goals, decisions=(decision.id,))
        if dissenter is not None:
            self.week(day).acts[dissenter].append(
                f"committing to “{decision.title}” although you disagreed"
            )
            self.week(day).mood[dissenter] -= 0.3
        elif decision.decided_by is Owner.JOINT:
            for seat in (Seat.A, Seat.B):
                self.week(day).wins[seat].append(f"We agreed “{decision.title}” in one meeting.")

    def reviewed(self, decision: Decision) -> None:
        day = decision.reviewed_on
        if day is None or decision.verdict is None:
            return
        body = self.rng.choice(phrases.REVIEWED).format(
            title=decision.title,
            decided=day_text(decision.decided_on),
            confidence=decision.confidence,
            verdict=decision.verdict.value,
            outcome=decision.outcome,
        )
        if self.rng.random() < 0.5:
            tags = ("decisions", "review")
            self.note(day, decision.author, body, tags, decisions=(decision.id,))


def stamp(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=UTC)


class _StoryWriter:
    def __init__(
        self,
        session: Session,
        story: Story,
        rng: random.Random,
        report: Callable[[str, float], None],
    ) -> None:
        self.session, self.story, self.rng, self.report = session, story, rng, report
        self.bank = load_question_bank()
        self.first = dict(story.names)
        self.goal_cache: dict[tuple[str, Area], list[Goal]] = {}
        self.open_cache: dict[date, list[Obstacle]] = {}

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    # Check-ins -----------------------------------------------------------------------------
    def write_checkins(self) -> int:
        rng, story = self.rng, self.story
        level = {Seat.A: 3.9, Seat.B: 3.7}
        bias = {name: rng.uniform(-0.3, 0.3) for name in RATINGS}
        weeks: list[dict[str, object]] = []
        answers: list[dict[str, object]] = []
        week = story.start
        this_week = week_start(story.until)
        while week <= story.until:
            events = story.weeks.get(week, WeekEvents())
            roll = rng.random()
            if week == this_week:
                # Blind until both answer: this week one partner has answered, the other not.
                seats = [rng.choice((Seat.A, Seat.B))]
            elif roll < 0.03:
                seats = []  # a week the pair skipped (a holiday, a crisis)
            else:
                seats = [Seat.A, Seat.B]
                rng.shuffle(seats)
            if seats:
                checkin_id = self.new_id()
                weeks.append(
                    {
                        "id": checkin_id,
                        "week_start": week,
                        "author": seats[0],
                        "created_at": stamp(week, 9),
                        "updated_at": stamp(week, 9),
                    }
                )
                # A few weeks one partner answers late, after the week is over.
                late = week != this_week and rng.random() < 0.06
                for order, seat in enumerate(seats):
                    offset = rng.randint(8, 12) if late and order == 1 else rng.randint(0, 3)
                    when = min(week + timedelta(days=offset), story.until)
                    mood = level[seat] + events.mood[seat]
                    answers.append(self.answer(checkin_id, when, seat, mood, bias, events))
            for seat in (Seat.A, Seat.B):
                # Mean-reverting drift: believable moods, no runaway to 1 or 5.
                level[seat] += 0.25 * (3.8 - level[seat]) + rng.gauss(0, 0.2)
            week += timedelta(days=7)
        self.session.execute(insert(CheckIn), weeks)
        self.session.execute(insert(CheckInAnswer), answers)
        return len(weeks)

    def answer(
        self,
        checkin_id: str,
        day: date,
        seat: Seat,
        level: float,
        bias: dict[str, float],
        events: WeekEvents,
    ) -> dict[str, object]:
        rng = self.rng
        when = stamp(day, rng.randint(8, 20), rng.randint(0, 59))
        slots = Slots(rng, self.story.figures.get(quarter_of(day), {}))
        other = seat.other
        wins = events.wins[seat] or [slots.fill(rng.choice(phrases.WINS[seat]))]
        worries = events.worries[seat] or [slots.fill(rng.choice(phrases.WORRIES[seat]))]
        row: dict[str, object] = {
            "id": self.new_id(),
            "checkin_id": checkin_id,
            "seat": seat,
            "author": seat,
            "created_at": when,
            "updated_at": when,
            "submitted_at": when,
            "wins": " ".join(wins[:2]),
            "worries": worries[0],
            "needs": slots.fill(rng.choice(phrases.NEEDS[seat])),
            "appreciation": self.appreciation(other, events, slots),
            **{f"{name}_prompt": rng.choice(self.bank[name]) for name in self.bank},
        }
        for name in RATINGS:
            row[name] = max(1, min(5, round(level + bias[name] + rng.gauss(0, 0.4))))
        return row

    def appreciation(self, other: Seat, events: WeekEvents, slots: Slots) -> str:
        """Thanks to the other partner, naming something they did (never oneself)."""
        rng = self.rng
        acts = events.acts[other]
        act = acts[0] if acts else slots.fill(rng.choice(phrases.ACTS[other]))
        return rng.choice(phrases.APPRECIATION).format(Other=self.first[other], act=act)

    # Notes ---------------------------------------------------------------------------------
    def write_notes(self, count: int | None) -> int:
        rng, story = self.rng, self.story
        days = max(1, (story.until - story.start).days)
        total = count if count is not None else days * 3 // 7
        notes = list(story.notes)
        for week, events in story.weeks.items():
            if story.start <= week <= story.until and rng.random() < 0.3:
                notes.append(self.appreciation_note(week, events))
        if len(notes) > total:
            keep = sorted(rng.sample(range(len(notes)), total))
            notes = [notes[i] for i in keep]
        fillers = total - len(notes)
        for n in range(fillers):
            notes.append(self.filler(story.start + timedelta(days=n * days // max(1, fillers))))
        self.insert_notes(notes)
        return len(notes)

    def insert_notes(self, notes: list[StoryNote]) -> None:
        """Insert through the driver: 100,000 notes in seconds, stored as the ORM stores them."""
        tag_ids = self.write_tags(notes)
        connection = self.session.connection()
        with indexed_at_the_end(self.session, ("notes",)):
            self.insert_rows(connection, notes, tag_ids)

    def insert_rows(
        self, connection: Connection, notes: list[StoryNote], tag_ids: dict[str, int]
    ) -> None:
        rng = self.rng
        for begin in range(0, len(notes), CHUNK):
            rows: list[tuple[object, ...]] = []
            links: tuple[list[tuple[object, ...]], ...] = ([], [], [], [])
            for note in notes[begin : begin + CHUNK]:
                # The text SQLAlchemy's DateTime writes for SQLite, so the ORM reads it back.
                when = f"{note.day} {7 + int(rng.random() * 16):02}:{int(rng.random() * 60):02}"
                when += ":00.000000"
                note_id = self.new_id()
                pinned = rng.random() < 0.02
                rows.append((note_id, note.author.value, when, when, note.body, pinned))
                links[0].extend((note_id, tag_ids[tag]) for tag in note.tags)
                links[1].extend((note_id, goal) for goal in note.goals)
                links[2].extend((note_id, obstacle) for obstacle in note.obstacles)
                links[3].extend((note_id, decision) for decision in note.decisions)
            connection.exec_driver_sql(
                "INSERT INTO notes (id, author, created_at, updated_at, body, pinned) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                rows,
            )
            for (table, column), rows_of in zip(NOTE_LINKS, links, strict=True):
                if rows_of:
                    connection.exec_driver_sql(
                        f"INSERT INTO {table} (note_id, {column}) VALUES (?, ?)", rows_of
                    )
            self.report("notes", min(1.0, (begin + CHUNK) / max(1, len(notes))))

    def write_tags(self, notes: list[StoryNote]) -> dict[str, int]:
        names = sorted({tag for note in notes for tag in note.tags})
        tag_ids: dict[str, int] = {}
        for name in names:
            tag = Tag(name=name)
            self.session.add(tag)
            self.session.flush()
            tag_ids[name] = tag.id
        return tag_ids

    def appreciation_note(self, week: date, events: WeekEvents) -> StoryNote:
        author = self.rng.choice((Seat.A, Seat.B))
        slots = Slots(self.rng)
        day = min(week + timedelta(days=self.rng.randint(0, 4)), self.story.until)
        body = self.appreciation(author.other, events, slots)
        return StoryNote(day, author, body, ("appreciation",))

    def goals_on(self, quarter: str, area: Area) -> list[Goal]:
        key = (quarter, area)
        if key not in self.goal_cache:
            goals = self.story.goals_by_quarter.get(quarter, [])
            self.goal_cache[key] = [goal for goal in goals if goal.area is area]
        return self.goal_cache[key]

    def open_on(self, day: date) -> list[Obstacle]:
        """Obstacles open on day (at most four months old: older ones are not news)."""
        week = week_start(day)
        if week not in self.open_cache:
            recent = week - timedelta(days=120)
            self.open_cache[week] = [
                obstacle
                for opened, closed, obstacle in self.story.open_spells
                if recent < opened <= week < closed
            ]
        return self.open_cache[week]

    def filler(self, day: date) -> StoryNote:
        """A note from the phrase bank on one topic, linked to the goal or obstacle it names."""
        rng = self.rng
        topic = phrases.TOPICS[int(rng.random() * len(phrases.TOPICS))]
        author = topic.writer if topic.writer and rng.random() < 0.8 else SEATS[rng.random() < 0.5]
        quarter = quarter_of(day)
        slots = Slots(rng, self.story.figures.get(quarter))
        goal_ids: tuple[str, ...] = ()
        obstacle_ids: tuple[str, ...] = ()
        roll = rng.random()
        if roll < 0.1:
            open_now = self.open_on(day)
            if open_now:
                obstacle = open_now[int(rng.random() * len(open_now))]
                follow = rng.sample(phrases.OBSTACLE_FOLLOWUPS, k=2)
                body = f"Update on *{obstacle.title}* ({day:%A}): " + " ".join(
                    slots.fill(sentence) for sentence in follow
                )
                obstacle_ids = (obstacle.id,)
                goal_ids = tuple(goal.id for goal in obstacle.goals)
                return StoryNote(day, author, body, ("obstacles",), goal_ids, obstacle_ids)
        if rng.random() < 0.08:
            body = self.minutes(topic, slots, day)
        else:
            sentences = topic.sentences
            parts = [slots.fill(topic.openers[int(rng.random() * len(topic.openers))])]
            for sentence in rng.sample(sentences, k=2 + (rng.random() < 0.5)):
                parts.append(slots.fill(sentence))
            if rng.random() < 0.5:
                parts.append(slots.fill(topic.closers[int(rng.random() * len(topic.closers))]))
            body = " ".join(parts)
        if roll > 0.6:
            goals = self.goals_on(quarter, topic.area)
            if goals:
                goal = goals[int(rng.random() * len(goals))]
                body += f"\n\nFor *{goal.title}*."
                goal_ids = (goal.id,)
        return StoryNote(day, author, body, topic.tags, goal_ids, obstacle_ids)

    def minutes(self, topic: phrases.Topic, slots: Slots, day: date) -> str:
        """Long-form meeting minutes: a heading, bullets and a paragraph (150+ words)."""
        rng = self.rng
        bullets = rng.sample(topic.sentences, k=min(len(topic.sentences), rng.randint(7, 10)))
        extras = rng.sample(phrases.LONG_EXTRAS, k=3)
        # Meetings happen on working days: a weekend note minutes the Friday before.
        held = day - timedelta(days=max(0, day.weekday() - 4))
        lines = [
            f"## {topic.meeting}, {held:%A} {day_text(held)}",
            "",
            slots.fill(rng.choice(topic.openers)),
            "",
        ]
        lines += [f"- {slots.fill(sentence)}" for sentence in bullets]
        lines += ["", " ".join(slots.fill(extra) for extra in extras)]
        lines += ["", slots.fill(rng.choice(topic.closers))]
        return "\n".join(lines)

    # Board meetings and retrospectives ---------------------------------------------------
    def write_board_and_retros(self) -> None:
        rng, story = self.rng, self.story
        day = story.until - timedelta(days=60)
        meetings = [story.until + timedelta(days=24)]
        while day >= story.start:
            meetings.append(day)
            day -= timedelta(days=91 if rng.random() < 0.5 else 182)
        for held_on in sorted(meetings):
            goals = story.goals_by_quarter.get(quarter_of(min(held_on, story.until)), [])
            board = [g.title for g in goals if g.board_visible][:3]
            notes = (
                ""
                if held_on > story.until
                else "We walked the board through "
                + ("; ".join(board) if board else "the quarter's numbers")
                + ". They asked most about runway and the hiring plan."
            )
            self.session.add(
                BoardMeeting(
                    id=self.new_id(),
                    author=Seat.A,
                    created_at=stamp(min(held_on, story.until), 10),
                    updated_at=stamp(min(held_on, story.until), 10),
                    title=f"Board meeting {quarter_of(held_on)}",
                    held_on=held_on,
                    notes=notes,
                    ask_of_board=Slots(rng).fill(rng.choice(BOARD_ASKS)),
                )
            )
        for quarter, goals in story.goals_by_quarter.items():
            _, last = parse_quarter(quarter)
            if last >= story.until or rng.random() >= 0.85:
                continue
            self.session.add(self.retrospective(quarter, last, goals))

    def retrospective(self, quarter: str, last: date, goals: list[Goal]) -> Retrospective:
        rng = self.rng
        achieved = [
            g.title for g in goals if g.updates and g.updates[-1].status is GoalStatus.ACHIEVED
        ]
        carried = [g.title for g in goals if g.updates and "Carried over" in g.updates[-1].note]
        first, _ = parse_quarter(quarter)
        obstacles = [o for start, _, o in self.story.open_spells if first <= start <= last]
        went_well = (
            rng.choice(text.RETRO_WELL).format(
                achieved=" and ".join(f"“{t}”" for t in achieved[:2])
            )
            if achieved
            else rng.choice(text.RETRO_WELL_NONE)
        )
        options = [text.RETRO_CHANGE[2]]
        if obstacles:
            options.append(text.RETRO_CHANGE[0].format(obstacle=f"“{obstacles[0].title}”"))
        if carried:
            options.append(text.RETRO_CHANGE[1].format(carried=f"“{carried[0]}”"))
        return Retrospective(
            id=self.new_id(),
            author=rng.choice((Seat.A, Seat.B)),
            created_at=stamp(last, 16),
            updated_at=stamp(last, 16),
            quarter=quarter,
            went_well=went_well,
            to_change=rng.choice(options),
            commitments=rng.choice(text.RETRO_COMMIT),
        )


def write_story(
    session: Session,
    story: Story,
    rng: random.Random,
    notes: int | None,
    report: Callable[[str, float], None],
) -> tuple[int, int]:
    """Write the check-ins, notes, board meetings and retrospectives; (check-ins, notes)."""
    writer = _StoryWriter(session, story, rng, report)
    checkins = writer.write_checkins()
    written = writer.write_notes(notes)
    writer.write_board_and_retros()
    # Last, on a generator of its own: what came before is the same with or without it.
    write_syncs(session, random.Random(rng.getrandbits(64)), story.until, story.names)
    return checkins, written
