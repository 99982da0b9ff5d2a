"""Day One's JSON export (a zip with `<Journal>.json` and photos, or the .json alone).

Each entry's day is the day where it was written: `creationDate` (UTC) is turned into the
wall-clock time of its `timeZone`, so an evening in Los Angeles stays that evening. Photos
and other media are not imported: each reference becomes a readable "[photo]" and the
note ends with a line saying how many were left out.
"""

from __future__ import annotations

import functools
import json
import re
import zipfile
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ceocto_desktop.services.inout.import_entries import (
    ImportedEntry,
    ImportFileError,
    ImportPreview,
    clean_tags,
    entry_label,
    read_bytes,
)

# The export format versions this reader knows ("1.0"); a newer major version is refused.
KNOWN_MAJOR = 1
MEDIA = re.compile(r"!\[[^\]]*\]\(dayone-moment:/*(?:(video|audio|pdfAttachment|pdf)/)?[^)\s]*\)")
MEDIA_WORDS = {"video": "[video]", "audio": "[audio]", "pdfAttachment": "[PDF]", "pdf": "[PDF]"}
MEDIA_LISTS = ("photos", "videos", "audios", "pdfAttachments")


def _document(path: Path, data: bytes, name: str) -> dict[str, Any]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ImportFileError(f"{name} in {path} is not UTF-8 text.") from None
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{name} in {path} is not valid JSON (line {exc.lineno}: {exc.msg}); "
            "it may be truncated."
        ) from None
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFileError(f"{name} in {path} is not a Day One export (no list of entries).")
    metadata = document.get("metadata")
    version = str(metadata.get("version", "1.0")) if isinstance(metadata, dict) else ""
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        raise ImportFileError(f"{name} in {path} is not a Day One export (no metadata version).")
    if int(version.split(".")[0]) > KNOWN_MAJOR:
        raise ImportFileError(
            f"{name} in {path} is Day One export version {version}, newer than this ceocto "
            f"reads ({KNOWN_MAJOR}.x); update ceocto first."
        )
    return document


def _documents(path: Path) -> list[tuple[str, dict[str, Any]]]:
    raw = read_bytes(path, "a Day One export")
    if not zipfile.is_zipfile(path):
        if raw[:2] == b"PK":
            raise ImportFileError(f"{path} is a damaged or truncated zip file.")
        if not raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{"):
            raise ImportFileError(f"{path} is not a Day One export (neither a zip nor JSON).")
        return [(path.name, _document(path, raw, path.name))]
    try:
        with zipfile.ZipFile(path) as archive:
            names = sorted(
                n for n in archive.namelist() if n.endswith(".json") and "/" not in n.strip("/")
            )
            if not names:
                raise ImportFileError(f"{path} holds no Day One journal (.json) at its top.")
            return [(n, _document(path, archive.read(n), n)) for n in names]
    except (zipfile.BadZipFile, EOFError, OSError) as exc:
        raise ImportFileError(f"{path} is a damaged or truncated zip file ({exc}).") from None


def _wall_time(raw: dict[str, Any], label: Callable[[], str]) -> datetime:
    created = raw.get("creationDate")
    if not isinstance(created, str):
        raise ImportFileError(f"{label()}: it has no creationDate.")
    try:
        moment = datetime.fromisoformat(created.replace("Z", "+00:00"))
    except ValueError:
        raise ImportFileError(f"{label()}: '{created}' is not a real date and time.") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    zone_name = raw.get("timeZone")
    try:
        zone = ZoneInfo(zone_name) if isinstance(zone_name, str) and zone_name else UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC  # an unknown zone: the UTC day is the best we know
    return moment.astimezone(zone).replace(tzinfo=None)


def _media_count(raw: dict[str, Any]) -> int:
    return sum(len(raw[key]) for key in MEDIA_LISTS if isinstance(raw.get(key), list))


def _text(raw: dict[str, Any], label: Callable[[], str]) -> tuple[str, int]:
    text = raw.get("text", "")
    if not isinstance(text, str):
        raise ImportFileError(f"{label()}: its text is not text.")
    mentioned = len(MEDIA.findall(text))
    text = MEDIA.sub(lambda m: MEDIA_WORDS.get(m.group(1) or "", "[photo]"), text).strip()
    photos = len(raw["photos"]) if isinstance(raw.get("photos"), list) else 0
    left_out = max(mentioned, _media_count(raw))
    if left_out:
        word = "photo" if photos == left_out else "attachment"
        what = word if left_out == 1 else f"{word}s"
        text = f"{text}\n\n*{left_out} {what} left out of the import from Day One.*".strip()
    return text, left_out


def _entry(number: int, raw: Any) -> ImportedEntry:
    if not isinstance(raw, dict):
        raise ImportFileError(f"entry {number} is not an object.")
    first = raw.get("text", "")
    first_line = first.strip().split("\n", 1)[0] if isinstance(first, str) else ""
    label = functools.partial(
        entry_label, number, str(raw.get("creationDate", "no date")), first_line
    )
    uuid = raw.get("uuid")
    if not isinstance(uuid, str) or not uuid:
        raise ImportFileError(f"{label()}: it has no uuid.")
    written = _wall_time(raw, label)
    text, left_out = _text(raw, label)
    if not text:
        raise ImportFileError(f"{label()}: it has no text.")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ImportFileError(f"{label()}: its tags must be a list of text.")
    return ImportedEntry(
        source_id=uuid,
        written=written,
        text=text,
        tags=clean_tags((t.replace(" ", "-") for t in tags), label),
        pinned=raw.get("starred") is True or raw.get("isPinned") is True,
        media_left_out=left_out,
    )


def read_dayone(path: Path) -> ImportPreview:
    """Day One's JSON export, zipped or not, as an import preview."""
    entries: list[ImportedEntry] = []
    documents = _documents(path)
    for name, document in documents:
        for raw in document["entries"]:
            try:
                entries.append(_entry(len(entries) + 1, raw))
            except ImportFileError as exc:
                where = f" of {name}" if len(documents) > 1 else ""
                raise ImportFileError(f"{path}{where}: {exc}") from None
    kind = "Day One zip" if zipfile.is_zipfile(path) else "Day One JSON"
    return ImportPreview(path=path, source="dayone", kind=kind, entries=tuple(entries))
