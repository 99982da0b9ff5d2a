"""What marks a file as a ceocto journal, and the drafts each partner keeps to themselves."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ceocto_desktop.journal_identity import APPLICATION_ID, JOURNAL_FORMAT
from ceocto_desktop.models.base import Base, RecordMixin, UTCDateTime, enum_column, utc_now
from ceocto_desktop.models.enums import Seat

__all__ = ["APPLICATION_ID", "JOURNAL_FORMAT", "CheckInAmendment", "Draft", "JournalMeta"]


class JournalMeta(Base):
    """The journal's own identity: format marker, journal id, when it was created."""

    __tablename__ = "journal_meta"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Draft(Base):
    """One partner's unsaved words for one place (a week's check-in, the quick note...).

    Kept apart from the records so that nothing that reads records (search, reports,
    charts, the dashboard) can ever see a draft; only its author's page reads it back.
    """

    __tablename__ = "drafts"
    __table_args__ = (UniqueConstraint("seat", "key", name="uq_drafts_seat_key"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    seat: Mapped[Seat] = mapped_column(enum_column(Seat, 1))
    key: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utc_now)


class CheckInAmendment(RecordMixin, Base):
    """A change to a submitted answer after both partners' answers were revealed."""

    __tablename__ = "checkin_amendments"

    answer_id: Mapped[str] = mapped_column(
        ForeignKey("checkin_answers.id", ondelete="CASCADE"), index=True
    )
    field: Mapped[str] = mapped_column(String(32))
    value_before: Mapped[str] = mapped_column(Text)
    value_after: Mapped[str] = mapped_column(Text)
