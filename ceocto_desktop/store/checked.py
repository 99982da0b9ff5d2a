"""Opening a journal for a shell command: checked first, and read from a copy where read-only.

`ceocto note` and `ceocto export` refuse a journal SQLite's quick_check finds damaged,
before anything can change a byte of it (opening a journal for writing turns it to WAL
mode, which rewrites its header). A report needs only to read: a journal in a read-only
place is copied (SQLite's backup API, checked) into a private temporary folder and read
from there; the copy is overwritten and deleted when the report is done.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from ceocto_desktop.store import driver
from ceocto_desktop.store.files.backups import backup_journal
from ceocto_desktop.store.files.journal_path import resolve_journal
from ceocto_desktop.store.health import NOTE_TABLES, HealthCheck, require_healthy
from ceocto_desktop.store.journal import Journal, open_journal

__all__ = ["NOTE_TABLES", "open_checked", "require_healthy"]


@dataclass
class _Snapshot(Journal):
    """A journal opened from a private copy; closing it removes the copy."""

    folder: Path | None = None

    def close(self) -> None:
        super().close()
        if self.folder is None:
            return
        for entry in self.folder.iterdir():
            driver.secure_remove(entry)
        self.folder.rmdir()
        self.folder = None


def _writable(path: Path) -> bool:
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def open_checked(
    path: Path,
    *,
    read_only_ok: bool = False,
    tables: tuple[str, ...] | None = None,
    checking: HealthCheck | None = None,
) -> Journal:
    """The journal at path, opened only once quick_check (of tables, or all) says it is whole.

    read_only_ok: a journal that cannot be written is read from a checked private copy.
    checking: that check of path, already under way (its tables are the ones checked).
    """
    path = resolve_journal(path).real
    if checking is not None:
        checking.wait()
    elif path.is_file() and path.stat().st_size > 0:
        require_healthy(path, tables)
    if not read_only_ok or not path.exists() or _writable(path):
        return open_journal(path)
    folder = Path(tempfile.mkdtemp(prefix="ceocto-read-"))  # 0700, ours alone
    try:
        copy = backup_journal(path, folder / path.name)
        opened = open_journal(copy)
    except BaseException:
        for entry in folder.iterdir():
            driver.secure_remove(entry)
        folder.rmdir()
        raise
    return _Snapshot(
        path=opened.path,
        engine=opened.engine,
        sessions=opened.sessions,
        write_sessions=opened.write_sessions,
        folder=folder,
    )
