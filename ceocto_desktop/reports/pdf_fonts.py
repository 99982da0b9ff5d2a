"""The reports' font, DejaVu Sans, even on a system that has none installed.

The PDF asks for DejaVu Sans. A Debian desktop has it; a minimal system, an AppImage's host,
macOS or Windows may not, and Qt then draws every letter as a box. matplotlib ships the
same font with every install of ceocto (and inside the bundle), so Qt is given that copy.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

FAMILY = "DejaVu Sans"
FILES = (
    "DejaVuSans.ttf",
    "DejaVuSans-Bold.ttf",
    "DejaVuSans-Oblique.ttf",
    "DejaVuSans-BoldOblique.ttf",
)


def shipped_font_folder() -> Path | None:
    """matplotlib's TrueType folder, found without importing matplotlib."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "mpl-data" / "fonts" / "ttf"
    return folder if folder.is_dir() else None


def ensure_report_font() -> bool:
    """Give Qt DejaVu Sans from matplotlib when the system has none; whether Qt has it now."""
    from PySide6.QtGui import QFontDatabase

    if FAMILY in QFontDatabase.families():
        return True
    folder = shipped_font_folder()
    if folder is None:
        return False
    for name in FILES:
        if (folder / name).is_file():
            QFontDatabase.addApplicationFont(str(folder / name))
    return FAMILY in QFontDatabase.families()
