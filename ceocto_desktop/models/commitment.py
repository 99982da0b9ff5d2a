"""Commitments the partners make each other, and the weekly sync's agenda items."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ceocto_desktop.models.base import Base, RecordMixin, enum_column
from ceocto_desktop.models.enums import Area, CommitmentStatus, Seat


class Commitment(RecordMixin, Base):
    """What one partner owes the other, carried week to week until done or dropped."""

    __tablename__ = "commitments"

    owed_by: Mapped[Seat] = mapped_column(enum_column(Seat, 1), index=True)
    owed_to: Mapped[Seat] = mapped_column(enum_column(Seat, 1))
    what: Mapped[str] = mapped_column(String(200))
    due_on: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[CommitmentStatus] = mapped_column(
        enum_column(CommitmentStatus), default=CommitmentStatus.OPEN, index=True
    )
    done_on: Mapped[date | None] = mapped_column(Date, default=None)
    dropped_on: Mapped[date | None] = mapped_column(Date, default=None)
    drop_reason: Mapped[str] = mapped_column(Text, default="")
    # What the other partner asked for, when the one owing offered something else instead.
    asked_for: Mapped[str] = mapped_column(Text, default="", server_default="")
    week_start: Mapped[date | None] = mapped_column(Date, default=None)
    area: Mapped[Area | None] = mapped_column(enum_column(Area), default=None)
    # Marked by the pair as help in the other partner's area; an area outside the owing
    # partner's role counts as help without the mark (services.commitments.is_help_across).
    help_across: Mapped[bool] = mapped_column(Boolean, default=False)
    goal_id: Mapped[str | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), default=None, index=True
    )
    obstacle_id: Mapped[str | None] = mapped_column(
        ForeignKey("obstacles.id", ondelete="SET NULL"), default=None, index=True
    )
    decision_id: Mapped[str | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), default=None, index=True
    )


class AgendaItem(RecordMixin, Base):
    """One item of a week's sync agenda as kept: ticked or not, with its line of outcome."""

    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("week_start", "key", name="uq_agenda_items_week_key"),)

    week_start: Mapped[date] = mapped_column(Date, index=True)
    # What the item is about, stable from week to week ("commitment:<id>", "gap:<week>:trust").
    key: Mapped[str] = mapped_column(String(120))
    kind: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(Text)
    position: Mapped[int] = mapped_column(Integer, default=0)
    # The week the item first stood on an agenda (earlier than week_start when carried).
    since_week: Mapped[date] = mapped_column(Date)
    discussed: Mapped[bool] = mapped_column(Boolean, default=False)
    outcome: Mapped[str] = mapped_column(Text, default="")
    commitment_id: Mapped[str | None] = mapped_column(
        ForeignKey("commitments.id", ondelete="SET NULL"), default=None
    )
    # The decision the item's outcome became.
    decision_id: Mapped[str | None] = mapped_column(
        ForeignKey("decisions.id", ondelete="SET NULL"), default=None
    )
