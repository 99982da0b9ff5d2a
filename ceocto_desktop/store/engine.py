"""The SQLite engine with the pragmas a journal relies on, and its session factory."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import ExceptionContext
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from ceocto_desktop.models.progress import key_result_progress
from ceocto_desktop.store import driver
from ceocto_desktop.store.errors import JournalDamaged
from ceocto_desktop.store.sqlite_files import (
    damaged_message,
    has_sqlite_header,
    is_damage,
    open_read_only,
    private_files,
)
from ceocto_desktop.store.writer import BUSY_TIMEOUT_MS

__all__ = [
    "BUSY_TIMEOUT_MS",
    "damaged_message",
    "has_sqlite_header",
    "is_damage",
    "make_engine",
    "make_session_factory",
    "open_read_only",
    "private_files",
]

# The one definition of a key result's progress (a pure function) is also SQL's: goals'
# stored progress is kept by triggers that call it (revision 0004), and nothing in SQL
# spells the formula a second time.
KR_PROGRESS_SQL = "ceocto_kr_progress"

# The execution option that makes a connection's transactions start with BEGIN IMMEDIATE.
WRITE_OPTION = "ceocto_write"


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine over the journal file: WAL, FULL sync, foreign keys, real transactions.

    Migrations pass foreign_keys=False: a batch ALTER recreates a parent table, and with
    foreign keys on, its DROP would cascade into every child row.
    """
    # Asked once, here: keying a connection costs a key derivation (~0.15 s), so the
    # pool keeps its connections open; the passphrase stays in this process only.
    passphrase = driver.passphrase_for(path)

    def creator() -> Any:
        return driver.connect(
            path,
            passphrase=passphrase,
            timeout=BUSY_TIMEOUT_MS / 1000,
            check_same_thread=False,
        )

    engine = create_engine(
        f"sqlite:///{path}",
        module=driver.dbapi,
        creator=creator,
        poolclass=NullPool if not foreign_keys else None,
    )

    def on_connect(dbapi_connection: Any, connection_record: Any) -> None:
        # pysqlite opens transactions lazily and only for DML; take that over so that
        # BEGIN is ours (the "begin" listener) and DDL is transactional too. Pragmas run
        # here, outside any transaction, where SQLite honours them.
        dbapi_connection.isolation_level = None
        dbapi_connection.create_function(KR_PROGRESS_SQL, 3, _kr_progress, deterministic=True)
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
    from ceocto_desktop.store.travel import changelog

    bind = engine.execution_options(**{WRITE_OPTION: True}) if write else engine
    factory = sessionmaker(bind, expire_on_commit=False)
    # Two laptops: each transaction's writes become one change set (when sync is on).
    changelog.install(factory)
    return factory


def _kr_progress(start: float | None, target: float | None, current: float | None) -> float | None:
    if start is None or target is None or current is None:
        return None
    return key_result_progress(start, target, current)
