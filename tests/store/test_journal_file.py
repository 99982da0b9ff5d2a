"""The journal file: pragmas in force, refusals that change nothing, backups, damage."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from ceocto_desktop.store import (
    JournalError,
    JournalState,
    backup_journal,
    check_journal,
    inspect_journal,
    open_journal,
    schema,
)
from ceocto_desktop.store import journal as journal_module


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_connection_has_wal_full_sync_foreign_keys_and_busy_timeout(journal):
    with journal.engine.connect() as connection:
        assert connection.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert connection.execute(text("PRAGMA synchronous")).scalar() == 2  # FULL
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert connection.execute(text("PRAGMA busy_timeout")).scalar() == 5000


def test_foreign_keys_are_enforced(journal):
    with pytest.raises(Exception, match="FOREIGN KEY"), journal.transaction() as session:
        session.execute(
            text(
                "INSERT INTO key_results (id, goal_id, title, start_value, target_value,"
                " current_value, unit, position, created_at, updated_at, author)"
                " VALUES ('k', 'no-such-goal', 't', 0, 1, 0, '', 0,"
                " '2026-01-01', '2026-01-01', 'A')"
            )
        )


def test_a_write_that_fails_half_way_leaves_nothing(journal):
    with pytest.raises(RuntimeError), journal.transaction() as session:
        session.execute(text("INSERT INTO settings (key, value) VALUES ('x', '1')"))
        raise RuntimeError("crash in the middle of a use case")
    with journal.sessions() as session:
        assert session.execute(text("SELECT count(*) FROM settings")).scalar() == 0


def test_missing_and_new_files_are_reported_not_created(tmp_path):
    path = tmp_path / "none.db"
    assert inspect_journal(path).state is JournalState.MISSING
    with pytest.raises(JournalError, match="no journal"):
        open_journal(path)
    assert not path.exists()


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(JournalError, match="is a folder"):
        open_journal(tmp_path)


def test_a_file_that_is_not_sqlite_is_refused_and_left_byte_identical(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Dear diary, today we hired a VP Engineering.\n")
    before = digest(path)
    with pytest.raises(JournalError, match="not an SQLite database"):
        open_journal(path)
    assert digest(path) == before


def test_another_programs_sqlite_database_is_refused(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE photos (id INTEGER PRIMARY KEY)")
    connection.close()
    before = digest(path)
    with pytest.raises(JournalError, match="not a ceocto journal"):
        open_journal(path)
    assert digest(path) == before


def test_a_newer_schema_is_refused_with_a_clear_message_and_not_touched(journal_path):
    with sqlite3.connect(journal_path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
        connection.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    connection.close()
    before = digest(journal_path)
    with pytest.raises(JournalError) as refused:
        open_journal(journal_path)
    assert "newer version of ceocto" in str(refused.value)
    assert "9999_from_the_future" in str(refused.value)
    assert digest(journal_path) == before
    assert not (journal_path.parent / "backups").exists()


def test_a_damaged_journal_is_reported(journal_path):
    with sqlite3.connect(journal_path) as connection:
        connection.execute("PRAGMA journal_mode=DELETE")
    connection.close()
    data = bytearray(journal_path.read_bytes())
    page = 4096
    for offset in range(2 * page, min(len(data), 6 * page)):
        data[offset] = 0xA5
    journal_path.write_bytes(bytes(data))
    try:
        problems = check_journal(journal_path)
    except JournalError as exc:
        problems = [str(exc)]
    assert problems
    assert any("damaged" in problem for problem in problems)


def test_check_passes_on_a_healthy_journal(journal_path):
    assert check_journal(journal_path) == []


def test_backup_holds_everything_even_while_the_journal_is_open(journal, tmp_path):
    with journal.transaction() as session:
        session.execute(text("INSERT INTO settings (key, value) VALUES ('k', 'v')"))
    copy = backup_journal(journal.path, tmp_path / "copy.db")
    with sqlite3.connect(copy) as connection:
        assert connection.execute("SELECT value FROM settings WHERE key='k'").fetchone() == ("v",)
        assert connection.execute("SELECT count(*) FROM partners").fetchone() == (2,)
    connection.close()
    assert not (tmp_path / "copy.db.partial").exists()


def test_an_older_journal_is_backed_up_before_it_is_migrated(journal_path, monkeypatch):
    current = schema.head_revision()
    monkeypatch.setattr(schema, "head_revision", lambda: "future_head")
    monkeypatch.setattr(schema, "known_revisions", lambda: {current, "future_head"})
    seen: list[list[Path]] = []

    def fake_migrate(path: Path, target: str = "head") -> None:
        seen.append(sorted((path.parent / "backups").iterdir()))

    monkeypatch.setattr(journal_module, "migrate", fake_migrate)
    opened = open_journal(journal_path)
    opened.close()
    assert len(seen) == 1 and len(seen[0]) == 1
    backup = seen[0][0]
    assert "before-schema-future_head" in backup.name
    with sqlite3.connect(backup) as connection:
        names = [row[0] for row in connection.execute("SELECT name FROM partners ORDER BY seat")]
    connection.close()
    assert names == ["Sam Rivera", "Priya Natarajan"]


def test_migrations_run_with_foreign_keys_off(tmp_path):
    from ceocto_desktop.store.engine import make_engine

    engine = make_engine(tmp_path / "m.db", foreign_keys=False)
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar() == 0
    engine.dispose()
