"""The weekly check-in: one per week, each partner answering on their own."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import CheckConstraint, Date, ForeignKey, Integer, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ceocto_desktop.models.base import Base, RecordMixin, UTCDateTime, enum_column
from ceocto_desktop.models.enums import Seat

RATINGS = ("role_clarity", "cooperation", "communication", "trust", "alignment")
PROMPTS = ("wins", "worries", "needs", "appreciation")


class CheckIn(RecordMixin, Base):
    __tablename__ = "checkins"

    week_start: Mapped[date] = mapped_column(Date, unique=True)

    answers: Mapped[list[CheckInAnswer]] = relationship(
        back_populates="checkin", cascade="all, delete-orphan", order_by="CheckInAnswer.seat"
    )


def _rating_check(name: str) -> CheckConstraint:
    return CheckConstraint(f"{name} BETWEEN 1 AND 5", name=f"{name}_range")


class CheckInAnswer(RecordMixin, Base):
    """One partner's answers for one week, with the prompt wording they answered."""

    __tablename__ = "checkin_answers"
    __table_args__ = (
        UniqueConstraint("checkin_id", "seat", name="uq_checkin_answers_week_seat"),
        *(_rating_check(name) for name in RATINGS),
    )

    checkin_id: Mapped[str] = mapped_column(ForeignKey("checkins.id", ondelete="CASCADE"))
    seat: Mapped[Seat] = mapped_column(enum_column(Seat, 1))
    role_clarity: Mapped[int] = mapped_column(Integer)
    cooperation: Mapped[int] = mapped_column(Integer)
    communication: Mapped[int] = mapped_column(Integer)
    trust: Mapped[int] = mapped_column(Integer)
    alignment: Mapped[int] = mapped_column(Integer)
    wins: Mapped[str] = mapped_column(Text, default="")
    worries: Mapped[str] = mapped_column(Text, default="")
    needs: Mapped[str] = mapped_column(Text, default="")
    appreciation: Mapped[str] = mapped_column(Text, default="")
    wins_prompt: Mapped[str] = mapped_column(Text, default="")
    worries_prompt: Mapped[str] = mapped_column(Text, default="")
    needs_prompt: Mapped[str] = mapped_column(Text, default="")
    appreciation_prompt: Mapped[str] = mapped_column(Text, default="")
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime())

    checkin: Mapped[CheckIn] = relationship(back_populates="answers")
