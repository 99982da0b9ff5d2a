"""`ceocto export` never destroys a file it should not: journals, databases, devices, links.

An ordinary file is replaced only with --force, and a failed write (a full disk) leaves the
older file as it was and no temporary file behind.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main
from tests.cli.conftest import digest

CEOCTO = str(Path(sys.executable).with_name("ceocto"))
RETRO = ["export", "retro", "--quarter", "2026-Q3"]


def ceocto(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([CEOCTO, *args], capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def demo_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.db"
    made = ceocto("demo", str(path), "--until", "2026-11-28", "--notes", "40")
    assert made.returncode == 0, made.stderr
    return path


@pytest.fixture
def demo(demo_template, tmp_path) -> Path:
    """A private copy in its own folder, so a test can list every file left there."""
    folder = tmp_path / "journal"
    folder.mkdir()
    path = folder / "journal.db"
    shutil.copyfile(demo_template, path)
    return path


def test_export_onto_the_open_journal_is_refused_even_with_force(demo):
    before = digest(demo)
    for extra in ([], ["--force"]):
        result = ceocto(*RETRO, "--format", "md", "-o", str(demo), "--db", str(demo), *extra)
        assert result.returncode == 1
        assert result.stderr == f"ceocto: {demo} is the open journal; export never replaces it.\n"
        assert "Wrote" not in result.stdout
    assert digest(demo) == before
    assert ceocto("check", "--db", str(demo)).stdout.strip() == "ok"


def test_export_onto_another_journal_or_its_wal_is_refused(demo, demo_template, tmp_path):
    other = tmp_path / "other.db"
    shutil.copyfile(demo_template, other)
    before = digest(other)
    assert main([*RETRO, "--format", "md", "-o", str(other), "--db", str(demo), "--force"]) == 1
    assert digest(other) == before
    wal = demo.with_name("journal.db-wal")  # absent now, but SQLite would read it as one
    assert main([*RETRO, "--format", "md", "-o", str(wal), "--db", str(demo)]) == 1
    assert not wal.exists()


def test_export_through_a_symbolic_link_is_refused(demo, tmp_path, capsys):
    real = tmp_path / "real.md"
    real.write_text("what the link points at")
    link = tmp_path / "link.md"
    link.symlink_to(real)
    code = main([*RETRO, "--format", "md", "-o", str(link), "--db", str(demo), "--force"])
    assert code == 1
    assert "is a symbolic link" in capsys.readouterr().err
    assert real.read_text() == "what the link points at" and link.is_symlink()


@pytest.mark.parametrize("device", ["/dev/null", "/dev/full"])
def test_export_onto_a_device_is_refused(demo, device, capsys):
    code = main([*RETRO, "--format", "md", "-o", device, "--db", str(demo), "--force"])
    assert code == 1
    assert capsys.readouterr().err == (
        f"ceocto: {device} is a device or special file, not a file export can replace.\n"
    )
    assert Path(device).exists() and not Path(device).is_file()


def test_an_existing_file_is_replaced_only_with_force(demo, tmp_path):
    out = tmp_path / "retro.md"
    out.write_text("last quarter's notes, by hand")
    refused = ceocto(*RETRO, "--format", "md", "-o", str(out), "--db", str(demo))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr == f"ceocto: {out} already exists. Add --force to replace it.\n"
    assert out.read_text() == "last quarter's notes, by hand"
    forced = ceocto(*RETRO, "--format", "md", "-o", str(out), "--db", str(demo), "--force")
    assert (forced.returncode, forced.stdout) == (0, f"Wrote {out}\n")
    assert out.read_text().startswith("# Retrospective 2026-Q3")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal", "retro.md"]


# Writes fail as on a full disk: the kernel refuses any file past 64 KB (RLIMIT_FSIZE), and
# fsync reports ENOSPC, where a full disk often shows itself first.
FULL_DISK = """
import errno, os, resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, resource.RLIM_INFINITY))
if sys.argv[1] == "fsync":
    def fsync(_descriptor):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    os.fsync = fsync
from ceocto_desktop.cli.shell import main
sys.exit(main(sys.argv[2:]))
"""


@pytest.mark.parametrize(("how", "file_format"), [("size", "pdf"), ("fsync", "md")])
def test_a_full_disk_is_reported_and_the_older_file_stays(demo, tmp_path, how, file_format):
    out = tmp_path / f"retro.{file_format}"
    out.write_bytes(b"the older report, whole")
    args = [*RETRO, "--format", file_format, "-o", str(out), "--db", str(demo), "--force"]
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, how, *args], capture_output=True, text=True, timeout=180
    )
    assert result.returncode != 0 and "Wrote" not in result.stdout
    assert "Traceback" not in result.stderr and result.stderr.count("\n") == 1
    if how == "fsync":
        assert result.stderr.startswith("ceocto: the disk is full;"), result.stderr
    else:
        assert result.stderr.startswith(f"ceocto: Could not write {out}: File too large")
    assert out.read_bytes() == b"the older report, whole"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["journal", out.name]


def test_a_pdf_written_is_whole_under_one_name(demo, tmp_path):
    out = tmp_path / "retro.pdf"
    result = ceocto(*RETRO, "--format", "pdf", "-o", str(out), "--db", str(demo))
    assert result.returncode == 0, result.stderr
    data = out.read_bytes()
    assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    assert os.stat(out).st_nlink == 1  # the temporary name is gone, not left as a link
