"""SIGKILL while applying incoming change files and while writing outgoing ones."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from ceocto_desktop.models import Seat
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.sync import service, snapshots
from ceocto_desktop.sync.folder import SyncFolder

from .conftest import Pair

WORKER = Path(__file__).with_name("kill_worker.py")
KILLS = 25
ROOT = Path(__file__).resolve().parents[2]  # this checkout, not an installed copy


def _worker(mode: str, journal: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(WORKER), mode, str(journal)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        bufsize=1,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )


def _kill_runs(worker: subprocess.Popen[str], seed: int, longest: float) -> list[str]:
    """Start KILLS runs and SIGKILL each at a random moment; the lines they reported."""
    rng = random.Random(seed)
    said: list[str] = []
    assert worker.stdin is not None and worker.stdout is not None
    for run in range(KILLS):
        worker.stdin.write(f"go {run}\n")
        pid = int(worker.stdout.readline().split()[1])
        assert worker.stdout.readline().strip() == "open"
        time.sleep(rng.uniform(0.0, longest))
        os.kill(pid, signal.SIGKILL)
        while True:
            line = worker.stdout.readline().strip()
            if line.startswith("ended"):
                break
            said.append(line)
    worker.stdin.close()
    worker.wait(timeout=30)
    return said


def _close(pair: Pair) -> None:
    pair.a.close()
    pair.b.close()


def test_killed_while_applying_nothing_is_lost_or_applied_twice(pair: Pair) -> None:
    with pair.a.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Goal 0")
    for n in range(150):
        with pair.a.transaction() as session:
            notes.create_note(session, Seat.A, f"note {n}", tags=[f"t{n % 7}"])
            goals.update_goal(session, goal.id, title=f"Goal {n + 1}")
    service.sync_now(pair.a)
    _close(pair)
    _kill_runs(_worker("apply", pair.b.path), seed=19, longest=0.3)
    pair.a.reopen()
    pair.b.reopen()
    service.sync_now(pair.b)
    assert pair.rows(pair.b) == pair.rows(pair.a)
    with pair.b.sessions() as session:
        connection = session.connection()
        seen = connection.exec_driver_sql("SELECT seq FROM sync_seen").scalars().all()
        conflicts = connection.exec_driver_sql("SELECT count(*) FROM sync_conflicts").scalar()
        assert connection.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    with pair.a.sessions() as session:
        top = session.connection().exec_driver_sql("SELECT max(seq) FROM sync_outbox").scalar()
    assert max(seen) == top
    assert conflicts == 0  # a change applied twice would meet itself as "changed on both"


def test_killed_while_writing_every_commit_arrives_once(pair: Pair) -> None:
    _close(pair)
    said = _kill_runs(_worker("write", pair.a.path), seed=22, longest=0.8)
    committed = [line.removeprefix("committed ") for line in said if line.startswith("committed")]
    assert committed, said
    pair.a.reopen()
    pair.b.reopen()
    pair.sync()
    with pair.b.sessions() as session:
        bodies = session.connection().exec_driver_sql("SELECT body FROM notes").scalars().all()
    assert set(committed) <= set(bodies)
    assert len(bodies) == len(set(bodies))
    assert pair.rows(pair.b) == pair.rows(pair.a)
    folder = SyncFolder(pair.folder)
    with pair.a.sessions() as session:
        keys = service._keys(session.connection())
        journal = (
            session.connection()
            .exec_driver_sql("SELECT value FROM journal_meta WHERE key = 'journal_id'")
            .scalar()
        )
    acks = folder.acks()
    for device, numbers in folder.scan().devices.items():
        # No gap; the files before the first went only once every laptop had them and the
        # snapshot a new laptop starts from covers them (docs/SYNC.md, compaction).
        first = numbers[0] if numbers else 1
        assert numbers == list(range(first, first + len(numbers)))
        if first > 1:
            assert all(seen.get(device, 0) >= first - 1 for seen in acks.values())
            start = snapshots.starting_point(folder, folder.scan())
            assert start is not None and start[2]["covers"][device] >= first - 1
            folder.read_snapshot(start[0], start[1], keys, str(journal))
        for number in numbers:
            folder.read_change(device, number, keys, str(journal))  # every file whole
