"""Crash safety: a writer killed 100 times at random moments never damages the journal
and never loses a write it had reported as committed."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

from tests.store.crash_writer import GOAL_PREFIX, KEY_RESULTS_PER_GOAL

WRITER = Path(__file__).with_name("crash_writer.py")
KILLS = 100


class Committed:
    """What the writers said they committed, to be found in the journal after every kill."""

    def __init__(self) -> None:
        self.ids: dict[str, set[str]] = defaultdict(set)
        self.draft_seq: dict[tuple[str, str], int] = {}

    def take(self, line: str) -> None:
        kind, *rest = line.split()
        if kind == "draft":
            seat, key, seq = rest
            self.draft_seq[(seat, key)] = int(seq)
        else:
            self.ids[kind].add(rest[0])


def run_and_kill(
    writer: subprocess.Popen[str], seed: int, commits: int, delay: float, seen: Committed
) -> int:
    """Start one writer; SIGKILL it delay seconds after its commits-th report (0: after
    it started). Returns how many commits it reported before it died."""
    assert writer.stdin is not None and writer.stdout is not None
    writer.stdin.write(f"go {seed}\n")
    writer.stdin.flush()
    reported = 0
    pid = 0
    while True:
        line = writer.stdout.readline()
        assert line, "the writer's parent died"
        if line.startswith("pid "):
            pid = int(line.split()[1])
        elif line.startswith("ended "):
            status = int(line.split()[2])
            assert os.WIFSIGNALED(status), f"the writer ended by itself (status {status})"
            assert os.WTERMSIG(status) == signal.SIGKILL
            return reported
        elif line.strip() != "open":
            seen.take(line)
            reported += 1
        if pid and reported == commits:
            # Counting commits first keeps the test meaningful on a slow machine; the
            # random few milliseconds after put the kill anywhere in the next write.
            time.sleep(delay)
            os.kill(pid, signal.SIGKILL)
            commits = -1


def check_journal_after_crash(path: Path, seen: Committed) -> None:
    """integrity_check is ok, references hold, and every reported commit is there whole."""
    connection = sqlite3.connect(path)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        for kind, table in (("goal", "goals"), ("update", "goal_updates"), ("note", "notes")):
            stored = {row[0] for row in connection.execute(f"SELECT id FROM {table}")}
            missing = seen.ids[kind] - stored
            assert not missing, f"{len(missing)} committed {table} lost, e.g. {min(missing)}"
        # A goal and its key results commit together or not at all.
        counts = connection.execute(
            "SELECT g.id, count(k.id) FROM goals g LEFT JOIN key_results k ON k.goal_id = g.id "
            "WHERE g.title LIKE ? GROUP BY g.id",
            (GOAL_PREFIX + "%",),
        ).fetchall()
        assert all(count == KEY_RESULTS_PER_GOAL for _, count in counts)
        drafts = {
            (seat, key): json.loads(payload)["seq"]
            for seat, key, payload in connection.execute("SELECT seat, key, payload FROM drafts")
        }
        for where, seq in seen.draft_seq.items():
            # The draft kept is the last one reported, or one saved after it.
            assert drafts.get(where, -1) >= seq, f"the draft {where} went back in time"
    finally:
        connection.close()


def test_a_writer_killed_100_times_loses_nothing_it_committed(journal_path, tmp_path):
    rng = random.Random(20261129)
    errors = tmp_path / "writer-errors.txt"
    with errors.open("w") as stderr:
        writer = subprocess.Popen(
            [sys.executable, str(WRITER), str(journal_path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        )
    seen = Committed()
    reports = []
    try:
        for _ in range(KILLS):
            # One kill in ten lands while the journal opens, the rest after some commits.
            commits = 0 if rng.random() < 0.1 else rng.randrange(1, 20)
            delay = rng.uniform(0, 0.008)
            reports.append(run_and_kill(writer, rng.randrange(2**32), commits, delay, seen))
            assert reports[-1] >= commits
            check_journal_after_crash(journal_path, seen)
    finally:
        writer.kill()
        writer.wait()
        assert errors.read_text() == ""
    assert len(reports) == KILLS
    # Every kind of write was committed (and so checked) many times over.
    assert all(len(seen.ids[kind]) >= 50 for kind in ("goal", "update", "note"))
    assert len(seen.draft_seq) == 8
