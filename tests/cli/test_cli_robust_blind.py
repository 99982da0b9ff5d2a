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


@pytest.mark.parametrize(
    "words", ["onboarding checklists", "investor call", "outage honest", "Series timeline"]
)
def test_the_current_weeks_answer_is_not_found(demo, words):
    assert "2026-11-23" in blind_weeks(demo)  # the demo's current week: Sam alone answered
    # The demo draws answers from a pool, so revealed weeks hold the same words.
    query = ["search", words, "--type", "checkin", "--json", "--limit", "500"]
    hits = json.loads(ceocto(*query, "--db", str(demo)).stdout)
    assert hits and "2026-11-23" not in {hit["day"] for hit in hits}


def test_series_timeline_finds_revealed_weeks_only(demo):
    query = ["search", "Series timeline", "--type", "checkin", "--json", "--limit", "500"]
    result = ceocto(*query, "--db", str(demo))
    hits = json.loads(result.stdout)
    assert len(hits) > 5
    assert not {hit["day"] for hit in hits} & blind_weeks(demo)
