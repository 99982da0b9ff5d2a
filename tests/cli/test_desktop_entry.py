"""`ceocto --install-desktop-entry` / `--remove-desktop-entry`: the menu entry of a pip install."""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ceocto_desktop import __version__
from ceocto_desktop.paths import resource_path

SHIPPED_ICON = resource_path("icons", "ceocto.svg").read_bytes()
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def installed(tmp_path: Path) -> dict[str, str]:
    """An environment with a fake home and a `ceocto` command on PATH, as pip would leave."""
    home = tmp_path / "home"
    home.mkdir()
    # A folder with a space: the entry must quote the command.
    bin_dir = tmp_path / "my apps" / "bin"
    bin_dir.mkdir(parents=True)
    command = bin_dir / "ceocto"
    command.write_text(
        f"#!/bin/sh\ncd {shlex.quote(str(ROOT))} && exec {shlex.quote(sys.executable)} "
        '-m ceocto_desktop "$@"\n'
    )
    command.chmod(0o755)
    environment = {key: value for key, value in os.environ.items() if key != "XDG_DATA_HOME"}
    environment.update(HOME=str(home), PATH=f"{bin_dir}{os.pathsep}{os.environ['PATH']}")
    return environment


def ceocto(environment: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["ceocto", *args], env=environment, capture_output=True, text=True, timeout=60
    )


def entry_values(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def exec_arguments(value: str) -> list[str]:
    # The Desktop Entry spec: undo the string escape (\\ -> \), then the quoting is a shell's.
    return shlex.split(value.replace("\\\\", "\\"))


def test_install_puts_an_entry_in_the_menu_that_starts_the_installed_command(installed):
    done = ceocto(installed, "--install-desktop-entry")
    assert done.returncode == 0, done.stderr
    data = Path(installed["HOME"]) / ".local" / "share"
    entry = data / "applications" / "ceocto.desktop"
    icon = data / "icons" / "hicolor" / "scalable" / "apps" / "ceocto.svg"
    assert str(entry) in done.stdout and str(icon) in done.stdout
    values = entry_values(entry)
    assert values["Type"] == "Application" and values["Name"] == "ceocto"
    assert values["Icon"] == "ceocto" and icon.read_bytes() == SHIPPED_ICON
    (command,) = exec_arguments(values["Exec"])
    assert command == shutil.which("ceocto", path=installed["PATH"])
    assert values["TryExec"] == command  # a plain path: quotes here would hide the entry
    # What the menu would run, run here: it is this ceocto.
    started = subprocess.run(
        [command, "--version"], env=installed, capture_output=True, text=True, timeout=60
    )
    assert started.stdout.strip() == f"ceocto {__version__}"
    validator = shutil.which("desktop-file-validate")
    if validator:
        checked = subprocess.run([validator, str(entry)], capture_output=True, text=True)
        assert checked.returncode == 0 and "error" not in checked.stdout, checked.stdout


def test_install_follows_xdg_data_home_and_installing_twice_replaces_its_own(installed, tmp_path):
    data = tmp_path / "xdg data"
    installed["XDG_DATA_HOME"] = str(data)
    for _ in range(2):
        done = ceocto(installed, "--install-desktop-entry")
        assert done.returncode == 0, done.stderr
    assert (data / "applications" / "ceocto.desktop").is_file()
    assert sorted(p.name for p in (data / "applications").iterdir()) == ["ceocto.desktop"]
    assert not (Path(installed["HOME"]) / ".local").exists()


def test_remove_takes_away_what_install_added_and_nothing_else(installed):
    data = Path(installed["HOME"]) / ".local" / "share"
    other = data / "applications" / "editor.desktop"
    other.parent.mkdir(parents=True)
    other.write_text("[Desktop Entry]\nName=editor\n")
    assert ceocto(installed, "--install-desktop-entry").returncode == 0
    removed = ceocto(installed, "--remove-desktop-entry")
    assert removed.returncode == 0, removed.stderr
    assert "ceocto.desktop" in removed.stdout and "ceocto.svg" in removed.stdout
    assert not (data / "applications" / "ceocto.desktop").exists()
    assert not (data / "icons" / "hicolor" / "scalable" / "apps" / "ceocto.svg").exists()
    assert other.read_text() == "[Desktop Entry]\nName=editor\n"
    again = ceocto(installed, "--remove-desktop-entry")
    assert again.returncode == 0 and "nothing to remove" in again.stdout


def test_an_entry_ceocto_did_not_write_is_left_alone(installed):
    entry = Path(installed["HOME"]) / ".local" / "share" / "applications" / "ceocto.desktop"
    entry.parent.mkdir(parents=True)
    entry.write_text("[Desktop Entry]\nName=my own ceocto launcher\nExec=/opt/x/ceocto\n")
    for option in ("--install-desktop-entry", "--remove-desktop-entry"):
        refused = ceocto(installed, option)
        assert refused.returncode == 1
        assert refused.stderr.startswith("ceocto: ") and "Traceback" not in refused.stderr
        assert "not written by ceocto" in refused.stderr
        assert entry.read_text().startswith("[Desktop Entry]\nName=my own ceocto launcher")


def test_without_a_ceocto_command_on_path_it_says_so_and_writes_nothing(installed, tmp_path):
    installed["PATH"] = "/usr/bin:/bin"
    if shutil.which("ceocto", path=installed["PATH"]):
        pytest.skip("a ceocto command is installed beside this Python")
    done = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "--install-desktop-entry"],
        env=installed,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    assert done.stderr.startswith("ceocto: cannot find the installed `ceocto` command")
    assert not (Path(installed["HOME"]) / ".local").exists()


def test_a_data_folder_that_cannot_be_written_is_one_line(installed, tmp_path):
    blocked = tmp_path / "data"
    blocked.mkdir()
    (blocked / "applications").write_text("a file where a folder should be")
    installed["XDG_DATA_HOME"] = str(blocked)
    done = ceocto(installed, "--install-desktop-entry")
    assert done.returncode == 1
    assert done.stderr.startswith(f"ceocto: cannot write under {blocked}")
    assert done.stderr.count("\n") == 1
    assert not (blocked / "icons").exists() or not any((blocked / "icons").rglob("*.svg"))


def test_an_option_given_with_a_command_is_refused_and_writes_nothing(installed, tmp_path):
    journal = tmp_path / "j.db"
    done = ceocto(installed, "--install-desktop-entry", "demo", str(journal))
    assert done.returncode == 2
    assert done.stderr == "ceocto: --install-desktop-entry takes no command.\n"
    assert not journal.exists() and not (Path(installed["HOME"]) / ".local").exists()
