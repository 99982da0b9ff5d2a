"""How long `ceocto demo` takes for ten years and 100,000 notes, and what the text is like.

    .venv/bin/python benchmarks/demo.py /tmp/bench-demo.db

Runs the command as a person would (the whole process counts), then reads the journal:
note length in words, the share of distinct notes, and whether accented and CJK text is
there for search to find. The file must not exist (the demo never overwrites).
"""

from __future__ import annotations

import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

ARGS = ["--years", "10", "--notes", "100000", "--until", "2026-11-28"]


def main(path: Path) -> None:
    command = [str(Path(sys.executable).with_name("ceocto")), "demo", str(path), *ARGS]
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    elapsed = time.perf_counter() - start
    print(done.stdout.strip())
    print(f"wall {elapsed:.1f} s")
    with sqlite3.connect(path) as db:
        bodies = [row[0] for row in db.execute("SELECT body FROM notes")]
    words = [len(body.split()) for body in bodies]
    share = len(set(bodies)) / len(bodies)
    print(
        f"notes {len(bodies)}: median {statistics.median(words):.0f} words, "
        f"{sum(20 <= w <= 80 for w in words) / len(words):.0%} of 20–80 words, "
        f"{sum(w >= 150 for w in words) / len(words):.1%} of 150+, longest {max(words)}; "
        f"{share:.1%} distinct"
    )
    for word in ("Zürich", "東京", "Łódź", "Málaga"):
        print(f"{word}: {sum(word in body for body in bodies)} notes")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
