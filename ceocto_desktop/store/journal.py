"""Opening a journal file: checks that change nothing, a backup, then migrations."""

from __future__ import annotations

import enum
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from ceocto_desktop.store import schema
from ceocto_desktop.store.backup import backup_journal, backup_path_for
from ceocto_desktop.store.engine import (
    has_sqlite_header,
    make_engine,
    make_session_factory,
    open_read_only,
)
from ceocto_desktop.store.errors import JournalError


class JournalState(enum.Enum):
    MISSING = "missing"
    EMPTY = "empty"
    OLDER = "older"
    CURRENT = "current"


@dataclass(frozen=True)
class Inspection:
    state: JournalState
    revision: str | None


def inspect_journal(path: Path) -> Inspection:
    """Say what is at path without writing a byte; raise JournalError for what can't open."""
    if path.is_dir():
        raise JournalError(f"{path} is a folder, not a journal file.")
    if not path.exists():
        if path.parent.exists() and not path.parent.is_dir():
            raise JournalError(f"Cannot create a journal at {path}: {path.parent} is not a folder.")
        return Inspection(JournalState.MISSING, None)
    if not os.access(path, os.R_OK):
        raise JournalError(f"Cannot read {path}: permission denied.")
    if path.stat().st_size == 0:
        return Inspection(JournalState.EMPTY, None)
    if not has_sqlite_header(path):
        raise JournalError(f"{path} is not a ceocto journal (it is not an SQLite database).")
    revision = _read_revision(path)
    if revision is None:
        return Inspection(JournalState.EMPTY, None)
    if revision == schema.head_revision():
        return Inspection(JournalState.CURRENT, revision)
    if revision in schema.known_revisions():
        return Inspection(JournalState.OLDER, revision)
    raise JournalError(
        f"{path} was written by a newer version of ceocto (schema {revision}); "
        f"this version reads schemas up to {schema.head_revision()}. "
        "Update ceocto to open it; the file was not changed."
    )


def _read_revision(path: Path) -> str | None:
    try:
        connection = open_read_only(path)
    except sqlite3.Error as exc:
        raise JournalError(f"Cannot open {path}: {exc}.") from exc
    try:
        tables = {
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        }
        if "alembic_version" not in tables:
            if tables:
                raise JournalError(
                    f"{path} is an SQLite database but not a ceocto journal "
                    f"(it holds other tables: {', '.join(sorted(tables)[:3])})."
                )
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return None if row is None else str(row[0])
    except sqlite3.DatabaseError as exc:
        raise JournalError(f"{path} is damaged and cannot be read ({exc}).") from exc
    finally:
        connection.close()


def _require_writable(path: Path) -> None:
    folder = path.parent
    if not folder.exists():
        raise JournalError(
            f"Cannot create a journal at {path}: the folder {folder} does not exist."
        )
    if not os.access(folder, os.W_OK):
        raise JournalError(f"Cannot write to the folder {folder}: permission denied.")
    if path.exists() and not os.access(path, os.W_OK):
        raise JournalError(f"Cannot write to {path}: the file is read-only.")


@dataclass
class Journal:
    """An open journal: its file, its engine and a factory of sessions over it."""

    path: Path
    engine: Engine
    sessions: sessionmaker[Session]

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """A session whose work commits together, or not at all on an error."""
        with self.sessions.begin() as session:
            yield session

    def close(self) -> None:
        """Release the file (the WAL is checkpointed when the last connection closes)."""
        self.engine.dispose()


def open_journal(path: Path, *, create: bool = False, make_folder: bool = False) -> Journal:
    """Open the journal at path, creating it if asked and migrating it after a backup."""
    path = path.expanduser()
    found = inspect_journal(path)
    if found.state is JournalState.MISSING:
        if not create:
            raise JournalError(f"There is no journal at {path}.")
        if make_folder:
            path.parent.mkdir(parents=True, exist_ok=True)
    _require_writable(path)
    if found.state is JournalState.OLDER:
        backup_journal(path, backup_path_for(path, f"before-schema-{schema.head_revision()}"))
    if found.state is not JournalState.CURRENT:
        migrate(path)
    engine = make_engine(path)
    return Journal(path=path, engine=engine, sessions=make_session_factory(engine))


def migrate(path: Path, target: str = "head") -> None:
    """Upgrade the file's schema with foreign keys off, then check every reference holds."""
    engine = make_engine(path, foreign_keys=False)
    try:
        with engine.connect() as connection:
            schema.upgrade(connection, target)
            connection.commit()
            broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            connection.rollback()
    except sqlite3.Error as exc:
        raise JournalError(f"Could not upgrade {path}: {exc}.") from exc
    finally:
        engine.dispose()
    if broken:
        raise JournalError(
            f"Upgrading {path} left {len(broken)} broken reference(s), "
            f"first in table {broken[0][0]}. The backup next to it holds the journal as it was."
        )


def check_journal(path: Path) -> list[str]:
    """Problems that keep the journal from being healthy and current; empty when all is well."""
    found = inspect_journal(path)
    if found.state is JournalState.MISSING:
        return [f"There is no journal at {path}."]
    if found.state is JournalState.EMPTY:
        return [f"{path} is empty: no journal has been created in it yet."]
    problems: list[str] = []
    if found.state is JournalState.OLDER:
        problems.append(
            f"{path} has schema {found.revision}; this version writes {schema.head_revision()}. "
            "Opening it in ceocto upgrades it (after a backup)."
        )
    connection = open_read_only(path)
    try:
        integrity = [row[0] for row in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(f"{path} is damaged: {integrity[0]}")
        broken = connection.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            problems.append(
                f"{path} has {len(broken)} broken reference(s), first in {broken[0][0]}."
            )
        partners = connection.execute("SELECT count(*) FROM partners").fetchone()[0]
        if partners != 2:
            problems.append(f"{path} has {partners} partner(s); a journal has exactly two.")
    except sqlite3.DatabaseError as exc:
        problems.append(f"{path} is damaged and cannot be read ({exc}).")
    finally:
        connection.close()
    return problems
