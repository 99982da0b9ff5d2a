"""Icons for record kinds and attention items, from fonts bundled with qtawesome (offline)."""

from __future__ import annotations

from functools import cache

import qtawesome
from PySide6.QtGui import QIcon

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


@cache
def _icon(name: str, colour: str) -> QIcon:
    icon: QIcon = qtawesome.icon(name, color=colour)
    return icon


def kind_icon(kind: str) -> QIcon:
    """The icon of a record kind or page ("goals", "Decisions"); an empty icon if unknown."""
    name = KIND_ICONS.get(kind.strip().lower())
    return _icon(name, tokens().muted) if name else QIcon()


def attention_icon(severity: str) -> QIcon:
    """An attention item's icon, in its severity's hue."""
    name = SEVERITY_ICONS.get(severity.lower(), SEVERITY_ICONS["low"])
    return _icon(name, tone_colour(severity).name())
