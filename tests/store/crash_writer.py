"""A journal writer to be killed: run by tests/store/test_crash_safety.py, never collected.

Started once as `python crash_writer.py JOURNAL`, it imports the app, then forks one fresh
writer process per "go SEED" line read from stdin. Each writer opens the journal as the app
does and writes, in `journal.transaction()`s, what a partner writes all day: goals with
key results, key-result updates through the goal-progress service, notes, check-in drafts.
After each commit it prints what it committed (flushed), so that every line the test reads
is a promise: this is in the journal. The test kills the writer with SIGKILL; this parent
only reaps it and says how it ended. Forking keeps the 0.8 s import out of each of the
hundred runs; the writer itself is a separate process killed like any other.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import select

from ceocto_desktop.models import Draft, KeyResult, Seat, utc_now
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.store import open_journal

GOAL_PREFIX = "Crash goal"
KEY_RESULTS_PER_GOAL = 2
# A writer that is never killed stops on its own, so a broken test cannot hang CI.
MAX_SECONDS = 10.0


def say(line: str) -> None:
    """One line to the test, written through at once (a buffered line would die with us)."""
    os.write(1, (line + "\n").encode())


def write_forever(
    path: Path, seed: int, seconds: float = MAX_SECONDS, report: Callable[[str], None] = say
) -> None:
    """Write record after record, reporting each commit, until killed."""
    rng = random.Random(seed)
    journal = open_journal(path)
    report("open")
    with journal.transaction() as session:
        rows = session.execute(select(KeyResult.id, KeyResult.goal_id))
        goal_of = {kr_id: goal_id for kr_id, goal_id in rows}
    key_results = list(goal_of)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        choice = rng.random()
        if choice < 0.25 or not key_results:
            with journal.transaction() as session:
                goal = goals.create_goal(
                    session,
                    rng.choice([Seat.A, Seat.B]),
                    f"{GOAL_PREFIX} {rng.randrange(10**6)}",
                    description="x" * rng.randrange(0, 20_000),
                )
                made = [
                    goals.add_key_result(session, goal.id, Seat.A, f"Result {n}", 0, 100)
                    for n in range(KEY_RESULTS_PER_GOAL)
                ]
            for kr in made:
                key_results.append(kr.id)
                goal_of[kr.id] = goal.id
            report(f"goal {goal.id}")
        elif choice < 0.5:
            kr_id = rng.choice(key_results)
            with journal.transaction() as session:
                update = goals.record_goal_progress(
                    session,
                    goal_of[kr_id],
                    Seat.B,
                    values={kr_id: rng.uniform(0, 100)},
                    note="moved " * rng.randrange(0, 2000),
                )
            report(f"update {update.id}")
        elif choice < 0.75:
            with journal.transaction() as session:
                note = notes.create_note(
                    session,
                    rng.choice([Seat.A, Seat.B]),
                    "Note " + "words " * rng.randrange(1, 5000),
                    tags=rng.sample(["board", "hiring", "q4", "runway"], rng.randrange(0, 3)),
                )
            report(f"note {note.id}")
        else:
            seat = rng.choice([Seat.A, Seat.B])
            key = f"checkin:2026-W{rng.randrange(1, 5)}"
            # time_ns only grows, so a later draft always carries a larger sequence number.
            seq = time.time_ns()
            payload = json.dumps({"seq": seq, "wins": "draft " * rng.randrange(1, 3000)})
            with journal.transaction() as session:
                draft = session.scalar(select(Draft).where(Draft.seat == seat, Draft.key == key))
                if draft is None:
                    session.add(Draft(seat=seat, key=key, payload=payload))
                else:
                    draft.payload = payload
                    draft.updated_at = utc_now()
            report(f"draft {seat.value} {key} {seq}")
    journal.close()


def main() -> None:
    """Fork one writer per "go SEED" line; report its pid, then how it ended."""
    path = Path(sys.argv[1])
    # SQLAlchemy sets up its mappers and statement caches on first use; doing that once
    # here, on a scratch copy, lets each writer reach its first commit within milliseconds.
    scratch = path.with_name("warm-up.db")
    shutil.copyfile(path, scratch)
    write_forever(scratch, 0, seconds=0.3, report=lambda line: None)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{scratch}{suffix}").unlink(missing_ok=True)
    for line in sys.stdin:
        seed = int(line.split()[1])
        pid = os.fork()
        if pid == 0:
            try:
                write_forever(path, seed)
            except BaseException as exc:  # the test shows this: a writer must never fail
                os.write(2, f"writer failed: {exc!r}\n".encode())
                os._exit(3)
            os._exit(0)
        say(f"pid {pid}")
        _, status = os.waitpid(pid, 0)
        say(f"ended {pid} {status}")


if __name__ == "__main__":
    main()
