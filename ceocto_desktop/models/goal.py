"""Shared goals, their measurable key results and the dated history of their moves."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ceocto_desktop.models.base import Base, RecordMixin, enum_column
from ceocto_desktop.models.enums import Area, GoalStatus, Owner


class Goal(RecordMixin, Base):
    __tablename__ = "goals"
    # The Overview's goals at risk and active goals, by status then date (revision 0005).
    __table_args__ = (Index("ix_goals_status_target", "status", "target_date"),)

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    owner: Mapped[Owner] = mapped_column(enum_column(Owner), default=Owner.JOINT)
    area: Mapped[Area] = mapped_column(enum_column(Area), default=Area.STRATEGY)
    status: Mapped[GoalStatus] = mapped_column(
        enum_column(GoalStatus), default=GoalStatus.PROPOSED, index=True
    )
    target_date: Mapped[date | None] = mapped_column(Date, default=None, index=True)
    board_visible: Mapped[bool] = mapped_column(Boolean, default=False)
    # The mean of the key results' progress, kept by triggers (revision 0004) through the
    # one definition in analytics.progress; read-only here, for sorting and filtering.
    progress: Mapped[float | None] = mapped_column(Float, default=None, index=True)
    # A goal carried over into a new quarter points at the goal it continues (its lineage).
    carried_from_id: Mapped[str | None] = mapped_column(
        ForeignKey("goals.id", ondelete="SET NULL"), default=None, index=True
    )

    key_results: Mapped[list[KeyResult]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="KeyResult.position",
    )
    updates: Mapped[list[GoalUpdate]] = relationship(
        back_populates="goal",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="GoalUpdate.created_at",
    )


class KeyResult(RecordMixin, Base):
    __tablename__ = "key_results"

    goal_id: Mapped[str] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    start_value: Mapped[float] = mapped_column(Float, default=0.0)
    target_value: Mapped[float] = mapped_column(Float)
    current_value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)

    goal: Mapped[Goal] = relationship(back_populates="key_results")


class GoalUpdate(RecordMixin, Base):
    """One recorded move of a goal: its progress and status after, with a note."""

    __tablename__ = "goal_updates"

    goal_id: Mapped[str] = mapped_column(ForeignKey("goals.id", ondelete="CASCADE"), index=True)
    on_date: Mapped[date] = mapped_column(Date, index=True)
    progress: Mapped[float] = mapped_column(Float)
    status: Mapped[GoalStatus] = mapped_column(enum_column(GoalStatus))
    note: Mapped[str] = mapped_column(Text, default="")

    goal: Mapped[Goal] = relationship(back_populates="updates")
    changes: Mapped[list[KeyResultChange]] = relationship(
        back_populates="update", cascade="all, delete-orphan", passive_deletes=True
    )


class KeyResultChange(Base):
    """A key result's value before and after one goal update."""

    __tablename__ = "key_result_changes"
    # Deleting a goal removes these through two cascades (its updates and its key results);
    # whichever runs second finds the row already gone, which is fine.
    __mapper_args__ = {"confirm_deleted_rows": False}  # noqa: RUF012

    update_id: Mapped[str] = mapped_column(
        ForeignKey("goal_updates.id", ondelete="CASCADE"), primary_key=True
    )
    key_result_id: Mapped[str] = mapped_column(
        ForeignKey("key_results.id", ondelete="CASCADE"), primary_key=True
    )
    value_before: Mapped[float] = mapped_column(Float)
    value_after: Mapped[float] = mapped_column(Float)

    update: Mapped[GoalUpdate] = relationship(back_populates="changes")
