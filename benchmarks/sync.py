"""Two laptops at scale (issue 19): join, a week of changes, merge. Not a test.

    /work/venv/bin/python benchmarks/sync.py [--notes 100000] [--years 10]

Targets: a new laptop joining a ten-year journal with 100,000 notes <= 30 s; a week of
typical changes applied <= 1 s; merging two ten-year journals <= 10 s. Each step does
the work it times (a fresh journal, a fresh folder).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="sync-bench-"))
os.environ["XDG_DATA_HOME"] = str(WORK / "data")

from ceocto_desktop.models import Seat  # noqa: E402
from ceocto_desktop.services.records import goals, notes  # noqa: E402
from ceocto_desktop.services.weekly import checkins  # noqa: E402
from ceocto_desktop.store import open_journal  # noqa: E402
from ceocto_desktop.sync import service  # noqa: E402
from ceocto_desktop.sync.merge import merge_journal  # noqa: E402

RATINGS = dict.fromkeys(("role_clarity", "cooperation", "communication", "trust", "alignment"), 4)


def timed(label: str, work) -> float:
    start = time.perf_counter()
    result = work()
    seconds = time.perf_counter() - start
    print(f"{label}: {seconds:.2f} s  {result if result is not None else ''}", flush=True)
    return seconds


def demo(path: Path, years: int, count: int, seed: int) -> None:
    subprocess.run(
        [
            sys.executable,
            "-m",
            "ceocto_desktop",
            "demo",
            str(path),
            "--years",
            str(years),
            "--notes",
            str(count),
            "--seed",
            str(seed),
        ],
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
    )


def week_of_changes(journal) -> None:
    """What a pair writes in a typical week, one transaction per save."""
    with journal.sessions() as session:
        goal_ids = [
            str(r[0]) for r in session.connection().exec_driver_sql("SELECT id FROM goals LIMIT 5")
        ]
    for n in range(30):
        with journal.transaction() as session:
            notes.create_note(session, Seat.A, f"Week note {n}\nwith a second line", tags=["week"])
    for n, goal_id in enumerate(goal_ids):
        with journal.transaction() as session:
            goals.update_goal(session, goal_id, description=f"Updated this week ({n})")
    with journal.transaction() as session:
        checkins.submit_answers(session, date(2036, 1, 7), Seat.A, RATINGS, {"wins": "A week"})


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    a_path, folder = WORK / "a.db", WORK / "Sync"
    folder.mkdir()
    print(f"demo journal: {args.years} years, {args.notes} notes", flush=True)
    demo(a_path, args.years, args.notes, seed=1)
    a = open_journal(a_path)
    code = ""

    def set_up() -> str:
        nonlocal code
        code = service.setup(a, folder, "A")
        return "(first laptop: snapshot written)"

    timed("setup on the first laptop", set_up)
    b = open_journal(WORK / "b.db", create=True)
    timed("new laptop joins", lambda: service.join(b, folder, "B", code).applied.total)
    week_of_changes(a)
    service.sync_now(a)
    timed("a week of changes applied", lambda: service.sync_now(b).applied.total)
    a.close()
    b.close()
    first, second = WORK / "m1.db", WORK / "m2.db"
    demo(first, args.years, args.notes, seed=1)
    shutil.copyfile(first, second)
    edited = open_journal(second)
    week_of_changes(edited)
    edited.close()
    target = open_journal(first)
    timed(
        "merge two ten-year journals",
        lambda: merge_journal(target, second, dry_run=False, force=False).applied.total,
    )
    target.close()
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
