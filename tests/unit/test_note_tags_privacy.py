"""A deleted note's tag leaves the journal file (and backups made after) with the note."""

from __future__ import annotations

from pathlib import Path

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.services.records.snapshots import (
    delete_record,
    replace_with_snapshot,
    restore_snapshot,
    take_snapshot,
)
from ceocto_desktop.store.files.backups import make_backup
from ceocto_desktop.store.journal import open_journal

SECRET_TAG = "layoffs-ardennes"


def file_text(path: Path) -> bytes:
    """Every byte of the journal and its sidecars, as a copy of the folder would hold."""
    return b"".join(p.read_bytes() for p in path.parent.glob(f"{path.name}*") if p.is_file())


def write_two_notes(journal_path: Path) -> str:
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        secret = notes.create_note(session, Seat.A, "Talk it over", tags=[SECRET_TAG, "board"])
        notes.create_note(session, Seat.B, "Board deck ready", tags=["board"])
    journal.close()
    return secret.id


def test_deleting_a_notes_last_tag_removes_the_tag_name_from_the_file(journal_path):
    note_id = write_two_notes(journal_path)
    assert SECRET_TAG.encode() in file_text(journal_path)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        delete_record(session, Note, note_id)
        assert [name for name, _ in notes.all_tags(session)] == ["board"]
    journal.close()  # checkpointed: the WAL folds into the file
    assert SECRET_TAG.encode() not in file_text(journal_path)
    backup = make_backup(journal_path, "manual")
    assert SECRET_TAG.encode() not in backup.path.read_bytes()
    assert b"board" in file_text(journal_path)  # a tag still carried stays


def test_the_windows_delete_and_its_undo_keep_and_give_back_the_tag(journal_path):
    note_id = write_two_notes(journal_path)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        snapshot = delete_record(session, Note, note_id)
    journal.close()
    assert SECRET_TAG.encode() not in file_text(journal_path)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        restore_snapshot(session, snapshot)
    with journal.transaction() as session:
        assert notes.get_note(session, note_id).tags == ("board", SECRET_TAG)
        # The undone delete can be redone, and undone again.
        snapshot = delete_record(session, Note, note_id)
        notes.create_note(session, Seat.B, "A new note, same tag", tags=[SECRET_TAG])
        restore_snapshot(session, snapshot)
        assert notes.get_note(session, note_id).tags == ("board", SECRET_TAG)
        assert dict(notes.all_tags(session))[SECRET_TAG] == 2
    journal.close()


def test_untagging_the_last_note_removes_the_tag_and_undo_brings_it_back(journal_path):
    note_id = write_two_notes(journal_path)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        before = take_snapshot(session, Note, note_id)
        notes.update_note(session, note_id, tags=["board"])
        after = take_snapshot(session, Note, note_id)
    journal.close()
    assert SECRET_TAG.encode() not in file_text(journal_path)
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        replace_with_snapshot(session, Note, note_id, before)
        assert notes.get_note(session, note_id).tags == ("board", SECRET_TAG)
        replace_with_snapshot(session, Note, note_id, after)
        assert notes.get_note(session, note_id).tags == ("board",)
    journal.close()
    assert SECRET_TAG.encode() not in file_text(journal_path)
