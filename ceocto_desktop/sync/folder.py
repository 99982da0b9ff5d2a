"""The sync folder: journal.json and one folder of numbered change files per device.

    <folder>/ceocto-sync/v1/journal.json
    <folder>/ceocto-sync/v1/changes/<device-id>/<sequence, 12 digits>.chg
    <folder>/ceocto-sync/v1/snapshots/<device-id>/<sequence, 12 digits>.snap
    <folder>/ceocto-sync/v1/acks/<device-id>.json

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
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ceocto_desktop import __version__
from ceocto_desktop.sync.crypto import Unreadable, seal, unseal

FORMAT = 1
ROOT = Path("ceocto-sync") / f"v{FORMAT}"
MAGIC = b"CEOCTO-CHG\n"
DEVICE_NAME = re.compile(r"^[0-9a-f]{32}$")
CHANGE_NAME = re.compile(r"^(\d{12})\.chg$")
SNAPSHOT_NAME = re.compile(r"^(\d{12})\.snap$")
ACK_NAME = re.compile(r"^([0-9a-f]{32})\.json$")


# The oldest ceocto that writes change files this one reads right. journal.json names it as
# min_app_version; raise it when a change would be misread by an older app, and an older app
# then only reads the folder (its own changes wait in its journal until it is updated).
MIN_WRITER_VERSION = "0.1.0"


def _version(text: str) -> tuple[int, ...]:
    parts = []
    for part in str(text).split("."):
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def needs_newer(description: dict[str, Any]) -> str:
    """The version the folder needs when this ceocto is older than that, else ''."""
    wanted = str(description.get("min_app_version") or "0")
    return wanted if _version(wanted) > _version(__version__) else ""


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
        path = self.change_path(str(header["device"]), int(header["seq"]))
        _write_sealed(path, header, key, entries)
        return path

    def read_change(
        self, device: str, seq: int, keys: dict[str, bytes], journal: str
    ) -> list[dict[str, Any]]:
        """The entries of one change file; Unreadable when half-copied or damaged."""
        return _read_sealed(self.change_path(device, seq), device, seq, keys, journal)[1]

    # Snapshots and acknowledgements (sync/snapshots.py) ------------------------------------
    def snapshot_path(self, device: str, seq: int) -> Path:
        """One device's snapshot of the whole journal, as of its change seq."""
        return self.base / "snapshots" / device / f"{seq:012d}.snap"

    def write_snapshot(
        self, header: dict[str, Any], key: bytes, entries: list[dict[str, Any]]
    ) -> Path:
        """Encrypt and write a snapshot; its header says which change files it covers."""
        path = self.snapshot_path(str(header["device"]), int(header["seq"]))
        _write_sealed(path, header, key, entries)
        return path

    def snapshots(self) -> list[tuple[str, int, dict[str, Any]]]:
        """Every snapshot in the folder (device, seq, clear header); unreadable ones left out."""
        found: list[tuple[str, int, dict[str, Any]]] = []
        folder = self.base / "snapshots"
        if not folder.is_dir():
            return found
        for device in sorted(folder.iterdir()):
            if not device.is_dir() or not DEVICE_NAME.match(device.name):
                continue
            for item in sorted(device.iterdir()):
                matched = SNAPSHOT_NAME.match(item.name)
                if not matched:
                    continue
                header = _read_header(item)
                if header is not None and header.get("device") == device.name:
                    found.append((device.name, int(matched.group(1)), header))
        return found

    def read_snapshot(
        self, device: str, seq: int, keys: dict[str, bytes], journal: str
    ) -> list[dict[str, Any]]:
        """The entries of one snapshot; Unreadable when half-copied or damaged."""
        return _read_sealed(self.snapshot_path(device, seq), device, seq, keys, journal)[1]

    def ack_path(self, device: str) -> Path:
        """Where a device says which change files it has applied."""
        return self.base / "acks" / f"{device}.json"

    def write_ack(self, device: str, seen: dict[str, int], forgotten: Iterable[str] = ()) -> None:
        """Say which change files this device has (numbers only: nothing of the journal),
        and which lost laptops the pair forgot (device ids: no laptop waits for those)."""
        written: dict[str, Any] = {"device": device, "seen": seen}
        if forgotten:
            written["forgotten"] = sorted(forgotten)
        data = json.dumps(written, sort_keys=True).encode("utf-8")
        path = self.ack_path(device)
        try:
            if path.read_bytes() == data:
                return
        except OSError:
            pass
        write_atomically(path, data)

    def acks(self) -> dict[str, dict[str, int]]:
        """Each device's acknowledgement: the last change number it applied, by device."""
        found: dict[str, dict[str, int]] = {}
        folder = self.base / "acks"
        if not folder.is_dir():
            return found
        for item in folder.iterdir():
            matched = ACK_NAME.match(item.name)
            if not matched:
                continue
            try:
                loaded = json.loads(item.read_text(encoding="utf-8"))
                seen = {str(d): int(n) for d, n in dict(loaded["seen"]).items()}
            except (OSError, ValueError, KeyError, TypeError):
                continue  # half-copied: as if not acknowledged yet
            if loaded.get("device") == matched.group(1):
                found[matched.group(1)] = seen
        return found

    def forgotten(self) -> dict[str, set[str]]:
        """The laptops each device's acknowledgement says the pair forgot, by device."""
        found: dict[str, set[str]] = {}
        folder = self.base / "acks"
        if not folder.is_dir():
            return found
        for item in folder.iterdir():
            matched = ACK_NAME.match(item.name)
            if not matched:
                continue
            try:
                loaded = json.loads(item.read_text(encoding="utf-8"))
                named = {str(d) for d in loaded.get("forgotten", []) if DEVICE_NAME.match(str(d))}
            except (OSError, ValueError, TypeError, AttributeError):
                continue
            if loaded.get("device") == matched.group(1) and named:
                found[matched.group(1)] = named
        return found

    def remove_own(self, path: Path) -> None:
        """Delete one file this device wrote (a compacted change, a replaced snapshot)."""
        path.unlink(missing_ok=True)

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


def _write_sealed(
    path: Path, header: dict[str, Any], key: bytes, entries: list[dict[str, Any]]
) -> None:
    head = json.dumps({**header, "format": FORMAT}, sort_keys=True).encode("utf-8")
    body = zlib.compress(json.dumps(entries, ensure_ascii=False).encode("utf-8"))
    write_atomically(path, MAGIC + struct.pack(">I", len(head)) + head + seal(key, body, head))


def _split(data: bytes) -> tuple[bytes, bytes]:
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + 4:
        raise Unreadable("not a change file")
    (length,) = struct.unpack(">I", data[len(MAGIC) : len(MAGIC) + 4])
    start = len(MAGIC) + 4
    return data[start : start + length], data[start + length :]


def _read_header(path: Path) -> dict[str, Any] | None:
    try:
        with path.open("rb") as handle:
            head, _ = _split(handle.read(64 * 1024))
        loaded = json.loads(head)
    except (OSError, ValueError, Unreadable, struct.error):
        return None
    return loaded if isinstance(loaded, dict) else None


def _read_sealed(
    path: Path, device: str, seq: int, keys: dict[str, bytes], journal: str
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise Unreadable(str(exc)) from exc
    head, sealed = _split(data)
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
    body = unseal(key, sealed, head)
    try:
        entries = json.loads(zlib.decompress(body))
    except (zlib.error, ValueError) as exc:
        raise Unreadable("body does not unpack") from exc
    if not isinstance(entries, list):
        raise Unreadable("body is not a change set")
    return header, entries
