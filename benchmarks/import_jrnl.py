"""`ceocto import jrnl` of 100,000 entries as a whole process (issue 22: at most 10 s).

    .venv/bin/python benchmarks/import_jrnl.py [ENTRIES] [RUNS]

Writes a jrnl JSON export and the same journal as jrnl's plain-text file (varied text:
multi-line bodies, tags with @ and #, starred entries, CJK and emoji), then, per run,
imports each into a fresh copy of a new journal with `python -m ceocto_desktop` of this
checkout (run it from the repository's root). Process start, parsing, the backup, the
one transaction and the search index all count, as for a person at a shell. The second
import of the same file (nothing new to add) is timed too. CPU seconds are printed beside
the wall clock: on a shared machine the wall clock measures the neighbours as well.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

WORDS = [
    "pricing",
    "board",
    "runway",
    "hiring",
    "customer",
    "churn",
    "roadmap",
    "outage",
    "investor",
    "pilot",
    "contract",
    "offsite",
    "Zürich",
    "Łódź",
    "東京",
    "顧客",
    "株式会社",
    "🎉",
    "🚀",
    "sprint",
    "release",
    "partner",
    "demo",
    "plan",
    "risk",
]
TAGS = ("@work", "@sales", "#hiring", "#board", "@product", "#team")


def _entries(count: int) -> list[dict[str, object]]:
    rng = random.Random(22)
    start = datetime(2016, 1, 1, 8, 0)
    entries = []
    for number in range(count):
        when = start + timedelta(minutes=53 * number)
        title = " ".join(rng.choices(WORDS, k=rng.randint(3, 9))).capitalize() + "."
        lines = [
            " ".join(rng.choices(WORDS, k=rng.randint(8, 30))) for _ in range(rng.randint(0, 4))
        ]
        tags = rng.sample(TAGS, rng.randint(0, 3))
        if tags:
            lines.append("Tags: " + " ".join(tags))
        entries.append(
            {
                "title": title,
                "body": "\n".join(lines),
                "date": f"{when:%Y-%m-%d}",
                "time": f"{when:%H:%M}",
                "tags": tags,
                "starred": rng.random() < 0.05,
            }
        )
    return entries


def _write_files(folder: Path, count: int) -> tuple[Path, Path]:
    entries = _entries(count)
    as_json = folder / "export.json"
    as_json.write_text(json.dumps({"tags": {}, "entries": entries}, ensure_ascii=False))
    as_text = folder / "journal.txt"
    blocks = []
    for entry in entries:
        star = " *" if entry["starred"] else ""
        body = f"\n{entry['body']}" if entry["body"] else ""
        blocks.append(f"[{entry['date']} {entry['time']}] {entry['title']}{star}{body}\n")
    as_text.write_text("\n".join(blocks), encoding="utf-8")
    return as_json, as_text


def _run(command: list[str]) -> tuple[float, float]:
    before = os.times()
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True)
    took = time.perf_counter() - start
    after = os.times()
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    cpu = (after.children_user - before.children_user) + (
        after.children_system - before.children_system
    )
    return took, cpu


def main(count: int, runs: int) -> None:
    ceocto = [sys.executable, "-m", "ceocto_desktop"]  # this checkout's code
    with tempfile.TemporaryDirectory(prefix="ceocto-import-bench-") as name:
        folder = Path(name)
        files = _write_files(folder, count)
        empty = folder / "empty.db"
        subprocess.run([*ceocto, "init", str(empty), "--a", "Sam", "--b", "Priya"], check=True)
        for source in files:
            first: list[tuple[float, float]] = []
            again: list[tuple[float, float]] = []
            for run in range(runs):
                journal = folder / f"run{run}.db"
                shutil.copyfile(empty, journal)
                command = [*ceocto, "import", "jrnl", str(source), "--db", str(journal)]
                first.append(_run(command))
                again.append(_run(command))
                journal.unlink()
                shutil.rmtree(folder / "backups", ignore_errors=True)
            print(
                f"{source.name:12} {count} entries: first import median "
                f"{statistics.median(w for w, _ in first):.2f} s wall, "
                f"{statistics.median(c for _, c in first):.2f} s CPU "
                f"(worst {max(w for w, _ in first):.2f} s wall); re-import median "
                f"{statistics.median(w for w, _ in again):.2f} s wall, "
                f"{statistics.median(c for _, c in again):.2f} s CPU"
            )


if __name__ == "__main__":
    main(
        int(sys.argv[1]) if len(sys.argv) > 1 else 100_000,
        int(sys.argv[2]) if len(sys.argv) > 2 else 3,
    )
