"""The folder channel: what sync services leave behind, half-copied files, gaps, plaintext."""

from __future__ import annotations

import json
import struct
from datetime import date
from pathlib import Path

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store.files.backups import make_backup
from ceocto_desktop.sync import service
from ceocto_desktop.sync import status as sync_status
from ceocto_desktop.sync.folder import MAGIC, SyncFolder

from .conftest import Pair

WEEK = date(2026, 11, 30)
RATINGS = dict.fromkeys(("role_clarity", "cooperation", "communication", "trust", "alignment"), 3)


def _device(pair: Pair, journal) -> str:
    with journal.sessions() as session:
        return str(
            session.connection()
            .exec_driver_sql("SELECT value FROM sync_state WHERE key = 'device'")
            .scalar()
        )


def _note(pair: Pair, body: str) -> Path:
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, body)
    service.sync_now(pair.a)
    folder = SyncFolder(pair.folder)
    device = _device(pair, pair.a)
    numbers = folder.scan().devices[device]
    return folder.change_path(device, numbers[-1])


def _bodies(journal) -> list[str]:
    with journal.sessions() as session:
        return sorted(
            str(r[0]) for r in session.connection().exec_driver_sql("SELECT body FROM notes")
        )


def test_leftovers_of_sync_services_are_left_alone_and_never_applied(pair: Pair) -> None:
    path = _note(pair, "the real one")
    names = [
        f"{path.stem} (conflicted copy 2026-12-01).chg",
        f"{path.stem}.sync-conflict-20261201-101010-ABCDEFG.chg",
        f".syncthing.{path.name}.tmp",
        f"~syncthing~{path.name}.tmp",
        f"{path.stem} (1).chg",
    ]
    for name in names:
        (path.parent / name).write_bytes(path.read_bytes())
    report = service.sync_now(pair.b)
    assert _bodies(pair.b) == ["the real one"]
    assert len(report.leftovers) == len(names)
    service.sync_now(pair.b)
    assert _bodies(pair.b) == ["the real one"]
    assert all((path.parent / name).exists() for name in names)


def test_a_half_copied_file_is_retried_on_the_next_pass(pair: Pair) -> None:
    path = _note(pair, "arrives in two halves")
    whole = path.read_bytes()
    path.write_bytes(whole[: len(whole) // 2])
    report = service.sync_now(pair.b)
    assert _bodies(pair.b) == [] and report.waiting
    path.write_bytes(whole)
    service.sync_now(pair.b)
    assert _bodies(pair.b) == ["arrives in two halves"]


def test_a_gap_waits_for_the_missing_file(pair: Pair) -> None:
    first = _note(pair, "one")
    _note(pair, "two")
    held = first.with_name("held-back")
    first.rename(held)
    report = service.sync_now(pair.b)
    assert _bodies(pair.b) == []
    assert any("waiting for change" in line for line in report.waiting)
    held.rename(first)
    service.sync_now(pair.b)
    assert _bodies(pair.b) == ["one", "two"]


def test_a_file_of_a_newer_format_waits(pair: Pair) -> None:
    path = _note(pair, "from the future")
    data = path.read_bytes()
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    head = json.loads(data[len(MAGIC) + 4 : len(MAGIC) + 4 + length])
    head["format"] = 2
    new_head = json.dumps(head, sort_keys=True).encode()
    body = data[len(MAGIC) + 4 + length :]
    path.write_bytes(MAGIC + struct.pack(">I", len(new_head)) + new_head + body)
    report = service.sync_now(pair.b)
    assert _bodies(pair.b) == []
    assert any("newer ceocto" in line for line in report.waiting)


def test_the_sync_folder_never_holds_plaintext(pair: Pair) -> None:
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, "Zanzibar acquisition memo", tags=["quokka"])
        goals.create_goal(session, Seat.A, "Marmalade launch")
    with pair.b.transaction() as session:
        notes.create_note(session, Seat.B, "Priya thinks Xylophone")
    pair.sync()
    blob = b"".join(p.read_bytes() for p in pair.folder.rglob("*") if p.is_file())
    for word in (b"Zanzibar", b"quokka", b"Marmalade", b"Xylophone", b"Natarajan", b"Rivera"):
        assert word not in blob
    assert "Zanzibar acquisition memo" in _bodies(pair.b)


def _grep(paths: list[Path], text: bytes) -> list[Path]:
    return [p for p in paths if p.is_file() and text in p.read_bytes()]


def test_the_blind_rule_holds_across_two_laptops(pair: Pair) -> None:
    secret = "Sam worries about the runway"
    with pair.a.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.A, RATINGS, {"worries": secret})
    pair.sync(3)
    make_backup(pair.b.path, "blind-test")
    files = [*pair.b.path.parent.rglob("*"), *pair.folder.rglob("*")]
    assert _grep(files, secret.encode()) == []
    with pair.b.sessions() as session:
        seen = checkins.week_as_seen_by(session, WEEK, Seat.B)
        assert Seat.A not in seen.answers
    with pair.b.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.B, RATINGS, {"worries": "Priya: hiring"})
    pair.sync(3)
    for journal in (pair.a, pair.b):
        with journal.sessions() as session:
            week = checkins.week_as_seen_by(session, WEEK, Seat.B)
            assert week.complete
            assert week.answers[Seat.A].worries == secret
            assert week.answers[Seat.B].worries == "Priya: hiring"


def test_amendments_after_the_reveal_travel_openly(pair: Pair) -> None:
    with pair.a.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.A, RATINGS, {"wins": "first"})
    with pair.b.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.B, RATINGS, {"wins": "second"})
    pair.sync(3)
    with pair.a.transaction() as session:
        checkins.revise_answers(session, WEEK, Seat.A, RATINGS, {"wins": "first, amended"})
    pair.sync(2)
    with pair.b.sessions() as session:
        week = checkins.week_as_seen_by(session, WEEK, Seat.B)
        assert week.answers[Seat.A].wins == "first, amended"
        amended = (
            session.connection().exec_driver_sql("SELECT count(*) FROM checkin_amendments").scalar()
        )
        assert amended == 1


def test_drafts_never_travel(pair: Pair) -> None:
    from ceocto_desktop.services.weekly import drafts

    with pair.a.transaction() as session:
        drafts.save_draft(session, Seat.A, "checkin:2026-11-30", {"wins": "Half a thought"})
    pair.sync()
    with pair.b.sessions() as session:
        count = session.connection().exec_driver_sql("SELECT count(*) FROM drafts").scalar()
    assert count == 0
    assert _grep(list(pair.folder.rglob("*")), b"Half a thought") == []


def test_answers_submitted_before_setup_travel_sealed(template_journal, tmp_path) -> None:
    import shutil

    from ceocto_desktop.store import open_journal
    from ceocto_desktop.store.travel.device import forget_cache

    forget_cache()
    path = tmp_path / "a" / "journal.db"
    path.parent.mkdir()
    shutil.copyfile(template_journal, path)
    a = open_journal(path)
    with a.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.A, RATINGS, {"needs": "Sam needs a CFO"})
    folder = tmp_path / "Sync"
    folder.mkdir()
    code = service.setup(a, folder, "A")
    b = open_journal(tmp_path / "b" / "journal.db", create=True, make_folder=True)
    try:
        service.join(b, folder, "B", code)
        files = [*b.path.parent.rglob("*"), *folder.rglob("*")]
        assert _grep(files, b"Sam needs a CFO") == []
        with b.transaction() as session:
            checkins.submit_answers(session, WEEK, Seat.B, RATINGS, {"needs": "Priya: time"})
        for _ in range(2):
            service.sync_now(b)
            service.sync_now(a)
        service.sync_now(b)
        with b.sessions() as session:
            week = checkins.week_as_seen_by(session, WEEK, Seat.B)
        assert week.answers[Seat.A].needs == "Sam needs a CFO"
    finally:
        a.close()
        b.close()


def _require_version(pair: Pair, version: str) -> None:
    channel = SyncFolder(pair.folder)
    description = channel.read_journal_json()
    assert description is not None
    channel.write_journal_json({**description, "min_app_version": version})


def test_an_older_app_only_reads_a_folder_that_needs_a_newer_one(pair: Pair) -> None:
    with pair.b.transaction() as session:
        notes.create_note(session, Seat.B, "Priya wrote this before the update")
    service.sync_now(pair.b)
    _require_version(pair, "99.0.0")
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, "Sam wrote this on the old app")
    before = sorted(p.name for p in pair.folder.rglob("*.chg"))
    report = service.sync_now(pair.a)
    assert "needs ceocto 99.0.0 or newer" in report.read_only
    assert report.sent == 0
    assert sorted(p.name for p in pair.folder.rglob("*.chg")) == before  # wrote nothing
    bodies = [r[1] for r in pair.rows(pair.a)["notes"]]
    assert "Priya wrote this before the update" in bodies  # still read what it could
    lines = sync_status.status(pair.a)
    assert lines[0].startswith("Receiving only: the sync folder needs ceocto 99.0.0 or newer")
    assert "nothing was lost" in lines[0]
    _require_version(pair, "0.1.0")
    pair.sync()
    assert "Sam wrote this on the old app" in [r[1] for r in pair.rows(pair.b)["notes"]]


def test_joining_a_folder_that_needs_a_newer_app_changes_nothing(pair: Pair, tmp_path) -> None:
    _require_version(pair, "99.0.0")
    path = tmp_path / "c" / "journal.db"
    with pytest.raises(service.SyncError, match=r"needs ceocto 99\.0\.0 or newer"):
        service.join_journal(path, pair.folder, "B", pair.code, make_folder=True)
    assert not path.exists()
