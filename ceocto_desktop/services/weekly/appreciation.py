"""Appreciation the partners gave each other, read only from weeks both have answered."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import CheckIn, CheckInAnswer, Seat


@dataclass(frozen=True)
class Appreciation:
    """One partner's appreciation of the other, in one revealed week."""

    week: date
    giver: Seat
    receiver: Seat
    text: str


def revealed_checkins() -> object:
    """The check-ins both partners answered (a blind week's words stay its author's)."""
    return (
        select(CheckInAnswer.checkin_id)
        .group_by(CheckInAnswer.checkin_id)
        .having(func.count(CheckInAnswer.id) >= 2)
    )


def appreciation_given(session: Session, giver: Seat, limit: int = 1) -> list[Appreciation]:
    """The giver's latest non-empty appreciations, newest first, from revealed weeks only."""
    query = (
        select(CheckIn.week_start, CheckInAnswer.appreciation)
        .join(CheckInAnswer, CheckInAnswer.checkin_id == CheckIn.id)
        .where(
            CheckInAnswer.seat == giver,
            CheckInAnswer.appreciation != "",
            CheckIn.id.in_(revealed_checkins()),  # type: ignore[arg-type]
        )
        .order_by(CheckIn.week_start.desc())
        .limit(limit)
    )
    return [
        Appreciation(week, giver, giver.other, text.strip())
        for week, text in session.execute(query)
        if text.strip()
    ]
