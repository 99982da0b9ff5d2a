"""Only a ceocto journal is opened: foreign SQLite files, even with Alembic, are refused."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ceocto_desktop.store import JournalError, JournalState, inspect_journal, migrate, open_journal

FOREIGN = "an SQLite database of another program, not a ceocto journal"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def beside(path: Path) -> list[str]:
    return sorted(p.name for p in path.parent.iterdir())


def make_foreign_alembic_db(path: Path, revision: str, journal_mode: str) -> None:
    with sqlite3.connect(path) as db:
        db.execute(f"PRAGMA journal_mode={journal_mode}")
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
        db.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)")
        db.execute("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
        db.execute("INSERT INTO invoices (total) VALUES (129.5)")
    db.close()


@pytest.mark.parametrize("revision", ["0001", "0002"])
@pytest.mark.parametrize("journal_mode", ["DELETE", "WAL"])
def test_a_foreign_alembic_database_is_refused_byte_identical(tmp_path, revision, journal_mode):
    path = tmp_path / "invoices.db"
    make_foreign_alembic_db(path, revision, journal_mode)
    before, files = digest(path), beside(path)
    with pytest.raises(JournalError) as refused:
        open_journal(path)
    assert FOREIGN in str(refused.value) and str(path) in str(refused.value)
    assert digest(path) == before
    assert beside(path) == files == ["invoices.db"]  # no -wal, -shm, backups/ or lock


def test_a_foreign_database_with_some_of_our_table_names_is_still_refused(tmp_path):
    path = tmp_path / "crm.db"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES ('0002')")
        for table in ("partners", "goals", "notes", "settings"):
            db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY)")
    db.close()
    with pytest.raises(JournalError, match=FOREIGN):
        inspect_journal(path)


def test_a_first_release_journal_without_the_marks_is_still_ours(tmp_path):
    path = tmp_path / "old.db"
    path.touch()
    migrate(path, "0001")
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA application_id").fetchone() == (0,)
    db.close()
    assert inspect_journal(path).state is JournalState.OLDER


def test_a_current_revision_without_our_application_id_is_refused(journal_path):
    with sqlite3.connect(journal_path) as db:
        db.execute("PRAGMA application_id = 0")
    db.close()
    with pytest.raises(JournalError, match=FOREIGN):
        open_journal(journal_path)


def test_a_current_revision_with_another_format_mark_is_refused(journal_path):
    with sqlite3.connect(journal_path) as db:
        db.execute("UPDATE journal_meta SET value = 'someone-else' WHERE key = 'format'")
    db.close()
    with pytest.raises(JournalError, match=FOREIGN):
        open_journal(journal_path)


def test_another_programs_application_id_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA application_id = 1234")
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        db.execute("INSERT INTO alembic_version VALUES ('0003')")
    db.close()
    with pytest.raises(JournalError, match=FOREIGN):
        open_journal(path)


def test_a_zero_byte_file_is_made_a_journal_only_when_asked(tmp_path):
    path = tmp_path / "empty.db"
    path.touch()
    with pytest.raises(JournalError, match="is empty, not a ceocto journal"):
        open_journal(path)
    assert path.read_bytes() == b"" and beside(path) == ["empty.db"]
    journal = open_journal(path, create=True)
    journal.close()
    assert inspect_journal(path).state is JournalState.CURRENT


def test_a_new_journal_is_private_to_its_owner(tmp_path):
    path = tmp_path / "private" / "journal.db"
    journal = open_journal(path, create=True, make_folder=True)
    with journal.sessions() as session:
        session.connection().exec_driver_sql("SELECT count(*) FROM notes").fetchone()
        modes = {
            p.name: p.stat().st_mode & 0o777 for p in path.parent.iterdir() if p.name != "backups"
        }
    journal.close()
    assert path.parent.stat().st_mode & 0o777 == 0o700
    assert modes == {"journal.db": 0o600, "journal.db-wal": 0o600, "journal.db-shm": 0o600}
