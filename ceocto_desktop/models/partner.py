"""The two partners of a journal and the journal's own settings."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceocto_desktop.models.base import Base, RecordMixin, enum_column
from ceocto_desktop.models.enums import Seat


class Partner(RecordMixin, Base):
    __tablename__ = "partners"

    seat: Mapped[Seat] = mapped_column(enum_column(Seat, 1), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    title: Mapped[str] = mapped_column(String(120))
    strengths: Mapped[str] = mapped_column(Text, default="")
    responsibilities: Mapped[str] = mapped_column(Text, default="")
    color: Mapped[str] = mapped_column(String(9))


class Setting(Base):
    """A journal-wide choice (week start day, journal name), as key and text value."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
