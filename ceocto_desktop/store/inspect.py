"""What a file is, read without changing a byte: a ceocto journal, empty, or something else."""

from __future__ import annotations

import enum
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ceocto_desktop.journal_identity import APPLICATION_ID, JOURNAL_FORMAT
from ceocto_desktop.store import driver, schema
from ceocto_desktop.store.errors import JournalDamaged, JournalError
from ceocto_desktop.store.files.journal_path import refuse_special
from ceocto_desktop.store.sqlite_files import (
    damaged_message,
    has_sqlite_header,
    is_damage,
    open_read_only,
)

# Revisions written before journals were marked (application_id, journal_meta): a file at
# one of these is taken for a journal only if it holds ceocto's own tables.
UNMARKED_REVISIONS = frozenset({"0001", "0002"})
CEOCTO_TABLES = frozenset(
    {
        "partners",
        "goals",
        "key_results",
        "goal_updates",
        "obstacles",
        "decisions",
        "checkins",
        "checkin_answers",
        "notes",
        "settings",
        "board_meetings",
        "retrospectives",
    }
)


class JournalState(enum.Enum):
    MISSING = "missing"
    EMPTY = "empty"
    OLDER = "older"
    CURRENT = "current"


@dataclass(frozen=True)
class Inspection:
    state: JournalState
    revision: str | None


def foreign_message(path: Path) -> str:
    """The refusal for an SQLite file that some other program wrote."""
    return (
        f"{path} is an SQLite database of another program, not a ceocto journal; "
        "it was not changed."
    )


def inspect_journal(path: Path) -> Inspection:
    """Say what is at path without writing a byte; raise JournalError for what can't open."""
    if path.is_dir():
        raise JournalError(f"{path} is a folder, not a journal file.")
    if path.exists():
        refuse_special(path)  # a FIFO or a device is never a journal, empty or not
    else:
        if path.parent.exists() and not path.parent.is_dir():
            raise JournalError(f"Cannot create a journal at {path}: {path.parent} is not a folder.")
        if path.is_symlink():
            raise JournalError(
                f"{path} is a link to a file that does not exist; ceocto never replaces a link."
            )
        return Inspection(JournalState.MISSING, None)
    if not os.access(path, os.R_OK):
        raise JournalError(f"Cannot read {path}: permission denied.")
    if path.stat().st_size == 0:
        return Inspection(JournalState.EMPTY, None)
    if not has_sqlite_header(path):
        # SQLCipher's file is random bytes from the first: only a passphrase tells an
        # encrypted journal from a file that is no database at all.
        driver.passphrase_for(path)  # PassphraseNeeded when none of those given opens it
    revision = _read_identity(path)
    if revision is None:
        return Inspection(JournalState.EMPTY, None)
    if revision == schema.head_revision():
        return Inspection(JournalState.CURRENT, revision)
    if revision in schema.known_revisions():
        return Inspection(JournalState.OLDER, revision)
    raise JournalError(
        f"{path} was written by a newer version of ceocto (schema {revision}); "
        f"this version reads schemas up to {schema.head_revision()}. "
        "Update ceocto to open it; the file was not changed."
    )


def _read_identity(path: Path) -> str | None:
    """The schema revision of a ceocto journal; None for an SQLite file with no tables."""
    connection = open_read_only(path)
    try:
        return _identify(path, connection)
    except driver.DatabaseError as exc:
        if is_damage(exc):
            raise JournalDamaged(damaged_message(path, exc)) from exc
        raise JournalError(f"Cannot read {path}: {exc}.") from exc
    finally:
        connection.close()


def _identify(path: Path, connection: Any) -> str | None:
    application_id = int(connection.execute("PRAGMA application_id").fetchone()[0])
    tables = {
        str(row[0])
        for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
    }
    if application_id not in (0, APPLICATION_ID):
        raise JournalError(foreign_message(path))
    if "alembic_version" not in tables:
        if not tables and application_id == 0:
            return None
        raise JournalError(foreign_message(path))
    row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    if row is None:
        raise JournalError(foreign_message(path))
    revision = str(row[0])
    if revision in UNMARKED_REVISIONS and application_id == 0:
        # A journal from before the marks: its own tables are the only sign it is ours.
        if not tables >= CEOCTO_TABLES:
            raise JournalError(foreign_message(path))
        return revision
    if application_id != APPLICATION_ID or "journal_meta" not in tables:
        raise JournalError(foreign_message(path))
    marked = connection.execute("SELECT value FROM journal_meta WHERE key = 'format'").fetchone()
    if marked is None or marked[0] != JOURNAL_FORMAT:
        raise JournalError(foreign_message(path))
    return revision


def read_journal_id(connection: Any) -> str | None:
    """The journal's own id (from revision 0003 on), or None for an older journal."""
    try:
        row = connection.execute(
            "SELECT value FROM journal_meta WHERE key = 'journal_id'"
        ).fetchone()
    except driver.OperationalError:
        return None
    return None if row is None else str(row[0])


def read_partner_ids(connection: Any) -> frozenset[str]:
    """The ids of the journal's two partners: the same pair keeps them for life."""
    return frozenset(str(row[0]) for row in connection.execute("SELECT id FROM partners"))
