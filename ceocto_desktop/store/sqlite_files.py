"""SQLite files without SQLAlchemy: read-only connections that leave nothing behind, damage.

Shell commands that only read (search) use this module alone, so they load no ORM. Every
connection comes from store.driver (sqlcipher3), keyed with the file's passphrase if any.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ceocto_desktop.store import driver
from ceocto_desktop.store.driver import SQLITE_HEADER, has_sqlite_header
from ceocto_desktop.store.errors import JournalDamaged, JournalError

__all__ = [
    "SQLITE_HEADER",
    "connect_journal",
    "damaged_message",
    "has_sqlite_header",
    "is_damage",
    "open_read_only",
    "private_files",
]
# SQLite's primary result codes for a damaged file.
_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26


@contextmanager
def private_files() -> Iterator[None]:
    """Files created inside are 0600 and folders 0700 (the journal, its -wal and -shm)."""
    # SQLite gives -wal and -shm the journal's own mode, but only the umask covers the
    # moment a journal is first created; the umask is the process's, so keep this short.
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def is_damage(exc: BaseException) -> bool:
    """Whether an SQLite error (plain or wrapped by SQLAlchemy) says the file is damaged."""
    original = getattr(exc, "orig", exc)
    if isinstance(original, driver.PassphraseNeeded) or not isinstance(
        original, driver.DatabaseError
    ):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(original).lower()
    return "malformed" in text or "not a database" in text


def damaged_message(path: Path, exc: BaseException) -> str:
    """One sentence for a damaged journal, with what to do about it."""
    detail = " ".join(str(getattr(exc, "orig", exc)).split())  # one line, always
    return (
        f"{path} is damaged ({detail}); nothing was changed. "
        "Restore it from a backup with 'ceocto restore' "
        f"(backups are in {path.parent / 'backups'})."
    )


def connect_journal(path: Path, **options: Any) -> Any:
    """A read-write connection to a journal or backup, keyed with its passphrase if any."""
    return driver.connect(path, passphrase=driver.passphrase_for(path), **options)


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


class _WipesWalOnClose(driver.Connection):  # type: ignore[misc]
    """A connection that, if its close deletes the journal's -wal, overwrites it first."""

    def close(self) -> None:
        try:
            name = self.execute("PRAGMA database_list").fetchone()[2]
        except driver.Error:
            super().close()
            return
        with driver.wiping_wal(Path(name)):
            super().close()


class _RemovesShmOnClose(driver.Connection):  # type: ignore[misc]
    """A read-only connection that removes the -shm it had to create, once closed."""

    def close(self) -> None:
        name = self.execute("PRAGMA database_list").fetchone()[2]
        super().close()
        Path(name + "-shm").unlink(missing_ok=True)


def open_read_only(path: Path) -> Any:
    """A connection that only reads, and leaves no -wal or -shm behind when closed.

    SQLite's mode=ro on a WAL journal creates -wal and -shm files it cannot remove (with
    the journal's mode: a 0444 -shm then breaks every later write). So: where we may
    write, a normal connection that refuses writes (the last one to close removes both
    files); where we may not, nobody can be writing either, and the file is read as
    immutable; only a -wal left by a crash, in a read-only place, cannot be read.
    """
    path = path.resolve()
    uri = path.as_uri()
    passphrase = driver.passphrase_for(path)

    def connect(target: str, **options: Any) -> Any:
        return driver.connect(target, uri=True, passphrase=passphrase, **options)

    wal, shm = _sidecar(path, "-wal"), _sidecar(path, "-shm")
    folder_writable = os.access(path.parent, os.W_OK)
    try:
        if folder_writable and os.access(path, os.W_OK):
            with private_files():
                connection = connect(f"{uri}?mode=rw", factory=_WipesWalOnClose)
            connection.execute("PRAGMA query_only=1")
            return connection
        pending = wal.exists() and wal.stat().st_size > 0
        if shm.exists():
            return connect(f"{uri}?mode=ro")
        if pending and folder_writable:
            # A -wal left by a crash beside a read-only journal: SQLite needs a -shm to read
            # it; the one made here goes when this connection closes (no writer can share it).
            return connect(f"{uri}?mode=ro", factory=_RemovesShmOnClose)
        if pending:
            raise JournalError(
                f"Cannot read {path}: the folder {path.parent} is read-only, and the journal "
                f"has recent changes in {wal.name} that SQLite can only read where it may write."
            )
        return connect(f"{uri}?mode=ro&immutable=1")
    except driver.Error as exc:
        if is_damage(exc):
            raise JournalDamaged(damaged_message(path, exc)) from exc
        raise JournalError(f"Cannot open {path}: {exc}.") from exc
