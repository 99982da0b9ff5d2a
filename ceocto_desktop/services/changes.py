"""What a write changed, as flags the window refreshes from (never a free-text name)."""

from __future__ import annotations

import enum


class Changed(enum.Flag):
    """The kinds of record a write touched; pages say which of these they show."""

    NOTHING = 0
    PARTNERS = enum.auto()
    GOALS = enum.auto()
    OBSTACLES = enum.auto()
    DECISIONS = enum.auto()
    NOTES = enum.auto()
    CHECKINS = enum.auto()
    BOARD = enum.auto()
    RETROS = enum.auto()
    PINS = enum.auto()
    COMMITMENTS = enum.auto()  # commitments and the weekly sync's agenda
    # Everything: what another program (the shell, another window) may have written.
    ALL = (
        PARTNERS
        | GOALS
        | OBSTACLES
        | DECISIONS
        | NOTES
        | CHECKINS
        | BOARD
        | RETROS
        | PINS
        | COMMITMENTS
    )
