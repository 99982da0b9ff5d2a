"""Restore: a checked backup replaces the journal whole; the replaced one is kept."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.partners import PartnerInput, create_partners
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.store import (
    BackupError,
    JournalError,
    check_journal,
    list_backups,
    make_backup,
    open_journal,
    restore_backup,
)
from ceocto_desktop.store.files import restore as restore_module
from tests.cli.test_cli_journal_damage import damage_notes_page
from tests.store.test_store_safety_backups import add_note, bodies


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_restore_puts_the_backup_back_and_keeps_the_journal_it_replaced(journal_path):
    add_note(journal_path, "Before the backup")
    backup = make_backup(journal_path, "manual").path
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        create_note(session, Seat.A, "After the backup")
    # As a killed window leaves it: the newer note only in the -wal beside the journal.
    wal = journal_path.with_name("journal.db-wal")
    crashed = {p: p.read_bytes() for p in (journal_path, wal)}
    journal.close()
    for path, data in crashed.items():
        path.write_bytes(data)
    done = restore_backup(backup, journal_path)
    assert bodies(journal_path) == {"Before the backup"}
    assert done.kept is not None and bodies(done.kept) == {"Before the backup", "After the backup"}
    assert {b.reason for b in list_backups(journal_path)} == {"manual", "before-restore"}
    leftovers = sorted(p.name for p in journal_path.parent.iterdir() if p.is_file())
    assert leftovers == ["journal.db"]  # no old -wal to be replayed into it, no temp file
    assert journal_path.stat().st_mode & 0o777 == 0o600
    assert check_journal(journal_path) == []


def test_a_backup_of_another_pairs_journal_is_refused_unless_forced(journal_path, tmp_path):
    other = tmp_path / "theirs" / "journal.db"
    other.parent.mkdir()
    theirs = open_journal(other, create=True)

    with theirs.transaction() as session:
        create_partners(session, PartnerInput("Ada", "CEO"), PartnerInput("Linus", "CTO"))
    theirs.close()
    before = digest(journal_path)
    with pytest.raises(BackupError, match="another pair's journal"):
        restore_backup(other, journal_path)
    assert digest(journal_path) == before
    assert not (journal_path.parent / "backups").exists()
    restore_backup(other, journal_path, force=True)
    with sqlite3.connect(journal_path) as db:
        assert {row[0] for row in db.execute("SELECT name FROM partners")} == {"Ada", "Linus"}
    db.close()


def test_a_damaged_backup_is_refused_and_nothing_changes(journal_path, tmp_path):
    bad = tmp_path / "bad.db"
    shutil.copyfile(journal_path, bad)
    damage_notes_page(bad)
    add_note(journal_path, "Ours")
    before = digest(journal_path)
    with pytest.raises(JournalError, match="damaged"):
        restore_backup(bad, journal_path)
    assert digest(journal_path) == before


def test_a_file_that_is_not_a_journal_is_refused_as_a_backup(journal_path, tmp_path):
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 not a journal")
    before = digest(journal_path)
    with pytest.raises(JournalError, match="not an SQLite database"):
        restore_backup(photo, journal_path)
    assert digest(journal_path) == before


def test_a_restore_that_fails_half_way_leaves_the_journal_whole(journal_path, monkeypatch):
    add_note(journal_path, "Kept")
    backup = make_backup(journal_path, "manual").path
    add_note(journal_path, "Also kept")
    before = digest(journal_path)

    def disk_full(source, destination):
        Path(destination).write_bytes(Path(source).read_bytes()[:5000])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(restore_module.shutil, "copyfile", disk_full)
    with pytest.raises(BackupError, match="No space left on device"):
        restore_backup(backup, journal_path)
    assert digest(journal_path) == before
    assert bodies(journal_path) == {"Kept", "Also kept"}
    assert not [p for p in journal_path.parent.iterdir() if "restoring" in p.name]


def test_a_damaged_journal_is_restored_and_its_bytes_kept(journal_path):
    add_note(journal_path, "From the good days")
    backup = make_backup(journal_path, "manual").path
    damage_notes_page(journal_path)
    damaged_bytes = journal_path.read_bytes()
    done = restore_backup(backup, journal_path)
    assert bodies(journal_path) == {"From the good days"}
    assert done.kept is not None and done.kept.read_bytes() == damaged_bytes
    assert check_journal(journal_path) == []
