"""Two laptops with a temporary folder as the only channel converge, and lose nothing."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.partners import set_setting
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import open_journal
from ceocto_desktop.store.travel.device import devices_path
from ceocto_desktop.sync import service
from ceocto_desktop.sync.folder import SyncFolder

from .conftest import Pair

WEEK = date(2026, 11, 30)


def test_joining_builds_the_same_journal_from_the_folder(pair: Pair) -> None:
    rows = pair.rows(pair.b)
    assert rows["partners"] == pair.rows(pair.a)["partners"]
    assert [seat for seat, *_ in rows["partners"]] == ["A", "B"]


def test_every_local_transaction_is_one_numbered_change_file(pair: Pair) -> None:
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, "First", tags=["board"])
        notes.create_note(session, Seat.A, "Second")
    with pair.a.sessions() as session:
        device, seq, payload = (
            session.connection()
            .exec_driver_sql(
                "SELECT device, seq, payload FROM sync_outbox ORDER BY seq DESC LIMIT 1"
            )
            .one()
        )
    tables = {entry["t"] for entry in json.loads(payload)}
    assert tables == {"notes", "tags", "note_tags"}
    service.sync_now(pair.a)
    assert SyncFolder(pair.folder).change_path(device, seq).is_file()


def test_edits_on_both_laptops_meet(pair: Pair) -> None:
    with pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Close the seed round")
    pair.sync()
    with pair.b.transaction() as session:
        notes.create_note(session, Seat.B, "Priya's note", tags=["tech"], goal_ids=[goal.id])
        goals.update_goal(session, goal.id, description="Ten investor meetings")
    with pair.a.transaction() as session:
        goals.update_goal(session, goal.id, title="Close the seed round by March")
        set_setting(session, "week_start_day", "6")
    pair.sync()
    assert pair.rows(pair.a) == pair.rows(pair.b)
    row = next(g for g in pair.rows(pair.b)["goals"] if g[0] == goal.id)
    assert row[1:3] == ("Close the seed round by March", "Ten investor meetings")
    assert pair.conflicts(pair.a) == pair.conflicts(pair.b) == []  # changed on one side only


def test_same_field_on_both_keeps_the_later_and_the_other_in_history(pair: Pair) -> None:
    with pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire")
    pair.sync()
    with pair.a.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire a VP Sales")
    with pair.b.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire two engineers")
    pair.sync()
    assert pair.rows(pair.a)["goals"] == pair.rows(pair.b)["goals"]
    assert pair.rows(pair.a)["goals"][0][1] == "Hire two engineers"  # B wrote later
    for journal in (pair.a, pair.b):
        lost = [c for c in pair.conflicts(journal) if c[:3] == ("goals", "title", "both")]
        assert lost and json.loads(lost[0][4]) == "Hire a VP Sales"


def test_the_same_long_text_merges_line_by_line(pair: Pair) -> None:
    text = "Agenda\nhiring plan\nbudget\nroadmap\nboard prep\n"
    with pair.a.transaction() as session:
        note = notes.create_note(session, Seat.A, text)
    pair.sync()
    with pair.a.transaction() as session:
        notes.update_note(
            session, note.id, body=text.replace("hiring plan", "hiring plan (3 roles)")
        )
    with pair.b.transaction() as session:
        notes.update_note(session, note.id, body=text.replace("board prep", "board prep by Friday"))
    pair.sync()
    body_a = pair.rows(pair.a)["notes"][0][1]
    assert body_a == pair.rows(pair.b)["notes"][0][1]
    assert "hiring plan (3 roles)" in body_a and "board prep by Friday" in body_a
    assert "<<<<<<<" not in body_a


def test_overlapping_text_edits_keep_both_marked_and_flag_the_record(pair: Pair) -> None:
    with pair.a.transaction() as session:
        note = notes.create_note(session, Seat.A, "Plan\nship in May\nend\n")
    pair.sync()
    with pair.a.transaction() as session:
        notes.update_note(session, note.id, body="Plan\nship in June\nend\n")
    with pair.b.transaction() as session:
        notes.update_note(session, note.id, body="Plan\nship in April\nend\n")
    pair.sync()
    body = pair.rows(pair.a)["notes"][0][1]
    assert body == pair.rows(pair.b)["notes"][0][1]
    assert "ship in June" in body and "ship in April" in body and "<<<<<<<" in body
    for journal in (pair.a, pair.b):
        assert any(c[:3] == ("notes", "body", "text") for c in pair.conflicts(journal))


def test_the_weeks_check_in_converges_on_one_record(pair: Pair) -> None:
    ratings = dict.fromkeys(
        ("role_clarity", "cooperation", "communication", "trust", "alignment"), 4
    )
    with pair.a.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.A, ratings, {"wins": "Sam's win"})
    with pair.b.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.B, ratings, {"wins": "Priya's win"})
    pair.sync(3)
    rows = pair.rows(pair.a)
    assert rows == pair.rows(pair.b)
    assert len(rows["checkins"]) == 1
    assert [r[1:3] for r in rows["answers"]] == [("A", "Sam's win"), ("B", "Priya's win")]


def test_a_tag_made_on_both_laptops_is_one_tag(pair: Pair) -> None:
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, "a", tags=["board"])
    with pair.b.transaction() as session:
        notes.create_note(session, Seat.B, "b", tags=["board"])
    pair.sync()
    assert pair.rows(pair.a)["tags"] == pair.rows(pair.b)["tags"] == [("board",)]
    assert pair.rows(pair.a)["note_tags"] == pair.rows(pair.b)["note_tags"]
    assert len(pair.rows(pair.a)["note_tags"]) == 2


def test_a_deletion_travels_and_an_edit_after_it_brings_the_record_back(pair: Pair) -> None:
    with pair.a.transaction() as session:
        gone = notes.create_note(session, Seat.A, "to delete")
        kept = notes.create_note(session, Seat.A, "deleted there, edited here later")
    pair.sync()
    with pair.a.transaction() as session:
        delete_record(session, Note, gone.id)
        delete_record(session, Note, kept.id)
    with pair.b.transaction() as session:
        notes.update_note(session, kept.id, body="edited after the deletion")
    pair.sync()
    bodies = [r[1] for r in pair.rows(pair.a)["notes"]]
    assert bodies == [r[1] for r in pair.rows(pair.b)["notes"]] == ["edited after the deletion"]
    assert any(c[2] == "resurrected" for c in pair.conflicts(pair.a))
    assert any(c[2] == "kept" for c in pair.conflicts(pair.b))


def test_syncing_again_applies_nothing_twice(pair: Pair) -> None:
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, "once")
    pair.sync()
    before = pair.rows(pair.b)
    report = service.sync_now(pair.b)
    assert report.received == 0 and report.applied.total == 0
    assert pair.rows(pair.b) == before


def test_a_journal_copied_as_a_file_takes_its_own_device_id(pair: Pair, tmp_path) -> None:
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, "before the copy")
    service.sync_now(pair.a)
    copy_path = tmp_path / "copy.db"
    pair.a.close()
    shutil.copyfile(pair.a.path, copy_path)
    pair.a.reopen()
    copy = open_journal(copy_path)
    try:
        with copy.transaction() as session:
            notes.create_note(session, Seat.A, "written in the copy")
        with pair.a.transaction() as session:
            notes.create_note(session, Seat.A, "written in the original")
        service.sync_now(copy)
        pair.sync()
        service.sync_now(copy)
        devices = json.loads(devices_path().read_text())
        ours = {
            device
            for key, device in devices.items()
            if key.endswith((str(copy_path.resolve()), str(pair.a.path.resolve())))
        }
        assert len(ours) == 2
        bodies = sorted(r[1] for r in pair.rows(pair.b)["notes"])
        assert bodies == ["before the copy", "written in the copy", "written in the original"]
        assert pair.rows(copy)["notes"] == pair.rows(pair.b)["notes"]
    finally:
        copy.close()


def test_the_quarters_retrospective_written_on_both_is_one_record(pair: Pair) -> None:
    from ceocto_desktop.services.review import board

    with pair.a.transaction() as session:
        board.save_retrospective(session, Seat.A, "2026-Q3", went_well="Shipped v2")
    with pair.b.transaction() as session:
        board.save_retrospective(session, Seat.B, "2026-Q3", went_well="Hired two")
    pair.sync()
    retros = pair.rows(pair.a)["retros"]
    assert retros == pair.rows(pair.b)["retros"]
    assert len(retros) == 1
    kept = retros[0][1]
    lost = {json.loads(c[4]) for c in pair.conflicts(pair.a) if c[1] == "went_well"}
    assert {kept} | lost == {"Shipped v2", "Hired two"}


def test_a_new_laptop_joining_finds_the_notes_in_search(pair: Pair, tmp_path) -> None:
    with pair.a.transaction() as session:
        notes.create_note(session, Seat.A, "Quarterly pricing review with Zürich customers")
    service.sync_now(pair.a)
    third = open_journal(tmp_path / "third" / "journal.db", create=True, make_folder=True)
    try:
        service.join(third, pair.folder, "B", pair.code)
        with third.sessions() as session:
            found = (
                session.connection()
                .exec_driver_sql(
                    "SELECT count(*) FROM search_notes WHERE search_notes MATCH 'pricing'"
                )
                .scalar()
            )
        assert found == 1
        assert pair.rows(third)["notes"] == pair.rows(pair.a)["notes"]
        with third.transaction() as session:
            notes.create_note(session, Seat.B, "Pricing page copy")
        with third.sessions() as session:
            found = (
                session.connection()
                .exec_driver_sql(
                    "SELECT count(*) FROM search_notes WHERE search_notes MATCH 'pricing'"
                )
                .scalar()
            )
        assert found == 2  # the search triggers are back after the join
    finally:
        third.close()


def test_an_import_on_one_laptop_is_known_on_the_other(pair: Pair) -> None:
    from pathlib import Path

    from ceocto_desktop.services.inout.import_entries import apply_import, read_import

    export = Path(__file__).parents[1] / "fixtures" / "jrnl" / "export.json"
    preview = read_import(export, "jrnl")
    with pair.a.transaction() as session:
        first = apply_import(session, preview, Seat.A)
    assert first.added > 0
    pair.sync()
    before = pair.rows(pair.b)["notes"]
    assert len(before) == first.added
    with pair.b.transaction() as session:
        again = apply_import(session, read_import(export, "jrnl"), Seat.A)
    assert (again.added, again.already_there) == (0, first.added)  # nothing twice
    pair.sync()
    assert pair.rows(pair.a)["notes"] == pair.rows(pair.b)["notes"] == before


def test_what_sync_kept_from_both_laptops_is_in_the_json_export_and_back(
    pair: Pair, tmp_path
) -> None:
    from ceocto_desktop.services.inout.journal_json import export_json, import_export, load_export

    with pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Hire")
    pair.sync()
    with pair.a.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire a VP Sales")
    with pair.b.transaction() as session:
        goals.update_goal(session, goal.id, title="Hire two engineers")
    pair.sync()
    with pair.a.sessions() as session:
        text = export_json(session)
    rows = json.loads(text)["tables"]["sync_conflicts"]
    assert [(r["tbl"], r["field"], json.loads(r["other"])) for r in rows] == [
        ("goals", "title", "Hire a VP Sales")
    ]
    assert json.loads(rows[0]["rkey"]) == [goal.id]
    exported = tmp_path / "a.json"
    exported.write_text(text, encoding="utf-8")
    copy = open_journal(tmp_path / "copy.db", create=True)
    try:
        with copy.transaction() as session:
            import_export(session, load_export(exported))
        with copy.sessions() as session:
            assert export_json(session) == text
    finally:
        copy.close()


def test_a_copy_made_before_sync_joins_and_sends_what_it_wrote_alone(
    template_journal: Path, tmp_path: Path
) -> None:
    from ceocto_desktop.store.travel.device import forget_cache

    forget_cache()
    first, copy = tmp_path / "a" / "journal.db", tmp_path / "b" / "journal.db"
    for path in (first, copy):
        path.parent.mkdir()
    shutil.copyfile(template_journal, first)
    journal = open_journal(first)
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "before the copy")
    journal.close()
    shutil.copyfile(first, copy)  # carried to Priya's laptop as a file, before any sync
    theirs = open_journal(copy)
    with theirs.transaction() as session:
        notes.create_note(session, Seat.B, "written in the copy before it joined")
    mine = open_journal(first)
    try:
        with mine.transaction() as session:
            notes.create_note(session, Seat.A, "written on the first laptop")
        folder = tmp_path / "Sync"
        folder.mkdir()
        code = service.setup(mine, folder, "A")
        service.join(theirs, folder, "B", code)
        pair = Pair(mine, theirs, folder, code)
        pair.sync()
        expected = [
            "before the copy",
            "written in the copy before it joined",
            "written on the first laptop",
        ]
        assert sorted(r[1] for r in pair.rows(mine)["notes"]) == expected
        assert pair.rows(mine) == pair.rows(theirs)
    finally:
        mine.close()
        theirs.close()
