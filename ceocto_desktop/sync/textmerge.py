"""Line-by-line three-way merge of a long text both laptops edited from the same version.

Edits to different lines both stay. Where both changed the same lines, both versions stay,
between markers, and the caller flags the record until someone resolves it. The earlier
edit always comes first, so both laptops compute the same text.
"""

from __future__ import annotations

from dataclasses import dataclass

import merge3

START = "<<<<<<< changed on both laptops: the earlier edit"
MIDDLE = "======= the later edit"
END = ">>>>>>> end of both versions"


@dataclass(frozen=True)
class Merged:
    """The merged text, and whether both versions had to be kept side by side."""

    text: str
    overlapping: bool


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def merge_text(base: str, earlier: str, later: str) -> Merged:
    """Merge two edits of base; overlapping edits keep both between markers."""
    if earlier == later:
        return Merged(later, False)
    if earlier == base:
        return Merged(later, False)
    if later == base:
        return Merged(earlier, False)
    merger = merge3.Merge3(_lines(base), _lines(earlier), _lines(later))
    lines = list(merger.merge_lines(start_marker=START, mid_marker=MIDDLE, end_marker=END))
    overlapping = any(line.startswith(START) for line in lines)
    text = "".join(lines)
    # Keep the later edit's ending: no newline added where it had none.
    if not later.endswith("\n") and text.endswith("\n"):
        text = text[:-1]
    return Merged(text, overlapping)
