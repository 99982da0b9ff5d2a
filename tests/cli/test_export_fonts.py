"""A PDF export on a machine with no fonts installed still carries readable text."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest


def test_a_pdf_exported_where_no_font_is_installed_embeds_dejavu_sans(journal_path, tmp_path):
    if shutil.which("pdffonts") is None:
        if os.environ.get("CI"):
            pytest.fail("pdffonts is missing: the README's test command installs poppler-utils")
        pytest.skip("pdffonts is not installed")
    # fontconfig with no font folder at all: a minimal system, or an AppImage's host.
    config = tmp_path / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
        f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>\n"
    )
    environment = {**os.environ, "FONTCONFIG_FILE": str(config)}
    pdf = tmp_path / "retro.pdf"
    export = ["export", "retro", "--quarter", "2026-Q3", "--format", "pdf", "-o", str(pdf)]
    done = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", *export, "--db", str(journal_path)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    listed = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout
    rows = listed.splitlines()[2:]
    assert rows, "the PDF has no font: every letter is drawn as a box"
    assert all(row.split()[0].startswith("DejaVuSans") for row in rows)
    assert all(" yes " in row for row in rows)  # embedded
