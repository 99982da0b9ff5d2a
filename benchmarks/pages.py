"""The journal-style pages on a 100,000-note journal: notes (open, next page, filters by word
and by #tag, each with its row heights measured), and the overview, roles and check-in.

    .venv/bin/ceocto demo /tmp/big.db --years 10 --notes 100000 --until 2026-11-28
    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/pages.py /tmp/big.db

Timings are wall clock on this machine; they go here, never in tests.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QSettings

from ceocto_desktop.ui.app import Launcher, make_application


def timed(action, repeat=3):
    runs = []
    for _ in range(repeat):
        s = time.perf_counter()
        action()
        runs.append(time.perf_counter() - s)
    return statistics.median(runs)


app = make_application()
settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
launcher = Launcher(settings)
launcher.open_path(Path(sys.argv[1]), explicit=True)
window = launcher.windows[-1]
window.resize(1440, 900)
rows = {window.sidebar.item(r).text(): r for r in range(window.sidebar.count())}
window.sidebar.setCurrentRow(rows["Notes"])
app.processEvents()
page = window.stack.currentWidget()
print(f"notes: {page.model.total:,}")
print(f"open (count + first page + row heights)  {timed(page.reload):.3f} s")
print(f"next page while scrolling                {timed(page.model.fetchMore):.3f} s")
for text in ("runway", "#board", "board"):
    page.filter_box.setText(text)
    print(f"filter {text!r:<10} {timed(page.reload):>28.3f} s -> {page.model.total:,}")
page.filter_box.setText("")
page.reload()
window.sidebar.setCurrentRow(rows["Overview"])
app.processEvents()
ov = window.stack.currentWidget()
print(f"overview refresh                         {timed(ov.refresh):.3f} s")
window.sidebar.setCurrentRow(rows["Our roles"])
app.processEvents()
print(
    f"roles refresh                            {timed(window.stack.currentWidget().refresh):.3f} s"
)
window.sidebar.setCurrentRow(rows["Check-in"])
app.processEvents()
print(
    f"check-in refresh                         {timed(window.stack.currentWidget().refresh):.3f} s"
)
window.close()
