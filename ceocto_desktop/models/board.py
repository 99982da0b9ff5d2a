"""Board meetings with their review of goals, and the quarterly retrospectives."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ceocto_desktop.models.base import Base, RecordMixin


class BoardMeeting(RecordMixin, Base):
    __tablename__ = "board_meetings"

    held_on: Mapped[date] = mapped_column(Date, index=True)
    title: Mapped[str] = mapped_column(String(200))
    notes: Mapped[str] = mapped_column(Text, default="")
    ask_of_board: Mapped[str] = mapped_column(Text, default="")

    reviews: Mapped[list[BoardGoalReview]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan"
    )


class BoardGoalReview(Base):
    """A goal ticked as reviewed for one board meeting, with a comment."""

    __tablename__ = "board_goal_reviews"

    meeting_id: Mapped[str] = mapped_column(
        ForeignKey("board_meetings.id", ondelete="CASCADE"), primary_key=True
    )
    goal_id: Mapped[str] = mapped_column(
        ForeignKey("goals.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    reviewed: Mapped[bool] = mapped_column(Boolean, default=False)
    comment: Mapped[str] = mapped_column(Text, default="")

    meeting: Mapped[BoardMeeting] = relationship(back_populates="reviews")


class Retrospective(RecordMixin, Base):
    __tablename__ = "retrospectives"

    quarter: Mapped[str] = mapped_column(String(7), unique=True)
    went_well: Mapped[str] = mapped_column(Text, default="")
    to_change: Mapped[str] = mapped_column(Text, default="")
    commitments: Mapped[str] = mapped_column(Text, default="")
