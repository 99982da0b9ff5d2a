"""`ceocto export json`, `ceocto import json`: everything out, into a new journal, same bytes."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.inout.journal_json import (
    DERIVED_COLUMNS,
    TABLES,
    ExportFileError,
    _columns,
    load_export,
)
from ceocto_desktop.services.records.goals import add_key_result, create_goal
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.services.weekly import drafts
from ceocto_desktop.services.weekly.checkins import submit_answers
from ceocto_desktop.store import open_journal
from tests.cli.conftest import ceocto

RATED = dict.fromkeys(("role_clarity", "cooperation", "communication", "trust", "alignment"), 4)
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A demo journal with a half-answered week, a private draft and a PIN."""
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    made = ceocto("demo", str(path), "--until", "2026-11-30")
    assert made.returncode == 0, made.stderr
    journal = open_journal(path)
    with journal.transaction() as session:
        submit_answers(session, date(2026, 12, 7), Seat.A, RATED, {"wins": "SECRET-WIN-ALONE"})
        drafts.save_draft(session, Seat.B, "note", {"body": "DRAFT-WORDS-PRIVATE"})
        from ceocto_desktop.services.pins import set_pin

        set_pin(session, Seat.A, "4711", by=Seat.A)
    journal.close()
    return path


def test_export_import_export_is_byte_identical(demo_journal, tmp_path):
    first, second, copy = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "copy.db"
    assert ceocto("export", "json", "-o", str(first), "--db", str(demo_journal)).returncode == 0
    made = ceocto("import", "json", str(first), "--db", str(copy))
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith(f"Created {copy} from {first}")
    assert ceocto("export", "json", "-o", str(second), "--db", str(copy)).returncode == 0
    assert first.read_bytes() == second.read_bytes()
    assert ceocto("check", "--db", str(copy)).stdout.strip() == "ok"
    # The new journal is searchable and holds every note and goal with its history.
    loaded = load_export(first)
    assert loaded.count("notes") > 100 and loaded.count("goal_updates") > 10
    assert loaded.count("obstacle_events") > 10 and loaded.count("note_tags") > 10
    assert ceocto("search", "board", "--db", str(copy)).returncode == 0


def test_drafts_unrevealed_answers_and_pins_never_leave(demo_journal, tmp_path):
    out = tmp_path / "a.json"
    assert ceocto("export", "json", "-o", str(out), "--db", str(demo_journal)).returncode == 0
    text = out.read_text(encoding="utf-8")
    assert "SECRET-WIN-ALONE" not in text
    assert "DRAFT-WORDS-PRIVATE" not in text
    assert "pin_hash" not in text and "pin_salt" not in text
    document = json.loads(text)
    assert "drafts" not in document["tables"]
    weeks = {row["id"]: row["week_start"] for row in document["tables"]["checkins"]}
    assert "2026-12-07" in weeks.values()  # the week is there, its lone answer is not
    per_week: dict[str, int] = {}
    for answer in document["tables"]["checkin_answers"]:
        per_week[answer["checkin_id"]] = per_week.get(answer["checkin_id"], 0) + 1
    assert set(per_week.values()) == {2}


def test_goals_progress_comes_back_from_the_key_results(journal, tmp_path):
    with journal.transaction() as session:
        goal = create_goal(session, Seat.A, "Win ten customers")
        add_key_result(session, goal.id, Seat.A, "Customers", 0, 10, current_value=4)
    out, copy = tmp_path / "a.json", tmp_path / "copy.db"
    assert ceocto("export", "json", "-o", str(out), "--db", str(journal.path)).returncode == 0
    assert "progress" not in json.loads(out.read_text())["tables"]["goals"][0]
    assert ceocto("import", "json", str(out), "--db", str(copy)).returncode == 0
    copied = open_journal(copy)
    with copied.sessions() as session:
        from ceocto_desktop.services.records.goals import get_goal

        assert get_goal(session, goal.id).progress == pytest.approx(0.4)
    copied.close()


def _written(tmp_path: Path, journal) -> Path:
    with journal.transaction() as session:
        create_note(session, Seat.A, "A note to carry", tags=["carry"])
    out = tmp_path / "a.json"
    assert ceocto("export", "json", "-o", str(out), "--db", str(journal.path)).returncode == 0
    return out


def _edit(path: Path, change) -> None:
    document = json.loads(path.read_text())
    change(document)
    path.write_text(json.dumps(document))


def _refused(tmp_path: Path, source: Path, expected: str) -> None:
    target = tmp_path / "new.db"
    result = ceocto("import", "json", str(source), "--db", str(target))
    assert result.returncode == 1, result.stdout
    assert re.search(expected, result.stderr), result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "Nothing was imported" in result.stderr
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".new.db")] == []


def test_a_truncated_file_is_refused_and_no_journal_is_made(journal, tmp_path):
    out = _written(tmp_path, journal)
    out.write_bytes(out.read_bytes()[:-200])
    _refused(tmp_path, out, r"is not valid JSON \(line \d+: .*\); it may be truncated")


def test_a_newer_format_is_refused(journal, tmp_path):
    out = _written(tmp_path, journal)
    _edit(out, lambda d: d.update(version=2))
    _refused(tmp_path, out, "is format version 2, newer than this ceocto reads")


def test_an_unknown_field_names_the_record(journal, tmp_path):
    out = _written(tmp_path, journal)
    note_id = json.loads(out.read_text())["tables"]["notes"][0]["id"]
    _edit(out, lambda d: d["tables"]["notes"][0].update(mood="great"))
    _refused(tmp_path, out, f"notes row 1 \\(id {note_id}\\) has fields .*\\(mood\\)")


def test_an_impossible_date_names_the_record(journal, tmp_path):
    out = _written(tmp_path, journal)
    _edit(out, lambda d: d["tables"]["notes"][0].update(created_at="2026-02-30T10:00:00Z"))
    _refused(tmp_path, out, r"notes row 1 \(id .*\): created_at has an impossible value")


def test_a_foreign_json_file_is_refused(tmp_path):
    foreign = tmp_path / "other.json"
    foreign.write_text('{"tags": {}, "entries": []}')
    _refused(tmp_path, foreign, "is not a ceocto JSON export")


def test_a_dangling_link_is_refused_with_nothing_made(journal, tmp_path):
    out = _written(tmp_path, journal)
    _edit(out, lambda d: d["tables"]["note_tags"][0].update(tag_id=999))
    _refused(tmp_path, out, r"note_tags row 1: tag_id points at no tags row \(999\)")


def test_an_existing_journal_is_never_the_target(journal, tmp_path):
    out = _written(tmp_path, journal)
    result = ceocto("import", "json", str(out), "--db", str(journal.path))
    assert result.returncode == 2
    assert "already exists; a JSON export is imported into a new journal" in result.stderr


def test_load_export_is_a_plain_reader(journal, tmp_path):
    out = _written(tmp_path, journal)
    loaded = load_export(out)
    assert loaded.version == 1 and loaded.count("notes") == 1
    assert loaded.tables["notes"][0]["author"] is Seat.A
    with pytest.raises(ExportFileError, match="There is no file"):
        load_export(tmp_path / "missing.json")


def test_format_md_documents_every_exported_field():
    from ceocto_desktop.models import Base
    from ceocto_desktop.services.inout.journal_json import LEFT_OUT_TABLES

    # A table added later is exported (and documented) or left out on purpose.
    assert set(Base.metadata.tables) == set(TABLES) | set(LEFT_OUT_TABLES)
    text = (ROOT / "docs" / "FORMAT.md").read_text(encoding="utf-8")
    common = {"id", "created_at", "updated_at", "author"}
    for table in TABLES:
        section = text.split(f"### {table}")[1].split("\n### ")[0]
        record = "(*record*)" in section.splitlines()[0]
        for column in _columns(table):
            if record and column in common:
                continue
            assert f"| `{column}` |" in section, (table, column)
    for table, columns in DERIVED_COLUMNS.items():
        for column in columns:
            assert f"`{table}.{column}`" in text


def test_imported_notes_keep_their_source_ids_through_a_json_copy(journal, tmp_path):
    jrnl = ROOT / "tests" / "fixtures" / "jrnl" / "export.json"
    assert ceocto("import", "jrnl", str(jrnl), "--db", str(journal.path)).returncode == 0
    out, copy, again = tmp_path / "a.json", tmp_path / "copy.db", tmp_path / "b.json"
    assert ceocto("export", "json", "-o", str(out), "--db", str(journal.path)).returncode == 0
    assert load_export(out).count("import_sources") == 6
    assert ceocto("import", "json", str(out), "--db", str(copy)).returncode == 0
    assert ceocto("export", "json", "-o", str(again), "--db", str(copy)).returncode == 0
    assert out.read_bytes() == again.read_bytes()
    result = ceocto("import", "jrnl", str(jrnl), "--db", str(copy))
    assert "Imported 0 entries" in result.stdout and "6 already imported before" in result.stdout
