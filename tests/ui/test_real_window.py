"""Start the real `ceocto` command in a real X window (Qt's xcb platform) under Xvfb.

A missing system library (libxcb-cursor0, libEGL, fonts) fails here, in CI, rather than at a
user's first start. Skipped only where Xvfb is not installed and this is not CI.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlcipher3.dbapi2 as sqlite3  # the window's own driver: one SQLite library a file

from tests.system_tools import require_tool

pytestmark = pytest.mark.slow


def _require(tool: str) -> str:
    return require_tool(tool)  # fails under CI, skips elsewhere


@pytest.fixture
def display(tmp_path: Path) -> Iterator[str]:
    xvfb = _require("Xvfb")
    _require("xwininfo")
    number = 90 + os.getpid() % 100
    server = subprocess.Popen(
        [xvfb, f":{number}", "-screen", "0", "1280x800x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    name = f":{number}"
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        probe = subprocess.run(["xwininfo", "-root", "-display", name], capture_output=True)
        if probe.returncode == 0:
            break
        time.sleep(0.1)
    else:
        server.kill()
        pytest.fail("Xvfb did not start")
    yield name
    server.terminate()
    server.wait(timeout=10)


def _window_titles(display_name: str) -> str:
    tree = subprocess.run(
        ["xwininfo", "-root", "-tree", "-display", display_name], capture_output=True, text=True
    )
    return tree.stdout


def test_ceocto_opens_a_real_window_and_closes_cleanly(display, tmp_path):
    journal = tmp_path / "demo.db"
    made = subprocess.run(
        [sys.executable, "-m", "ceocto_desktop", "demo", str(journal), "--notes", "50"],
        capture_output=True,
        text=True,
    )
    assert made.returncode == 0, made.stderr
    environment = {key: value for key, value in os.environ.items() if not key.startswith("QT_QPA")}
    environment.update(
        DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path / "config")
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "ceocto_desktop", "--db", str(journal)],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and app.poll() is None:
            if '"ceocto — demo.db"' in _window_titles(display):
                break
            time.sleep(0.2)
        else:
            app.kill()
            _output, errors = app.communicate()
            pytest.fail(f"no ceocto window appeared (exit {app.returncode}):\n{errors[-2000:]}")
        app.send_signal(signal.SIGTERM)
        _output, errors = app.communicate(timeout=30)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, errors
    assert "Traceback" not in errors
    assert "Could not load the Qt platform plugin" not in errors
    assert (tmp_path / "config" / "ceocto" / "ceocto.conf").exists()


def test_a_note_typed_a_second_before_a_kill_is_in_the_journal(display, journal_path, tmp_path):
    xdotool = _require("xdotool")
    environment = {key: value for key, value in os.environ.items() if not key.startswith("QT_QPA")}
    environment.update(
        DISPLAY=display, QT_QPA_PLATFORM="xcb", XDG_CONFIG_HOME=str(tmp_path / "config")
    )
    app = subprocess.Popen(
        [sys.executable, "-m", "ceocto_desktop", "--db", str(journal_path)],
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )

    def xdo(*args: str) -> str:
        done = subprocess.run(
            [xdotool, *args], env=environment, capture_output=True, text=True, timeout=30
        )
        return done.stdout.strip()

    try:
        deadline = time.monotonic() + 60
        window = ""
        while time.monotonic() < deadline and app.poll() is None and not window:
            window = xdo("search", "--name", "^ceocto — journal.db$").split("\n")[0]
            time.sleep(0.2)
        assert window, "no ceocto window appeared"
        xdo("windowfocus", "--sync", window)
        xdo("key", "--window", window, "ctrl+6")  # Notes
        xdo("key", "--window", window, "ctrl+n")  # a new note, its body selected
        typed = "Typed, then the power went out"
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and _notes(journal_path) != ["New note"]:
            time.sleep(0.1)
        xdo("type", "--delay", "20", typed)
        time.sleep(1.0)  # the promise under test: a second after typing, it is kept
        app.send_signal(signal.SIGKILL)
        app.wait(timeout=10)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == -signal.SIGKILL
    assert _notes(journal_path) == [typed]
    with sqlite3.connect(journal_path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def _notes(path: Path) -> list[str]:
    with sqlite3.connect(path) as db:
        return [row[0] for row in db.execute("SELECT body FROM notes")]
