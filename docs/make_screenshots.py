"""Regenerate the screenshots in docs/ from a fresh demo journal.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py

Under Xvfb (DISPLAY set, QT_QPA_PLATFORM unset) it shows the real xcb rendering instead.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import date
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer

from ceocto_desktop.services.demo import DemoOptions
from ceocto_desktop.services.demo_file import write_demo_file
from ceocto_desktop.ui.app import Launcher, make_application

DOCS = Path(__file__).resolve().parent


def main() -> int:
    folder = Path(tempfile.mkdtemp(prefix="ceocto-shots-"))
    journal = folder / "demo.db"
    write_demo_file(journal, DemoOptions(until=date(2026, 11, 28)))
    app = make_application()
    launcher = Launcher(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    if not launcher.open_path(journal, explicit=True):
        return 1
    window = launcher.windows[-1]
    window.resize(1100, 720)
    # By the sidebar's titles, not positions: pages added later do not shift the shots.
    pages = {
        "overview.png": "Overview",
        "checkin.png": "Check-in",
        "goals.png": "Goals",
        "decisions.png": "Decisions",
        "notes.png": "Notes",
        "trends.png": "Trends",
    }
    rows = {window.sidebar.item(row).text(): row for row in range(window.sidebar.count())}

    def shoot() -> None:
        for name, title in pages.items():
            window.sidebar.setCurrentRow(rows[title])
            table = getattr(window.stack.currentWidget(), "table", None)
            if table is not None:
                table.selectRow(1)
            app.processEvents()
            window.grab().save(str(DOCS / name))
            print(DOCS / name)
        window.close()
        app.quit()

    QTimer.singleShot(400, shoot)
    app.exec()
    return 0


if __name__ == "__main__":
    sys.exit(main())
