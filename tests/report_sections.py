"""Reading an exported report back, per section, in each of its three formats.

A section is a heading (h2–h4, or ##–####) and the items under it up to the next
heading: bullets, table rows, paragraphs and chart captions. Markdown and HTML are parsed;
a PDF's text (pdftotext) has no structure left, so each section's items, taken from the
HTML, are looked for in order after that section's heading.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from tests.system_tools import require_tool

LIGATURES = re.compile("[\ufb00-\ufb06]")
CELLS = " | "  # between the cells of a table row, in an item


def _find(dense: str, item: str, start: int) -> int:
    """Where the item ends in the PDF's text (whitespace removed) after start, or -1.

    A table row is found by its first cell, whose words may be interleaved with the other
    cells' (pdftotext reads a wrapped cell's second line after its neighbours' first); a
    chart by its caption; anything else must be there in one piece. A row is said to end
    where its first word does: a row a page break splits reads its last words after the
    rows of the next page, which are looked for next.
    """
    if CELLS not in item:
        wanted = _dense(item.removeprefix("chart: "))
        at = dense.find(wanted, start)
        return -1 if at < 0 else at + len(wanted)
    first = next((cell for cell in item.split(CELLS) if cell), "")
    words = [_dense(word) for word in first.split()]
    at = dense.find(words[0], start)
    while at >= 0:
        end = at + len(words[0])
        for word in words[1:]:
            end = dense.find(word, end, at + ROW_REACH)
            if end < 0:
                break
            end += len(word)
        else:
            return at + len(words[0])
        at = dense.find(words[0], at + 1)
    return -1


# How far a row's first cell may spread in the text, its neighbours' words among its own.
ROW_REACH = 400


@dataclass
class Section:
    heading: str
    items: list[str] = field(default_factory=list)


def _squash(text: str) -> str:
    return " ".join(text.split())


def markdown_sections(text: str) -> list[Section]:
    """The sections of a Markdown export (the title and subtitle left out)."""
    sections: list[Section] = []
    paragraph: list[str] = []
    in_table = False

    def flush() -> None:
        if paragraph and sections:
            sections[-1].items.append(_squash(" ".join(paragraph)))
        paragraph.clear()

    for line in text.splitlines():
        heading = re.match(r"^(#{1,6}) (.*)$", line)
        if heading:
            flush()
            if len(heading.group(1)) > 1:
                sections.append(Section(_squash(heading.group(2))))
        elif not line.strip():
            flush()
            in_table = False
        elif line.startswith("- "):
            flush()
            sections[-1].items.append(_squash(line[2:]))
        elif line.startswith("|"):
            if not in_table:
                in_table = True  # the header row
            elif not re.fullmatch(r"\|(---:?\|)+", line):
                cells = re.split(r"(?<!\\)\|", line.strip())[1:-1]
                row = CELLS.join(_squash(c.replace("\\|", "|")) for c in cells)
                sections[-1].items.append(_squash(row))
        elif line.startswith("*Chart: "):
            caption = line.removeprefix("*Chart: ").removesuffix(" (in the PDF and HTML versions)*")
            sections[-1].items.append(_squash("chart: " + caption))
        elif sections:
            paragraph.append(line)
    flush()
    return sections


class _HtmlSections(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.sections: list[Section] = []
        self.text: list[str] | None = None  # the text being collected, if any
        self.kind = ""
        self.cells: list[str] | None = None
        self.in_body_rows = False
        self.skip_table = False
        self.headers: list[str] = []  # each table's header row, its cells run together

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        classes = dict(attrs).get("class") or ""
        if tag == "table" and "headline" in classes:
            self.skip_table = True
        elif tag in ("h2", "h3", "h4", "li", "p", "figcaption") and "subtitle" not in classes:
            self.text, self.kind = [], tag
        elif tag == "tbody":
            self.in_body_rows = True
        elif tag == "tr" and self.in_body_rows and not self.skip_table:
            self.cells = []
        elif tag == "td" and self.cells is not None:
            self.text, self.kind = [], "td"
        elif tag == "thead":
            self.headers.append("")
        elif tag == "th":
            self.text, self.kind = [], "th"

    def handle_endtag(self, tag: str) -> None:
        if tag == "table":
            self.skip_table = False
            self.in_body_rows = False
        elif tag == "tr" and self.cells is not None:
            self.sections[-1].items.append(CELLS.join(self.cells))
            self.cells = None
        elif self.text is not None and tag == self.kind:
            text = _squash("".join(self.text))
            self.text = None
            if tag in ("h2", "h3", "h4"):
                self.sections.append(Section(text))
            elif tag == "td":
                assert self.cells is not None
                self.cells.append(text)
            elif tag == "th":
                self.headers[-1] += text
            elif self.sections and not self.skip_table:
                self.sections[-1].items.append("chart: " + text if tag == "figcaption" else text)

    def handle_data(self, data: str) -> None:
        if self.text is not None:
            self.text.append(data)


def html_sections(text: str) -> list[Section]:
    """The sections of an HTML export."""
    parser = _HtmlSections()
    parser.feed(text)
    return parser.sections


def table_headers(text: str) -> list[str]:
    """The header row of each table of an HTML export (Qt repeats it on each page)."""
    parser = _HtmlSections()
    parser.feed(text)
    return parser.headers


def pdf_text(path: Path) -> str:
    """The PDF's text, by pdftotext (poppler-utils, in the README's test command)."""
    tool = require_tool("pdftotext")
    done = subprocess.run([tool, str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


def _dense(text: str) -> str:
    # pdftotext breaks lines and drops or adds spaces around arrows and dashes; compare
    # the characters alone.
    return re.sub(r"\s+", "", text)


def pdf_sections(text: str, expected: list[Section]) -> list[Section]:
    """The expected sections' items that the PDF text holds, in order, each after its own
    section's heading (a page's footer may fall inside an item, so footers are dropped)."""
    dense = _dense(text)
    found: list[Section] = []
    cursor = 0
    for section in expected:
        at = dense.find(_dense(section.heading), cursor)
        if at < 0:
            found.append(Section("(missing) " + section.heading))
            continue
        cursor = at + len(_dense(section.heading))
        here = Section(section.heading)
        for item in section.items:
            end = _find(dense, item, cursor)
            if end >= 0:
                here.items.append(item)
                cursor = end
        found.append(here)
    return found


def counts(sections: list[Section]) -> list[tuple[str, int]]:
    """Each section's heading with the number of its items."""
    return [(s.heading, len(s.items)) for s in sections]


def assert_formats_agree(markdown: Path, html: Path, pdf: Path) -> list[Section]:
    """The three exports of one report hold the same sections with the same items."""
    from_markdown = markdown_sections(markdown.read_text(encoding="utf-8"))
    from_html = html_sections(html.read_text(encoding="utf-8"))
    assert from_markdown, f"{markdown.name} has no sections"
    assert from_html == from_markdown, _differences(from_markdown, from_html)
    text = pdf_text(pdf)
    assert not LIGATURES.findall(text), "the PDF writes ligatures, which search cannot find"
    from_pdf = pdf_sections(text, from_html)
    assert counts(from_pdf) == counts(from_html), _differences(from_html, from_pdf)
    repeated = table_headers(html.read_text(encoding="utf-8"))
    assert not read_twice(text, from_html, repeated), read_twice(text, from_html, repeated)
    return from_markdown


def _differences(expected: list[Section], found: list[Section]) -> str:
    lines = [f"{len(expected)} sections expected, {len(found)} found"]
    for want, got in zip(expected, found, strict=False):
        if want != got:
            missing = [item for item in want.items if item not in got.items]
            lines.append(
                f"{want.heading!r} ({len(want.items)}) vs {got.heading!r} "
                f"({len(got.items)}); missing: {missing[:5]}"
            )
    return "\n".join(lines)


def read_twice(text: str, sections: list[Section], repeated: list[str]) -> list[str]:
    """Lines of the PDF's text found there more often than the report holds them (a line
    drawn again, clipped out of sight, at the top of the next page); a table's header row
    (repeated) may come back on each page."""
    title = text.splitlines()[0] if text.strip() else ""
    headers = _dense(" ".join(repeated))
    # Not yet held to it: a table row split by a page break (its first line comes back
    # the same way, and keeping a row whole is Qt's table layout's business).
    rows = _dense(" ".join(i for s in sections for i in s.items if CELLS in i))
    held = _dense(" ".join(s.heading + " " + " ".join(s.items) for s in sections))
    dense = _dense(text)
    twice = []
    for line in {line.strip() for line in text.splitlines()}:
        wanted = _dense(line)
        footer = line.startswith(title) or wanted in headers  # on each page
        if wanted in rows:
            continue
        if len(wanted) >= 25 and not footer and dense.count(wanted) > max(1, held.count(wanted)):
            twice.append(line)
    return sorted(twice)
