"""Forget a lost laptop: three laptops, one of them gone for good, compaction goes on."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main
from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import notes
from ceocto_desktop.store import Journal, open_journal
from ceocto_desktop.sync import laptops, service, snapshots
from ceocto_desktop.sync.folder import SyncFolder

from .conftest import Pair


@pytest.fixture
def lost(pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Journal]:
    """A third laptop (Priya's second), synced once and then lost; snapshots every 3 files."""
    monkeypatch.setattr(snapshots, "SNAPSHOT_EVERY", 3)
    journal = open_journal(tmp_path / "c" / "journal.db", create=True, make_folder=True)
    service.join(journal, pair.folder, "B", pair.code)
    with journal.transaction() as session:
        notes.create_note(session, Seat.B, "written on the lost laptop")
    for _ in range(2):
        for each in (pair.a, pair.b, journal):
            service.sync_now(each)
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


def _write_and_sync(pair: Pair, *bodies: str) -> None:
    for body in bodies:
        with pair.a.transaction() as session:
            notes.create_note(session, Seat.A, body)
    pair.sync(rounds=3)


def test_a_lost_laptop_holds_compaction_until_it_is_forgotten(pair: Pair, lost: Journal) -> None:
    _write_and_sync(pair, "one", "two", "three", "four")
    held = _files(pair, pair.a)
    acked_by_lost = SyncFolder(pair.folder).acks()[_device(lost)][_device(pair.a)]
    assert held and min(held) == acked_by_lost + 1  # kept for the lost laptop

    laptops.forget(pair.b, _device(lost)[:8])  # forgotten on Priya's other laptop
    _write_and_sync(pair, "five", "six", "seven")

    kept = _files(pair, pair.a)
    assert min(kept, default=10**6) > max(held)  # Sam's laptop no longer waits for it
    assert _files(pair, lost)  # the lost laptop's own files stay in the folder
    seen = {laptop.device: laptop for laptop in laptops.laptops(pair.a)}
    assert seen[_device(lost)].forgotten and not seen[_device(pair.b)].forgotten


def test_a_new_laptop_still_gets_everything_after_a_forgotten_one_freed_compaction(
    pair: Pair, lost: Journal, tmp_path: Path
) -> None:
    _write_and_sync(pair, "one", "two", "three", "four")
    laptops.forget(pair.a, _device(lost))
    _write_and_sync(pair, "five", "six", "seven")
    late = open_journal(tmp_path / "d" / "journal.db", create=True, make_folder=True)
    try:
        service.join(late, pair.folder, "A", pair.code)
        assert pair.rows(late) == pair.rows(pair.a)
        bodies = {row[1] for row in pair.rows(late)["notes"]}
        assert {"written on the lost laptop", "one", "seven"} <= bodies
    finally:
        late.close()


def test_forgetting_names_one_other_laptop_or_changes_nothing(pair: Pair, lost: Journal) -> None:
    with pytest.raises(laptops.UnknownLaptop, match="too short"):
        laptops.forget(pair.a, "abc")
    with pytest.raises(laptops.UnknownLaptop, match="No laptop"):
        laptops.forget(pair.a, "ffffffffff")
    with pytest.raises(laptops.UnknownLaptop, match="this laptop"):
        laptops.forget(pair.a, _device(pair.a))
    assert not any(laptop.forgotten for laptop in laptops.laptops(pair.a))


def test_ceocto_sync_forget_asks_lists_and_forgets(
    pair: Pair,
    lost: Journal,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    db = str(pair.a.path)
    pair.a.close()
    gone = _device(lost)
    assert main(["sync", "--status", "--db", db]) == 0
    listed = capsys.readouterr().out
    assert f"Laptop {gone[:8]} (Priya Natarajan's)" in listed and "has acknowledged" in listed
    assert main(["sync", "--forget", gone[:8], "--db", db]) == 1  # no terminal to confirm
    assert "--yes" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda question: "n")
    assert main(["sync", "--forget", gone[:8], "--db", db]) == 0
    assert "Nothing was changed." in capsys.readouterr().out
    assert not SyncFolder(pair.folder).forgotten()
    assert main(["sync", "--forget", "zz", "--db", db]) == 2
    assert "too short" in capsys.readouterr().err
    assert main(["sync", "--forget", gone[:8], "--yes", "--db", db]) == 0
    assert f"Forgot laptop {gone[:8]}" in capsys.readouterr().out
    assert main(["sync", "--status", "--db", db]) == 0
    assert "forgotten: no laptop waits for it" in capsys.readouterr().out
    ack = SyncFolder(pair.folder).forgotten()
    assert ack[_device_of(Path(db))] == {gone}


def _device_of(path: Path) -> str:
    journal = open_journal(path)
    try:
        return _device(journal)
    finally:
        journal.close()
