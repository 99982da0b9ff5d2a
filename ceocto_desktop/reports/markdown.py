"""The document as Markdown (images left out, their captions kept)."""

from __future__ import annotations

from ceocto_desktop.reports.document import (
    Bullets,
    Document,
    Heading,
    Image,
    Paragraph,
    Table,
    numeric_columns,
)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def to_markdown(document: Document) -> str:
    """Plain Markdown a person can read as text or paste anywhere."""
    lines = [f"# {document.title}", "", f"*{document.subtitle}*", ""]
    for block in document.blocks:
        if isinstance(block, Heading):
            lines += ["#" * block.level + " " + block.text, ""]
        elif isinstance(block, Paragraph):
            lines += [block.text, ""]
        elif isinstance(block, Bullets):
            lines += [f"- {item}" for item in block.items] + [""]
        elif isinstance(block, Table):
            lines.append("| " + " | ".join(_cell(h) for h in block.header) + " |")
            numbers = numeric_columns(block)  # right-aligned, as in the HTML and the PDF
            lines.append(
                "|" + "".join("---:|" if n in numbers else "---|" for n in range(len(block.header)))
            )
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
            lines.append("")
        elif isinstance(block, Image):
            lines += [f"*Chart: {block.caption} (in the PDF and HTML versions)*", ""]
    return "\n".join(lines).rstrip() + "\n"
