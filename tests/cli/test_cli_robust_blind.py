"""`ceocto search --type checkin` on the demo: a week Sam alone has answered stays blind."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

CEOCTO = str(Path(sys.executable).with_name("ceocto"))


def ceocto(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CEOCTO, *args], capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    made = ceocto("demo", str(path), "--until", "2026-11-28", "--notes", "20")
    assert made.returncode == 0, made.stderr
    return path


def blind_weeks(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT c.week_start FROM checkins c JOIN checkin_answers a ON a.checkin_id = c.id "
            "GROUP BY c.id HAVING count(*) < 2"
        ).fetchall()
    connection.close()
    return {week for (week,) in rows}


def blind_answer_words(path: Path) -> list[str]:
    """Distinctive words of the answers in weeks only one partner has answered."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT a.wins || ' ' || a.worries || ' ' || a.needs || ' ' || a.appreciation "
            "FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.id IN (SELECT checkin_id FROM checkin_answers GROUP BY checkin_id "
            "HAVING count(*) < 2)"
        ).fetchall()
    connection.close()
    words = [w.strip(".,;:!?()*\"'") for (text,) in rows for w in text.split()]
    return sorted({w for w in words if len(w) >= 7 and w.isalpha()})


def test_the_current_weeks_answer_is_not_found(demo):
    assert "2026-11-23" in blind_weeks(demo)  # the demo's current week: one partner answered
    words = blind_answer_words(demo)
    assert len(words) >= 3
    for word in words:
        query = ["search", word, "--type", "checkin", "--json", "--limit", "500"]
        result = ceocto(*query, "--db", str(demo))
        hits = json.loads(result.stdout) if result.stdout else []
        assert not {hit["day"] for hit in hits} & blind_weeks(demo), word


def test_revealed_weeks_are_still_found(demo):
    with sqlite3.connect(demo) as connection:
        (text,) = connection.execute(
            "SELECT a.wins FROM checkin_answers a JOIN checkins c ON c.id = a.checkin_id "
            "WHERE c.id IN (SELECT checkin_id FROM checkin_answers GROUP BY checkin_id "
            "HAVING count(*) = 2) AND length(a.wins) > 20 ORDER BY c.week_start DESC LIMIT 1"
        ).fetchone()
    connection.close()
    word = max((w.strip(".,;:!?()*\"'") for w in text.split()), key=len)
    query = ["search", word, "--type", "checkin", "--json", "--limit", "500"]
    hits = json.loads(ceocto(*query, "--db", str(demo)).stdout)
    assert hits
    assert not {hit["day"] for hit in hits} & blind_weeks(demo)
