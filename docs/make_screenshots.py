"""Regenerate the screenshots in docs/ from a fresh demo journal.

    QT_QPA_PLATFORM=offscreen .venv/bin/python docs/make_screenshots.py [--points 11]

Every page of the sidebar, light and dark, at 1440×900 and 1024×640, into
docs/screenshots/ as <page>-<light|dark>-<width>.png (goals-light-1440.png); and the
README's images (docs/overview.png, …, docs/commitments.png, docs/roles.png, docs/sync.png)
again, light at 1440×900.

The application font is set to --points (11 by default: GNOME's and KDE's desktop font;
a bare offscreen run would draw Qt's 9 pt and hide what is cut at the desktop's size).
Another size writes <page>-<scheme>-<width>-<points>pt.png and leaves the README's alone.

Under Xvfb (DISPLAY set, QT_QPA_PLATFORM unset) it shows the real xcb rendering instead.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

# This checkout's code, not whatever copy the interpreter has installed: Python puts docs/
# first on the path, so `python docs/make_screenshots.py` drew /work/main's (or a pip
# install's) pages, not the ones beside it.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ceocto_desktop.paths import default_demo_path
from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.services.weekly.checkins import current_week
from ceocto_desktop.ui import theme
from ceocto_desktop.ui.app import Launcher, make_application

DOCS = Path(__file__).resolve().parent
SHOTS = DOCS / "screenshots"
SIZES = ((1440, 900), (1024, 640))
SCHEMES = ("light", "dark")
DESKTOP_POINTS = 11.0
# The README's images, by sidebar title: kept under their old names so its links hold.
README_IMAGES = {
    "overview.png": "Overview",
    "checkin.png": "Check-in",
    "goals.png": "Goals",
    "decisions.png": "Decisions",
    "notes.png": "Notes",
    "trends.png": "Trends",
    "commitments.png": "Commitments",
    "roles.png": "Our roles",
}


def slug(title: str) -> str:
    """A page's file name part: "Board review" → "board-review"."""
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def paint(app: QApplication, dark: bool) -> None:
    """The app's light or dark look, as the system's scheme would choose it."""
    apply_scheme = getattr(theme, "apply_scheme", None)
    if apply_scheme is not None:
        apply_scheme(app, dark)
    else:
        style = app.style()
        app.setPalette(theme.dark_palette() if dark else style.standardPalette())


def open_sync(app: QApplication, page: object) -> None:
    """The check-in page's sync of the demo's last week both answered (the week before
    this one), kept half talked through, scrolled into view: what docs/sync.png shows."""
    this_week = page.context.read(current_week)  # type: ignore[attr-defined]
    page.show_week(this_week - timedelta(days=7))  # type: ignore[attr-defined]
    panel = page.sync  # type: ignore[attr-defined]
    if not panel.rows:
        panel.open_agenda()
        app.processEvents()
    for _ in range(4):  # the rows are laid out over the next turns
        app.processEvents()
    scroll = panel.parentWidget().parentWidget().parentWidget()
    scroll.verticalScrollBar().setValue(panel.y() - 8)  # the agenda from its top
    app.processEvents()


def demo_journal_for_shots(home: Path) -> Path:
    """Where the shots' demo journal is written: the first-run dialog's own place for it,
    under a stand-in home folder, so the status bar reads "~/.local/share/ceocto/demo-
    journal.db" as on a person's laptop, not a temporary folder's name."""
    os.environ["HOME"] = str(home)
    os.environ.pop("XDG_DATA_HOME", None)
    path = default_demo_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--points", type=float, default=DESKTOP_POINTS, help="font size (pt)")
    points = parser.parse_args(argv).points
    suffix = "" if points == DESKTOP_POINTS else f"-{points:g}pt"
    folder = Path(tempfile.mkdtemp(prefix="ceocto-shots-"))
    journal = demo_journal_for_shots(folder)
    # The window reads "this week" from today: a demo written up to today is one whose
    # current week has one partner's answers still hidden, as the README's captions say.
    write_demo_file(journal, DemoOptions(until=date.today()))
    app = make_application()
    font = QFont(app.font())
    font.setPointSizeF(points)
    app.setFont(font)
    launcher = Launcher(QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat))
    SHOTS.mkdir(exist_ok=True)
    failed: list[str] = []

    def shoot_scheme(scheme: str) -> None:
        # A window per scheme, opened after the scheme is painted, as the app starts in it:
        # widgets with their own style sheet do not all follow a palette changed later.
        paint(app, scheme == "dark")
        if not launcher.open_path(journal, explicit=True):
            failed.append(scheme)
            return
        window = launcher.windows[-1]
        rows = {window.sidebar.item(row).text(): row for row in range(window.sidebar.count())}

        def show(title: str) -> None:
            window.sidebar.setCurrentRow(rows[title])
            page = window.stack.currentWidget()
            table = getattr(page, "table", None)
            if table is not None and table.currentIndex().row() < 0:
                table.selectRow(1)  # a record open in the detail pane, as in use
            for _ in range(4):  # text boxes refit to their new width on the next turns
                app.processEvents()

        def save(path: Path) -> None:
            window.grab().save(str(path), "PNG", 0)  # 0: smallest file, same pixels
            print(path)

        window.show()
        for width, height in SIZES:
            window.resize(width, height)
            app.processEvents()
            for title in rows:
                show(title)
                save(SHOTS / f"{slug(title)}-{scheme}-{width}{suffix}.png")
        if scheme == "light" and not suffix:
            window.resize(*SIZES[0])
            for name, title in README_IMAGES.items():
                show(title)
                save(DOCS / name)
            show("Check-in")
            open_sync(app, window.stack.currentWidget())
            save(DOCS / "sync.png")
        window.close()
        app.processEvents()

    def shoot() -> None:
        for scheme in SCHEMES:
            shoot_scheme(scheme)
        app.quit()

    QTimer.singleShot(400, shoot)
    app.exec()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
