"""Encryption at rest and deleted text: what the bytes on disk hold, and what opens them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.models.checkin import RATINGS
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.services.records.notes import list_notes
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import (
    JournalState,
    driver,
    inspect_journal,
    list_backups,
    make_backup,
    open_journal,
    restore_backup,
)
from ceocto_desktop.store.errors import JournalError
from ceocto_desktop.store.files.encryption import (
    change_passphrase,
    decrypt_journal,
    encrypt_journal,
    is_encrypted,
    plain_backups,
)

PASSPHRASE = "correct horse battery staple"
SECRET_NOTE = "We might sell Quokkaberry to the Lindqvist group in March"
SECRET_GOAL = "Hire Zephyrine as head of platform"
SECRET_ANSWER = "I feel Marmaduke undercuts me in investor calls"


@pytest.fixture(autouse=True)
def _forget() -> Iterator[None]:
    driver.forget_passphrases()
    yield
    driver.forget_passphrases()


def every_file(folder: Path) -> list[Path]:
    return [path for path in folder.rglob("*") if path.is_file()]


def files_holding(folder: Path, text: str) -> list[str]:
    """Like `grep -a -i -l text -r folder`: the files whose raw bytes hold text, any case.

    Any case, because the search index keeps its words folded to lower case.
    """
    needle = text.lower().encode()
    return sorted(
        str(p.relative_to(folder)) for p in every_file(folder) if needle in p.read_bytes().lower()
    )


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_secrets(path: Path) -> None:
    journal = open_journal(path)
    try:
        with journal.transaction() as session:
            notes.create_note(session, Seat.A, SECRET_NOTE, tags=["exit"])
            goals.create_goal(session, Seat.B, SECRET_GOAL)
            checkins.submit_answers(
                session,
                date(2026, 11, 23),
                Seat.A,
                dict.fromkeys(RATINGS, 3),
                texts={"worries": SECRET_ANSWER},
            )
    finally:
        journal.close()


def test_a_deleted_note_leaves_no_trace_in_the_journal_its_wal_or_later_backups(
    journal_path: Path,
):
    word = "Xylocarpflange"
    journal = open_journal(journal_path)
    try:
        with journal.transaction() as session:
            note = notes.create_note(session, Seat.A, f"The {word} deal is off the table")
        for day in range(10):  # later saves: the word's index segment is no longer the last
            with journal.transaction() as session:
                notes.create_note(session, Seat.B, f"Standup {day}: nothing to add")
        with journal.transaction() as session:
            delete_record(session, Note, note.id)
        make_backup(journal_path, "manual")
        with journal.engine.connect() as connection:
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        # While the window is still open: the journal, its -wal and -shm, the backup.
        assert files_holding(journal_path.parent, word) == []
    finally:
        journal.close()
    assert files_holding(journal_path.parent, word) == []


def test_an_encrypted_journal_holds_no_plaintext_anywhere_in_its_folder(journal_path: Path):
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    write_secrets(journal_path)
    journal = open_journal(journal_path)
    try:
        with journal.sessions() as session:  # the window open, its -wal and -shm present
            assert any(SECRET_NOTE in n.body for n in list_notes(session))
        make_backup(journal_path, "manual")
        names = {p.name for p in every_file(journal_path.parent)}
        assert f"{journal_path.name}-wal" in names
        for secret in (SECRET_NOTE, "Quokkaberry", SECRET_GOAL, "Zephyrine", "Marmaduke"):
            assert files_holding(journal_path.parent, secret) == []
        assert files_holding(journal_path.parent, "Sam Rivera") == []
    finally:
        journal.close()
    assert len(list_backups(journal_path)) == 2  # the one made on encrypting, and ours
    for secret in ("Quokkaberry", "Zephyrine", "Marmaduke", "Sam Rivera"):
        assert files_holding(journal_path.parent, secret) == []


def test_encrypting_keeps_every_row_and_the_plain_original_until_asked(journal_path: Path):
    write_secrets(journal_path)
    converted = encrypt_journal(journal_path, PASSPHRASE)
    assert is_encrypted(journal_path)
    assert not driver.has_sqlite_header(journal_path)
    assert plain_backups(journal_path) == [converted.kept]
    assert "Quokkaberry" in converted.kept.read_bytes().decode("latin-1")
    assert inspect_journal(journal_path).state is JournalState.CURRENT
    journal = open_journal(journal_path)
    try:
        with journal.sessions() as session:
            assert [n.body for n in list_notes(session)] == [SECRET_NOTE]
    finally:
        journal.close()


def test_a_new_process_needs_the_passphrase_and_a_wrong_one_changes_nothing(
    journal_path: Path,
):
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    driver.forget_passphrases()  # as a new process would start
    before = digest(journal_path)
    with pytest.raises(driver.PassphraseNeeded, match="encrypted ceocto journal"):
        open_journal(journal_path)
    driver.remember_passphrase(journal_path, "not the passphrase")
    with pytest.raises(driver.WrongPassphrase, match="does not open"):
        open_journal(journal_path)
    assert digest(journal_path) == before
    assert not driver.opens_with(journal_path, "not the passphrase")
    assert driver.opens_with(journal_path, PASSPHRASE)


def test_a_file_of_random_bytes_is_named_neither_damaged_nor_a_journal(tmp_path: Path):
    path = tmp_path / "noise.db"
    path.write_bytes(bytes(range(256)) * 64)
    with pytest.raises(driver.PassphraseNeeded, match="not an SQLite database, or it is an"):
        inspect_journal(path)
    driver.remember_passphrase(tmp_path / "other.db", PASSPHRASE)  # a key given elsewhere
    with pytest.raises(driver.PassphraseNeeded):
        inspect_journal(path)


def test_backups_of_an_encrypted_journal_are_encrypted_and_restore_whole(journal_path: Path):
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    write_secrets(journal_path)
    backup = make_backup(journal_path, "manual").path
    assert not driver.has_sqlite_header(backup)
    driver.forget_passphrases()
    assert driver.opens_with(backup, PASSPHRASE)
    driver.remember_passphrase(journal_path, PASSPHRASE)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        notes.create_note(session, Seat.B, "written after the backup")
    journal.close()
    restored = restore_backup(backup, journal_path)
    assert restored.kept is not None and not driver.has_sqlite_header(restored.kept)
    journal = open_journal(journal_path)
    try:
        with journal.sessions() as session:
            assert [n.body for n in list_notes(session)] == [SECRET_NOTE]
    finally:
        journal.close()


def test_decrypting_gives_back_a_plain_journal_with_every_row(journal_path: Path):
    write_secrets(journal_path)
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    with pytest.raises(driver.WrongPassphrase):
        decrypt_journal(journal_path, "guessing wrongly")
    assert is_encrypted(journal_path)
    converted = decrypt_journal(journal_path, PASSPHRASE)
    assert driver.has_sqlite_header(journal_path)
    assert not driver.has_sqlite_header(converted.kept)  # the old one, still encrypted
    driver.forget_passphrases()
    journal = open_journal(journal_path)
    try:
        with journal.sessions() as session:
            assert [n.body for n in list_notes(session)] == [SECRET_NOTE]
    finally:
        journal.close()


def test_a_changed_passphrase_opens_the_journal_and_the_old_one_no_longer_does(
    journal_path: Path,
):
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    with pytest.raises(JournalError, match="at least 8"):
        change_passphrase(journal_path, PASSPHRASE, "short")
    change_passphrase(journal_path, PASSPHRASE, "a brand new secret phrase")
    assert not driver.opens_with(journal_path, PASSPHRASE)
    assert driver.opens_with(journal_path, "a brand new secret phrase")


def test_removing_the_plain_backups_overwrites_them_before_deleting(journal_path: Path):
    write_secrets(journal_path)
    make_backup(journal_path, "manual")
    converted = encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    assert set(converted.removed) >= {converted.kept}
    assert plain_backups(journal_path) == []
    assert files_holding(journal_path.parent, "Quokkaberry") == []
    assert len(list_backups(journal_path)) == 1  # the encrypted one made on encrypting


def test_encrypting_twice_or_with_a_short_passphrase_is_refused(journal_path: Path):
    before = digest(journal_path)
    with pytest.raises(JournalError, match="at least 8"):
        encrypt_journal(journal_path, "1234")
    assert digest(journal_path) == before
    encrypt_journal(journal_path, PASSPHRASE)
    with pytest.raises(JournalError, match="already encrypted"):
        encrypt_journal(journal_path, PASSPHRASE)
