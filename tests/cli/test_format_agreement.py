"""Every report says the same in PDF, Markdown and HTML, exported from a shell.

Each quarter of the demo journal, the busiest quarter of a `--scale` demo journal and the
board brief: the sections of the three files hold the same items (the PDF's text read
back by pdftotext), so no format drops part of a report without a word.
"""

from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from ceocto_desktop.reports.markdown import to_markdown
from ceocto_desktop.reports.retro import build_retrospective
from ceocto_desktop.services.demo.file import write_demo_file
from ceocto_desktop.services.demo.journal import DemoOptions
from ceocto_desktop.store import open_journal
from tests.report_sections import (
    assert_formats_agree,
    html_sections,
    markdown_sections,
    pdf_sections,
    pdf_text,
)

UNTIL = date(2026, 12, 6)
QUARTERS = ("2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4")
FORMATS = ("md", "html", "pdf")


def export_three(db: Path, folder: Path, *report: str) -> dict[str, Path]:
    """The report written by `ceocto export` in each format."""
    files = {}
    for file_format in FORMATS:
        target = folder / f"report.{file_format}"
        command = [sys.executable, "-m", "ceocto_desktop", "export", *report]
        done = subprocess.run(
            [*command, "--format", file_format, "-o", str(target), "--db", str(db)],
            capture_output=True,
            text=True,
            timeout=180,
        )
        assert done.returncode == 0, done.stderr
        files[file_format] = target
    return files


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo_file(path, DemoOptions(until=UNTIL))
    return path


@pytest.fixture(scope="module")
def retro(demo, tmp_path_factory):
    """A quarter's three files, exported once for the tests of this module."""
    done: dict[str, dict[str, Path]] = {}

    def files(quarter: str) -> dict[str, Path]:
        if quarter not in done:
            done[quarter] = export_three(
                demo, tmp_path_factory.mktemp(quarter), "retro", "--quarter", quarter
            )
        return done[quarter]

    return files


@pytest.mark.parametrize("quarter", QUARTERS)
def test_each_quarters_retrospective_says_the_same_in_every_format(retro, quarter):
    files = retro(quarter)
    sections = assert_formats_agree(files["md"], files["html"], files["pdf"])
    headings = [s.heading for s in sections]
    assert "Our reflection" in headings or "What we set out to do" in headings


def test_the_retrospective_pdf_holds_every_win_and_appreciation(retro):
    # The case found: 13 of 52 dated wins and appreciations, under "Wins worth keeping (26)",
    # and neither "What we appreciated in each other" nor "Our reflection".
    files = retro("2026-Q3")
    expected = html_sections(files["html"].read_text(encoding="utf-8"))
    found = pdf_sections(pdf_text(files["pdf"]), expected)
    months = [s for s in found if s.heading.endswith(" 2026")]
    assert sum(len(s.items) for s in months) == 52
    # Each once: no line of a bullet drawn again (out of sight) atop the next page.
    dated = re.compile(r"(?:Sam|Priya),weekof\d{1,2}\w{3}\d{4}:")
    assert len(dated.findall(re.sub(r"\s+", "", pdf_text(files["pdf"])))) == 52
    assert [s.heading for s in found if s.heading.startswith(("What we app", "Our ref"))] == [
        "What we appreciated in each other (26)",
        "Our reflection",
    ]


def test_the_pdf_is_searchable_words_with_fi_and_fl_come_out_as_letters(retro):
    files = retro("2026-Q3")
    words = set(re.findall(r"\w*(?:fi|fl|ff)\w*", files["md"].read_text()))
    assert {"first", "offers", "Confidence"} <= words
    found = set(re.findall(r"\w+", pdf_text(files["pdf"])))
    assert words <= found, sorted(words - found)


@pytest.mark.parametrize("meeting", ["2026-12-30", "2026-10-07"])
def test_the_board_brief_says_the_same_in_every_format(demo, tmp_path, meeting):
    files = export_three(demo, tmp_path, "board", "--meeting", meeting)
    sections = assert_formats_agree(files["md"], files["html"], files["pdf"])
    assert any(s.heading == "Goals the board follows" and s.items for s in sections)


def test_the_busiest_quarter_of_a_scaled_journal_says_the_same_in_every_format(
    tmp_path_factory, tmp_path
):
    path = tmp_path_factory.mktemp("scaled") / "scaled.db"
    write_demo_file(path, DemoOptions(until=UNTIL, scale=60))
    journal = open_journal(path)
    try:
        with journal.sessions() as session:
            size = {
                q: sum(
                    len(s.items)
                    for s in markdown_sections(to_markdown(build_retrospective(session, q)))
                )
                for q in QUARTERS
            }
    finally:
        journal.close()
    busiest = max(size, key=lambda q: size[q])
    files = export_three(path, tmp_path, "retro", "--quarter", busiest)
    sections = assert_formats_agree(files["md"], files["html"], files["pdf"])
    assert sum(len(s.items) for s in sections) == size[busiest] > 120  # more than the demo
