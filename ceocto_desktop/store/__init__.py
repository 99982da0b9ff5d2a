"""Engine and sessions, SQLite pragmas, Alembic migrations, backups and the window's lock.

Names are loaded on first use, so that `ceocto_desktop.store.errors` and `.sqlite_files`
can be imported (by a shell search) without SQLAlchemy coming along.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ceocto_desktop.store.check import check_journal
    from ceocto_desktop.store.errors import (
        BackupError,
        JournalDamaged,
        JournalError,
        JournalInUse,
        OtherPairsBackup,
    )
    from ceocto_desktop.store.files.backups import (
        BackupInfo,
        backup_if_due,
        backup_journal,
        list_backups,
        make_backup,
    )
    from ceocto_desktop.store.files.lock import (
        JournalLock,
        LockInfo,
        ensure_not_in_use,
        lock_holder,
    )
    from ceocto_desktop.store.files.restore import Restored, restore_backup
    from ceocto_desktop.store.journal import (
        Journal,
        JournalState,
        inspect_journal,
        migrate,
        open_journal,
    )

_WHERE = {
    "BackupInfo": "files.backups",
    "backup_if_due": "files.backups",
    "backup_journal": "files.backups",
    "list_backups": "files.backups",
    "make_backup": "files.backups",
    "BackupError": "errors",
    "JournalDamaged": "errors",
    "JournalError": "errors",
    "JournalInUse": "errors",
    "OtherPairsBackup": "errors",
    "Journal": "journal",
    "JournalState": "journal",
    "check_journal": "check",
    "inspect_journal": "journal",
    "migrate": "journal",
    "open_journal": "journal",
    "JournalLock": "files.lock",
    "LockInfo": "files.lock",
    "ensure_not_in_use": "files.lock",
    "lock_holder": "files.lock",
    "Restored": "files.restore",
    "restore_backup": "files.restore",
}

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
    "OtherPairsBackup",
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


def __getattr__(name: str) -> Any:
    """Load a public name from its module on first use."""
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
