"""The demo journal tells one coherent story: roles, stances, thanks, links, lineage, variety."""

from __future__ import annotations

import itertools
import json
import re
import sqlite3
from collections import defaultdict
from datetime import date, timedelta
from pathlib import Path

import pytest

from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.store import check_journal

UNTIL = date(2026, 11, 28)
NAMES = {"A": "Sam", "B": "Priya"}
# Which owners a goal in each area may have: the CEO sells, raises and runs the money;
# the CTO builds and runs the product and its team; strategy is carried by both.
OWNERS_BY_AREA = {
    "sales & marketing": {"A"},
    "finance": {"A"},
    "product & technology": {"B"},
    "operations": {"B"},
    "strategy": {"joint"},
    "customers": {"A", "joint"},
    "people": {"B", "joint"},
}


def rows(path: Path, sql: str, *args: object) -> list[sqlite3.Row]:
    with sqlite3.connect(path) as connection:
        connection.row_factory = sqlite3.Row
        return connection.execute(sql, args).fetchall()


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three years of the demo: long enough for carried goals, reviews and setbacks."""
    path = tmp_path_factory.mktemp("story") / "demo.db"
    write_demo_file(path, DemoOptions(years=3, until=UNTIL))
    return path


def dump_json(path: Path) -> str:
    """Every record the demo wrote, as sorted JSON (the file's own identity left out)."""
    tables = [
        row[0]
        for row in rows(
            path,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name NOT LIKE 'search_%' AND name NOT IN ('journal_meta', 'alembic_version') "
            "ORDER BY name",
        )
    ]
    content = {
        table: sorted(
            (dict(row) for row in rows(path, f"SELECT * FROM {table}")),
            key=lambda row: json.dumps(row, sort_keys=True, default=str),
        )
        for table in tables
    }
    return json.dumps(content, sort_keys=True, ensure_ascii=False, default=str)


def test_the_same_seed_and_date_give_the_same_journal_byte_for_byte(tmp_path):
    made = []
    for name in ("a.db", "b.db"):
        write_demo_file(tmp_path / name, DemoOptions(seed=5, years=2, until=UNTIL, notes=400))
        made.append(dump_json(tmp_path / name))
    assert made[0] == made[1]
    assert '"notes": []' not in made[0] and '"decisions": []' not in made[0]
    write_demo_file(tmp_path / "c.db", DemoOptions(seed=6, years=2, until=UNTIL, notes=400))
    other = dump_json(tmp_path / "c.db")
    first_ids = {row["id"] for row in rows(tmp_path / "a.db", "SELECT id FROM notes")}
    assert first_ids.isdisjoint(
        row["id"] for row in rows(tmp_path / "c.db", "SELECT id FROM notes")
    )
    assert other != made[0]


def test_no_timestamp_comes_from_the_clock(journal):
    # A journal that ends in 2026 holds nothing stamped later than its last day.
    latest = f"{UNTIL} 23:59:59"
    for table in ("goals", "goal_updates", "obstacles", "decisions", "checkin_answers", "notes"):
        stamped = rows(journal, f"SELECT max(created_at), max(updated_at) FROM {table}")[0]
        assert stamped[0] <= latest and stamped[1] <= latest, table
    answered = rows(journal, "SELECT max(submitted_at) FROM checkin_answers")[0][0]
    assert answered <= latest


def test_goal_owners_follow_the_roles(journal):
    goals = rows(journal, "SELECT title, owner, area FROM goals")
    assert len(goals) > 40
    for goal in goals:
        assert goal["owner"] in OWNERS_BY_AREA[goal["area"]], dict(goal)
        lowered = goal["title"].lower()
        if re.search(r"series|runway|arr |bridge|reseller|churn", lowered + " "):
            assert goal["owner"] == "A", dict(goal)
        if re.search(r"engineer|routing engine|uptime|certification|cloud cost", lowered):
            assert goal["owner"] == "B", dict(goal)
    owners = {goal["owner"] for goal in goals}
    assert owners == {"A", "B", "joint"}


def test_decisions_are_taken_by_whoever_owns_the_goal_they_serve(journal):
    linked = rows(
        journal,
        "SELECT d.title, d.decided_by, g.owner, g.title AS goal FROM decisions d "
        "JOIN decision_goals dg ON dg.decision_id = d.id JOIN goals g ON g.id = dg.goal_id",
    )
    assert len(linked) > 30
    for row in linked:
        if row["owner"] != "joint":
            assert row["decided_by"] in (row["owner"], "joint"), dict(row)
    deciders = {row["decided_by"] for row in rows(journal, "SELECT decided_by FROM decisions")}
    assert deciders == {"A", "B", "joint"}


def test_only_the_partner_who_did_not_decide_disagrees_and_commits(journal):
    decisions = rows(
        journal, "SELECT title, decided_by, stance_a, stance_b, rationale FROM decisions"
    )
    dissent = 0
    for decision in decisions:
        stances = {"A": decision["stance_a"], "B": decision["stance_b"]}
        if decision["decided_by"] == "joint":
            assert set(stances.values()) == {"agree"}, dict(decision)
            continue
        decider = decision["decided_by"]
        other = "B" if decider == "A" else "A"
        assert stances[decider] == "agree", dict(decision)
        if stances[other] == "disagree and commit":
            dissent += 1
            assert f"{NAMES[other]} disagrees and commits." in decision["rationale"]
    assert dissent > 0


def test_no_decision_title_is_used_twice(journal):
    titles = [row[0] for row in rows(journal, "SELECT title FROM decisions")]
    assert len(titles) == len(set(titles)) > 40
    assert rows(journal, "SELECT count(*) FROM decisions WHERE status = 'reviewed'")[0][0] > 10


def test_appreciation_always_thanks_the_other_partner(journal):
    answers = rows(journal, "SELECT seat, appreciation FROM checkin_answers")
    assert len(answers) > 250
    for answer in answers:
        me, other = NAMES[answer["seat"]], NAMES["B" if answer["seat"] == "A" else "A"]
        assert other in answer["appreciation"], dict(answer)
        assert not re.search(rf"\b{me}\b", answer["appreciation"]), dict(answer)
    notes = rows(
        journal,
        "SELECT n.author, n.body FROM notes n JOIN note_tags nt ON nt.note_id = n.id "
        "JOIN tags t ON t.id = nt.tag_id WHERE t.name = 'appreciation'",
    )
    assert notes
    for note in notes:
        me, other = NAMES[note["author"]], NAMES["B" if note["author"] == "A" else "A"]
        assert other in note["body"] and not re.search(rf"\b{me}\b", note["body"]), dict(note)


def test_a_setback_week_is_a_hard_week_in_both_check_ins(journal):
    setbacks = rows(journal, "SELECT title, opened_on FROM obstacles WHERE kind = 'setback'")
    assert len(setbacks) >= 3
    overall = rows(
        journal,
        "SELECT avg(role_clarity + cooperation + communication + trust + alignment) "
        "FROM checkin_answers",
    )[0][0]
    seen = 0
    for setback in setbacks:
        opened = date.fromisoformat(setback["opened_on"])
        monday = opened - timedelta(days=opened.weekday())
        answers = rows(
            journal,
            "SELECT a.worries, a.role_clarity + a.cooperation + a.communication + a.trust "
            "+ a.alignment AS total FROM checkin_answers a JOIN checkins c "
            "ON c.id = a.checkin_id WHERE c.week_start = ?",
            monday.isoformat(),
        )
        if len(answers) < 2:
            continue  # a skipped week, or this week's half-answered check-in
        seen += 1
        assert answers[0]["worries"] == answers[1]["worries"], setback["title"]
        assert sum(a["total"] for a in answers) / 2 < overall, setback["title"]
    assert seen >= 2


def test_links_point_at_records_that_exist_and_that_the_text_names(journal):
    for table, column, target in (
        ("note_goals", "goal_id", "goals"),
        ("note_obstacles", "obstacle_id", "obstacles"),
        ("note_decisions", "decision_id", "decisions"),
        ("obstacle_goals", "goal_id", "goals"),
        ("decision_goals", "goal_id", "goals"),
    ):
        dangling = rows(
            journal,
            f"SELECT count(*) FROM {table} WHERE {column} NOT IN (SELECT id FROM {target})",
        )[0][0]
        assert dangling == 0, table
        assert rows(journal, f"SELECT count(*) FROM {table}")[0][0] > 10, table
    titles = defaultdict(set)  # every title a note links to, goals, obstacles and decisions
    for table, column, target in (
        ("note_goals", "goal_id", "goals"),
        ("note_obstacles", "obstacle_id", "obstacles"),
        ("note_decisions", "decision_id", "decisions"),
    ):
        for row in rows(
            journal,
            f"SELECT l.note_id, t.title FROM {table} l JOIN {target} t ON t.id = l.{column}",
        ):
            titles[row["note_id"]].add(row["title"])
    named = 0
    for note in rows(journal, "SELECT id, body FROM notes"):
        # What a note names in bold, or as "For *goal*" and "Update on *obstacle*", it links.
        mentioned = re.findall(r"\*\*(.+?)\*\*", note["body"])
        mentioned += re.findall(r"\n\nFor \*(.+?)\*\.$", note["body"])
        mentioned += re.findall(r"^Update on \*(.+?)\*", note["body"])
        for title in mentioned:
            assert title in titles[note["id"]], (title, note["body"])
            named += 1
    assert named > 30


def test_carried_goals_form_one_lineage_per_title(journal):
    goals = rows(
        journal, "SELECT id, title, target_date, carried_from_id FROM goals ORDER BY target_date"
    )
    by_title = defaultdict(list)
    for goal in goals:
        by_title[goal["title"]].append(goal)
    chains = 0
    for title, same in by_title.items():
        assert same[0]["carried_from_id"] is None, title
        for before, after in itertools.pairwise(same):
            # Each repeat continues the one before it, in the quarter right after.
            assert after["carried_from_id"] == before["id"], title
            gap = date.fromisoformat(after["target_date"]) - date.fromisoformat(
                before["target_date"]
            )
            assert 80 <= gap.days <= 95, title
        chains += len(same) > 1
    assert chains >= 3
    carried_notes = rows(
        journal,
        "SELECT count(*) FROM goal_updates WHERE note LIKE 'Carried over into %' "
        "AND status = 'dropped'",
    )[0][0]
    assert carried_notes == sum(1 for goal in goals if goal["carried_from_id"])


def test_this_week_is_answered_by_one_partner_and_some_past_weeks_came_late(journal):
    weeks = rows(
        journal,
        "SELECT c.week_start, count(a.id) AS answered, max(a.submitted_at) AS last "
        "FROM checkins c JOIN checkin_answers a ON a.checkin_id = c.id "
        "GROUP BY c.id ORDER BY c.week_start",
    )
    assert weeks[-1]["week_start"] == "2026-11-23" and weeks[-1]["answered"] == 1
    assert all(week["answered"] == 2 for week in weeks[:-1])
    late = [
        week
        for week in weeks[:-1]
        if week["last"][:10] >= (date.fromisoformat(week["week_start"]) + timedelta(7)).isoformat()
    ]
    assert 2 <= len(late) <= len(weeks) // 8


def test_three_thousand_notes_are_nearly_all_different_and_realistic(tmp_path):
    path = tmp_path / "notes.db"
    write_demo_file(path, DemoOptions(until=UNTIL, notes=3000))
    bodies = [row[0] for row in rows(path, "SELECT body FROM notes")]
    assert len(bodies) == 3000
    assert len(set(bodies)) / len(bodies) >= 0.95
    words = [len(body.split()) for body in bodies]
    assert sum(20 <= count <= 80 for count in words) / len(words) >= 0.7
    assert sum(count >= 150 for count in words) / len(words) >= 0.01
    text = "\n".join(bodies)
    assert "Zürich" in text and "東京" in text and "Łódź" in text
    # The search index, built in one go, finds every note that names Zürich; and the
    # trigger that indexes the next note is back in place.
    indexed = rows(path, "SELECT count(*) FROM search_notes WHERE search_notes MATCH 'zurich'")
    assert indexed[0][0] == sum("Zürich" in body for body in bodies)
    triggers = {row[0] for row in rows(path, "SELECT name FROM sqlite_master WHERE type='trigger'")}
    assert "search_notes_insert" in triggers


def test_scale_adds_load_test_records_that_keep_the_rules(tmp_path):
    path = tmp_path / "scaled.db"
    summary = write_demo_file(path, DemoOptions(until=UNTIL, notes=50, scale=300))
    assert rows(path, "SELECT count(*) FROM goals WHERE title LIKE '% #%'")[0][0] == 300
    assert summary.decisions == rows(path, "SELECT count(*) FROM decisions")[0][0]
    for decision in rows(path, "SELECT decided_by, stance_a, stance_b FROM decisions"):
        if decision["decided_by"] != "joint":
            assert decision[f"stance_{decision['decided_by'].lower()}"] == "agree"
    for goal in rows(path, "SELECT owner, area FROM goals"):
        assert goal["owner"] in OWNERS_BY_AREA[goal["area"]]
    assert check_journal(path) == []
    found = rows(path, "SELECT count(*) FROM search_goals WHERE search_goals MATCH 'telematics'")
    named = "SELECT count(*) FROM goals WHERE title || description LIKE '%telematics%'"
    assert found[0][0] == rows(path, named)[0][0] > 10


def test_a_year_of_syncs_with_commitments_mostly_kept_and_help_across_the_line(journal):
    weeks = [r[0] for r in rows(journal, "SELECT DISTINCT week_start FROM agenda_items")]
    assert 40 <= len(weeks) <= 53
    # Only weeks both partners answered have an agenda (an agenda quotes the answers).
    for week in weeks:
        answered = rows(
            journal,
            "SELECT count(*) FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.week_start = ?",
            week,
        )[0][0]
        assert answered == 2, week
    for item in rows(journal, "SELECT * FROM agenda_items WHERE kind = 'need'"):
        seat = item["key"].rsplit(":", 1)[1]
        needs = rows(
            journal,
            "SELECT a.needs FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.week_start = ? AND a.seat = ?",
            item["key"].split(":")[1],
            seat,
        )[0][0]
        assert item["title"].endswith(needs), item["title"]
    status = dict(rows(journal, "SELECT status, count(*) FROM commitments GROUP BY status"))
    settled = status.get("done", 0) + status.get("dropped", 0)
    assert status.get("done", 0) >= 0.75 * settled and status.get("dropped", 0) >= 1
    assert all(
        r[0] for r in rows(journal, "SELECT drop_reason FROM commitments WHERE status = 'dropped'")
    )
    late = rows(
        journal,
        "SELECT count(*) FROM commitments WHERE status IN ('open', 'proposed') AND due_on < ?",
        str(UNTIL - timedelta(days=21)),
    )[0][0]
    assert late == 0  # nothing left hanging for months
    # Help across the line: the CTO kept promises in sales, customers or finance; the CEO in
    # product.
    across = dict(
        rows(
            journal,
            "SELECT owed_by, count(*) FROM commitments WHERE status = 'done' AND ("
            "(owed_by = 'B' AND area IN ('customers', 'sales & marketing', 'finance')) OR "
            "(owed_by = 'A' AND area = 'product & technology')) GROUP BY owed_by",
        )
    )
    assert across.get("A", 0) > 0 and across.get("B", 0) > 0
    dangling = rows(
        journal,
        "SELECT count(*) FROM agenda_items WHERE commitment_id IS NOT NULL "
        "AND commitment_id NOT IN (SELECT id FROM commitments)",
    )[0][0]
    assert dangling == 0
    latest = f"{UNTIL} 23:59:59"
    for table in ("commitments", "agenda_items"):
        stamped = rows(journal, f"SELECT max(created_at), max(updated_at) FROM {table}")[0]
        assert stamped[0] <= latest and stamped[1] <= latest, table


def test_the_demos_agenda_items_say_their_dates_as_the_window_does(journal):
    """ "(due 24 Nov 2026)", as the live agenda and every page write a day, not "2026-11-24"."""
    titles = [r[0] for r in rows(journal, "SELECT title FROM agenda_items")]
    assert titles
    iso = [t for t in titles if re.search(r"\d{4}-\d{2}-\d{2}", t)]
    assert iso == []
