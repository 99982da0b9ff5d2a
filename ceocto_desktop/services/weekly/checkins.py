"""Weekly check-ins: each partner answers on their own, blind until both have answered."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ceocto_desktop.analytics.formats import week_text
from ceocto_desktop.analytics.periods import week_start
from ceocto_desktop.models import (
    PROMPTS,
    RATINGS,
    CheckIn,
    CheckInAmendment,
    CheckInAnswer,
    Seat,
    utc_now,
)
from ceocto_desktop.paths import resource_path
from ceocto_desktop.services.common import clean_text, fetch, view_of
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import week_start_day


@dataclass(frozen=True)
class AnswerView:
    id: str
    seat: Seat
    role_clarity: int
    cooperation: int
    communication: int
    trust: int
    alignment: int
    wins: str
    worries: str
    needs: str
    appreciation: str
    wins_prompt: str
    worries_prompt: str
    needs_prompt: str
    appreciation_prompt: str

    def ratings(self) -> dict[str, int]:
        """The five ratings by name."""
        return {name: getattr(self, name) for name in RATINGS}


@dataclass(frozen=True)
class WeekView:
    """One week's check-in as one partner may see it."""

    week_start: date
    answered: frozenset[Seat]
    answers: Mapping[Seat, AnswerView]

    @property
    def complete(self) -> bool:
        return len(self.answered) == 2


def current_week(session: Session, today: date | None = None) -> date:
    """The start of this week, by the journal's chosen first weekday."""
    return week_start(today or date.today(), week_start_day(session))


def submit_answers(
    session: Session,
    week: date,
    seat: Seat,
    ratings: Mapping[str, int],
    texts: Mapping[str, str] | None = None,
    prompts: Mapping[str, str] | None = None,
) -> WeekView:
    """One partner's answers for a week (a past week too); at most one per partner a week."""
    try:
        week = week_start(week, week_start_day(session))
    except OverflowError:  # the week would begin before 1 January of the year 1
        raise ValidationError("week", f"The {week_text(week)} is outside the calendar.") from None
    missing = [name for name in RATINGS if name not in ratings]
    if missing:
        raise ValidationError(missing[0], f"Rate {missing[0].replace('_', ' ')} from 1 to 5.")
    for name in RATINGS:
        value = ratings[name]
        # type() rather than isinstance(): True is an int, yet no rating a person gave.
        if type(value) is not int or not 1 <= value <= 5:
            raise ValidationError(name, f"Rate {name.replace('_', ' ')} from 1 to 5.")
    checkin = session.scalar(select(CheckIn).where(CheckIn.week_start == week))
    if checkin is None:
        checkin = CheckIn(author=seat, week_start=week)
        session.add(checkin)
    elif any(answer.seat == seat for answer in checkin.answers):
        raise ValidationError("week", f"This partner already answered the {week_text(week)}.")
    texts = texts or {}
    prompts = prompts or {}
    answer = CheckInAnswer(
        author=seat, seat=seat, submitted_at=utc_now(), **{n: ratings[n] for n in RATINGS}
    )
    for name in PROMPTS:
        setattr(answer, name, clean_text(texts.get(name, "")))
        setattr(answer, f"{name}_prompt", clean_text(prompts.get(name, "")))
    checkin.answers.append(answer)
    session.flush()
    return week_as_seen_by(session, week, seat)


def week_as_seen_by(session: Session, week: date, viewer: Seat) -> WeekView:
    """A week's answers as viewer may see them: the other's stay hidden until both answered."""
    checkin = session.scalar(
        select(CheckIn).where(CheckIn.week_start == week).options(selectinload(CheckIn.answers))
    )
    if checkin is None:
        return WeekView(week_start=week, answered=frozenset(), answers={})
    answered = frozenset(answer.seat for answer in checkin.answers)
    visible = {
        answer.seat: view_of(AnswerView, answer)
        for answer in checkin.answers
        if len(answered) == 2 or answer.seat == viewer
    }
    return WeekView(week_start=week, answered=answered, answers=visible)


def delete_answers(session: Session, week: date, seat: Seat) -> None:
    """Withdraw one partner's answers for a week (the week goes when none remain)."""
    checkin = session.scalar(select(CheckIn).where(CheckIn.week_start == week))
    if checkin is None:
        return
    checkin.answers = [answer for answer in checkin.answers if answer.seat != seat]
    if not checkin.answers:
        session.delete(fetch(session, CheckIn, checkin.id))
    session.flush()


@dataclass(frozen=True)
class AmendmentView:
    """One change to a submitted answer after both answers were revealed."""

    seat: Seat
    field: str
    value_before: str
    value_after: str
    created_at: datetime


def revise_answers(
    session: Session,
    week: date,
    seat: Seat,
    ratings: Mapping[str, int],
    texts: Mapping[str, str],
) -> list[AmendmentView]:
    """Change seat's submitted answers: in place while the other has not answered, and once
    both answers are revealed, each change is also kept as a visible amendment."""
    week = week_start(week, week_start_day(session))
    checkin = session.scalar(
        select(CheckIn).where(CheckIn.week_start == week).options(selectinload(CheckIn.answers))
    )
    answer = next((a for a in checkin.answers if a.seat == seat), None) if checkin else None
    if checkin is None or answer is None:
        raise ValidationError("week", f"This partner has not answered the {week_text(week)}.")
    for name in RATINGS:
        rating = ratings.get(name)
        if not isinstance(rating, int) or not 1 <= rating <= 5:
            raise ValidationError(name, f"Rate {name.replace('_', ' ')} from 1 to 5.")
    revealed = len(checkin.answers) == 2
    new_values: dict[str, int | str] = {name: ratings[name] for name in RATINGS}
    new_values.update({name: clean_text(texts.get(name, "")) for name in PROMPTS})
    amendments = []
    for name, value in new_values.items():
        before = getattr(answer, name)
        if before == value:
            continue
        setattr(answer, name, value)
        if revealed:
            amendment = CheckInAmendment(
                author=seat,
                answer_id=answer.id,
                field=name,
                value_before=str(before),
                value_after=str(value),
            )
            session.add(amendment)
            amendments.append(amendment)
    session.flush()
    return [view_of(AmendmentView, a, seat=seat) for a in amendments]


def week_amendments(session: Session, week: date) -> list[AmendmentView]:
    """The week's amendments, oldest first (there are none before both have answered)."""
    rows = session.execute(
        select(CheckInAmendment, CheckInAnswer.seat)
        .join(CheckInAnswer, CheckInAnswer.id == CheckInAmendment.answer_id)
        .join(CheckIn, CheckIn.id == CheckInAnswer.checkin_id)
        .where(CheckIn.week_start == week)
        .order_by(CheckInAmendment.created_at)
    )
    return [view_of(AmendmentView, amendment, seat=seat) for amendment, seat in rows]


def answered_weeks(session: Session, limit: int | None = None) -> list[tuple[date, int]]:
    """Past weeks newest first, each with how many partners answered."""
    query = (
        select(CheckIn.week_start, func.count(CheckInAnswer.id))
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .group_by(CheckIn.week_start)
        .order_by(CheckIn.week_start.desc())
        .limit(limit)
    )
    return [(row[0], int(row[1])) for row in session.execute(query)]


def weeks_with_answerers(
    session: Session, limit: int | None = None
) -> list[tuple[date, frozenset[Seat]]]:
    """Past weeks newest first, each with who has answered (never what they answered)."""
    weeks = select(CheckIn.id, CheckIn.week_start).order_by(CheckIn.week_start.desc()).limit(limit)
    chosen = {row.id: row.week_start for row in session.execute(weeks)}
    seats: dict[date, set[Seat]] = {day: set() for day in chosen.values()}
    rows = session.execute(
        select(CheckInAnswer.checkin_id, CheckInAnswer.seat).where(
            CheckInAnswer.checkin_id.in_(list(chosen))
        )
    )
    for checkin_id, seat in rows:
        seats[chosen[checkin_id]].add(seat)
    return [(day, frozenset(who)) for day, who in seats.items() if who]


PROMPT_LABELS = {
    "wins": "Wins",
    "worries": "Worries",
    "needs": "What I need from you",
    "appreciation": "Appreciation",
}
RATING_LABELS = {
    "role_clarity": "Role clarity",
    "cooperation": "Cooperation",
    "communication": "Communication",
    "trust": "Trust (we have each other's backs)",
    "alignment": "Alignment on goals",
}


def load_question_bank(path: Path | None = None) -> dict[str, list[str]]:
    """Several phrasings per prompt, from resources/questions.json."""
    source = path or resource_path("questions.json")
    data = json.loads(source.read_text(encoding="utf-8"))
    return {name: [str(q) for q in data.get(name, [])] or [PROMPT_LABELS[name]] for name in PROMPTS}


def choose_prompts(
    session: Session, bank: Mapping[str, list[str]], week: date | None = None
) -> dict[str, str]:
    """The phrasings to ask: those the partner already answered this week (both answer the
    same questions), else for each prompt the one asked least so far (first on a tie)."""
    if week is not None:
        first = session.scalar(
            select(CheckInAnswer)
            .join(CheckIn, CheckIn.id == CheckInAnswer.checkin_id)
            .where(CheckIn.week_start == week)
            .limit(1)
        )
        if first is not None and all(getattr(first, f"{n}_prompt") for n in PROMPTS):
            return {name: getattr(first, f"{name}_prompt") for name in PROMPTS}
    chosen: dict[str, str] = {}
    for name in PROMPTS:
        column = getattr(CheckInAnswer, f"{name}_prompt")
        rows = session.execute(select(column, func.count()).group_by(column))
        counts: dict[str, int] = {str(row[0]): int(row[1]) for row in rows}
        phrasings = bank[name]
        order = sorted(range(len(phrasings)), key=lambda i: counts.get(phrasings[i], 0))
        chosen[name] = phrasings[order[0]]  # sorted() is stable: the first on a tie
    return chosen
