"""The PDF's subject and language, which QPdfWriter cannot set, added as an incremental
update (new catalog and info objects appended; nothing Qt wrote is rewritten)."""

from __future__ import annotations

import re
from pathlib import Path


class PdfMetaError(ValueError):
    """The file is not a PDF laid out as QPdfWriter writes them."""


def pdf_text(value: str) -> bytes:
    """A PDF text string in UTF-16BE with its byte-order mark, as hex."""
    return b"<FEFF" + value.encode("utf-16-be").hex().upper().encode("ascii") + b">"


def _object(data: bytes, number: int) -> bytes:
    found = re.search(rb"(?:^|\n)%d 0 obj\s*(<<.*?)\s*endobj" % number, data, re.DOTALL)
    if found is None:
        raise PdfMetaError(f"object {number} not found")
    return found.group(1)


def add_pdf_metadata(path: Path, *, subject: str, language: str) -> None:
    """Append /Subject to the document information and /Lang to the catalog."""
    data = path.read_bytes()
    tail = data[data.rfind(b"trailer") :]
    try:
        root = int(re.search(rb"/Root (\d+) 0 R", tail)[1])  # type: ignore[index]
        info = int(re.search(rb"/Info (\d+) 0 R", tail)[1])  # type: ignore[index]
        size = int(re.search(rb"/Size (\d+)", tail)[1])  # type: ignore[index]
        previous = int(re.search(rb"startxref\s+(\d+)", tail)[1])  # type: ignore[index]
    except TypeError:
        raise PdfMetaError("no classic trailer") from None
    catalog = _object(data, root).replace(b"<<", b"<<\n/Lang " + pdf_text(language), 1)
    information = _object(data, info).replace(b"<<", b"<<\n/Subject " + pdf_text(subject), 1)
    update = bytearray(b"\n")
    offsets = {}
    for number, body in ((root, catalog), (info, information)):
        offsets[number] = len(data) + len(update)
        update += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(data) + len(update)
    update += b"xref\n"
    for number in sorted(offsets):
        update += b"%d 1\n%010d 00000 n \n" % (number, offsets[number])
    update += (
        b"trailer\n<<\n/Size %d\n/Root %d 0 R\n/Info %d 0 R\n/Prev %d\n>>\nstartxref\n%d\n%%%%EOF\n"
        % (size, root, info, previous, xref)
    )
    with path.open("ab") as handle:
        handle.write(update)
