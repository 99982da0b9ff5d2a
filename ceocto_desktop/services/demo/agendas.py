"""The demo pair's weekly syncs: a year of agendas from their check-ins, with outcomes, the
commitments those outcomes became (most kept, a few dropped with a reason, this week's
still open) and help across the line where one did the other's kind of work.

Written after the check-ins, from them and the simulated dates alone (never the clock),
so a seed and --until still give the same journal.
"""

from __future__ import annotations

import hashlib
import random
import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.models import (
    RATINGS,
    AgendaItem,
    Area,
    CheckIn,
    CheckInAnswer,
    Commitment,
    CommitmentStatus,
    Seat,
)
from ceocto_desktop.services.weekly.checkins import RATING_LABELS

WEEKS = 52  # a year of syncs
GAP = 2
DISCUSSED = 0.85  # the share of items the pair gets through; the rest carry over
KEPT, DROPPED = 0.85, 0.1  # of commitments that fell due; the rest are late, still open

# What a "what I need from you" answer turns into: (the answer's start, the commitment's
# area, whether it is a promise at all). The area makes help across the line: the CTO on a
# customer call, the CEO taking a product demo.
NEED_AREAS: tuple[tuple[str, Area | None], ...] = (
    ("Join the", Area.CUSTOMERS),
    ("A date for", Area.PRODUCT),
    ("Review the security questionnaire", Area.SALES),
    ("Tell me early when a release", Area.PRODUCT),
    ("Check the hiring numbers", Area.FINANCE),
    ("Push back when customers", Area.CUSTOMERS),
    ("Take the", Area.PRODUCT),
    ("Tell me earlier when a customer", Area.CUSTOMERS),
    ("Protect the team", Area.PRODUCT),
)
NOT_A_PROMISE = ("Trust the estimate",)
# What the partner asked sometimes offers instead (kept beside what was asked).
COUNTERS = {
    "Join the": "Brief you before the call instead of joining it",
    "A date for": "A date range now, the exact date in two weeks",
    "Review the security questionnaire": "Review the security section; legal takes the rest",
    "Check the hiring numbers": "Check the hiring numbers after the deck's first draft",
    "Take the": "Take the first half of the demo; you take the questions",
}
COUNTERED = 0.1
LATE_DAYS = 21  # a commitment left open past its due date is kept or dropped by then
TALKED = (
    "Talked it through; no action needed.",
    "Cleared up: we had read the week differently.",
    "Agreed to look at it again after the board meeting.",
    "Fine now; it was one bad day.",
)
GAP_OUTCOMES = (
    "Different weeks: one of us had the outage, the other the big win. Fine now.",
    "Lunch on Friday, phones away.",
    "We had not talked since Monday; a standing half hour on Wednesdays from now on.",
)
DROP_REASONS = (
    "The customer moved the call to next quarter.",
    "Overtaken by the decision to delay the launch.",
    "No longer needed: the hire started early.",
    "The board meeting moved; we will redo it then.",
)
POINTS = {
    Seat.A: (
        "How we split the investor updates from now on",
        "Whether we take the conference stand in spring",
        "My calendar: too many internal meetings",
    ),
    Seat.B: (
        "On-call load on the team",
        "Who talks to customers about the rewrite",
        "A budget line for a second designer",
    ),
}


def _stamp(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


@dataclass
class _Promise:
    record: Commitment
    agenda_week: date  # the week its due date falls in: it is on that week's agenda


class SyncWriter:
    """The demo's agendas and commitments, week by week, oldest first."""

    def __init__(self, session: Session, rng: random.Random, until: date, names: dict[Seat, str]):
        self.session, self.rng, self.until = session, rng, until
        self.names = {seat: name.split()[0] for seat, name in names.items()}
        self.promises: list[_Promise] = []
        self.carried: list[AgendaItem] = []
        self.asked_open = False

    def new_id(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def write(self) -> int:
        """Every fully answered week of the last year: its agenda, kept; how many weeks."""
        weeks = self._answered_weeks()
        for number, (week, answers) in enumerate(weeks, start=1):
            self._week(week, answers, newest=number == len(weeks))
        return len(weeks)

    def _answered_weeks(self) -> list[tuple[date, dict[Seat, CheckInAnswer]]]:
        rows = self.session.execute(
            select(CheckIn.week_start, CheckInAnswer)
            .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
            .order_by(CheckIn.week_start, CheckInAnswer.seat)
        )
        by_week: dict[date, dict[Seat, CheckInAnswer]] = {}
        for week, answer in rows:
            by_week.setdefault(week, {})[answer.seat] = answer
        both = [(week, answers) for week, answers in by_week.items() if len(answers) == 2]
        return both[-WEEKS:]

    def _item(self, week: date, key: str, kind: str, title: str, since: date) -> AgendaItem:
        # An agenda is opened in its week (or on the journal's last day, if sooner).
        opened = _stamp(min(week + timedelta(days=3), self.until), 16)
        item = AgendaItem(
            id=self.new_id(),
            author=self.rng.choice((Seat.A, Seat.B)),
            created_at=opened,
            updated_at=opened,
            week_start=week,
            key=key,
            kind=kind,
            title=title,
            position=0,
            since_week=since,
            discussed=False,
            outcome="",
        )
        return item

    def _week(self, week: date, answers: dict[Seat, CheckInAnswer], newest: bool) -> None:
        names, rng = self.names, self.rng
        items: list[AgendaItem] = []
        for old in self.carried:  # what last week left undiscussed comes first
            items.append(self._item(week, old.key, old.kind, old.title, old.since_week))
        key_week = week.isoformat()
        a, b = answers[Seat.A], answers[Seat.B]
        for rating in RATINGS:
            first, second = getattr(a, rating), getattr(b, rating)
            if abs(first - second) >= GAP:
                label = RATING_LABELS[rating].split(" (")[0]
                title = (
                    f"{label}: {names[Seat.A]} {first}, {names[Seat.B]} {second} — talk about it"
                )
                items.append(self._item(week, f"gap:{key_week}:{rating}", "gap", title, week))
        for seat in Seat:
            needs = answers[seat].needs.strip()
            if needs:
                title = f"What {names[seat]} needs from {names[seat.other]}: {needs}"
                key = f"need:{key_week}:{seat.value}"
                items.append(self._item(week, key, "need", title, week))
        if rng.random() < 0.2:
            seat = rng.choice((Seat.A, Seat.B))
            point = rng.choice(POINTS[seat])
            digest = hashlib.sha1(point.encode("utf-8")).hexdigest()[:12]
            key = f"point:{seat.value}:{digest}"
            items.append(self._item(week, key, "point", f"{names[seat]}'s point: {point}", week))
        for promise in self.promises:
            if promise.agenda_week == week:
                c = promise.record
                due = day_text(c.due_on)
                title = f"{names[c.owed_by]} owes {names[c.owed_to]}: {c.what} (due {due})"
                items.append(self._item(week, f"commitment:{c.id}", "commitment", title, week))
        self.carried = []
        unique = {item.key: item for item in reversed(items)}  # a carried item comes first
        items = [item for item in items if unique[item.key] is item]
        for position, item in enumerate(items):
            item.position = position
            # The newest week is still being talked through: half its items are open.
            asked = newest and item.kind == "need"  # the newest week: each need is asked
            if asked or rng.random() < (0.5 if newest else DISCUSSED):
                self._talk_through(item, week, newest)
            elif item.kind in ("gap", "need", "point"):
                self.carried.append(item)
        self.session.flush()  # the week's new commitments before the items naming them
        self.session.add_all(items)

    def _talk_through(self, item: AgendaItem, week: date, newest: bool) -> None:
        rng = self.rng
        item.discussed = True
        if item.kind == "gap":
            item.outcome = rng.choice(GAP_OUTCOMES)
        elif item.kind == "need":
            self._need_outcome(item, week, newest)
        elif item.kind == "commitment":
            promise = next(p for p in self.promises if f"commitment:{p.record.id}" == item.key)
            c = promise.record
            if c.status is CommitmentStatus.DONE:
                item.outcome = "Kept."
            elif c.status is CommitmentStatus.DROPPED:
                item.outcome = f"Dropped: {c.drop_reason}"
            else:
                item.outcome = "Late; still on it."
        else:
            item.outcome = rng.choice(TALKED)

    def _need_outcome(self, item: AgendaItem, week: date, newest: bool) -> None:
        asker = Seat(item.key.rsplit(":", 1)[1])
        needs = item.title.split(": ", 1)[1]
        area = next((a for start, a in NEED_AREAS if needs.startswith(start)), None)
        asking = newest and not self.asked_open
        if (
            needs.startswith(NOT_A_PROMISE)
            or area is None
            or (not asking and self.rng.random() < 0.25)
        ):
            item.outcome = self.rng.choice(TALKED)
            return
        owed_by = asker.other
        talked = min(week + timedelta(days=3), self.until)
        # Due within two weeks; the newest week's, after the journal's last day (still owed).
        due = talked + timedelta(days=self.rng.randint(4, 12))
        if newest:
            due = max(due, self.until + timedelta(days=self.rng.randint(1, 5)))
        what = _in_their_words(needs.rstrip("."), self.names[asker])
        asked_for = ""
        counter = next((c for start, c in COUNTERS.items() if needs.startswith(start)), None)
        if counter is not None and self.rng.random() < COUNTERED:
            asked_for, what = what, counter
        record = Commitment(
            id=self.new_id(),
            author=owed_by,
            created_at=_stamp(talked, 17),
            updated_at=_stamp(talked, 17),
            owed_by=owed_by,
            owed_to=asker,
            what=what[:200],
            due_on=due,
            status=CommitmentStatus.OPEN,
            drop_reason="",
            asked_for=asked_for,
            week_start=week,
            area=area,
            help_across=False,
        )
        self._settle(record)
        self.session.add(record)
        item.commitment_id = record.id
        item.outcome = f"{self.names[owed_by]} will do it by {due:%d %b}."
        if asked_for:
            item.outcome = f"{self.names[owed_by]} offered instead: {what}, by {due:%d %b}."
        if asking:  # asked this week, not yet taken on
            self.asked_open = True
            record.status = CommitmentStatus.PROPOSED
            record.author = asker
            item.outcome = ""  # the panel says it is asked, and of whom
            return
        agenda_week = due - timedelta(days=due.weekday())
        self.promises.append(_Promise(record, agenda_week))

    def _settle(self, record: Commitment) -> None:
        """Kept, dropped with a reason, or (rarely, or not yet due) still open."""
        if record.due_on >= self.until:
            return
        roll = self.rng.random()
        if roll >= KEPT + DROPPED and record.due_on < self.until - timedelta(days=LATE_DAYS):
            roll = self.rng.random() * (KEPT + DROPPED)  # late, but not for months
        if roll < KEPT:
            done = record.due_on + timedelta(days=self.rng.choice((-3, -2, -1, 0, 0, 1, 2)))
            record.status, record.done_on = CommitmentStatus.DONE, min(done, self.until)
            record.updated_at = _stamp(record.done_on, 18)
        elif roll < KEPT + DROPPED:
            record.status = CommitmentStatus.DROPPED
            record.dropped_on = record.due_on
            record.drop_reason = self.rng.choice(DROP_REASONS)
            record.updated_at = _stamp(record.due_on, 18)


def _in_their_words(request: str, asker: str) -> str:
    """A request ("Tell me early…", "…for me") as the promise it becomes, naming the asker."""
    words = [
        (" for me", f" for {asker}"),
        (" me ", f" {asker} "),
        (" I ", f" {asker} "),
        (" my ", f" {asker}'s "),
    ]
    text = f" {request} "
    for mine, theirs in words:
        text = text.replace(mine, theirs)
    return text.strip()


def write_syncs(session: Session, rng: random.Random, until: date, names: dict[Seat, str]) -> int:
    """The demo's year of weekly syncs and commitments; how many weeks have an agenda."""
    session.flush()  # the check-ins, read back here
    return SyncWriter(session, rng, until, names).write()
