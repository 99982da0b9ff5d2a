"""The SQLite engine with the pragmas a journal relies on, and its session factory."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from ceocto_desktop.store.errors import JournalDamaged, JournalError

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"
# The execution option that makes a connection's transactions start with BEGIN IMMEDIATE.
WRITE_OPTION = "ceocto_write"
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
    if not isinstance(original, sqlite3.DatabaseError):
        return False
    code = getattr(original, "sqlite_errorcode", None)
    if code is not None:
        return (code & 0xFF) in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(original).lower()
    return "malformed" in text or "not a database" in text


def damaged_message(path: Path, exc: BaseException) -> str:
    """One sentence for a damaged journal, with what to do about it."""
    detail = str(getattr(exc, "orig", exc))
    return (
        f"{path} is damaged ({detail}); nothing was changed. "
        "Restore it from a backup with 'ceocto restore' "
        f"(backups are in {path.parent / 'backups'})."
    )


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine over the journal file: WAL, FULL sync, foreign keys, real transactions.

    Migrations pass foreign_keys=False: a batch ALTER recreates a parent table, and with
    foreign keys on, its DROP would cascade into every child row.
    """
    engine = create_engine(
        f"sqlite:///{path}",
        connect_args={"timeout": BUSY_TIMEOUT_MS / 1000, "check_same_thread": False},
        poolclass=NullPool if not foreign_keys else None,
    )

    def on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # pysqlite opens transactions lazily and only for DML; take that over so that
        # BEGIN is ours (the "begin" listener) and DDL is transactional too. Pragmas run
        # here, outside any transaction, where SQLite honours them.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        finally:
            cursor.close()

    def on_begin(connection: Connection) -> None:
        # A deferred transaction that reads and then writes cannot wait for another
        # writer: SQLite answers "database is locked" at once, busy timeout or not.
        # Taking the write lock at BEGIN makes a second writer wait its turn instead.
        if connection.get_execution_options().get(WRITE_OPTION):
            connection.exec_driver_sql("BEGIN IMMEDIATE")
        else:
            connection.exec_driver_sql("BEGIN")

    def on_error(context: ExceptionContext) -> BaseException | None:
        # A malformed page is a damaged journal, not a programming error: say so in words
        # the window and the command line can show, and that they can catch by type.
        if is_damage(context.original_exception):
            return JournalDamaged(damaged_message(path, context.original_exception))
        return None

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    event.listen(engine, "handle_error", on_error, retval=True)
    return engine


def make_session_factory(engine: Engine, *, write: bool = False) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit; write=True begins them IMMEDIATE."""
    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    return sessionmaker(bind, expire_on_commit=False)


def has_sqlite_header(path: Path) -> bool:
    """Whether the file starts with SQLite's header."""
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def _sidecar(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


class _RemovesShmOnClose(sqlite3.Connection):
    """A read-only connection that removes the -shm it had to create, once closed."""

    def close(self) -> None:
        name = self.execute("PRAGMA database_list").fetchone()[2]
        super().close()
        Path(name + "-shm").unlink(missing_ok=True)


def open_read_only(path: Path) -> sqlite3.Connection:
    """A connection that only reads, and leaves no -wal or -shm behind when closed.

    SQLite's mode=ro on a WAL journal creates -wal and -shm files it cannot remove (with
    the journal's mode: a 0444 -shm then breaks every later write). So: where we may
    write, a normal connection that refuses writes (the last one to close removes both
    files); where we may not, nobody can be writing either, and the file is read as
    immutable; only a -wal left by a crash, in a read-only place, cannot be read.
    """
    path = path.resolve()
    uri = path.as_uri()
    wal, shm = _sidecar(path, "-wal"), _sidecar(path, "-shm")
    folder_writable = os.access(path.parent, os.W_OK)
    try:
        if folder_writable and os.access(path, os.W_OK):
            with private_files():
                connection = sqlite3.connect(f"{uri}?mode=rw", uri=True)
            connection.execute("PRAGMA query_only=1")
            return connection
        pending = wal.exists() and wal.stat().st_size > 0
        if shm.exists():
            return sqlite3.connect(f"{uri}?mode=ro", uri=True)
        if pending and folder_writable:
            # A -wal left by a crash beside a read-only journal: SQLite needs a -shm to read
            # it; the one made here goes when this connection closes (no writer can share it).
            return sqlite3.connect(f"{uri}?mode=ro", uri=True, factory=_RemovesShmOnClose)
        if pending:
            raise JournalError(
                f"Cannot read {path}: the folder {path.parent} is read-only, and the journal "
                f"has recent changes in {wal.name} that SQLite can only read where it may write."
            )
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        if is_damage(exc):
            raise JournalDamaged(damaged_message(path, exc)) from exc
        raise JournalError(f"Cannot open {path}: {exc}.") from exc
