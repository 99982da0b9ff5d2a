"""Obstacles between the pair and their goals: hindrances and blameless setbacks."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Column, Date, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ceocto_desktop.models.base import Base, RecordMixin, enum_column
from ceocto_desktop.models.enums import (
    ObstacleCategory,
    ObstacleEventKind,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Seat,
    Severity,
)
from ceocto_desktop.models.goal import Goal

obstacle_goals = Table(
    "obstacle_goals",
    Base.metadata,
    Column("obstacle_id", ForeignKey("obstacles.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Obstacle(RecordMixin, Base):
    __tablename__ = "obstacles"
    # Open obstacles by age, read without touching the table: a quarter's "still open"
    # count and its oldest few (revision 0004).
    # The Overview's old open obstacles, by status then age (revision 0005).
    __table_args__ = (
        Index("ix_obstacles_open_since", "resolved_on", "opened_on", "id"),
        Index("ix_obstacles_status_opened", "status", "opened_on"),
    )

    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[ObstacleKind] = mapped_column(
        enum_column(ObstacleKind), default=ObstacleKind.HINDRANCE
    )
    category: Mapped[ObstacleCategory] = mapped_column(enum_column(ObstacleCategory))
    severity: Mapped[Severity] = mapped_column(enum_column(Severity), default=Severity.MEDIUM)
    raised_by: Mapped[Seat] = mapped_column(enum_column(Seat, 1))
    owner: Mapped[Owner] = mapped_column(enum_column(Owner), default=Owner.JOINT)
    status: Mapped[ObstacleStatus] = mapped_column(
        enum_column(ObstacleStatus), default=ObstacleStatus.OPEN, index=True
    )
    opened_on: Mapped[date] = mapped_column(Date, index=True)
    resolved_on: Mapped[date | None] = mapped_column(Date, default=None)
    resolution: Mapped[str] = mapped_column(Text, default="")
    # A setback is recorded blameless: what we learned, how we covered for each other.
    lesson: Mapped[str] = mapped_column(Text, default="")
    covered_by: Mapped[str] = mapped_column(Text, default="")

    goals: Mapped[list[Goal]] = relationship(secondary=obstacle_goals)
    events: Mapped[list[ObstacleEvent]] = relationship(
        back_populates="obstacle",
        cascade="all, delete-orphan",
        order_by="ObstacleEvent.created_at",
    )


class ObstacleEvent(RecordMixin, Base):
    """Opened, resolved, accepted or reopened: kept so a reopening loses no resolution."""

    __tablename__ = "obstacle_events"

    obstacle_id: Mapped[str] = mapped_column(
        ForeignKey("obstacles.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[ObstacleEventKind] = mapped_column(enum_column(ObstacleEventKind))
    on_date: Mapped[date] = mapped_column(Date)
    text: Mapped[str] = mapped_column(Text, default="")

    obstacle: Mapped[Obstacle] = relationship(back_populates="events")
