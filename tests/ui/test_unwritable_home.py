"""The window's first run with a home or config folder it cannot write: a message, no traceback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The first run as a person would go through it: the names typed, Create (or Demo)
# pressed; every message box's text printed and closed; an opened window closed at once.
DRIVE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QPushButton
from ceocto_desktop.ui.app import make_application, run_app

def step():
    shown = QApplication.activeModalWidget()
    if isinstance(shown, QMessageBox):
        print("MESSAGE:", shown.text(), flush=True)
        shown.accept()
    elif shown is not None and shown.objectName() == "firstRunDialog":
        shown.findChild(QLineEdit, "nameA").setText("Sam")
        shown.findChild(QLineEdit, "nameB").setText("Priya")
        shown.findChild(QPushButton, sys.argv[1]).click()
    for window in QApplication.topLevelWidgets():
        if window.objectName() == "mainWindow" and window.isVisible():
            print("WINDOW OPEN", flush=True)
            window.close()
    QTimer.singleShot(50, step)

make_application()
QTimer.singleShot(0, step)
sys.exit(run_app(None))
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path
    for path in tmp_path.rglob("*"):
        if path.is_dir():
            make_writable(path)


def make_read_only(path: Path) -> None:
    """No new file in path, for whoever runs the test (root ignores the mode bits)."""
    path.chmod(0o555)
    if os.geteuid() == 0:
        # The immutable flag refuses even root, as a read-only mount would.
        done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, check=False)
        if done.returncode != 0:
            pytest.skip(f"running as root and chattr +i is refused here: {done.stderr!r}")


def make_writable(path: Path) -> None:
    if os.geteuid() == 0 and shutil.which("chattr"):
        subprocess.run(["chattr", "-i", str(path)], capture_output=True, check=False)
    path.chmod(0o755)


def folder(path: Path, *, read_only: bool) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    if read_only:
        make_read_only(path)
    return path


def first_run(env: dict[str, str], button: str) -> subprocess.CompletedProcess[str]:
    full = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "QT_QPA_PLATFORM": "offscreen",
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        **env,
    }
    return subprocess.run(
        [sys.executable, "-c", DRIVE, button],
        env=full,
        cwd="/",
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize("button", ["createButton", "demoButton"])
def test_a_read_only_home_at_first_run_gives_a_message_not_a_traceback(scratch, button):
    home = folder(scratch / "home", read_only=True)
    done = first_run({"HOME": str(home)}, button)
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    said = [line for line in done.stdout.splitlines() if line.startswith("MESSAGE:")]
    assert len(said) == 1, done.stdout
    assert "cannot keep its journal" in said[0]
    assert "permission denied" in said[0] or "not permitted" in said[0]
    assert str(home) in said[0] and "--db PATH" in said[0]
    assert list(home.iterdir()) == []  # nothing written


def test_read_only_xdg_data_home_gives_a_message_and_a_read_only_config_still_opens(scratch):
    home = folder(scratch / "home", read_only=False)
    config = folder(scratch / "config", read_only=True)
    data = folder(scratch / "data", read_only=True)
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(config), "XDG_DATA_HOME": str(data)}
    done = first_run(env, "createButton")
    assert "Traceback" not in done.stderr, done.stderr
    assert done.returncode == 1
    assert f"MESSAGE: ceocto cannot keep its journal at {data}" in done.stdout
    # Only the settings folder is read-only: the journal is made, the window opens and
    # simply remembers nothing.
    make_writable(data)
    done = first_run(env, "createButton")
    assert "Traceback" not in done.stderr, done.stderr
    assert "WINDOW OPEN" in done.stdout and "MESSAGE:" not in done.stdout
    assert (data / "ceocto" / "journal.db").is_file()
    assert list(config.iterdir()) == []
