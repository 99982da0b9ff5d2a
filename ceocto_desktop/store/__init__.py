"""Engine and sessions, SQLite pragmas, Alembic migrations and backups of a journal file."""

from ceocto_desktop.store.backup import backup_journal
from ceocto_desktop.store.errors import JournalError
from ceocto_desktop.store.journal import (
    Journal,
    JournalState,
    check_journal,
    inspect_journal,
    migrate,
    open_journal,
)

__all__ = [
    "Journal",
    "JournalError",
    "JournalState",
    "backup_journal",
    "check_journal",
    "inspect_journal",
    "migrate",
    "open_journal",
]
