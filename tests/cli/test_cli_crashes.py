"""Crashes of issue 17 that are not about the path: read-only disks, bad names, modes."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ceocto_desktop.cli.shell import main
from ceocto_desktop.store import driver

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def read_only_mount(tmp_path) -> Iterator[Path]:
    """A folder on a read-only mount (EROFS), as a write-protected stick or image is."""
    if os.geteuid() != 0:
        pytest.skip("a bind mount needs root")
    source, target = tmp_path / "source", tmp_path / "ro"
    source.mkdir()
    target.mkdir()
    made = subprocess.run(["mount", "--bind", str(source), str(target)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {made.stderr!r}")
    try:
        subprocess.run(["mount", "-o", "remount,ro,bind", str(target)], check=True)
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=False)


def test_init_onto_a_read_only_mount_is_one_line(read_only_mount, capsys):
    code = main(["init", str(read_only_mount / "j.db"), "--a", "Sam", "--b", "Priya"])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("ceocto: ") and "read-only" in err
    assert list(read_only_mount.iterdir()) == []


def test_backup_onto_a_read_only_mount_is_one_line(read_only_mount, journal_path, capsys):
    code = main(["backup", "--db", str(journal_path), "-o", str(read_only_mount / "b.db")])
    err = capsys.readouterr().err
    assert code != 0 and err.startswith("ceocto: ") and "read-only" in err


def test_a_partner_name_that_is_not_utf8_is_refused_clearly(tmp_path):
    target = tmp_path / "j.db"
    command = [sys.executable, "-m", "ceocto_desktop", "init", str(target)]
    result = subprocess.run(
        [*command, "--a", b"S\xe9", "--b", "Priya"],
        capture_output=True, text=True, timeout=120, cwd=ROOT,
    )  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "b'S\\xe9' is not UTF-8 text" in result.stderr
    assert not target.exists()


def test_encrypt_keeps_the_journals_mode(journal_path, capsys, monkeypatch, tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("correct horse battery staple\n")
    monkeypatch.setenv("CEOCTO_PASSPHRASE_FILE", str(secret))
    journal_path.chmod(0o640)
    assert main(["encrypt", "--db", str(journal_path)]) == 0, capsys.readouterr().err
    assert stat.S_IMODE(journal_path.stat().st_mode) == 0o640
    assert not driver.has_sqlite_header(journal_path)
    driver.forget_passphrases()
