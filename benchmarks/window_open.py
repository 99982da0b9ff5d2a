"""The window opening on a journal, timed inside the process after its imports.

    QT_QPA_PLATFORM=offscreen python benchmarks/window_open.py JOURNAL [--reports-seconds]

From asking the launcher to open the journal until the window has painted the Overview
with its data: each run is a real first show in a fresh process (benchmarks/run.py runs it
once per sample). Prints the seconds.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QSettings

from ceocto_desktop.ui.app import Launcher, make_application


class _Painted(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.done = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.done = True
        return False


def main(path: Path) -> float:
    """Seconds from open_path to the first paint of the window."""
    app = make_application()
    settings = QSettings(str(Path(tempfile.mkdtemp()) / "s.ini"), QSettings.Format.IniFormat)
    launcher = Launcher(settings)
    painted = _Painted()
    start = time.perf_counter()
    if not launcher.open_path(path, explicit=True):
        raise SystemExit(f"could not open {path}")
    launcher.windows[-1].installEventFilter(painted)
    while not painted.done:
        app.processEvents()
    return time.perf_counter() - start


if __name__ == "__main__":
    seconds = main(Path(sys.argv[1]))
    print(f"{seconds:.4f}")
    sys.stdout.flush()
    os._exit(0)  # the figure is taken: no teardown to wait for
