"""`ceocto search` as a whole process on a 100,000-note journal (issue 4: under 0.3 s).

    .venv/bin/ceocto demo /tmp/notes.db --years 10 --notes 100000
    .venv/bin/python benchmarks/search.py /tmp/notes.db

Each query runs 7 times; the median and the worst are printed. The process start, the
imports and the query all count, as they do for a person at a shell.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERIES = [
    "pricing",
    "outage team",
    "quarterly plan",
    "Zürich",
    "顧客",
    "happy AND",
    "c++",
    "#hiring",
]


def main(path: Path) -> None:
    command = [str(Path(sys.executable).with_name("ceocto")), "search", "--db", str(path)]
    for query in QUERIES:
        runs = []
        for _ in range(7):
            start = time.perf_counter()
            done = subprocess.run([*command, query], capture_output=True, text=True)
            runs.append(time.perf_counter() - start)
        found = done.stdout.count("\n") // 2
        print(
            f"{query!r:18} median {statistics.median(runs):.3f} s  worst {max(runs):.3f} s  "
            f"exit {done.returncode}  results {found}"
        )


if __name__ == "__main__":
    main(Path(sys.argv[1]))
