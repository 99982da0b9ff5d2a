"""SQLite's quick_check of a journal before a shell command writes to it or reports from it,
through the driver alone (no SQLAlchemy): `ceocto note` refuses a damaged journal before a
byte changes, `ceocto export` one damaged where its report reads."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ceocto_desktop.store import driver
from ceocto_desktop.store.errors import JournalDamaged, JournalError
from ceocto_desktop.store.files.journal_path import resolve_journal
from ceocto_desktop.store.inspect import JournalState, inspect_journal
from ceocto_desktop.store.sqlite_files import damaged_message, is_damage, open_read_only

# What `ceocto note` writes: a check of these (and their indexes) costs a fraction of the
# whole file's on a large journal, and finds the damage a note would write into.
NOTE_TABLES = (
    "notes",
    "tags",
    "note_tags",
    "search_notes_data",
    "search_notes_idx",
    "search_notes_docsize",
    "search_notes_config",
)


def _quick_check(connection: Any, tables: tuple[str, ...] | None) -> list[str]:
    if tables is None:
        return [str(row[0]) for row in connection.execute("PRAGMA quick_check")]
    present = {str(row[0]) for row in connection.execute("SELECT name FROM sqlite_master")}
    verdict: list[str] = []
    for table in tables:
        if table in present:
            found = [str(r[0]) for r in connection.execute(f'PRAGMA quick_check("{table}")')]
            verdict.extend(line for line in found if line != "ok")
    return verdict or ["ok"]


def require_healthy(path: Path, tables: tuple[str, ...] | None = None) -> None:
    """JournalDamaged if SQLite's quick_check (of these tables, or all) finds damage.

    Changes nothing: the check reads through a connection that cannot write.
    """
    try:
        connection = open_read_only(path)
    except JournalError:
        return  # what cannot be opened at all, open_journal names better
    try:
        verdict = _quick_check(connection, tables)
    except driver.DatabaseError as exc:
        if is_damage(exc):
            raise JournalDamaged(damaged_message(path, exc)) from exc
        raise JournalError(f"Cannot read {path}: {exc}.") from exc
    finally:
        connection.close()
    if verdict != ["ok"]:
        raise JournalDamaged(damaged_message(path, Exception(verdict[0])))


class HealthCheck:
    """require_healthy of a journal on a thread of its own, started now: SQLite reads the
    file (without the interpreter lock) while the command imports what it needs; wait()
    says how it went before the journal is opened. Nothing is opened for writing meanwhile.
    """

    def __init__(self, path: Path, tables: tuple[str, ...] | None = None):
        self.path = resolve_journal(path).real
        self.tables = tables
        self.error: BaseException | None = None
        self._thread: threading.Thread | None = None
        if self.path.is_file() and self.path.stat().st_size > 0:
            self._thread = threading.Thread(target=self._run, name="quick_check", daemon=True)
            self._thread.start()

    def _run(self) -> None:
        try:
            require_healthy(self.path, self._tables())
        except BaseException as exc:  # raised in the command's own thread by wait()
            self.error = exc

    def _tables(self) -> tuple[str, ...] | None:
        """The tables asked for; all of them when opening will upgrade the journal (the
        upgrade writes well beyond what the command reads)."""
        if self.tables is None:
            return None
        try:
            state = inspect_journal(self.path).state
        except JournalError:
            return self.tables  # opening it will say what is wrong
        return self.tables if state is JournalState.CURRENT else None

    def wait(self) -> None:
        """Return once the check is done; JournalDamaged (or JournalError) if it failed."""
        if self._thread is not None:
            self._thread.join()
        if self.error is not None:
            raise self.error
