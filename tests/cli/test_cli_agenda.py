"""`ceocto agenda`: Markdown and JSON of a week both answered; nothing for a week half answered."""

from __future__ import annotations

import json
from datetime import date

from ceocto_desktop.models import Seat
from ceocto_desktop.services.weekly import agenda, checkins, commitments
from ceocto_desktop.store import open_journal
from tests.cli.conftest import ceocto

WEEK = date(2026, 11, 23)  # a Monday, long past: the agenda counts from its last day
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}


def _fill(path, answers):
    journal = open_journal(path)
    try:
        with journal.transaction() as session:
            commitments.create_commitment(session, Seat.B, "Security answers for Łódź", WEEK)
            for week, seat, needs, trust in answers:
                checkins.submit_answers(
                    session, week, seat, {**CALM, "trust": trust}, {"needs": needs}
                )
    finally:
        journal.close()


def test_markdown_of_a_week_both_answered_with_an_outcome_kept(journal_path):
    _fill(
        journal_path,
        [(WEEK, Seat.A, "Cover Thursday's call", 4), (WEEK, Seat.B, "", 2)],
    )
    first = ceocto("agenda", "--week", "2026-11-25", "--db", str(journal_path))
    assert (first.returncode, first.stderr) == (0, "")
    assert first.stdout == (
        "# Our weekly talk, week of 23 Nov 2026\n"
        "\n## Where we see it differently\n\n"
        "- [ ] Trust: Sam 4, Priya 2 — talk about it\n"
        "\n## What we need from each other\n\n"
        "- [ ] What Sam needs from Priya: Cover Thursday's call\n"
        "\n## Commitments due\n\n"
        "- [ ] Priya owes Sam: Security answers for Łódź (overdue 6 days, 23 Nov 2026)\n"
    )
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        gap = agenda.open_agenda(session, WEEK, date(2026, 11, 27)).items[0]
        agenda.mark_discussed(session, gap.id, True, "Lunch on Friday, phones away")
    journal.close()
    again = ceocto("agenda", "--week", "2026-11-23", "--db", str(journal_path))
    assert (
        "- [x] Trust: Sam 4, Priya 2 — talk about it\n  Outcome: Lunch on Friday, phones away\n"
        in (again.stdout)
    )


def test_json_carries_what_was_not_discussed_saying_since_when(journal_path):
    later = date(2026, 11, 30)
    _fill(
        journal_path,
        [
            (WEEK, Seat.A, "Cover Thursday's call", 4),
            (WEEK, Seat.B, "", 4),
            (later, Seat.A, "", 4),
            (later, Seat.B, "", 4),
        ],
    )
    assert ceocto("agenda", "--week", "2026-11-23", "--db", str(journal_path)).returncode == 0
    result = ceocto("agenda", "--week", "2026-11-30", "--format", "json", "--db", str(journal_path))
    assert (result.returncode, result.stderr) == (0, "")
    data = json.loads(result.stdout)
    assert data["week"] == "2026-11-30"
    assert [(i["kind"], i["since_week"], i["carried"]) for i in data["items"]] == [
        ("need", "2026-11-23", True),
        ("commitment", "2026-11-23", True),
    ]
    assert data["items"][1]["title"] == (
        "Priya owes Sam: Security answers for Łódź (overdue 13 days, 23 Nov 2026)"
    )
    md = ceocto("agenda", "--week", "2026-11-30", "--db", str(journal_path)).stdout
    assert "Cover Thursday's call (since the week of 23 Nov 2026)" in md


def test_a_week_answered_by_one_says_so_and_prints_nothing_else(journal_path):
    _fill(journal_path, [(WEEK, Seat.A, "SECRET need not yet revealed", 1)])
    for form in ("md", "json"):
        result = ceocto(
            "agenda", "--week", "2026-11-23", "--format", form, "--db", str(journal_path)
        )
        assert result.returncode == 1
        assert result.stdout == ""
        assert result.stderr == (
            "ceocto: the week of 23 Nov 2026 is not answered by both partners yet "
            "(Sam has answered, Priya has not); no agenda until then.\n"
        )
    none = ceocto("agenda", "--week", "2026-12-07", "--db", str(journal_path))
    assert (none.returncode, none.stdout) == (1, "")
    assert "(neither of you has answered)" in none.stderr


def test_a_bad_week_or_a_missing_journal_is_one_line(journal_path, tmp_path):
    bad = ceocto("agenda", "--week", "next monday", "--db", str(journal_path))
    assert bad.returncode == 2 and bad.stdout == ""
    assert "'next monday' is not a date" in bad.stderr
    missing = ceocto("agenda", "--db", str(tmp_path / "nowhere.db"))
    assert missing.returncode == 1 and missing.stdout == ""
    assert missing.stderr.startswith("ceocto: ") and missing.stderr.count("\n") == 1


SECRET = "Hiring my brother-in-law as VP Sales"


def test_a_talking_point_stays_its_writers_until_both_answered(journal_path, tmp_path):
    _fill(journal_path, [(WEEK, Seat.A, "", 4)])
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        agenda.add_talking_point(session, Seat.A, WEEK, SECRET)
    journal.close()
    for form in ("md", "json"):
        result = ceocto(
            "agenda", "--week", "2026-11-23", "--format", form, "--db", str(journal_path)
        )
        assert result.returncode == 1 and result.stdout == ""
        assert "brother" not in result.stderr
    exported = tmp_path / "journal.json"
    assert ceocto("export", "json", "-o", str(exported), "--db", str(journal_path)).returncode == 0
    assert "brother" not in exported.read_text(encoding="utf-8")
    found = ceocto("search", "brother", "--db", str(journal_path))
    assert (found.returncode, found.stdout) == (1, "")

    journal = open_journal(journal_path)
    with journal.transaction() as session:
        checkins.submit_answers(session, WEEK, Seat.B, CALM, {})
    journal.close()
    shown = ceocto("agenda", "--week", "2026-11-23", "--format", "json", "--db", str(journal_path))
    assert shown.returncode == 0
    points = [i["title"] for i in json.loads(shown.stdout)["items"] if i["kind"] == "point"]
    assert points == [f"Sam's point: {SECRET}"]
    md = ceocto("agenda", "--week", "2026-11-23", "--db", str(journal_path)).stdout
    assert f"\n## Talking points\n\n- [ ] Sam's point: {SECRET}\n" in md
    # The two formats say the same items: every item of the JSON is a line of the Markdown.
    assert md.count("\n- [") == len(json.loads(shown.stdout)["items"])
    # Once both have answered, search finds the kept talk, its week written as people read it.
    found = ceocto("search", "brother", "--db", str(journal_path))
    assert found.returncode == 0
    assert "agenda    23 Nov 2026 A  Weekly talk, week of 23 Nov 2026\n" in found.stdout
    assert "2026-11-23" not in found.stdout


def test_the_agenda_prints_and_is_kept_while_a_window_holds_the_journal(journal_path):
    from ceocto_desktop.store import JournalLock

    _fill(journal_path, [(WEEK, Seat.A, "Cover Thursday's call", 4), (WEEK, Seat.B, "", 4)])
    with JournalLock(journal_path):  # the window of another process, as `ceocto note` meets it
        result = ceocto("agenda", "--week", "2026-11-23", "--db", str(journal_path))
        assert (result.returncode, result.stderr) == (0, "")
        assert "- [ ] What Sam needs from Priya: Cover Thursday's call\n" in result.stdout
    journal = open_journal(journal_path)
    with journal.transaction() as session:
        kept = agenda.kept_agenda(session, WEEK).items
    journal.close()
    assert [i.kind for i in kept] == ["need", "commitment"]
