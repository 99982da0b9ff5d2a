"""The document as PDF: QTextDocument printed by QPdfWriter, offscreen, with no window.

Four ways were measured for the issue; this was the fastest and adds no dependency. Qt
embeds the fonts and numbers the pages when it paginates the document itself.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

from ceocto_desktop.reports.document import Document, Image
from ceocto_desktop.reports.html import to_html
from ceocto_desktop.reports.pdf_fonts import ensure_report_font
from ceocto_desktop.reports.pdf_layout import print_document
from ceocto_desktop.reports.pdf_meta import add_pdf_metadata

PRINT_DPI = 300
# Image width in the document's own units: the text column of an A4 page with these margins.
IMAGE_WIDTH = 620
# OpenType features that join letters into one glyph (standard, contextual, discretionary,
# historical ligatures).
LIGATURE_FEATURES = ("liga", "clig", "dlig", "hlig")


def write_pdf(document: Document, path: Path) -> None:
    """Render to path (A4, numbered pages, charts at print resolution, full metadata)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
    from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPdfWriter, QTextDocument

    if QGuiApplication.instance() is None:
        write_pdf.app = QGuiApplication([])  # type: ignore[attr-defined]
    ensure_report_font()
    text = QTextDocument()
    fill_text_document(text, document, IMAGE_WIDTH)
    turn_off_ligatures(text)
    # Qt writes a file without a word when the disk is full (and its painter keeps its
    # result to itself): draw into memory, check the PDF is whole, then write it with
    # Python, which raises on every failed write.
    buffer = QBuffer()
    if not buffer.open(QIODevice.OpenModeFlag.WriteOnly):
        raise OSError(errno.EIO, "Qt could not open a buffer for the PDF")
    writer = QPdfWriter(buffer)
    writer.setResolution(PRINT_DPI)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    # print_document() lays out its own margins, footer and page numbers.
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    writer.setTitle(document.title)
    writer.setCreator("ceocto")
    writer.setAuthor(document.author)
    print_document(text, writer, f"{document.title} · {document.author}".strip(" ·"))
    del writer  # the PDF is complete once the writer is gone
    buffer.close()
    data = bytes(buffer.data().data())
    if not (data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")):
        raise OSError(errno.EIO, "Qt did not finish the PDF")
    with path.open("wb") as handle:
        handle.write(data)
    add_pdf_metadata(path, subject=document.subject, language=document.language)


def turn_off_ligatures(text: Any) -> None:
    """Every character of the document drawn without ligatures, so the PDF is searchable.

    Qt writes a ligature such as "fi" as the one character U+FB01, and "first" is then not
    found in the PDF (nor by pdftotext or a screen reader). The document's default font
    does not reach the characters of an HTML document; their own formats must say it.
    """
    from PySide6.QtGui import QFont, QTextCharFormat, QTextCursor

    plain = QTextCharFormat()
    plain.setFontFeatures({QFont.Tag(tag): 0 for tag in LIGATURE_FEATURES})
    cursor = QTextCursor(text)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.mergeCharFormat(plain)


def fill_text_document(
    text: Any, document: Document, image_width: int, dark: bool = False, pixel_ratio: float = 1.0
) -> None:
    """Put the document into a QTextDocument, charts added as its own image resources
    (drawn at pixel_ratio: a HiDPI screen's preview keeps its text and "−" sharp)."""
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QImage, QTextDocument

    names = {i: f"chart{i}.png" for i, b in enumerate(document.blocks) if isinstance(b, Image)}
    for index, name in names.items():
        block = document.blocks[index]
        assert isinstance(block, Image)
        if block.rgba is not None:
            width, height, pixels = block.rgba
            image = QImage(pixels, width, height, 4 * width, QImage.Format.Format_RGBA8888).copy()
        else:
            image = QImage.fromData(block.png)
        image.setDevicePixelRatio(pixel_ratio)
        text.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(name), image)
    text.setHtml(to_html(document, images=names, image_width=image_width, dark=dark))
