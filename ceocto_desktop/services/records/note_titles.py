"""A note's opening words as a title: plain text, without the Markdown that formats them.

A note that starts "## Partner meeting, **Wednesday**" is titled "Partner meeting,
Wednesday" in search results, the palette and the notes table, as it reads rendered.
No Qt here: the shell's search uses it too.
"""

from __future__ import annotations

import re

_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_CLOSING_HASHES = re.compile(r"\s+#+\s*$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_LIST = re.compile(r"^\s*(?:[-*+]|\d{1,9}[.)])\s+(?:\[[ xX]\]\s+)?")
_RULE = re.compile(r"^\s*(?:[-=*_]\s*){3,}$")  # a setext underline or a horizontal rule
_FENCE = re.compile(r"^\s*(?:`{3,}|~{3,})")
_IMAGE_OR_LINK = re.compile(r"!?\[([^\]]*)\](?:\([^)]*\)?|\[[^\]]*\]?)")
_CUT_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*$")  # a link the title's length cut short
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]*)>")
_CODE = re.compile(r"(`+)(.+?)\1")
_STRONG = re.compile(r"(\*\*|__|~~)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_LEFT_MARKS = re.compile(
    r"(?<!\S)(?:\*{1,3}|_{1,3}|~~|`+)(?=\S)|(?<=\S)(?:\*{1,3}|_{1,3}|~~|`+)(?!\S)"
)
_ASIDE = 0xF0000  # a private-use plane, where a note's own text never goes
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>~|])")


def _plain_line(line: str) -> str:
    if _RULE.match(line) or _FENCE.match(line):
        return ""
    # An escaped sign (\\*) is that sign, never syntax: set aside until the end.
    line = _ESCAPED.sub(lambda m: chr(_ASIDE + ord(m.group(1))), line)
    line = _QUOTE.sub("", line)
    if _HEADING.match(line):
        line = _CLOSING_HASHES.sub("", _HEADING.sub("", line))
    line = _LIST.sub("", line)
    line = _CODE.sub(lambda m: m.group(2).strip(), line)
    line = _IMAGE_OR_LINK.sub(r"\1", line)
    line = _CUT_LINK.sub(r"\1", line)
    line = _AUTOLINK.sub(r"\1", line)
    for _ in range(3):  # nested: ***both***, **a _b_ c**
        line = _STRONG.sub(r"\2", line)
        line = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), line)
    line = _LEFT_MARKS.sub("", line)  # marks whose partner the cut left out
    return "".join(chr(ord(c) - _ASIDE) if _ASIDE <= ord(c) < _ASIDE + 128 else c for c in line)


def plain_title(text: str) -> str:
    """The text's lines without Markdown syntax, joined on one line with single spaces."""
    lines = (_plain_line(line) for line in text.splitlines())
    return " ".join(" ".join(lines).split())
