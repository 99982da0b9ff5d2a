"""Engine and sessions, SQLite pragmas, Alembic migrations, backups and the window's lock."""

from ceocto_desktop.store.backups import (
    BackupInfo,
    backup_if_due,
    backup_journal,
    list_backups,
    make_backup,
)
from ceocto_desktop.store.errors import BackupError, JournalDamaged, JournalError, JournalInUse
from ceocto_desktop.store.journal import (
    Journal,
    JournalState,
    check_journal,
    inspect_journal,
    migrate,
    open_journal,
)
from ceocto_desktop.store.lock import JournalLock, LockInfo, ensure_not_in_use, lock_holder
from ceocto_desktop.store.restore import Restored, restore_backup

__all__ = [
    "BackupError",
    "BackupInfo",
    "Journal",
    "JournalDamaged",
    "JournalError",
    "JournalInUse",
    "JournalLock",
    "JournalState",
    "LockInfo",
    "Restored",
    "backup_if_due",
    "backup_journal",
    "check_journal",
    "ensure_not_in_use",
    "inspect_journal",
    "list_backups",
    "lock_holder",
    "make_backup",
    "migrate",
    "open_journal",
    "restore_backup",
]
