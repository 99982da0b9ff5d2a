"""Layer boundaries of DESIGN.md: Qt and matplotlib stay out of every non-UI layer."""

from __future__ import annotations

import subprocess
import sys

import pytest

NON_UI = [
    "ceocto_desktop.models",
    "ceocto_desktop.store",
    "ceocto_desktop.analytics",
    "ceocto_desktop.analytics.periods",
    "ceocto_desktop.analytics.progress",
    "ceocto_desktop.services",
    "ceocto_desktop.services.goals",
    "ceocto_desktop.services.obstacles",
    "ceocto_desktop.services.decisions",
    "ceocto_desktop.services.checkins",
    "ceocto_desktop.services.notes",
    "ceocto_desktop.services.board",
    "ceocto_desktop.services.overview",
    "ceocto_desktop.services.demo_file",
    "ceocto_desktop.services.search",
    "ceocto_desktop.services.rows",
    "ceocto_desktop.services.roles",
    "ceocto_desktop.services.snapshots",
    "ceocto_desktop.services.as_of",
    "ceocto_desktop.services.quarter",
    "ceocto_desktop.services.board_review",
    # The reports build their documents without Qt; charts load matplotlib only when drawn.
    "ceocto_desktop.reports.retro",
    "ceocto_desktop.reports.board",
    "ceocto_desktop.cli",
]

PROBE = """
import importlib, sys
importlib.import_module({module!r})
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'matplotlib'))
print(','.join(loaded))
"""


@pytest.mark.parametrize("module", NON_UI)
def test_non_ui_packages_load_neither_qt_nor_matplotlib(module):
    result = subprocess.run(
        [sys.executable, "-c", PROBE.format(module=module)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "", f"{module} loaded {result.stdout.strip()}"


CLI_PROBE = """
import sys
from ceocto_desktop.cli import main
code = main({argv!r})
loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'matplotlib'))
print('LOADED=' + ','.join(loaded))
"""


@pytest.mark.parametrize(
    "command", [["demo"], ["check", "--db"], ["note", "hello", "--author", "A", "--db"]]
)
def test_shell_commands_run_without_qt_or_matplotlib(tmp_path, command):
    path = tmp_path / "demo.db"
    if command != ["demo"]:
        subprocess.run(
            [sys.executable, "-m", "ceocto_desktop", "demo", str(path)],
            check=True,
            capture_output=True,
        )
    result = subprocess.run(
        [sys.executable, "-c", CLI_PROBE.format(argv=[*command, str(path)])],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "LOADED=\n" in result.stdout or result.stdout.rstrip().endswith("LOADED=")


def test_shell_search_loads_no_orm_either(tmp_path):
    path = tmp_path / "demo.db"
    subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "demo", str(path), "--notes", "30"],
        check=True,
        capture_output=True,
    )
    probe = CLI_PROBE.format(argv=["search", "pricing", "--db", str(path)]).replace(
        "('PySide6', 'matplotlib')", "('PySide6', 'matplotlib', 'sqlalchemy')"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.rstrip().endswith("LOADED="), result.stdout
