"""How the record tables hold up on a 100,000-row journal (issue 3's scale target).

    .venv/bin/ceocto demo /tmp/big.db --years 10 --notes 100000 --scale 100000
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/tables.py /tmp/big.db

Prints, for each page: opening it (count + first page), each column sort, a text filter,
and scrolling one more page. Target: every step well under a second, so the window never
feels stuck. Timings are wall clock on this machine; they go here, never in tests.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings, Qt

from ceocto_desktop.ui.app import Launcher, make_application
from ceocto_desktop.ui.pages.record_page import RecordPage


def timed(action, repeat: int = 3) -> float:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        runs.append(time.perf_counter() - start)
    return statistics.median(runs)


def main(path: Path) -> None:
    app = make_application()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    start = time.perf_counter()
    launcher = Launcher(settings)
    if not launcher.open_path(path, explicit=True):
        raise SystemExit("could not open the journal")
    window = launcher.windows[-1]
    app.processEvents()
    print(f"window open (pages are built when first shown): {time.perf_counter() - start:.2f} s")
    for row in range(window.stack.count()):
        page = window.page(row)
        if not isinstance(page, RecordPage):
            continue
        window.sidebar.setCurrentRow(row)
        app.processEvents()
        model = page.model
        print(f"\n{page.kind}: {model.total:,} rows, {model.rowCount()} loaded")
        print(f"  open (count + first page)   {timed(page.reload):.3f} s")
        for column in range(model.columnCount()):
            title = model.columns[column].title
            for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
                seconds = timed(lambda m=model, c=column, o=order: m.sort(c, o), repeat=1)
                arrow = "asc" if order == Qt.SortOrder.AscendingOrder else "desc"
                print(f"  sort {title:<12} {arrow:<4}        {seconds:.3f} s")
        model.sort(0, Qt.SortOrder.AscendingOrder)
        print(f"  next page while scrolling   {timed(model.fetchMore):.3f} s")
        page.filter_box.setText("series")
        print(f"  filter 'series'             {timed(page.reload):.3f} s -> {model.total:,}")
        page.filter_box.setText("")
        page.reload()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1]))
