"""`ceocto import jrnl|dayone FILE`: real jrnl files, Day One, time zones, re-imports, bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records.notes import list_notes
from ceocto_desktop.store import list_backups, open_journal

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
JRNL_JSON = FIXTURES / "jrnl" / "export.json"
JRNL_TEXT = FIXTURES / "jrnl" / "journal.txt"
DAYONE_ZIP = FIXTURES / "dayone" / "export.zip"
DAYONE_JSON = FIXTURES / "dayone" / "Journal.json"


def ceocto(*args: str, zone: str = "UTC") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TZ": zone}
    return subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", *args],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )


def notes_of(path: Path):
    journal = open_journal(path)
    with journal.sessions() as session:
        found = list_notes(session)
    journal.close()
    return sorted(found, key=lambda note: note.created_at)


@pytest.mark.parametrize("source", [JRNL_JSON, JRNL_TEXT], ids=["json", "text"])
def test_a_real_jrnl_file_becomes_notes(journal_path, source):
    result = ceocto("import", "jrnl", str(source), "--author", "priya", "--db", str(journal_path))
    assert result.returncode == 0, result.stderr
    assert "Imported 6 entries from jrnl" in result.stdout
    assert "5 Jan 2026 to 1 Mar 2026" in result.stdout and "Priya Natarajan" in result.stdout
    notes = notes_of(journal_path)
    assert len(notes) == 6 and {n.author for n in notes} == {Seat.B}
    first = notes[0]
    assert first.body == "Investor call went well.\nWe talked @runway and #hiring for an hour."
    assert first.created_at == datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
    assert set(first.tags) == {"runway", "hiring"}
    multi = notes[1]
    assert multi.body.endswith("\n\nSecond paragraph, with émigré café résumé.")
    starred = [n for n in notes if n.pinned]
    assert [n.body.split("\n")[0] for n in starred] == ["Best day 🎉🚀.", "Late night"]
    assert "sales" in starred[0].tags  # @Sales, lower case
    sql = notes[3]
    assert sql.body.startswith("DROP TABLE notes; -- said nobody.\nSELECT * FROM goals")
    assert "# Heading one\n## Heading two" in sql.body
    assert "" not in sql.tags and "#" not in "".join(sql.tags)  # "## Heading" is no tag
    assert "团队" in notes[4].tags and notes[4].body.startswith("中文标题。")
    found = ceocto("search", "東京", "--db", str(journal_path))
    assert found.returncode == 0 and "Best day" in found.stdout


def test_plus_tags_come_from_the_json_export_only(journal_path):
    ceocto("import", "jrnl", str(JRNL_JSON), "--db", str(journal_path))
    assert notes_of(journal_path)[1].tags == ("product",)


def test_jrnl_times_are_the_local_times_of_this_machine(journal_path):
    result = ceocto("import", "jrnl", str(JRNL_JSON), "--db", str(journal_path), zone="Asia/Tokyo")
    assert result.returncode == 0, result.stderr
    first = notes_of(journal_path)[0]
    # 09:30 in Tokyo is 00:30 UTC the same day: the day shown in Tokyo is the 5th.
    assert first.created_at == datetime(2026, 1, 5, 0, 30, tzinfo=UTC)


def test_reimporting_adds_nothing_twice_whichever_jrnl_file(journal_path):
    assert ceocto("import", "jrnl", str(JRNL_TEXT), "--db", str(journal_path)).returncode == 0
    again = ceocto("import", "jrnl", str(JRNL_JSON), "--db", str(journal_path))
    assert again.returncode == 0
    assert "Imported 0 entries" in again.stdout and "6 already imported before" in again.stdout
    assert len(notes_of(journal_path)) == 6


def test_an_import_makes_a_backup_first(journal_path):
    assert ceocto("import", "jrnl", str(JRNL_JSON), "--db", str(journal_path)).returncode == 0
    assert [b.reason for b in list_backups(journal_path)] == ["before-import"]


def test_day_one_entries_land_on_the_day_they_were_written(journal_path):
    result = ceocto(
        "import", "dayone", str(DAYONE_ZIP), "--db", str(journal_path), zone="Europe/Paris"
    )
    assert result.returncode == 0, result.stderr
    assert "Imported 3 entries from Day One (Day One zip" in result.stdout
    assert "photos and attachments left out: 3" in result.stdout
    notes = notes_of(journal_path)
    evening = notes[0]
    # 05:40 UTC on 4 March is 21:40 on 3 March in Los Angeles: shown on the 3rd, 21:40.
    paris = datetime(2026, 3, 3, 21, 40, 12, tzinfo=ZoneInfo("Europe/Paris"))
    assert evening.created_at == paris
    assert evening.body.startswith("Dinner with the Acme founders")
    assert "[photo]" in evening.body and "dayone-moment" not in evening.body
    assert evening.body.endswith("*1 photo left out of the import from Day One.*")
    assert set(evening.tags) == {"customers", "team-offsite"}
    tokyo = notes[1]
    assert tokyo.pinned and tokyo.body.count("[photo]") == 2
    assert tokyo.body.endswith("*2 photos left out of the import from Day One.*")
    assert notes[2].pinned  # isPinned


def test_day_one_evening_in_los_angeles_in_utc(journal_path):
    ceocto("import", "dayone", str(DAYONE_JSON), "--db", str(journal_path), zone="UTC")
    evening = notes_of(journal_path)[0]
    assert evening.created_at == datetime(2026, 3, 3, 21, 40, 12, tzinfo=UTC)


def test_day_one_reimport_from_the_bare_json_adds_nothing(journal_path):
    assert ceocto("import", "dayone", str(DAYONE_ZIP), "--db", str(journal_path)).returncode == 0
    again = ceocto("import", "dayone", str(DAYONE_JSON), "--db", str(journal_path))
    assert "Imported 0 entries" in again.stdout and "3 already imported" in again.stdout
    assert len(notes_of(journal_path)) == 3


def _refused(journal_path: Path, source: str, file: Path, *expected: str) -> None:
    before = journal_path.read_bytes()
    result = ceocto("import", source, str(file), "--db", str(journal_path))
    assert result.returncode == 1, result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr, result.stderr
    for words in expected:
        assert words in result.stderr, result.stderr
    assert result.stderr.rstrip().endswith("Nothing was imported.")
    assert notes_of(journal_path) == []
    assert list_backups(journal_path) == []
    assert journal_path.read_bytes() == before or notes_of(journal_path) == []


def test_a_truncated_jrnl_export_is_refused(journal_path, tmp_path):
    cut = tmp_path / "cut.json"
    cut.write_bytes(JRNL_JSON.read_bytes()[:700])
    _refused(journal_path, "jrnl", cut, "is not valid JSON", "it may be truncated")


def test_an_impossible_date_names_the_entry(journal_path, tmp_path):
    document = json.loads(JRNL_JSON.read_text())
    document["entries"][2]["date"] = "2026-02-30"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document, ensure_ascii=False))
    _refused(
        journal_path,
        "jrnl",
        bad,
        "entry 3 (2026-02-30 21:10, 'Best day 🎉🚀.'): '2026-02-30 21:10' is not a real date",
    )


def test_an_impossible_date_in_a_text_journal_names_the_entry(journal_path, tmp_path):
    bad = tmp_path / "journal.txt"
    bad.write_text(JRNL_TEXT.read_text().replace("[2026-02-14 12:00]", "[2026-13-14 12:00]"))
    _refused(journal_path, "jrnl", bad, "entry 5 (2026-13-14 12:00, '中文标题。')")


def test_a_foreign_file_is_refused(journal_path, tmp_path):
    foreign = tmp_path / "notes.txt"
    foreign.write_text("Dear diary,\nnot a jrnl file.\n")
    _refused(journal_path, "jrnl", foreign, "is not a jrnl journal file: line 1")
    _refused(journal_path, "jrnl", DAYONE_JSON, "is a Day One export; use 'ceocto import dayone'")
    _refused(journal_path, "dayone", JRNL_JSON, "is not a Day One export")
    binary = tmp_path / "journal.enc"
    binary.write_bytes(b"gAAAAAB\xff\xfe\x00\x01" * 20)
    _refused(journal_path, "jrnl", binary, "is not text (an encrypted jrnl journal?)")


def test_a_newer_day_one_format_is_refused(journal_path, tmp_path):
    document = json.loads(DAYONE_JSON.read_text())
    document["metadata"]["version"] = "2.0"
    newer = tmp_path / "Journal.json"
    newer.write_text(json.dumps(document))
    _refused(journal_path, "dayone", newer, "Day One export version 2.0, newer than")


def test_a_truncated_day_one_zip_is_refused(journal_path, tmp_path):
    cut = tmp_path / "cut.zip"
    cut.write_bytes(DAYONE_ZIP.read_bytes()[:600])
    _refused(journal_path, "dayone", cut, "is a damaged or truncated zip file")


def test_a_bad_day_one_entry_names_it_and_nothing_is_imported(journal_path, tmp_path):
    document = json.loads(DAYONE_JSON.read_text())
    document["entries"][1]["creationDate"] = "2026-02-31T10:00:00Z"
    bad = tmp_path / "export.zip"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("Journal.json", json.dumps(document, ensure_ascii=False))
    _refused(journal_path, "dayone", bad, "entry 2 (2026-02-31T10:00:00Z, '東京 offsite 🎌')")


def test_an_author_who_is_no_partner_changes_nothing(journal_path):
    result = ceocto("import", "jrnl", str(JRNL_JSON), "--author", "Bob", "--db", str(journal_path))
    assert result.returncode == 2
    assert "'Bob' is not a partner here" in result.stderr
    assert notes_of(journal_path) == []


def test_a_text_file_given_as_day_one_is_named_for_what_it_is(journal_path):
    _refused(journal_path, "dayone", JRNL_TEXT, "is not a Day One export (neither a zip nor JSON)")
