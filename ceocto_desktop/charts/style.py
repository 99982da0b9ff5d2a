"""The partners' colours and names and the theme a chart sits in (no matplotlib here, so a
report can set a chart up without loading it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Style:
    """The partners' colours and names, and the theme the figure sits in."""

    colors: Mapping[str, str]
    names: Mapping[str, str]
    dark: bool = False
    quarter: tuple[date, date] | None = None  # a report's quarter, shaded on time axes

    @property
    def ink(self) -> str:
        return "#e6e6e6" if self.dark else "#222222"

    @property
    def paper(self) -> str:
        return "#1f2227" if self.dark else "#ffffff"

    @property
    def muted(self) -> str:
        return "#8a8f98" if self.dark else "#777777"

    @property
    def gap_alpha(self) -> float:
        """How strongly the perception gap is shaded: on dark paper 0.18 was all but black."""
        return 0.4 if self.dark else 0.18
