"""The document as one self-contained HTML file (charts inlined), also the PDF's source."""

from __future__ import annotations

import base64
import html
import struct

from ceocto_desktop.reports.document import Bullets, Document, Heading, Image, Paragraph, Table

STYLE = """
body { font-family: 'DejaVu Sans', sans-serif; color: #222; line-height: 1.45; }
@media screen { body { max-width: 46em; margin: 2em auto; } }
h1 { font-size: 22pt; margin-bottom: 0; } h2 { font-size: 15pt; margin-top: 1.4em;
     border-bottom: 1px solid #ccc; } h3 { font-size: 12pt; }
.subtitle { color: #666; margin-top: 0.2em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; }
th, td { border: 1px solid #ccc; padding: 4px 6px; text-align: left; vertical-align: top; }
th { background: #f1f1f1; }
figure { margin: 1em 0; } figcaption { color: #666; font-size: 9pt; }
"""


def to_html(
    document: Document,
    *,
    images: dict[int, str] | None = None,
    title_page: bool = False,
    image_width: int | None = None,
) -> str:
    """HTML with charts inlined as data URIs (or named resources, for the PDF renderer)."""
    esc = html.escape
    parts = [f"<h1>{esc(document.title)}</h1>", f"<p class='subtitle'>{esc(document.subtitle)}</p>"]
    if title_page:
        parts.append("<p style='page-break-after: always'>&nbsp;</p>")
    for index, block in enumerate(document.blocks):
        if isinstance(block, Heading):
            parts.append(f"<h{block.level}>{esc(block.text)}</h{block.level}>")
        elif isinstance(block, Paragraph):
            parts.append(f"<p>{esc(block.text)}</p>")
        elif isinstance(block, Bullets):
            parts.append("<ul>" + "".join(f"<li>{esc(i)}</li>" for i in block.items) + "</ul>")
        elif isinstance(block, Table):
            head = "".join(f"<th>{esc(h)}</th>" for h in block.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{esc(c)}</td>" for c in row) + "</tr>" for row in block.rows
            )
            table = "<table width='100%' cellspacing='0' cellpadding='4' border='1'>"
            parts.append(f"{table}<tr>{head}</tr>{rows}</table>")
        elif isinstance(block, Image):
            source = (images or {}).get(index) or (
                "data:image/png;base64," + base64.b64encode(block.png).decode("ascii")
            )
            caption = esc(block.caption)
            if image_width is None:
                parts.append(
                    f"<figure><img src='{source}' width='100%' alt='{caption}'>"
                    f"<figcaption>{caption}</figcaption></figure>"
                )
            else:  # Qt's rich text knows no <figure> and no percentage widths
                pixels_wide, pixels_high = struct.unpack(">II", block.png[16:24])
                height = round(image_width * pixels_high / pixels_wide)
                parts.append(
                    f"<p align='center'><img src='{source}' width='{image_width}' "
                    f"height='{height}'></p>"
                    f"<p align='center' style='color:#666; font-size:8pt'>{caption}</p>"
                )
    body = "\n".join(parts)
    return (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{esc(document.title)}"
        f"</title><style>{STYLE}</style></head><body>{body}</body></html>\n"
    )
