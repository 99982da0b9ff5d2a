"""ceocto.conf (the window's QSettings: last journal, last author) kept 0600 in a 0700 folder."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from PySide6.QtCore import QSettings


def make_private(settings: QSettings) -> None:
    """Create the settings file 0600 in a 0700 folder before Qt first writes it, or fix both."""
    if settings.format() != QSettings.Format.NativeFormat and settings.format() != (
        QSettings.Format.IniFormat
    ):
        return
    path = Path(settings.fileName())
    if not path.is_absolute():  # the registry on Windows: no file to guard
        return
    # Qt makes the folder and file with the process umask (0755/0644 by default); made
    # here first, and Qt's atomic rewrites keep the mode of the file they replace.
    with contextlib.suppress(OSError):
        folder = path.parent
        ours = folder.name == "ceocto" or not folder.exists()
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if ours:  # never narrow a folder others share (settings given in /tmp, say)
            os.chmod(folder, 0o700)
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT, 0o600))
        os.chmod(path, 0o600)


def sync_private(settings: QSettings) -> None:
    """Write the settings now, and make sure no other user of the computer can read them."""
    make_private(settings)
    settings.sync()
    make_private(settings)  # a file a newer Qt wrote afresh is put right at once
