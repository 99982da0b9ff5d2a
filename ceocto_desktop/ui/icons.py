"""Icons for record kinds and attention items, from a font bundled with qtawesome (offline).

The glyphs are drawn here from qtawesome's Material Design Icons font and its charmap,
without importing qtawesome: through qtpy it imports every Qt class by `import *`, which
cost the window's start 0.1-0.2 s for ten sidebar icons.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.util import find_spec
from pathlib import Path

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QFontDatabase, QGuiApplication, QIcon, QPainter, QPixmap

from ceocto_desktop.ui.theme import tokens, tone_colour

# Material Design Icons names (bundled in qtawesome's fonts: nothing is fetched at run time).
KIND_ICONS = {
    "overview": "mdi6.view-dashboard-outline",
    "check-in": "mdi6.handshake-outline",
    "goals": "mdi6.flag-outline",
    "obstacles": "mdi6.alert-octagon-outline",
    "decisions": "mdi6.scale-balance",
    "notes": "mdi6.notebook-outline",
    "our roles": "mdi6.account-multiple-outline",
    "trends": "mdi6.chart-line",
    "board review": "mdi6.presentation",
    "retrospective": "mdi6.history",
    "commitments": "mdi6.checkbox-marked-circle-outline",
}
SEVERITY_ICONS = {
    "critical": "mdi6.alert-octagon",
    "high": "mdi6.alert-circle",
    "medium": "mdi6.alert",
    "low": "mdi6.information-outline",
}


# The sizes a sidebar, a list and a toolbar ask for; Qt scales the nearest for others.
_SIZES = (16, 20, 24, 32, 48)
_FONT_PREFIX = {"mdi6": "materialdesignicons6-webfont"}


def _fonts_folder() -> Path:
    spec = find_spec("qtawesome")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a dependency
        raise RuntimeError("qtawesome (for its icon fonts) is not installed")
    return Path(next(iter(spec.submodule_search_locations))) / "fonts"


@cache
def _font(prefix: str) -> tuple[str, dict[str, str]]:
    """The family of an icon font (loaded once) and its glyph names → characters."""
    stem = _FONT_PREFIX[prefix]
    folder = _fonts_folder()
    ttf = min(folder.glob(f"{stem}-*.ttf"))
    charmap = min(folder.glob(f"{stem}-charmap-*.json"))
    font_id = QFontDatabase.addApplicationFont(str(ttf))
    families = QFontDatabase.applicationFontFamilies(font_id)
    if not families:  # pragma: no cover - a damaged installation
        raise RuntimeError(f"cannot load the icon font {ttf}")
    codes = json.loads(charmap.read_text("utf-8"))
    return families[0], {name: chr(int(code, 16)) for name, code in codes.items()}


def _glyph(family: str, char: str, colour: QColor, size: int, ratio: float) -> QPixmap:
    pixmap = QPixmap(round(size * ratio), round(size * ratio))
    pixmap.setDevicePixelRatio(ratio)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    font = QFont(family)
    font.setPixelSize(round(size * 0.875))  # the glyph's box, as qtawesome draws it
    painter.setFont(font)
    painter.setPen(colour)
    painter.drawText(QRect(0, 0, size, size), Qt.AlignmentFlag.AlignCenter, char)
    painter.end()
    return pixmap


@cache
def _icon(name: str, colour: str) -> QIcon:
    prefix, _, glyph = name.partition(".")
    family, chars = _font(prefix)
    icon = QIcon()
    screen = QGuiApplication.primaryScreen() if QGuiApplication.instance() else None
    scale = screen.devicePixelRatio() if screen else 1.0
    for size in _SIZES:
        icon.addPixmap(_glyph(family, chars[glyph], QColor(colour), size, scale))
    return icon


def kind_icon(kind: str) -> QIcon:
    """The icon of a record kind or page ("goals", "Decisions"); an empty icon if unknown."""
    name = KIND_ICONS.get(kind.strip().lower())
    return _icon(name, tokens().muted) if name else QIcon()


def attention_icon(severity: str) -> QIcon:
    """An attention item's icon, in its severity's hue."""
    name = SEVERITY_ICONS.get(severity.lower(), SEVERITY_ICONS["low"])
    return _icon(name, tone_colour(severity).name())
