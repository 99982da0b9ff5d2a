"""One document model for the retrospective and the board brief, rendered three ways."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Image:
    """A chart, drawn only when a format shows it (Markdown never loads matplotlib)."""

    render: Callable[[], bytes]
    caption: str
    width_cm: float = 16.0
    # The same chart as unencoded pixels (width, height, RGBA rows), where it can be drawn
    # so: what Qt shows (the PDF, the preview) needs no PNG encoded and decoded again.
    render_rgba: Callable[[], tuple[int, int, bytes]] | None = None

    @cached_property
    def png(self) -> bytes:
        return self.render()

    @cached_property
    def rgba(self) -> tuple[int, int, bytes] | None:
        return None if self.render_rgba is None else self.render_rgba()


Block = Heading | Paragraph | Bullets | Table | Image


@dataclass
class Document:
    title: str
    subtitle: str
    blocks: list[Block] = field(default_factory=list)
    author: str = ""  # the pair, for the PDF's and HTML's metadata
    subject: str = ""
    language: str = "en"
    # Up to four headline figures under the title (figure, label), e.g. ("3 of 5", "goals").
    headline: tuple[tuple[str, str], ...] = ()

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)


NUMBER = re.compile(r"^[−+-]?\d[\d.,]*\s?(%|pts)?$")


def numeric_columns(table: Table) -> set[int]:
    """The columns whose every filled cell is a number ("52%", "3.7", "+12 pts"): set right."""
    found = set()
    for column in range(len(table.header)):
        cells = [row[column] for row in table.rows if row[column] not in ("", "—")]
        if cells and all(NUMBER.match(cell) for cell in cells):
            found.add(column)
    return found
