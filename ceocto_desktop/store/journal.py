"""Opening a journal file: checks that change nothing, a backup, then migrations."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session, sessionmaker

from ceocto_desktop.store import driver, schema
from ceocto_desktop.store.check import check_journal
from ceocto_desktop.store.engine import (
    damaged_message,
    is_damage,
    make_engine,
    make_session_factory,
    private_files,
)
from ceocto_desktop.store.errors import JournalDamaged, JournalError
from ceocto_desktop.store.files.backups import make_backup, remove_partial_leftovers
from ceocto_desktop.store.files.journal_path import resolve_journal
from ceocto_desktop.store.files.leftovers import clean_leftovers
from ceocto_desktop.store.files.lock import ensure_not_in_use
from ceocto_desktop.store.inspect import Inspection, JournalState, inspect_journal

__all__ = [
    "Inspection",
    "Journal",
    "JournalState",
    "check_journal",
    "inspect_journal",
    "migrate",
    "open_journal",
]


def _require_writable(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        raise JournalError(
            f"Cannot create a journal at {path}: the folder {folder} does not exist."
        )
    if not os.access(folder, os.W_OK):
        raise JournalError(
            f"Cannot write to {path}: the folder {folder} is read-only "
            "(SQLite keeps two working files beside the journal)."
        )
    if path.exists() and not os.access(path, os.W_OK):
        raise JournalError(f"Cannot write to {path}: the file is read-only.")


@dataclass
class Journal:
    """An open journal: its file, its engine and a factory of sessions over it."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]
    write_sessions: sessionmaker[Session]
    # True while a conversion (encrypt, decrypt, a new passphrase) replaces the file: timers
    # that would connect (the window's look for outside writes, a sync pass) wait for it.
    converting: bool = False

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A write session (BEGIN IMMEDIATE) whose work commits together, or not at all."""
        with self.write_sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Release the file (the WAL is checkpointed when the last connection closes).

        The -wal SQLite then deletes is overwritten first (its blocks hold the latest text).
        """
        with driver.wiping_wal(self.path):
            self.engine.dispose()

    def reopen(self) -> None:
        """Connect afresh to the file at path (after it was replaced: a new key, or none)."""
        self.close()
        self.engine = make_engine(self.path)
        self.sessions = make_session_factory(self.engine)
        self.write_sessions = make_session_factory(self.engine, write=True)


def _claim_new_file(path: Path, *, make_folder: bool) -> None:
    if make_folder:
        try:
            with private_files():
                path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise JournalError(
                f"Cannot make the folder {path.parent}: {exc.strerror or exc}."
            ) from exc
    _require_writable(path)
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        raise JournalError(f"{path} appeared while the journal was being created.") from None
    except OSError as exc:
        raise JournalError(f"Cannot create {path}: {exc.strerror or exc}.") from exc


def open_journal(path: Path, *, create: bool = False, make_folder: bool = False) -> Journal:
    """Open the journal at path; create=True alone makes one (in a missing or empty file)."""
    path = resolve_journal(path).real  # the real file: its lock, -wal and backups by its name
    clean_leftovers(path)
    found = inspect_journal(path)
    if found.state in (JournalState.MISSING, JournalState.EMPTY) and not create:
        if found.state is JournalState.MISSING:
            raise JournalError(f"There is no journal at {path}.")
        raise JournalError(
            f"{path} is empty, not a ceocto journal; nothing was changed. "
            "Make a journal with 'ceocto init' or in the ceocto window."
        )
    if found.state is JournalState.MISSING:
        _claim_new_file(path, make_folder=make_folder)
    _require_writable(path)
    if found.state is not JournalState.CURRENT:
        # Creating or upgrading the schema under a window of another process would pull
        # the file from under it.
        ensure_not_in_use(path)
        remove_partial_leftovers(path)
    if found.state is JournalState.OLDER:
        make_backup(path, f"before-schema-{schema.head_revision()}")
    if found.state is not JournalState.CURRENT:
        migrate(path)
    engine = make_engine(path)
    try:
        secure_delete_search(engine)
    except BaseException:
        engine.dispose()
        raise
    return Journal(
        path=path,
        engine=engine,
        sessions=make_session_factory(engine),
        write_sessions=make_session_factory(engine, write=True),
    )


def secure_delete_search(engine: Engine) -> None:
    """Turn FTS5's secure-delete on in every search table that lacks it.

    A deleted note's words otherwise stay in the index pages until a merge rewrites them.
    The option is stored in the table itself, so this writes once per journal.
    """
    with engine.connect() as connection:
        tables = [
            str(row[0])
            for row in connection.exec_driver_sql(
                "SELECT name FROM sqlite_master WHERE type='table' "
                "AND sql LIKE 'CREATE VIRTUAL TABLE%USING fts5%'"
            )
        ]
        missing = [
            table
            for table in tables
            if connection.exec_driver_sql(
                f"SELECT v FROM \"{table}_config\" WHERE k = 'secure-delete'"
            ).scalar()
            != 1
        ]
        for table in missing:
            connection.exec_driver_sql(
                f'INSERT INTO "{table}"("{table}", rank) VALUES (\'secure-delete\', 1)'
            )
        connection.commit()


def _upgrade_error(path: Path, exc: BaseException) -> JournalError:
    original = getattr(exc, "orig", exc)
    if is_damage(exc):
        return JournalDamaged(damaged_message(path, exc))
    text = str(original)
    if "locked" in text or "busy" in text:
        return JournalError(
            f"Could not upgrade {path}: another program is using it ({text}). "
            "Close it and try again; the journal was not changed."
        )
    return JournalError(
        f"Could not upgrade {path}: {text}. The backup in "
        f"{path.parent / 'backups'} holds the journal as it was."
    )


def migrate(path: Path, target: str = "head") -> None:
    """Upgrade the file's schema with foreign keys off, then check every reference holds."""
    engine = make_engine(path, foreign_keys=False)
    try:
        with private_files(), engine.connect() as connection:
            schema.upgrade(connection, target)
            connection.commit()
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.rollback()
    except (driver.Error, DBAPIError) as exc:
        # SQLAlchemy wraps SQLite's errors in its own classes (DBAPIError and kin).
        raise _upgrade_error(path, exc) from exc
    finally:
        engine.dispose()
    if broken:
        raise JournalError(
            f"Upgrading {path} left {len(broken)} broken reference(s), "
            f"first in table {broken[0][0]}. The backup in "
            f"{path.parent / 'backups'} holds the journal as it was."
        )
