"""Backups: checked copies in backups/, rotated 7 daily, 8 weekly, 12 monthly."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.store import (
    BackupError,
    JournalDamaged,
    JournalError,
    backup_if_due,
    list_backups,
    make_backup,
    open_journal,
)
from ceocto_desktop.store.files.backups import backups_to_keep
from tests.cli.test_cli_journal_damage import damage_notes_page


def add_note(path: Path, body: str) -> None:
    journal = open_journal(path)
    with journal.transaction() as session:
        create_note(session, Seat.A, body)
    journal.close()


def bodies(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        found = {row[0] for row in db.execute("SELECT body FROM notes")}
    db.close()
    return found


def test_rotation_keeps_the_newest_of_7_days_8_weeks_and_12_months():
    start = datetime(2025, 1, 1, 18, 30)
    # Two backups a day (morning and evening) for 500 days.
    stamps = [start + timedelta(days=d, hours=h) for d in range(500) for h in (-8, 0)]
    kept = backups_to_keep(stamps)
    last = max(stamps)
    days = sorted({s.date() for s in kept if last - s < timedelta(days=7)})
    assert len(days) == 7 and all(max(s for s in stamps if s.date() == day) in kept for day in days)
    weeks = {s.isocalendar()[:2] for s in kept}
    assert len(weeks) >= 8
    assert last == datetime(2026, 5, 15, 18, 30)
    months = {(s.year, s.month) for s in kept}
    assert months == {(2025, m) for m in range(6, 13)} | {(2026, m) for m in range(1, 6)}
    # Each month is kept by its newest backup; nothing older than those 12 months stays.
    assert datetime(2025, 6, 30, 18, 30) in kept and datetime(2025, 6, 30, 10, 30) not in kept
    assert min(kept) == datetime(2025, 6, 30, 18, 30)
    assert len(kept) <= 7 + 8 + 12
    assert backups_to_keep([]) == set()


def test_rotation_counts_only_periods_that_have_backups():
    # Opened once a quarter: every one of these is the newest of its month, so all stay.
    stamps = [datetime(2024 + q // 4, 1 + 3 * (q % 4), 10) for q in range(8)]
    assert backups_to_keep(stamps) == set(stamps)


def test_a_backup_is_a_checked_private_copy_in_backups(journal_path):
    add_note(journal_path, "Runway is 14 months")
    made = make_backup(journal_path, "manual", datetime(2026, 11, 29, 9, 15, 0))
    folder = journal_path.parent / "backups"
    assert made.path == folder / "journal.20261129-091500.manual.db"
    assert folder.stat().st_mode & 0o777 == 0o700
    assert made.path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in folder.iterdir()) == [made.path.name]  # no -wal, no .partial
    assert "Runway is 14 months" in bodies(made.path)
    with sqlite3.connect(made.path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    db.close()
    (listed,) = list_backups(journal_path)
    assert (listed.path, listed.made_at, listed.size, listed.reason) == (
        made.path,
        datetime(2026, 11, 29, 9, 15, 0),
        made.path.stat().st_size,
        "manual",
    )


def test_a_backup_taken_while_the_window_writes_holds_what_was_committed(journal_path):
    journal = open_journal(journal_path)
    try:
        with journal.transaction() as session:
            create_note(session, Seat.B, "Committed before the backup")
        made = make_backup(journal_path, "daily")
        with journal.sessions() as session:
            assert session.execute(text("SELECT count(*) FROM notes")).scalar_one() == 1
    finally:
        journal.close()
    assert bodies(made.path) == {"Committed before the backup"}


def test_a_copy_that_fails_its_check_is_deleted_and_reported(journal_path):
    damage_notes_page(journal_path)
    with pytest.raises((BackupError, JournalDamaged)) as refused:
        make_backup(journal_path, "manual")
    assert "check" in str(refused.value) or "damaged" in str(refused.value)
    assert list((journal_path.parent / "backups").iterdir()) == []


def test_daily_backups_while_open_rotate(journal_path):
    first = datetime(2026, 1, 1, 12, 0)
    assert backup_if_due(journal_path, first) is not None
    assert backup_if_due(journal_path, first + timedelta(hours=3)) is None  # one a day
    for day in range(1, 45):
        backup_if_due(journal_path, first + timedelta(days=day))
    backups = list_backups(journal_path)
    assert backups[0].made_at == first + timedelta(days=44)
    assert len(backups) == len(backups_to_keep(b.made_at for b in backups))
    assert 7 <= len(backups) <= 7 + 8 + 12
    assert {b.reason for b in backups} == {"daily"}


def test_backups_before_an_upgrade_are_not_rotated_away(journal_path):
    kept = make_backup(journal_path, "before-schema-0004", datetime(2025, 1, 1))
    for day in range(10):
        make_backup(journal_path, "daily", datetime(2026, 1, 1) + timedelta(days=day))
    assert kept.path.exists()


def test_leftovers_of_a_killed_backup_are_removed(journal_path):
    old_style = journal_path.with_name("journal.before-schema-0003.20260101-000000.db.bak.partial")
    old_style.write_bytes(b"half a backup")
    folder = journal_path.parent / "backups"
    folder.mkdir()
    dead = folder / "journal.20260101-000000.daily.db.999999999.partial"
    dead.write_bytes(b"half a backup")
    make_backup(journal_path, "manual")
    assert not old_style.exists() and not dead.exists()


def test_a_missing_or_empty_file_is_not_backed_up(tmp_path):
    with pytest.raises(JournalError, match="no journal"):
        make_backup(tmp_path / "none.db", "manual")
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(JournalError, match="empty"):
        make_backup(empty, "manual")
    assert not (tmp_path / "backups").exists() or not list((tmp_path / "backups").iterdir())
