"""This laptop's identity for one journal, kept outside the journal file.

The id lives in the user data folder, keyed by the journal's id and the file's path, so a
journal copied as a file (to another laptop, or beside itself) finds no id for itself and
takes a new one on its first write: a copy's changes are never taken for the original's.
"""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

from ceocto_desktop.paths import data_dir

DEVICES_FILE = "sync-devices.json"

_cache: dict[tuple[str, str], str] = {}


def devices_path() -> Path:
    """The file that maps (journal id, journal path) to this laptop's device id."""
    return data_dir() / DEVICES_FILE


def _read(path: Path) -> dict[str, str]:
    try:
        loaded = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}


def _write(path: Path, devices: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(devices, handle, indent=1, sort_keys=True)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, path)


def device_id(journal_id: str, journal_path: Path) -> str:
    """This laptop's device id for the journal at that path (made on first use)."""
    where = (journal_id, str(journal_path.expanduser().resolve()))
    if where in _cache:
        return _cache[where]
    path = devices_path()
    devices = _read(path)
    key = "|".join(where)
    if key not in devices:
        devices[key] = uuid.uuid4().hex
        _write(path, devices)
    _cache[where] = devices[key]
    return devices[key]


def forget_cache() -> None:
    """Read the devices file afresh next time (tests, or after the file was restored)."""
    _cache.clear()
