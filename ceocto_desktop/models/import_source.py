"""Where an imported note came from, so that importing the same file again adds nothing."""

from __future__ import annotations

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from ceocto_desktop.models.base import Base


class ImportSource(Base):
    """One entry of another journal app (jrnl, Day One) and the note it became."""

    __tablename__ = "import_sources"

    # "jrnl" or "dayone"; the entry's own id there (Day One's uuid, jrnl's uuid or a
    # digest of its date, time and text when it has none).
    source: Mapped[str] = mapped_column(String(16), primary_key=True)
    source_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    note_id: Mapped[str] = mapped_column(ForeignKey("notes.id", ondelete="CASCADE"), index=True)
