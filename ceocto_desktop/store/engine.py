"""The SQLite engine with the pragmas a journal relies on, and its session factory."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

# The one definition of a key result's progress (a pure function) is also SQL's: goals'
# stored progress is kept by triggers that call it (revision 0004), and nothing in SQL
# spells the formula a second time.
from ceocto_desktop.analytics.progress import key_result_progress

KR_PROGRESS_SQL = "ceocto_kr_progress"

BUSY_TIMEOUT_MS = 5000
SQLITE_HEADER = b"SQLite format 3\x00"


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
        dbapi_connection.create_function(KR_PROGRESS_SQL, 3, _kr_progress, deterministic=True)
        cursor = dbapi_connection.cursor()
        try:
            cursor.execute("PRAGMA journal_mode=WAL")
            cursor.execute("PRAGMA synchronous=FULL")
            cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
            cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        finally:
            cursor.close()

    def on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    event.listen(engine, "connect", on_connect)
    event.listen(engine, "begin", on_begin)
    return engine


def _kr_progress(start: float | None, target: float | None, current: float | None) -> float | None:
    if start is None or target is None or current is None:
        return None
    return key_result_progress(start, target, current)


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    """Sessions that keep loaded values after commit, so views can outlive a transaction."""
    return sessionmaker(engine, expire_on_commit=False)


def has_sqlite_header(path: Path) -> bool:
    """Whether the file starts with SQLite's header."""
    with path.open("rb") as handle:
        return handle.read(16) == SQLITE_HEADER


def open_read_only(path: Path) -> sqlite3.Connection:
    """A plain read-only connection that cannot change the file."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
