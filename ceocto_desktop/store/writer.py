"""A write connection to a current journal through the driver alone, for shell commands
that need no ORM (`ceocto note`): the pragmas every engine connection of ours has, and
none of SQLAlchemy's import time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ceocto_desktop.store import driver
from ceocto_desktop.store.inspect import JournalState, inspect_journal

BUSY_TIMEOUT_MS = 5000  # as store.engine's


def open_current_for_writing(path: Path) -> Any | None:
    """A write connection to the journal at path if it is a current, writable journal;
    None otherwise, for the caller to take the full way (store.open_journal) that
    creates, upgrades, or says what is wrong."""
    path = path.expanduser()
    if inspect_journal(path).state is not JournalState.CURRENT:
        return None
    if not os.access(path.parent, os.W_OK) or not os.access(path, os.W_OK):
        return None  # open_journal says which of the two, in its words
    connection = driver.connect(
        path, passphrase=driver.passphrase_for(path), timeout=BUSY_TIMEOUT_MS / 1000
    )
    try:
        connection.isolation_level = None  # BEGIN and COMMIT are the caller's
        connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute("PRAGMA synchronous=FULL")
        connection.execute("PRAGMA foreign_keys=ON")
        turn_on_secure_delete(connection)
    except BaseException:
        connection.close()
        raise
    return connection


def turn_on_secure_delete(connection: Any) -> None:
    """FTS5's secure-delete in every search table that lacks it (store.journal's
    secure_delete_search, on a driver connection in autocommit)."""
    tables = [
        str(row[0])
        for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type='table' "
            "AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"
        )
    ]
    for table in tables:
        row = connection.execute(
            f"SELECT v FROM \"{table}_config\" WHERE k = 'secure-delete'"
        ).fetchone()
        if row is None or row[0] != 1:
            connection.execute(
                f'INSERT INTO "{table}"("{table}", rank) VALUES (\'secure-delete\', 1)'
            )
