"""The speed suite (issue 21): every figure of its table, ours against a reference.

    /work/venv/bin/python benchmarks/run.py                # the whole table (~10 min)
    /work/venv/bin/python benchmarks/run.py --tiny         # smoke test: small journals
    options: --samples N (7; --tiny: 2), --cache DIR (~/.cache/ceocto-bench),
             --only TEXT (figures whose name holds TEXT), --markdown FILE (the table)

Journals are built once with the demo generator and cached under --cache: S (a year), XL
(ten years, 100,000 notes rewritten to 60-180 words of varied text: the demo's own
sentences, shuffled), XL+scale (`--scale 100000`) and an encrypted copy of XL. jrnl 4.6 is
installed from PyPI into its own venv there, and XL's notes are written as a jrnl journal
with a `timeformat` matching its stamps (a wrong one doubles jrnl's time and flatters us).

Whole-process figures are timed from outside, ours and the reference alternating in one
loop (A, B, A, B…), after one warm-up run of each. The window's figures use
`ceocto --quit-at-first-paint` / `--quit-when-ready`; "window open" is timed inside a
fresh process after its imports, each sample a real first show (benchmarks/window_open.py).
Timings are printed and written, never asserted: CI runs --tiny only to see it work.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from bench_journals import Journals, build_journals, jrnl_command  # noqa: E402
from bench_machine import cpu_check, machine_facts  # noqa: E402

PYTHON = sys.executable
# From rarer to commoner in XL's notes: 316, 392, 1,675, 2,194 and 4,082 notes. jrnl prints
# every matching entry whole, so a word in 30,000 notes ("hiring") takes it minutes.
SEARCH_WORDS = ("pricing", "webinar", "runway", "Łódź", "Zürich")


@dataclass
class Figure:
    """One row of the table: our command, the reference's, and what passes."""

    name: str
    ours: Callable[[], list[str]]
    reference: Callable[[], list[str]] | None
    target: str
    passes: Callable[[float, float | None], bool]
    setup: Callable[[], None] | None = None
    times: list[float] = field(default_factory=list)
    reference_times: list[float] = field(default_factory=list)


def _timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, env=env, capture_output=True, check=False)
    took = time.perf_counter() - start
    if result.returncode not in (0, 1):  # 1: a search without results, like grep
        tail = " ".join(result.stderr.decode(errors="replace").split())[-300:]
        raise SystemExit(f"failed ({result.returncode}): {' '.join(command)[:120]}: {tail}")
    if command[-1:] == ["--reports-seconds"]:  # an in-process figure prints its own time
        return float(result.stdout.decode().split()[-1])
    return took


def measure(figure: Figure, samples: int, env: dict[str, str]) -> None:
    """A warm-up of each, then ours and the reference alternating, samples times."""
    for warm in (figure.ours, figure.reference):
        if warm is not None:
            if figure.setup:
                figure.setup()
            _timed(warm(), env)
    for _ in range(samples):
        if figure.setup:
            figure.setup()
        figure.times.append(_timed(figure.ours(), env))
        if figure.reference is not None:
            figure.reference_times.append(_timed(figure.reference(), env))


# What the `ceocto` script pip installs runs (pyproject's [project.scripts]), here with this
# checkout's code; `python -m ceocto_desktop` would add runpy's start-up, which the installed
# command a person types does not have.
ENTRY = "import sys; from ceocto_desktop.cli.launch import main; sys.exit(main())"


def ceocto(*args: str) -> list[str]:
    """The `ceocto` command of this checkout, as a person runs it."""
    return [PYTHON, "-c", ENTRY, *args]


def figures(j: Journals, out: Path) -> list[Figure]:
    """Every figure of issue 21's table."""
    ratio_at_most = lambda limit: lambda ours, ref: ref is not None and ours <= limit * ref  # noqa: E731
    under = lambda limit: lambda ours, _ref: ours <= limit  # noqa: E731
    rows = [
        Figure(
            "first paint, S (vs bare QMainWindow)",
            lambda: ceocto("--db", str(j.small), "--quit-at-first-paint"),
            lambda: [PYTHON, str(HERE / "bare_window.py")],
            "≤ 2× bare",
            ratio_at_most(2.0),
        ),
        Figure(
            "dashboard with data, XL (vs S)",
            lambda: ceocto("--db", str(j.xl), "--quit-when-ready"),
            lambda: ceocto("--db", str(j.small), "--quit-when-ready"),
            "≤ S + 0.5 s",
            lambda ours, ref: ref is not None and ours <= ref + 0.5,
        ),
        Figure(
            "window open after imports, XL+scale (vs XL)",
            lambda: [PYTHON, str(HERE / "window_open.py"), str(j.scale), "--reports-seconds"],
            lambda: [PYTHON, str(HERE / "window_open.py"), str(j.xl), "--reports-seconds"],
            "≤ 1.1× XL",
            ratio_at_most(1.1),
        ),
        Figure(
            "ceocto note (vs jrnl note)",
            lambda: ceocto(
                "note", "Benchmarked the shell today.", "--author", "A", "--db", str(j.notes)
            ),
            (lambda: jrnl_command(j, "small", "Benchmarked the shell today.")) if j.jrnl else None,
            "< jrnl",
            lambda ours, ref: ref is not None and ours < ref,
        ),
    ]
    for word in SEARCH_WORDS:
        rows.append(
            Figure(
                f"search {word} (vs jrnl -contains)",
                lambda w=word: ceocto("search", w, "--db", str(j.xl)),  # type: ignore[misc]
                (lambda w=word: jrnl_command(j, "xl", "-contains", w)) if j.jrnl else None,  # type: ignore[misc]
                "≥ 70× faster",
                lambda ours, ref: ref is not None and ref >= 70 * ours,
            )
        )
    rows += [
        Figure(
            "search encrypted (vs the same plain)",
            lambda: ceocto("search", "pricing", "--db", str(j.encrypted)),
            lambda: ceocto("search", "pricing", "--db", str(j.xl)),
            "≤ 1.5× plain",
            ratio_at_most(1.5),
        ),
        Figure(
            "export retro PDF, XL",
            lambda: ceocto(*_export(j.xl, out / "xl.pdf")),
            None,
            "≤ 1.0 s",
            under(1.0),
        ),
        Figure(
            "export retro PDF, XL+scale",
            lambda: ceocto(*_export(j.scale, out / "scale.pdf")),
            None,
            "≤ 1.5 s",
            under(1.5),
        ),
        Figure(
            "ceocto check, XL (vs bare pragmas)",
            lambda: ceocto("check", "--db", str(j.xl)),
            lambda: [PYTHON, str(HERE / "bare_sqlite.py"), "check", str(j.xl)],
            "≤ 1.2× bare",
            ratio_at_most(1.2),
        ),
        Figure(
            "ceocto backup, XL (vs bare backup API)",
            lambda: ceocto("backup", "--db", str(j.xl), "-o", str(out / "ours.db")),
            lambda: [
                PYTHON,
                str(HERE / "bare_sqlite.py"),
                "backup",
                str(j.xl),
                str(out / "bare.db"),
            ],
            "≤ 1.2× bare",
            ratio_at_most(1.2),
            setup=lambda: _remove(out / "ours.db", out / "bare.db"),
        ),
    ]
    return rows


def _remove(*paths: Path) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def _export(journal: Path, target: Path) -> list[str]:
    quarter = "2026-Q3"
    return [
        "export",
        "retro",
        "--quarter",
        quarter,
        "--format",
        "pdf",
        "-o",
        str(target),
        "--force",
        "--db",
        str(journal),
    ]


def table(rows: list[Figure]) -> list[str]:
    """The results as Markdown table lines."""
    lines = [
        "| figure | median | min | max | reference (median) | ratio | target | result |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        if not row.times:
            continue
        ours = statistics.median(row.times)
        ref = statistics.median(row.reference_times) if row.reference_times else None
        ratio = f"{ours / ref:.2f}×" if ref else "—"
        if ref and row.name.startswith("search ") and "encrypted" not in row.name:
            ratio = f"{ref / ours:.0f}× faster"
        verdict = "pass" if row.passes(ours, ref) else "FAIL"
        if row.reference is None and "jrnl" in row.name:
            verdict = "no reference (jrnl not installed)"
        lines.append(
            f"| {row.name} | {ours:.3f} s | {min(row.times):.3f} s | {max(row.times):.3f} s | "
            f"{f'{ref:.3f} s' if ref is not None else '—'} | {ratio} | {row.target} | {verdict} |"
        )
    return lines


def child_environment(home: Path) -> dict[str, str]:
    """What every timed process runs with: offscreen Qt, its own settings, bytecode cached."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # a person's install has its .pyc files
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def main() -> int:
    """Build (or reuse) the journals, time every figure, print and write the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="small journals, 2 samples")
    parser.add_argument("--samples", type=int, default=None)
    parser.add_argument("--cache", type=Path, default=Path("~/.cache/ceocto-bench").expanduser())
    parser.add_argument("--only", default="", help="only figures whose name holds this")
    parser.add_argument("--markdown", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    samples = args.samples or (2 if args.tiny else 7)
    cache = args.cache / ("tiny" if args.tiny else "full")
    with tempfile.TemporaryDirectory(prefix="ceocto-bench-") as scratch:
        env = child_environment(Path(scratch) / "home")
        journals = build_journals(cache, tiny=args.tiny, env=env, scratch=Path(scratch))
        env["CEOCTO_PASSPHRASE_FILE"] = str(cache / "passphrase.txt")  # the encrypted XL's
        before = machine_facts(journals)
        rows = [f for f in figures(journals, Path(scratch)) if args.only in f.name]
        for row in rows:
            measure(row, samples, env)
            print(table([row])[-1], file=sys.stderr, flush=True)  # as it goes
        after = os.getloadavg()
    lines = [
        *before,
        f"- load average after: {after[0]:.2f} {after[1]:.2f} {after[2]:.2f}; CPU check "
        f"after: {cpu_check():.3f} s",
        "",
        f"{samples} samples each, alternating with the reference.",
        "",
        *table(rows),
    ]
    print("\n".join(lines))
    if args.markdown:
        args.markdown.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
