"""Decisions the pair takes, each partner's stance, and how they turned out."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Index, Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ceocto_desktop.models.base import Base, RecordMixin, enum_column
from ceocto_desktop.models.enums import DecisionStatus, Owner, Stance, Verdict
from ceocto_desktop.models.goal import Goal

decision_goals = Table(
    "decision_goals",
    Base.metadata,
    Column("decision_id", ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Decision(RecordMixin, Base):
    __tablename__ = "decisions"
    # The Overview's decisions due for review, by status then date (revision 0005).
    __table_args__ = (Index("ix_decisions_status_review", "status", "review_on"),)

    title: Mapped[str] = mapped_column(String(200))
    context: Mapped[str] = mapped_column(Text, default="")
    options: Mapped[str] = mapped_column(Text, default="")
    decision: Mapped[str] = mapped_column(Text, default="")
    rationale: Mapped[str] = mapped_column(Text, default="")
    decided_by: Mapped[Owner] = mapped_column(enum_column(Owner), default=Owner.JOINT)
    decided_on: Mapped[date] = mapped_column(Date, index=True)
    stance_a: Mapped[Stance] = mapped_column(enum_column(Stance), default=Stance.AGREE)
    stance_b: Mapped[Stance] = mapped_column(enum_column(Stance), default=Stance.AGREE)
    confidence: Mapped[int] = mapped_column(Integer, default=70)
    expected_outcome: Mapped[str] = mapped_column(Text, default="")
    review_on: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    status: Mapped[DecisionStatus] = mapped_column(
        enum_column(DecisionStatus), default=DecisionStatus.DECIDED, index=True
    )
    outcome: Mapped[str] = mapped_column(Text, default="")
    verdict: Mapped[Verdict | None] = mapped_column(enum_column(Verdict), default=None)
    reviewed_on: Mapped[date | None] = mapped_column(Date, default=None)
    supersedes_id: Mapped[str | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), default=None, index=True
    )

    goals: Mapped[list[Goal]] = relationship(secondary=decision_goals)
