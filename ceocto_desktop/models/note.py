"""Free journal notes in Markdown, their tags and their links to other records."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ceocto_desktop.models.base import Base, RecordMixin
from ceocto_desktop.models.decision import Decision
from ceocto_desktop.models.goal import Goal
from ceocto_desktop.models.obstacle import Obstacle

note_tags = Table(
    "note_tags",
    Base.metadata,
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
    Column("tag_id", ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True, index=True),
)
note_goals = Table(
    "note_goals",
    Base.metadata,
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
    Column("goal_id", ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True, index=True),
)
note_obstacles = Table(
    "note_obstacles",
    Base.metadata,
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "obstacle_id", ForeignKey("obstacles.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)
note_decisions = Table(
    "note_decisions",
    Base.metadata,
    Column("note_id", ForeignKey("notes.id", ondelete="CASCADE"), primary_key=True),
    Column(
        "decision_id", ForeignKey("decisions.id", ondelete="CASCADE"), primary_key=True, index=True
    ),
)


class Tag(Base):
    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(60), unique=True)


class Note(RecordMixin, Base):
    __tablename__ = "notes"
    # Read newest first (the Overview's recent notes, the journal's first day): revision 0005.
    __table_args__ = (Index("ix_notes_created_at", "created_at"),)

    body: Mapped[str] = mapped_column(Text)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)

    tags: Mapped[list[Tag]] = relationship(secondary=note_tags, order_by=Tag.name)
    goals: Mapped[list[Goal]] = relationship(secondary=note_goals)
    obstacles: Mapped[list[Obstacle]] = relationship(secondary=note_obstacles)
    decisions: Mapped[list[Decision]] = relationship(secondary=note_decisions)
