"""The machine a benchmark ran on, as lines for docs/BENCHMARKS.md."""

from __future__ import annotations

import os
import platform
import sqlite3
import subprocess
import sys
from typing import Any


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="ascii") as info:
            kib = int(info.readline().split()[1])
        return f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, ValueError, IndexError):
        return "unknown"


def cpu_check() -> float:
    """Seconds a fixed loop of 5,000,000 additions (in a function, on local names) takes in
    a fresh interpreter, the best of three: how quick the machine was while the table ran
    (0.15 s on this 2-core machine on a quiet moment)."""
    loop = (
        "import time\n"
        "def loop():\n"
        "    start = time.perf_counter()\n"
        "    total = 0\n"
        "    for number in range(5_000_000):\n"
        "        total += number\n"
        "    return time.perf_counter() - start\n"
        "print(loop())\n"
    )
    runs = [
        float(subprocess.run([sys.executable, "-c", loop], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(3)
    ]  # fmt: skip
    return min(runs)


def machine_facts(journals: Any) -> list[str]:
    """Cores, memory, load, Python, Qt, SQLite (ours and stdlib), jrnl, and the journals."""
    import PySide6
    import sqlcipher3.dbapi2 as sqlcipher
    from PySide6 import QtCore

    load = os.getloadavg()
    jrnl = "not installed"
    if journals.jrnl is not None:
        shown = subprocess.run([str(journals.jrnl), "--version"], capture_output=True, text=True)
        jrnl = (shown.stdout.strip().splitlines() or ["?"])[0]
    sizes = ", ".join(
        f"{name} {path.stat().st_size / 1e6:.0f} MB"
        for name, path in (("S", journals.small), ("XL", journals.xl), ("XL+scale", journals.scale))
    )
    return [
        f"- machine: {platform.machine()}, {os.cpu_count()} cores, {_memory()} memory, "
        f"{platform.system()} {platform.release()}",
        f"- load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; CPU check before "
        f"(`bench_machine.cpu_check`, 0.15 s on a quiet moment): {cpu_check():.3f} s",
        f"- Python {platform.python_version()} ({sys.executable}), PySide6 {PySide6.__version__}"
        f" (Qt {QtCore.qVersion()})",
        f"- SQLite {sqlcipher.sqlite_version} (sqlcipher3, ours); stdlib sqlite3 "
        f"{sqlite3.sqlite_version}; jrnl: {jrnl}",
        f"- journals: {sizes}",
    ]
