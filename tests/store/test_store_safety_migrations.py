"""Upgrading a journal: another program's lock gives a clear message; leftovers are cleared."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlcipher3
from alembic import command

from ceocto_desktop.store import JournalError, JournalState, inspect_journal, open_journal, schema
from ceocto_desktop.store import engine as engine_module
from ceocto_desktop.store.engine import make_engine


def downgrade(path: Path, revision: str) -> None:
    engine = make_engine(path, foreign_keys=False)
    with engine.connect() as connection:
        command.downgrade(schema.alembic_config(connection), revision)
        connection.commit()
    engine.dispose()


def test_a_journal_locked_by_another_program_during_an_upgrade_is_a_clear_error(
    journal_path, monkeypatch
):
    downgrade(journal_path, "0002")
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    # In-process, "another program" must use the same SQLite library: two libraries in
    # one process do not see each other's locks (the reason ceocto has one driver).
    other = sqlcipher3.connect(str(journal_path), isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
    try:
        with pytest.raises(JournalError) as refused:
            open_journal(journal_path)
    finally:
        other.execute("ROLLBACK")
        other.close()
    message = str(refused.value)
    assert "another program is using it" in message and "database is locked" in message
    assert inspect_journal(journal_path) == inspect_journal(journal_path)
    assert inspect_journal(journal_path).state is JournalState.OLDER
    journal = open_journal(journal_path)  # once the other program is done, it upgrades
    journal.close()
    assert inspect_journal(journal_path).state is JournalState.CURRENT


def test_an_upgrade_clears_what_a_killed_backup_left(journal_path):
    downgrade(journal_path, "0002")
    leftover = journal_path.with_name("journal.before-schema-0003.20261101-101010.db.bak.partial")
    leftover.write_bytes(b"SQLite format 3\x00" + b"\x00" * 100)
    journal = open_journal(journal_path)
    journal.close()
    assert not leftover.exists()
    (backup,) = (journal_path.parent / "backups").iterdir()
    assert backup.name.endswith(f".before-schema-{schema.head_revision()}.db")
    with sqlite3.connect(backup) as db:
        assert db.execute("SELECT version_num FROM alembic_version").fetchone() == ("0002",)
    db.close()
