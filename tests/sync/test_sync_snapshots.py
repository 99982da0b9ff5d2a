"""Snapshots, acknowledgements and compaction, with three laptops and sync-service leftovers."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.store import Journal, open_journal
from ceocto_desktop.sync import service, snapshots
from ceocto_desktop.sync.folder import SyncFolder

from .conftest import Pair


@pytest.fixture
def third(pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    """A third laptop of the pair (a second one of Priya's), and snapshots every 3 files."""
    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 3)
    journal = open_journal(tmp_path / "c" / "journal.db", create=True, make_folder=True)
    service.join(journal, pair.folder, "B", pair.code)
    yield journal
    journal.close()


def _device(journal: Journal) -> str:
    with journal.sessions() as session:
        return str(
            session.connection()
            .exec_driver_sql("SELECT value FROM sync_state WHERE key = 'device'")
            .scalar()
        )


def _files(pair: Pair, journal: Journal) -> list[int]:
    return SyncFolder(pair.folder).scan().devices.get(_device(journal), [])


def _write_notes(journal: Journal, *bodies: str) -> None:
    for body in bodies:  # one transaction, one change file each
        with journal.transaction() as session:
            notes.create_note(session, Seat.A, body)


def _sync_all(*journals: Journal, rounds: int = 2) -> None:
    for _ in range(rounds):
        for journal in journals:
            service.sync_now(journal)


def test_files_every_laptop_has_are_compacted_and_leftovers_stay(
    pair: Pair, third: Journal
) -> None:
    _write_notes(pair.a, "one", "two", "three", "four")
    mine = pair.folder / "ceocto-sync" / "v1" / "changes" / _device(pair.a)
    leftovers = [
        mine / "000000000001 (conflicted copy 2026-12-01).chg",
        mine / ".syncthing.000000000002.chg.tmp",
        mine / "000000000003.sync-conflict-20261201-101010-ABCDEFG.chg",
    ]
    for path in leftovers:
        path.write_bytes(b"left by a sync service")
    _sync_all(pair.a, pair.b, third, rounds=3)
    channel = SyncFolder(pair.folder)
    written = [seq for device, seq, _ in channel.snapshots() if device == _device(pair.a)]
    assert written, "the first laptop wrote a snapshot"
    kept = _files(pair, pair.a)
    acks = channel.acks()
    lowest = min(seen.get(_device(pair.a), 0) for seen in acks.values())
    assert lowest >= 5  # the setup's files and four notes, acknowledged by all three
    assert all(seq > lowest for seq in kept)  # what every laptop has went
    assert all(path.exists() for path in leftovers)  # never read, never deleted
    text = b"".join(p.read_bytes() for p in (pair.folder / "ceocto-sync").rglob("*.snap"))
    assert b"three" not in text and b"Priya" not in text  # encrypted like change files


def test_a_laptop_that_has_not_acknowledged_keeps_every_file_it_lacks(
    pair: Pair, third: Journal
) -> None:
    _write_notes(pair.a, "one", "two", "three")
    _sync_all(pair.a, pair.b, third, rounds=3)
    acked_by_third = SyncFolder(pair.folder).acks()[_device(third)][_device(pair.a)]
    _write_notes(pair.a, "four", "five", "six", "seven")
    _sync_all(pair.a, pair.b, rounds=3)  # the third laptop stays away
    after = _files(pair, pair.a)
    assert after == list(range(acked_by_third + 1, acked_by_third + 5))  # all it lacks
    (pair.folder / "ceocto-sync" / "v1" / "acks" / f"{_device(third)}.json").unlink()
    _write_notes(pair.a, "eight")
    _sync_all(pair.a, pair.b)
    assert _files(pair, pair.a) == [*after, max(after) + 1]  # unacknowledged: nothing goes


def test_a_new_laptop_starts_from_the_snapshot_and_the_files_after_it(
    pair: Pair, third: Journal, tmp_path: Path
) -> None:
    _write_notes(pair.a, "one", "two", "gone soon", "three")
    with pair.a.transaction() as session:
        gone = next(n for n in notes.list_notes(session) if n.body == "gone soon")
        delete_record(session, Note, gone.id)
    with pair.b.transaction() as session:
        notes.create_note(session, Seat.B, "Priya's note")
    _sync_all(pair.a, pair.b, third, rounds=3)
    assert 1 not in _files(pair, pair.a)  # compacted: joining needs the snapshot
    _write_notes(pair.a, "after the snapshot")
    _sync_all(pair.a, pair.b)
    late = open_journal(tmp_path / "d" / "journal.db", create=True, make_folder=True)
    try:
        report = service.join(late, pair.folder, "B", pair.code)
        assert not report.waiting
        assert pair.rows(late) == pair.rows(pair.a)
        bodies = sorted(row[1] for row in pair.rows(late)["notes"])
        assert bodies == ["Priya's note", "after the snapshot", "one", "three", "two"]
        with late.transaction() as session:
            notes.create_note(session, Seat.B, "from the late laptop")
        _sync_all(late, pair.a)
        assert "from the late laptop" in [row[1] for row in pair.rows(pair.a)["notes"]]
    finally:
        late.close()


def test_a_save_while_the_snapshot_is_read_is_not_refused(
    pair: Pair, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from ceocto_desktop.store.probe import write_lock_free

    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 3)
    _write_notes(pair.a, "one", "two")
    with pair.a.transaction() as session:  # a tag: a record known by its name
        notes.create_note(session, Seat.A, "three", tags=["hiring"])
    reading = snapshots.snapshot_entries
    during: list[bool] = []

    def read_and_save(connection):  # type: ignore[no-untyped-def]
        found = reading(connection)
        if not during:  # the window saves while the snapshot is being read
            during.append(write_lock_free(pair.a.engine))
            if during[0]:
                _write_notes(pair.a, "saved during the snapshot")
        return found

    monkeypatch.setattr(snapshots, "snapshot_entries", read_and_save)
    with pair.a.transaction() as session:  # the cache of natural keys, as after a join
        session.connection().exec_driver_sql("DELETE FROM sync_rowkeys")
    service.sync_now(pair.a)
    assert during == [True]  # the journal was free to write
    channel = SyncFolder(pair.folder)
    mine = [header for device, _, header in channel.snapshots() if device == _device(pair.a)]
    assert mine, "the snapshot was written"
    last_covered = mine[-1]["covers"][_device(pair.a)]
    pair.sync()
    assert max(_files(pair, pair.a)) > last_covered  # the save went as a change file of its own
    late = open_journal(tmp_path / "d" / "journal.db", create=True, make_folder=True)
    try:
        service.join(late, pair.folder, "B", pair.code)
        for journal in (pair.b, late):
            bodies = [row[1] for row in pair.rows(journal)["notes"]]
            assert "saved during the snapshot" in bodies and "three" in bodies
    finally:
        late.close()
