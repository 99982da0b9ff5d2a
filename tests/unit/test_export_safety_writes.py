"""Writing a report: whole or not at all, never over a file that appeared meanwhile."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from ceocto_desktop.reports import export as export_module
from ceocto_desktop.reports.document import Document, Paragraph
from ceocto_desktop.reports.export import ExportError, TargetExists, check_target, export


def small_document() -> Document:
    document = Document("Retrospective 2026-Q3", "Sam and Priya")
    document.add(Paragraph("We wrote every decision down."))
    return document


def leftovers(folder: Path, *keep: str) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name not in keep)


def test_a_file_that_appears_while_writing_is_not_replaced(tmp_path, monkeypatch):
    out = tmp_path / "retro.md"
    render = export_module._render

    def someone_else_writes_it(document: Document, file_format: str, partial: Path) -> None:
        out.write_text("saved by another program meanwhile")
        render(document, file_format, partial)

    monkeypatch.setattr(export_module, "_render", someone_else_writes_it)
    with pytest.raises(TargetExists):
        export(small_document(), "md", out)
    assert out.read_text() == "saved by another program meanwhile"
    assert leftovers(tmp_path, "retro.md") == []


def test_a_write_that_fails_half_way_keeps_the_older_file(tmp_path, monkeypatch):
    out = tmp_path / "retro.md"
    out.write_text("the older report")

    def disk_fills_up(document: Document, file_format: str, partial: Path) -> None:
        partial.write_text("# Retrospective 2026-Q3\n\nWe wrote ev")
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(export_module, "_render", disk_fills_up)
    with pytest.raises(ExportError, match=r"^the disk is full; .*retro\.md was not written"):
        export(small_document(), "md", out, force=True)
    assert out.read_text() == "the older report"
    assert leftovers(tmp_path, "retro.md") == []


def test_a_pdf_qt_did_not_finish_is_a_failure_not_a_file(tmp_path, monkeypatch):
    from ceocto_desktop.reports import pdf

    out = tmp_path / "retro.pdf"
    out.write_bytes(b"%PDF-1.4 the older one")
    # As when QPainter.begin() fails on the writer: nothing is drawn, Qt says nothing.
    monkeypatch.setattr(pdf, "print_document", lambda text, writer, footer: None)
    with pytest.raises(ExportError, match="Qt did not finish the PDF"):
        export(small_document(), "pdf", out, force=True)
    assert out.read_bytes() == b"%PDF-1.4 the older one"
    assert leftovers(tmp_path, "retro.pdf") == []


def test_a_pdf_is_written_whole(tmp_path):
    out = export(small_document(), "pdf", tmp_path / "retro.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert leftovers(tmp_path) == ["retro.pdf"]


def test_a_hard_link_to_the_journal_is_the_journal(journal_path, tmp_path):
    alias = tmp_path / "alias.md"
    os.link(journal_path, alias)
    with pytest.raises(ExportError, match="is the open journal"):
        check_target(alias, force=True, protect=(journal_path,))


def test_an_sqlite_file_under_any_name_is_refused(journal_path, tmp_path):
    disguised = tmp_path / "notes.md"
    disguised.write_bytes(journal_path.read_bytes())
    with pytest.raises(ExportError, match="is a database"):
        export(small_document(), "md", disguised, force=True)
    assert disguised.read_bytes() == journal_path.read_bytes()
