"""The built wheel carries the migrations and resources, and works installed on its own."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stderr
    (found,) = out.glob("ceocto_desktop-*.whl")
    return found


def test_the_wheel_carries_migrations_and_resources(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "ceocto_desktop/store/migrations/env.py",
        "ceocto_desktop/store/migrations/script.py.mako",
        "ceocto_desktop/store/migrations/versions/0001_initial_journal_schema.py",
        "ceocto_desktop/resources/icons/ceocto.svg",
        "ceocto_desktop/resources/ceocto.desktop",
    ):
        assert required in names
    assert any(name.endswith("entry_points.txt") for name in names)


def test_the_installed_wheel_writes_and_checks_a_journal(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(site),
            str(wheel),
        ],
        check=True,
        capture_output=True,
    )
    environment = {**os.environ, "PYTHONPATH": str(site)}
    probe = (
        "import ceocto_desktop, ceocto_desktop.paths as p; "
        "print(ceocto_desktop.__file__); print(p.resource_path('icons', 'ceocto.svg').exists())"
    )
    where = subprocess.run(
        [sys.executable, "-c", probe],
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert where[0].startswith(str(site)) and where[1] == "True"
    journal = tmp_path / "j.db"
    for args in (["demo", str(journal), "--notes", "20"], ["check", "--db", str(journal)]):
        result = subprocess.run(
            [sys.executable, "-m", "ceocto_desktop", *args],
            env=environment,
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"
