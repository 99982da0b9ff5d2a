"""The sync folder: journal.json and one folder of numbered change files per device.

    <folder>/ceocto-sync/v1/journal.json
    <folder>/ceocto-sync/v1/changes/<device-id>/<sequence, 12 digits>.chg

Each device writes only its own folder, each file once, to a temporary name that is fsynced
and renamed. Only names that match the pattern exactly are read: what a sync service
leaves behind (conflicted copies, .sync-conflict- files, .syncthing.*.tmp, ~syncthing~,
"name (1).chg") is counted and left alone, never read, never deleted.
"""

from __future__ import annotations

import json
import os
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ceocto_desktop.sync.crypto import Unreadable, seal, unseal

FORMAT = 1
ROOT = Path("ceocto-sync") / f"v{FORMAT}"
MAGIC = b"CEOCTO-CHG\n"
DEVICE_NAME = re.compile(r"^[0-9a-f]{32}$")
CHANGE_NAME = re.compile(r"^(\d{12})\.chg$")


class NewerFormat(Exception):
    """A file written by a newer ceocto: left until this laptop is updated."""


class FolderMissing(Exception):
    """The sync folder is not there (unplugged, unmounted, renamed)."""


@dataclass
class Scan:
    """What the folder holds: each device's sequence numbers, and names left alone."""

    devices: dict[str, list[int]] = field(default_factory=dict)
    leftovers: list[str] = field(default_factory=list)


def _fsync_folder(folder: Path) -> None:
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_atomically(path: Path, data: bytes) -> None:
    """Write data to a temporary name beside path, fsync it, rename it over path."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.parent / f".{path.name}.{os.getpid()}.ceocto-tmp"
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    _fsync_folder(path.parent)


class SyncFolder:
    """The pair's shared folder, as ceocto reads and writes it."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder.expanduser()
        self.base = self.folder / ROOT

    def exists(self) -> bool:
        """True when the folder itself is there."""
        return self.folder.is_dir()

    def journal_json_path(self) -> Path:
        """Where the folder's description of the journal lives."""
        return self.base / "journal.json"

    def read_journal_json(self) -> dict[str, Any] | None:
        """The folder's journal.json, or None when there is none."""
        if not self.folder.is_dir():
            raise FolderMissing(str(self.folder))
        try:
            loaded = json.loads(self.journal_json_path().read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except ValueError as exc:
            raise Unreadable("journal.json is not readable") from exc
        if not isinstance(loaded, dict):
            raise Unreadable("journal.json is not readable")
        if int(loaded.get("version", 0)) > FORMAT:
            raise NewerFormat("journal.json")
        return loaded

    def write_journal_json(self, description: dict[str, Any]) -> None:
        """Write journal.json (setup, or a new key added)."""
        data = json.dumps(description, indent=2, sort_keys=True).encode("utf-8") + b"\n"
        write_atomically(self.journal_json_path(), data)

    def change_path(self, device: str, seq: int) -> Path:
        """The file of one device's change set."""
        return self.base / "changes" / device / f"{seq:012d}.chg"

    def write_change(
        self, header: dict[str, Any], key: bytes, entries: list[dict[str, Any]]
    ) -> Path:
        """Encrypt and write one change set; header travels in clear, bound to the body."""
        head = json.dumps({**header, "format": FORMAT}, sort_keys=True).encode("utf-8")
        body = zlib.compress(json.dumps(entries, ensure_ascii=False).encode("utf-8"))
        data = MAGIC + struct.pack(">I", len(head)) + head + seal(key, body, head)
        path = self.change_path(str(header["device"]), int(header["seq"]))
        write_atomically(path, data)
        return path

    def read_change(
        self, device: str, seq: int, keys: dict[str, bytes], journal: str
    ) -> list[dict[str, Any]]:
        """The entries of one change file; Unreadable when half-copied or damaged."""
        try:
            data = self.change_path(device, seq).read_bytes()
        except OSError as exc:
            raise Unreadable(str(exc)) from exc
        if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
            raise Unreadable("not a change file")
        (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
        start = len(MAGIC) + 4
        head = data[start : start + length]
        try:
            header = json.loads(head)
        except ValueError as exc:
            raise Unreadable("header cut short") from exc
        if int(header.get("format", 0)) > FORMAT:
            raise NewerFormat(f"{device}/{seq}")
        if header.get("device") != device or header.get("seq") != seq:
            raise Unreadable("header names another file")
        if header.get("journal") != journal:
            raise Unreadable("a change of another journal")
        key = keys.get(str(header.get("key")))
        if key is None:
            raise Unreadable("under a key this laptop does not hold")
        body = unseal(key, data[start + length :], head)
        try:
            entries = json.loads(zlib.decompress(body))
        except (zlib.error, ValueError) as exc:
            raise Unreadable("body does not unpack") from exc
        if not isinstance(entries, list):
            raise Unreadable("body is not a change set")
        return entries

    def scan(self) -> Scan:
        """Every device's change files by number, and every other name (left alone)."""
        if not self.folder.is_dir():
            raise FolderMissing(str(self.folder))
        found = Scan()
        changes = self.base / "changes"
        if not changes.is_dir():
            return found
        for entry in sorted(changes.iterdir()):
            if not entry.is_dir() or not DEVICE_NAME.match(entry.name):
                found.leftovers.append(f"changes/{entry.name}")
                continue
            numbers = []
            for item in entry.iterdir():
                matched = CHANGE_NAME.match(item.name)
                if matched and item.is_file():
                    numbers.append(int(matched.group(1)))
                elif not item.name.endswith(".ceocto-tmp"):
                    found.leftovers.append(f"changes/{entry.name}/{item.name}")
            found.devices[entry.name] = sorted(numbers)
        return found
