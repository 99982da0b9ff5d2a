"""What two laptops need to keep one journal: the change log, clocks, tombstones, conflicts.

None of these tables is a record of the pair's: they are this laptop's bookkeeping of
what it sent and received (docs/SYNC.md). Nothing that reads records reads them.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ceocto_desktop.models.base import Base


class SyncState(Base):
    """This journal's sync settings and counters (folder, device, clock, journal key)."""

    __tablename__ = "sync_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class SyncLog(Base):
    """Rows written since the last capture, filled by triggers (revision 0006)."""

    __tablename__ = "sync_log"

    n: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    op: Mapped[str] = mapped_column(String(1))
    old: Mapped[str | None] = mapped_column(Text, default=None)
    new: Mapped[str | None] = mapped_column(Text, default=None)


class SyncOutbox(Base):
    """One local transaction's field changes, numbered per device: one change file."""

    __tablename__ = "sync_outbox"

    device: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True)
    payload: Mapped[str] = mapped_column(Text)
    written: Mapped[int] = mapped_column(Integer, default=0)


class SyncSeen(Base):
    """The last sequence number applied from each device (what is new is decided here)."""

    __tablename__ = "sync_seen"

    device: Mapped[str] = mapped_column(String(32), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)


class SyncClock(Base):
    """The clock of the change that set a field (or '' for the row's own creation)."""

    __tablename__ = "sync_clock"

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    rkey: Mapped[str] = mapped_column(Text, primary_key=True)
    field: Mapped[str] = mapped_column(String(40), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(64))
    base: Mapped[str] = mapped_column(String(64), default="")


class SyncTombstone(Base):
    """A deleted row: when, and its last values (so an edit made later can bring it back)."""

    __tablename__ = "sync_tombstones"

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    rkey: Mapped[str] = mapped_column(Text, primary_key=True)
    hlc: Mapped[str] = mapped_column(String(64))
    row: Mapped[str] = mapped_column(Text)


class SyncConflict(Base):
    """A value that lost to the other laptop's, or a text both changed: the record's history."""

    __tablename__ = "sync_conflicts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    tbl: Mapped[str] = mapped_column(String(40))
    rkey: Mapped[str] = mapped_column(Text)
    field: Mapped[str] = mapped_column(String(40))
    kind: Mapped[str] = mapped_column(String(20))
    kept: Mapped[str | None] = mapped_column(Text, default=None)
    other: Mapped[str | None] = mapped_column(Text, default=None)
    other_device: Mapped[str] = mapped_column(String(32), default="")
    hlc: Mapped[str] = mapped_column(String(64))
    resolved: Mapped[int] = mapped_column(Integer, default=0)


class SyncSealed(Base):
    """A check-in answer received sealed: unreadable here until its key arrives."""

    __tablename__ = "sync_sealed"

    week: Mapped[str] = mapped_column(String(10), primary_key=True)
    seat: Mapped[str] = mapped_column(String(1), primary_key=True)
    hlc: Mapped[str] = mapped_column(String(64))
    payload: Mapped[str] = mapped_column(Text)


class SyncAnswerKey(Base):
    """The key a week's answer travels sealed under; sent once the other's sealed one is here."""

    __tablename__ = "sync_answer_keys"

    week: Mapped[str] = mapped_column(String(10), primary_key=True)
    seat: Mapped[str] = mapped_column(String(1), primary_key=True)
    key: Mapped[str] = mapped_column(Text)
    released: Mapped[int] = mapped_column(Integer, default=0)


class SyncRowKey(Base):
    """Local row id to travelling key for records matched by a natural key (week, seat, tag)."""

    __tablename__ = "sync_rowkeys"

    tbl: Mapped[str] = mapped_column(String(40), primary_key=True)
    local: Mapped[str] = mapped_column(String(64), primary_key=True)
    rkey: Mapped[str] = mapped_column(Text)


class SyncPending(Base):
    """A received row whose parent has not arrived yet: retried on every pass."""

    __tablename__ = "sync_pending"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    payload: Mapped[str] = mapped_column(Text)


class SyncReceived(Base):
    """What one change file from the other laptop did here, step by step, so it can be undone."""

    __tablename__ = "sync_received"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    device: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    seat: Mapped[str] = mapped_column(String(1), default="")
    received_at: Mapped[str] = mapped_column(String(32))
    steps: Mapped[str] = mapped_column(Text)
    undone: Mapped[int] = mapped_column(Integer, default=0)
