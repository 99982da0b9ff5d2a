"""No network, proven: the window, search, exports, backup and restore never open a socket.

Python's own sockets are blocked in-process (AF_INET and AF_INET6; AF_UNIX still works)
and every attempt is recorded. Qt's native code does not go through Python's socket
module, so the test also checks that QtNetwork was never loaded and that the process
holds no internet socket after each step (read from /proc on Linux).
"""

from __future__ import annotations

import os
import socket
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

INET = (socket.AF_INET, socket.AF_INET6)


class NetworkBlocker:
    """Refuses and records every attempt to make an internet socket or resolve a name."""

    def __init__(self) -> None:
        self.attempts: list[str] = []

    def refuse(self, what: str) -> OSError:
        self.attempts.append(what)
        return OSError(f"network blocked by the test: {what}")


@pytest.fixture
def blocker(monkeypatch) -> Iterator[NetworkBlocker]:
    blocked = NetworkBlocker()
    real_socket = socket.socket

    class GuardedSocket(real_socket):  # type: ignore[misc, valid-type]
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and (family in INET or family == -1):
                raise blocked.refuse(f"socket.socket(family={family})")
            super().__init__(family, type, proto, fileno)

    def no_connection(address, *args, **kwargs):
        raise blocked.refuse(f"socket.create_connection({address!r})")

    def no_lookup(host, *args, **kwargs):
        raise blocked.refuse(f"socket.getaddrinfo({host!r})")

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", no_connection)
    monkeypatch.setattr(socket, "getaddrinfo", no_lookup)
    # The blocker itself works (and leaves local sockets alone) before anything relies on it.
    with pytest.raises(OSError):
        socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM):
        pass
    blocked.attempts.clear()
    yield blocked


def inet_sockets_held() -> list[str]:
    """Internet sockets this process holds now (Linux /proc; empty elsewhere)."""
    if not Path("/proc/self/fd").is_dir():
        return []
    inodes = set()
    for fd in Path("/proc/self/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    held = []
    for table in ("tcp", "tcp6", "udp", "udp6", "raw", "raw6"):
        path = Path("/proc/self/net") / table
        if not path.exists():
            continue
        for line in path.read_text().splitlines()[1:]:
            fields = line.split()
            if len(fields) > 9 and fields[9] in inodes:
                held.append(f"{table}: {line.strip()}")
    return held


@pytest.fixture(scope="module")
def demo_source(tmp_path_factory) -> Path:
    from ceocto_desktop.services.demo.file import write_demo_file
    from ceocto_desktop.services.demo.journal import DemoOptions

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    write_demo_file(path, DemoOptions())
    return path


def test_window_pages_search_exports_backup_and_restore_never_touch_the_network(
    qtbot, blocker, demo_source, tmp_path, monkeypatch, capsys
):
    from PySide6.QtCore import QSettings, Qt
    from PySide6.QtWidgets import QFileDialog, QLineEdit, QListWidget, QMessageBox, QPushButton

    from ceocto_desktop.cli.shell import main
    from ceocto_desktop.services.search import search
    from ceocto_desktop.store.files.backups import make_backup
    from ceocto_desktop.store.files.restore import restore_backup
    from ceocto_desktop.ui.app import Launcher, make_application
    from ceocto_desktop.ui.dialogs.search_palette import SearchPalette

    journal = tmp_path / "journal.db"
    journal.write_bytes(demo_source.read_bytes())
    steps: list[tuple[str, list[str]]] = []

    def step(name: str) -> None:
        steps.append((name, inet_sockets_held()))

    # Start-up, on a demo journal.
    make_application()
    settings = QSettings()
    settings.clear()
    launcher = Launcher(settings)
    assert launcher.open_path(journal, explicit=True)
    window = launcher.windows[0]
    qtbot.addWidget(window)
    window.resize(1300, 820)
    qtbot.waitExposed(window)
    step("start-up")

    # Every page, with its charts drawn.
    for row in range(window.sidebar.count()):
        window.sidebar.setCurrentRow(row)
        qtbot.waitExposed(window.stack.currentWidget())
        qtbot.wait(10)
    step("every page")

    # Search: the Ctrl+K palette, the service, and the shell.
    palette = SearchPalette(window.context, window)
    qtbot.addWidget(palette)
    palette.show()
    qtbot.keyClicks(palette.findChild(QLineEdit, "searchBox"), "board")
    results = palette.findChild(QListWidget, "searchResults")
    qtbot.waitUntil(lambda: results.count() > 0, timeout=5000)
    palette.close()
    with sqlite3.connect(journal) as connection:
        assert search(connection, "hiring")
    assert main(["search", "hiring", "--db", str(journal)]) == 0
    step("search")

    # Every export, from the window: retrospective and board brief, md, html and pdf.
    targets: list[Path] = []
    monkeypatch.setattr(
        QFileDialog,
        "getSaveFileName",
        staticmethod(lambda *a, **k: (str(targets[-1]), "")),
    )
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.No)
    )
    titles = [window.sidebar.item(i).text() for i in range(window.sidebar.count())]
    for page_title, button in (("Retrospective", "exportRetro"), ("Board review", "exportBrief")):
        window.sidebar.setCurrentRow(titles.index(page_title))
        page = window.stack.currentWidget()
        meetings = page.findChild(QListWidget, "meetingList")
        if meetings is not None and meetings.currentRow() < 0:
            meetings.setCurrentRow(0)
        for suffix in ("md", "html", "pdf"):
            targets.append(tmp_path / f"{button}.{suffix}")
            qtbot.mouseClick(page.findChild(QPushButton, button), Qt.MouseButton.LeftButton)
            qtbot.waitUntil(targets[-1].exists, timeout=20000)
            assert targets[-1].stat().st_size > 0
    step("exports")

    # A backup, then a restore over the journal (the window closed, as the window does it).
    backup = make_backup(journal, "manual").path
    window.close()
    restored = restore_backup(backup, journal)
    assert restored.kept is not None
    assert main(["check", "--db", str(journal)]) == 0
    step("backup and restore")

    # Encryption on and off again (SQLCipher derives its key locally).
    from ceocto_desktop.store import driver
    from ceocto_desktop.store.files.encryption import decrypt_journal, encrypt_journal

    encrypt_journal(journal, "a passphrase nobody fetches", remove_plain=True)
    assert driver.looks_encrypted(journal)
    decrypt_journal(journal, "a passphrase nobody fetches")
    driver.forget_passphrases()
    step("encryption")

    capsys.readouterr()
    assert blocker.attempts == []
    assert [(name, held) for name, held in steps if held] == []
    # Qt's network module (the only way Qt itself could fetch anything) was never loaded.
    assert "PySide6.QtNetwork" not in sys.modules
