"""The document as one self-contained HTML file (charts inlined), also the PDF's source.

Two dialects from one walk: valid HTML5 for the exported file (checked with the Nu HTML
checker), and the subset Qt's rich text understands for the PDF and the preview (table
attributes, no <figure>, pixel widths), which the Nu checker would call obsolete.
"""

from __future__ import annotations

import base64
import html
import struct
from collections.abc import Sequence

from ceocto_desktop.reports.document import (
    Bullets,
    Document,
    Heading,
    Image,
    Paragraph,
    Table,
    numeric_columns,
)

STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; color: #222; line-height: 1.45; }
@media screen { body { max-width: 46em; margin: 2em auto; padding: 0 1em; } }
h1 { font-size: 22pt; margin-bottom: 0; } h2 { font-size: 15pt; margin-top: 1.4em;
     border-bottom: 1px solid #ccc; } h3 { font-size: 12pt; } h4 { font-size: 10.5pt; }
.subtitle { color: #666; margin-top: 0.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; }
th, td { border: none; border-bottom: 1px solid #dedede; padding: 4px 6px; text-align: left;
     vertical-align: top; }
th { border-bottom: 1px solid #8a8a8a; color: #555; font-weight: 600; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.headline td { border: none; text-align: center; width: 25%; }
table.headline .figure { font-size: 18pt; font-weight: bold; display: block; }
table.headline .label { color: #666; font-size: 9pt; }
figure { margin: 1em 0; } figcaption { color: #666; font-size: 9pt; }
figure img { max-width: 100%; height: auto; }
@media print { h2, h3, h4 { break-after: avoid; } figure, tr { break-inside: avoid; } }
"""

# Qt's rich text: colours set per theme; hairline rules under each row, none between
# columns (a full grid in light grey glared on the dark preview).
QT_STYLE = """
h1 {{ font-size: 20pt; margin-bottom: 0; }} h2 {{ font-size: 14pt; margin-top: 14px; }}
h3 {{ font-size: 11.5pt; margin-top: 10px; }} h4 {{ font-size: 10pt; margin-top: 6px; }}
table.rules {{ border-collapse: collapse; }}
table.rules td {{ border-bottom: 1px solid {rule}; }}
table.rules th {{ color: {muted}; font-weight: bold; border-bottom: 1px solid {strong}; }}
.subtitle {{ color: {muted}; }} .caption {{ color: {muted}; font-size: 8pt; }}
.figure {{ font-size: 17pt; font-weight: bold; }} .label {{ color: {muted}; font-size: 8pt; }}
"""


def png_size(png: bytes) -> tuple[int, int]:
    """Width and height of a PNG, from its header."""
    width, height = struct.unpack(">II", png[16:24])
    return int(width), int(height)


def _right(number: bool, qt: bool, header: bool = False) -> str:
    """A cell's alignment: numbers right; in Qt's dialect headers left (it centres them)."""
    if not number:
        return " align='left'" if qt and header else ""
    return " align='right'" if qt else " class='num'"


def to_html(
    document: Document,
    *,
    images: dict[int, str] | None = None,
    image_width: int | None = None,
    dark: bool = False,
) -> str:
    """Valid HTML5 with charts inlined as data URIs; with image_width, Qt's dialect, where
    charts are named resources of that width in pixels (for the PDF and the preview)."""
    esc = html.escape
    qt = image_width is not None
    parts = [f"<h1>{esc(document.title)}</h1>", f"<p class='subtitle'>{esc(document.subtitle)}</p>"]
    if document.headline:
        parts.append(_headline_html(document.headline, qt))
    for index, block in enumerate(document.blocks):
        if isinstance(block, Image):
            parts.append(_image_html(block, (images or {}).get(index, ""), image_width))
        else:
            parts.append(_block_html(block, qt))
    body = "\n".join(parts)
    if qt:
        style = QT_STYLE.format(
            rule="#3a3f46" if dark else "#dedede",
            strong="#555a62" if dark else "#8a8a8a",
            muted="#a0a6ad" if dark else "#666666",
        )
    else:
        style = STYLE
    lang = esc(document.language)
    meta = "".join(
        f"<meta name='{name}' content='{esc(value)}'>"
        for name, value in (("author", document.author), ("description", document.subject))
        if value
    )
    return (
        f"<!DOCTYPE html><html lang='{lang}'><head><meta charset='utf-8'>"
        f"<title>{esc(document.title)}</title>{meta}<style>{style}</style></head>"
        f"<body>{body}</body></html>\n"
    )


def _headline_html(headline: Sequence[tuple[str, str]], qt: bool) -> str:
    """The headline figures in one row of a table."""
    esc = html.escape
    cells = "".join(
        f"<td align='center'><span class='figure'>{esc(figure)}</span><br>"
        f"<span class='label'>{esc(label)}</span></td>"
        if qt
        else f"<td><span class='figure'>{esc(figure)}</span>"
        f"<span class='label'>{esc(label)}</span></td>"
        for figure, label in headline
    )
    table = "<table width='100%' cellpadding='6'>" if qt else "<table class='headline'>"
    return f"{table}<tr>{cells}</tr></table>"


def _block_html(block: Heading | Paragraph | Bullets | Table, qt: bool) -> str:
    """A heading, paragraph, list or table."""
    esc = html.escape
    if isinstance(block, Heading):
        return f"<h{block.level}>{esc(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        return f"<p>{esc(block.text)}</p>"
    if isinstance(block, Bullets):
        return "<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>"
    # <thead>: Qt repeats the header row on every page a long table runs onto.
    numbers = numeric_columns(block)
    head = "".join(
        f"<th{_right(n in numbers, qt, header=True)}>{esc(h)}</th>"
        for n, h in enumerate(block.header)
    )
    rows = "".join(
        "<tr>"
        + "".join(f"<td{_right(n in numbers, qt)}>{esc(c)}</td>" for n, c in enumerate(row))
        + "</tr>"
        for row in block.rows
    )
    table = (
        "<table class='rules' width='100%' cellspacing='0' cellpadding='4' border='0'>"
        if qt
        else "<table>"
    )
    return f"{table}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _image_html(block: Image, source: str, image_width: int | None) -> str:
    """A chart: inlined as a data URI, or (image_width) Qt's named resource of that width."""
    caption = html.escape(block.caption)
    if image_width is not None and block.rgba is not None:  # Qt's resource: no PNG needed
        wide, high, _pixels = block.rgba
    else:
        wide, high = png_size(block.png)
    if image_width is None:
        source = "data:image/png;base64," + base64.b64encode(block.png).decode("ascii")
        return (
            f"<figure><img src='{source}' width='{wide}' height='{high}' "
            f"alt='{caption}'><figcaption>{caption}</figcaption></figure>"
        )
    height = round(image_width * high / wide)
    return (
        f"<p align='center'><img src='{source}' width='{image_width}' "
        f"height='{height}'></p><p align='center' class='caption'>{caption}</p>"
    )
