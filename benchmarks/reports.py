"""The Board review and Retrospective pages, and the report exports, on a big journal
(issue 11: each page shows in under 1 s; an export takes under 3 s, whole process).

    .venv/bin/ceocto demo /tmp/big.db --years 10 --notes 100000 --scale 100000
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/reports.py /tmp/big.db [2026-Q3]

A page "shows" when switching to it has built its content (the sidebar click until the
event loop is idle again), and every sample reads the page's data again (it is marked
stale first, as a change would): the median of cached shows measured nothing. Exports
run as a person runs them: `ceocto export ...` in a fresh process, imports and all.
Medians of 3 runs; timings go here, never in tests.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from ceocto_desktop.ui.app import Launcher, make_application


def median_of(action, repeat: int = 3) -> float:  # type: ignore[no-untyped-def]
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def pages(path: Path, quarter: str) -> None:
    app = make_application()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    launcher = Launcher(settings)
    if not launcher.open_path(path, explicit=True):
        raise SystemExit("could not open the journal")
    window = launcher.windows[-1]
    app.processEvents()
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]

    def show(title: str) -> None:
        window.sidebar.setCurrentRow(0)
        app.processEvents()
        # Each sample does the work: a page shown a second time with nothing changed only
        # shows what it built (0.01 s). Stale, it reads its data again as after a change.
        window.page(titles.index(title)).stale = True  # (built here if not shown yet)
        window.sidebar.setCurrentRow(titles.index(title))
        app.processEvents()

    show("Board review")  # warm-up: the first show also builds what later shows reuse
    print(f"Board review page shows      {median_of(lambda: show('Board review')):.2f} s")
    retro = window.page(titles.index("Retrospective"))
    retro.quarter.blockSignals(True)
    retro.quarter.setCurrentIndex(max(0, retro.quarter.findText(quarter)))
    retro.quarter.blockSignals(False)
    print(f"Retrospective page ({quarter}) {median_of(lambda: show('Retrospective')):.2f} s")
    window.close()


def exports(path: Path, quarter: str) -> None:
    ceocto = str(Path(sys.executable).with_name("ceocto"))
    folder = Path(tempfile.mkdtemp())
    for report, extra in (("retro", ["--quarter", quarter]), ("board", [])):
        for file_format in ("pdf", "html", "md"):
            target = folder / f"{report}.{file_format}"

            def run(
                t: Path = target, r: str = report, x: list[str] = extra, f: str = file_format
            ) -> None:
                t.unlink(missing_ok=True)
                command = [ceocto, "export", r, "--db", str(path), *x, "--format", f, "-o", str(t)]
                subprocess.run(command, check=True, capture_output=True)

            seconds = median_of(run)
            size = target.stat().st_size // 1024
            print(f"export {report} {file_format:<4} whole process   {seconds:.2f} s  ({size} KB)")


if __name__ == "__main__":
    journal = Path(sys.argv[1])
    chosen = sys.argv[2] if len(sys.argv) > 2 else "2026-Q3"
    pages(journal, chosen)
    exports(journal, chosen)
