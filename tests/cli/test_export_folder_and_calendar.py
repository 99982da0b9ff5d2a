"""`ceocto export md` and `ceocto export ics`: links resolve, front matter parses, no secrets."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import icalendar
import pytest
import yaml

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records.decisions import create_decision
from ceocto_desktop.services.records.goals import create_goal
from ceocto_desktop.services.records.notes import create_note
from ceocto_desktop.services.records.obstacles import create_obstacle
from ceocto_desktop.services.review.board import create_meeting
from ceocto_desktop.services.weekly import drafts
from ceocto_desktop.services.weekly.checkins import submit_answers
from ceocto_desktop.store import open_journal
from tests.cli.conftest import ceocto

RATED = dict.fromkeys(("role_clarity", "cooperation", "communication", "trust", "alignment"), 4)
LINK = re.compile(r"\]\(([^)]+\.md)\)")


@pytest.fixture
def filled(journal_path: Path) -> Path:
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        goal = create_goal(session, Seat.A, "Win: ten customers", target_date=date(2026, 9, 30))
        obstacle = create_obstacle(
            session, Seat.B, "Hiring is slow", category="hiring", goal_ids=(goal.id,)
        )
        decision = create_decision(
            session,
            Seat.A,
            "Hire a recruiter",
            decided_on=date(2026, 7, 2),
            review_on=date(2026, 10, 1),
            goal_ids=(goal.id,),
        )
        note = create_note(session, Seat.B, "Recruiter call\nWent well.", tags=["hiring"])
        from ceocto_desktop.services.records.notes import link_note

        link_note(session, note.id, "goals", goal.id)
        link_note(session, note.id, "obstacles", obstacle.id)
        link_note(session, note.id, "decisions", decision.id)
        create_note(session, Seat.A, "Recruiter call\nSame title, other day.")
        submit_answers(session, date(2026, 7, 6), Seat.A, RATED, {"wins": "BOTH-WIN-A"})
        submit_answers(session, date(2026, 7, 6), Seat.B, RATED, {"wins": "BOTH-WIN-B"})
        submit_answers(session, date(2026, 7, 13), Seat.A, RATED, {"wins": "ALONE-SECRET"})
        drafts.save_draft(session, Seat.B, "checkin", {"wins": "DRAFT-SECRET"})
        create_meeting(session, Seat.A, date(2026, 9, 15), "Q3 board meeting")
        from ceocto_desktop.services.weekly import commitments

        commitments.create_commitment(
            session, Seat.B, "Send the security answers", date(2026, 9, 20), author=Seat.B
        )
        kept = commitments.create_commitment(
            session, Seat.A, "Join the Łódź call", date(2026, 9, 22), author=Seat.A
        )
        commitments.complete_commitment(session, kept.id, on=date(2026, 9, 21))
    journal.close()
    return journal_path


def _front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    return yaml.safe_load(text.split("---\n")[1])


def test_the_folder_has_a_file_per_record_with_links_that_resolve(filled, tmp_path):
    folder = tmp_path / "out"
    result = ceocto("export", "md", "-o", str(folder), "--db", str(filled))
    assert result.returncode == 0, result.stderr
    files = sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.md"))
    notes = [f for f in files if f.startswith("notes/")]
    assert len(notes) == 2 and all(
        re.match(r"notes/\d{4}-\d{2}-\d{2}-recruiter-call", n) for n in notes
    )
    assert "goals/win-ten-customers.md" in files
    assert "obstacles/hiring-is-slow.md" in files and "decisions/hire-a-recruiter.md" in files
    assert "checkins/2026-07-06.md" in files and "checkins/2026-07-13.md" not in files
    assert "2026-Q3/index.md" in files and "index.md" in files
    for name in files:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        for target in LINK.findall(text):
            assert (path.parent / target).resolve().is_file(), (name, target)
        if text.startswith("---\n"):
            meta = _front_matter(text)
            for key in ("goals", "obstacles", "decisions"):
                for target in meta.get(key, []):
                    assert (path.parent / target).resolve().is_file(), (name, target)
    goal = _front_matter((folder / "goals/win-ten-customers.md").read_text())
    assert goal["title"] == "Win: ten customers" and goal["owner"] == "joint"
    assert goal["target_date"] == "2026-09-30" and goal["status"] == "proposed"
    assert goal["obstacles"] == ["../obstacles/hiring-is-slow.md"]
    assert goal["decisions"] == ["../decisions/hire-a-recruiter.md"]
    decision = _front_matter((folder / "decisions/hire-a-recruiter.md").read_text())
    assert decision["review_on"] == "2026-10-01"


def test_no_unrevealed_answer_or_draft_in_the_folder(filled, tmp_path):
    folder = tmp_path / "out"
    assert ceocto("export", "md", "-o", str(folder), "--db", str(filled)).returncode == 0
    everything = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())
    assert "BOTH-WIN-A" in everything and "BOTH-WIN-B" in everything
    assert "ALONE-SECRET" not in everything and "DRAFT-SECRET" not in everything


def test_a_reexport_replaces_its_own_files_and_nothing_else(filled, tmp_path):
    folder = tmp_path / "out"
    folder.mkdir()
    mine = folder / "my-notes.md"
    mine.write_text("mine")
    assert ceocto("export", "md", "-o", str(folder), "--db", str(filled)).returncode == 0
    journal = open_journal(filled)
    with journal.transaction() as session:
        from ceocto_desktop.services.records.goal_rows import GoalFilter, goal_rows
        from ceocto_desktop.services.records.goals import update_goal
        from ceocto_desktop.services.records.paging import Page

        goal = goal_rows(session, GoalFilter(), Page())[0]
        update_goal(session, goal.id, title="Win twelve customers")
    journal.close()
    assert ceocto("export", "md", "-o", str(folder), "--db", str(filled)).returncode == 0
    assert mine.read_text() == "mine"
    assert not (folder / "goals/win-ten-customers.md").exists()
    assert (folder / "goals/win-twelve-customers.md").is_file()


def test_a_file_of_the_person_in_the_way_stops_the_export(filled, tmp_path):
    folder = tmp_path / "out"
    (folder / "goals").mkdir(parents=True)
    theirs = folder / "goals" / "win-ten-customers.md"
    theirs.write_text("my own words")
    result = ceocto("export", "md", "-o", str(folder), "--db", str(filled))
    assert result.returncode == 1
    assert "is not a file of an earlier export" in result.stderr
    assert theirs.read_text() == "my own words"
    assert sorted(p.name for p in folder.rglob("*")) == ["goals", "win-ten-customers.md"]


def test_the_calendar_parses_back_with_stable_uids_and_titles_only(filled, tmp_path):
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert ceocto("export", "ics", "-o", str(first), "--db", str(filled)).returncode == 0
    assert ceocto("export", "ics", "-o", str(second), "--db", str(filled)).returncode == 0
    calendar = icalendar.Calendar.from_ical(first.read_bytes())
    events = {str(e["summary"]): e for e in calendar.walk("VEVENT")}
    assert set(events) == {
        "Q3 board meeting",
        "Goal due: Win: ten customers",
        "Review decision: Hire a recruiter",
        "Commitment due: Send the security answers",  # open ones only: a kept one is done
    }
    assert events["Commitment due: Send the security answers"].decoded("dtstart") == date(
        2026, 9, 20
    )
    assert events["Q3 board meeting"].decoded("dtstart") == date(2026, 9, 15)
    assert events["Review decision: Hire a recruiter"].decoded("dtstart") == date(2026, 10, 1)
    uids = sorted(str(e["uid"]) for e in calendar.walk("VEVENT"))
    again = icalendar.Calendar.from_ical(second.read_bytes())
    assert uids == sorted(str(e["uid"]) for e in again.walk("VEVENT"))
    assert len(set(uids)) == 4
    text = first.read_text()
    assert "Went well" not in text and "BOTH-WIN" not in text and "DESCRIPTION" not in text


def test_the_calendar_is_never_written_over_a_journal(filled):
    result = ceocto("export", "ics", "-o", str(filled), "--db", str(filled), "--force")
    assert result.returncode == 1 and "is the open journal" in result.stderr


def test_the_folder_holds_the_same_commitments_and_syncs_as_the_json_export(filled, tmp_path):
    import json

    from ceocto_desktop.services.weekly import agenda, commitments

    journal = open_journal(filled)
    with journal.transaction() as session:
        gone = commitments.create_commitment(session, Seat.A, "Office move", date(2026, 8, 1))
        commitments.drop_commitment(session, gone.id, "We stay put", date(2026, 7, 30))
        asked = commitments.ask_for_commitment(
            session, Seat.A, "Take the Thursday demo", date(2026, 7, 10)
        )
        commitments.counter_commitment(session, asked.id, "Run Friday's demo")
        items = agenda.open_agenda(session, date(2026, 7, 6), date(2026, 7, 8)).items
        agenda.mark_discussed(session, items[0].id, True, "Recruiter by August")
        agenda.add_talking_point(session, Seat.A, date(2026, 7, 13), "PRIVATE-POINT")
    journal.close()
    folder, out = tmp_path / "out", tmp_path / "journal.json"
    assert ceocto("export", "md", "-o", str(folder), "--db", str(filled)).returncode == 0
    assert ceocto("export", "json", "-o", str(out), "--db", str(filled)).returncode == 0
    tables = json.loads(out.read_text(encoding="utf-8"))["tables"]

    promised = {
        meta["id"]: meta
        for meta in (
            _front_matter(p.read_text(encoding="utf-8"))
            for p in (folder / "commitments").glob("*.md")
        )
    }
    assert {row["id"]: row["status"] for row in tables["commitments"]} == {
        record_id: meta["status"] for record_id, meta in promised.items()
    }
    assert len(promised) == 4
    dropped = next(p for p in (folder / "commitments").glob("*office-move.md"))
    assert "## Why it was dropped\n\nWe stay put" in dropped.read_text(encoding="utf-8")
    countered = next(p for p in (folder / "commitments").glob("*run-friday-s-demo.md"))
    assert "Asked for: Take the Thursday demo" in countered.read_text(encoding="utf-8")

    for week in sorted({row["week_start"] for row in tables["agenda_items"]}):
        lines = [
            line
            for line in (folder / "syncs" / f"{week}.md").read_text(encoding="utf-8").splitlines()
            if line.startswith("- [")
        ]
        rows = sorted(
            (r for r in tables["agenda_items"] if r["week_start"] == week),
            key=lambda r: r["position"],
        )
        assert [line[6:] for line in lines] == [r["title"] for r in rows]
    assert (folder / "syncs" / "2026-07-06.md").is_file()
    assert "Outcome: Recruiter by August" in (folder / "syncs/2026-07-06.md").read_text()
    everything = "".join(p.read_text(encoding="utf-8") for p in folder.rglob("*") if p.is_file())
    assert "PRIVATE-POINT" not in everything and "PRIVATE-POINT" not in out.read_text()
    index = (folder / "2026-Q3/index.md").read_text(encoding="utf-8")
    assert "## Commitments" in index and "## Syncs" in index
