"""The demo journal: deterministic, believable, and large when asked."""

from __future__ import annotations

import sqlite3
from datetime import date

from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.store import check_journal

UNTIL = date(2026, 11, 28)

TABLES = (
    "partners",
    "goals",
    "key_results",
    "goal_updates",
    "obstacles",
    "decisions",
    "checkins",
    "checkin_answers",
    "notes",
    "board_meetings",
    "retrospectives",
)


def dump(path):
    with sqlite3.connect(path) as connection:
        return {t: connection.execute(f"SELECT * FROM {t} ORDER BY id").fetchall() for t in TABLES}


def test_the_same_seed_gives_the_same_journal(tmp_path):
    first = tmp_path / "a.db"
    second = tmp_path / "b.db"
    write_demo_file(first, DemoOptions(seed=11, until=UNTIL))
    write_demo_file(second, DemoOptions(seed=11, until=UNTIL))
    assert dump(first) == dump(second)
    write_demo_file(tmp_path / "c.db", DemoOptions(seed=12, until=UNTIL))
    assert dump(first)["goals"] != dump(tmp_path / "c.db")["goals"]


def test_a_year_of_demo_is_a_believable_healthy_journal(tmp_path):
    path = tmp_path / "demo.db"
    summary = write_demo_file(path, DemoOptions(until=UNTIL))
    assert check_journal(path) == []
    assert 48 <= summary.checkins <= 53
    with sqlite3.connect(path) as db:
        ratings = db.execute("SELECT min(trust), max(trust), avg(cooperation) FROM checkin_answers")
        low, high, mean = ratings.fetchone()
        assert 1 <= low < high <= 5 and 2.5 < mean < 4.8
        assert db.execute("SELECT count(*) FROM obstacles WHERE kind='setback'").fetchone()[0] > 0
        assert (
            db.execute("SELECT count(*) FROM obstacles WHERE status='resolved'").fetchone()[0] > 0
        )
        assert (
            db.execute("SELECT count(*) FROM decisions WHERE status='reviewed'").fetchone()[0] > 0
        )
        assert db.execute("SELECT count(*) FROM goal_updates").fetchone()[0] > 20
        meetings = db.execute("SELECT held_on FROM board_meetings ORDER BY held_on").fetchall()
        assert len(meetings) >= 2 and meetings[-1][0] > UNTIL.isoformat()
        newest = db.execute("SELECT max(week_start) FROM checkins").fetchone()[0]
        assert newest == "2026-11-23"


def test_years_and_notes_scale_the_journal(tmp_path):
    path = tmp_path / "big.db"
    summary = write_demo_file(path, DemoOptions(years=3, notes=2000, until=UNTIL))
    assert summary.notes == 2000
    assert summary.checkins > 140
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM notes").fetchone()[0] == 2000
    assert check_journal(path) == []
