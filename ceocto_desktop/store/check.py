"""`ceocto check`: is the journal healthy and current? Through the driver alone (no
SQLAlchemy), so the check costs what SQLite's own checks cost."""

from __future__ import annotations

import os
from pathlib import Path

from ceocto_desktop.store import driver, schema
from ceocto_desktop.store.inspect import JournalState, inspect_journal
from ceocto_desktop.store.sqlite_files import damaged_message, open_read_only


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
        integrity = [str(row[0]) for row in connection.execute("PRAGMA integrity_check")]
        if integrity != ["ok"]:
            problems.append(damaged_message(path, Exception(integrity[0])))
        else:
            broken = connection.execute("PRAGMA foreign_key_check").fetchall()
            if broken:
                problems.append(
                    f"{path} has {len(broken)} broken reference(s), first in {broken[0][0]}."
                )
            partners = connection.execute("SELECT count(*) FROM partners").fetchone()[0]
            if partners != 2:
                problems.append(f"{path} has {partners} partner(s); a journal has exactly two.")
    except driver.DatabaseError as exc:
        problems.append(damaged_message(path, exc))
    finally:
        connection.close()
    if not os.access(path.parent, os.W_OK):
        problems.append(
            f"The folder {path.parent} is read-only: ceocto can read {path} but not write to it."
        )
    elif not os.access(path, os.W_OK):
        problems.append(f"{path} is read-only: ceocto can read it but not write to it.")
    return problems
