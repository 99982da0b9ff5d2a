"""How long a sync pass that writes a snapshot keeps the journal's write lock.

    /work/venv/bin/python benchmarks/sync_snapshot_lock.py [--notes 20000] [--years 10]

A thread asks every 20 ms whether a save could begin now (store.probe.write_lock_free, which
never waits) while one pass writes this laptop's snapshot; the longest run of refusals is
how long the window's saves would have waited.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from sync import demo  # noqa: E402

from ceocto_desktop.store import open_journal  # noqa: E402
from ceocto_desktop.store.probe import write_lock_free  # noqa: E402
from ceocto_desktop.sync import service, snapshots  # noqa: E402


def longest_refusal(probes: list[tuple[float, bool]]) -> float:
    """The longest stretch of consecutive probes that found the write lock taken."""
    longest = stretch = 0.0
    last: float | None = None
    for when, free in probes:
        stretch = 0.0 if free else stretch + (when - last if last is not None else 0.0)
        longest = max(longest, stretch)
        last = when
    return longest


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ceocto-bench-") as where:
        base = Path(where)
        demo(base / "journal.db", args.years, args.notes, 7)
        folder = base / "Sync"
        folder.mkdir()
        journal = open_journal(base / "journal.db")
        service.setup(journal, folder, "A")
        snapshots.SNAPSHOT_EVERY = 1  # the next pass writes a snapshot
        probes: list[tuple[float, bool]] = []
        stop = threading.Event()

        def probe() -> None:
            while not stop.is_set():
                probes.append((time.perf_counter(), write_lock_free(journal.engine)))
                time.sleep(0.02)

        thread = threading.Thread(target=probe)
        thread.start()
        start = time.perf_counter()
        service.sync_now(journal)
        total = time.perf_counter() - start
        stop.set()
        thread.join()
        journal.close()
        shutil.rmtree(folder, ignore_errors=True)
    refused = sum(1 for _, free in probes if not free)
    print(
        f"a pass writing a snapshot: {total:.2f} s; longest wait a save would have had: "
        f"{longest_refusal(probes):.2f} s ({refused} of {len(probes)} probes refused)"
    )


if __name__ == "__main__":
    main()
