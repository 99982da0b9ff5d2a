"""Layer boundaries of DESIGN.md: Qt and matplotlib stay out of every non-UI layer."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

# Alembic's env.py runs only inside a migration (it reads alembic's context at import);
# the revisions import alembic.op alone. Both are still walked, by test_migrations.
NOT_IMPORTABLE_ALONE = ("ceocto_desktop.store.migrations.",)


def modules_of(package: str) -> list[str]:
    """Every module of a package and its subpackages, found on disk, never a hand list."""
    found = [package]
    root = importlib.import_module(package)
    for info in pkgutil.walk_packages(root.__path__, prefix=package + "."):
        if not info.name.startswith(NOT_IMPORTABLE_ALONE):
            found.append(info.name)
    return sorted(found)


# Layer: what its modules must not load when imported (DESIGN.md, Architecture).
QT_AND_CHARTS = ("PySide6", "matplotlib")
LAYERS = {
    "ceocto_desktop.models": QT_AND_CHARTS,
    "ceocto_desktop.store": QT_AND_CHARTS,
    "ceocto_desktop.analytics": QT_AND_CHARTS,
    "ceocto_desktop.services": QT_AND_CHARTS,
    # Charts build matplotlib Figures; reports draw them, and only the PDF renderer
    # loads QtGui, inside the function that renders.
    "ceocto_desktop.charts": ("PySide6",),
    "ceocto_desktop.reports": ("PySide6",),
}
SHELL_MODULES = ["ceocto_desktop.cli.shell", "ceocto_desktop.cli.journal", "ceocto_desktop.paths"]

PROBE = """
import importlib, sys
for module in {modules!r}:
    importlib.import_module(module)
    loaded = sorted(m for m in sys.modules if m.split('.')[0] in {forbidden!r})
    if loaded:
        print(module, 'loaded', ','.join(loaded))
        break
"""


def test_every_module_of_every_layer_is_walked():
    services = modules_of("ceocto_desktop.services")
    assert "ceocto_desktop.services.search" in services
    assert "ceocto_desktop.services.changes" in services
    assert len(services) == len(list(Path(services_path()).rglob("*.py")))


def services_path() -> str:
    return importlib.import_module("ceocto_desktop.services").__path__[0]


@pytest.mark.parametrize("package", sorted(LAYERS))
def test_no_module_of_a_layer_loads_what_it_must_not(package):
    # One fresh interpreter per layer, importing its modules one at a time: the first
    # module that loads Qt or matplotlib is named.
    probe = PROBE.format(modules=modules_of(package), forbidden=LAYERS[package])
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_shell_modules_load_neither_qt_nor_matplotlib():
    probe = PROBE.format(modules=SHELL_MODULES, forbidden=QT_AND_CHARTS)
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


CLI_PROBE = """
import sys
from ceocto_desktop.cli.shell import main
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
