"""jrnl's files as import previews: its `--format json` export and its plain-text journal.

jrnl keeps local date and time with no zone; they become the note's time on this machine.
An entry without jrnl's `uuid` is known on re-import by a digest of its date, time and
text (whitespace-insensitive), the same whichever of the two files it came from.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from ceocto_desktop.services.inout.import_entries import (
    ImportedEntry,
    ImportFileError,
    ImportPreview,
    clean_tags,
    entry_label,
    read_bytes,
)

# jrnl's default time format, as it writes each entry's first line: "[2026-01-05 09:30] ".
HEADER = re.compile(r"^\[(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2})(?::(\d{2}))?\] ?(.*)$")
# A plain-text journal does not say which symbols mark tags: jrnl's default, @ and #, with
# a letter or digit after the symbol (so a Markdown heading is no tag).
TEXT_TAG = re.compile(r"(?<!\S)[@#]\w[\w/-]*")


def source_id(day: str, time: str, title: str, body: str) -> str:
    """A stable id for an entry without a uuid: its date, time and text, digested."""
    text = " ".join(f"{title} {body}".split())
    digest = hashlib.sha256(f"{day} {time}\n{text}".encode()).hexdigest()
    return f"sha256:{digest[:40]}"


def _moment(day: str, time: str, label: Callable[[], str]) -> datetime:
    try:
        return datetime.fromisoformat(f"{day}T{time}")
    except ValueError:
        raise ImportFileError(f"{label()}: '{day} {time}' is not a real date and time.") from None


def _note_text(title: str, body: str) -> str:
    title, body = title.strip(), body.strip("\n").rstrip()
    return f"{title}\n{body}" if body else title


def _json_entry(number: int, raw: Any) -> ImportedEntry:
    if not isinstance(raw, dict):
        raise ImportFileError(f"entry {number} is not an object.")
    title, body = raw.get("title", ""), raw.get("body", "")
    day, time = raw.get("date"), raw.get("time", "09:00")
    label = functools.partial(
        entry_label, number, f"{day} {time}", title if isinstance(title, str) else ""
    )
    if not isinstance(title, str) or not isinstance(body, str):
        raise ImportFileError(f"{label()}: its title and body must be text.")
    if not isinstance(day, str) or not isinstance(time, str):
        raise ImportFileError(f"{label()}: it has no date and time.")
    tags = raw.get("tags", [])
    if not isinstance(tags, list) or not all(isinstance(t, str) for t in tags):
        raise ImportFileError(f"{label()}: its tags must be a list of text.")
    text = _note_text(title, body)
    if not text:
        raise ImportFileError(f"{label()}: it has no text.")
    uuid = raw.get("uuid")
    return ImportedEntry(
        source_id=str(uuid) if uuid else source_id(day, time, title, body),
        written=_moment(day, time, label),
        text=text,
        tags=clean_tags(tags, label),
        pinned=raw.get("starred") is True,
    )


def _from_json(path: Path, text: str) -> ImportPreview:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFileError(
            f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}); it may be truncated."
        ) from None
    if isinstance(document, dict) and "metadata" in document and "entries" in document:
        raise ImportFileError(f"{path} is a Day One export; use 'ceocto import dayone'.")
    if not isinstance(document, dict) or not isinstance(document.get("entries"), list):
        raise ImportFileError(f"{path} is not a jrnl JSON export (no list of entries).")
    if document.get("format") == "ceocto-export":
        raise ImportFileError(f"{path} is a ceocto export; use 'ceocto import json'.")
    try:
        entries = tuple(_json_entry(n, raw) for n, raw in enumerate(document["entries"], 1))
    except ImportFileError as exc:
        raise ImportFileError(f"{path}: {exc}") from None
    return ImportPreview(path=path, source="jrnl", kind="jrnl JSON export", entries=entries)


def _text_entry(number: int, header: re.Match[str], lines: list[str]) -> ImportedEntry:
    day, time, seconds, title = header.groups()
    starred = title.rstrip().endswith(" *") or title.strip() == "*"
    if starred:
        title = title.rstrip()[:-1].rstrip()
    label = functools.partial(entry_label, number, f"{day} {time}", title)
    written = _moment(day, f"{time}:{seconds}" if seconds else time, label)
    body = "\n".join(lines)
    text = _note_text(title, body)
    if not text:
        raise ImportFileError(f"{label()}: it has no text.")
    return ImportedEntry(
        source_id=source_id(day, time, title.strip(), body.strip()),
        written=written,
        text=text,
        tags=clean_tags((t.lower() for t in TEXT_TAG.findall(text)), label),
        pinned=starred,
    )


def _from_text(path: Path, text: str) -> ImportPreview:
    try:
        entries = _text_entries(path, text)
    except ImportFileError as exc:
        raise ImportFileError(f"{path}: {exc}") from None
    return ImportPreview(path=path, source="jrnl", kind="jrnl journal file", entries=tuple(entries))


def _text_entries(path: Path, text: str) -> list[ImportedEntry]:
    entries: list[ImportedEntry] = []
    header: re.Match[str] | None = None
    lines: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        found = HEADER.match(line)
        if found is not None:
            if header is not None:
                entries.append(_text_entry(len(entries) + 1, header, lines))
            header, lines = found, []
        elif header is not None:
            lines.append(line)
        elif line.strip():
            raise ImportFileError(
                f"this is not a jrnl journal file: line {number} comes before any "
                "'[YYYY-MM-DD HH:MM]' entry."
            )
    if header is not None:
        entries.append(_text_entry(len(entries) + 1, header, lines))
    return entries


def read_jrnl(path: Path) -> ImportPreview:
    """jrnl's JSON export or its plain-text journal file, as an import preview."""
    raw = read_bytes(path, "a jrnl file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ImportFileError(
            f"{path} is not text (an encrypted jrnl journal?); export it with "
            "'jrnl --format json' first."
        ) from None
    if "\x00" in text:
        raise ImportFileError(f"{path} is not a jrnl file (it holds binary data).")
    first_line = text.lstrip().split("\n", 1)[0]
    if first_line.startswith(("{", "[")) and not HEADER.match(first_line):
        return _from_json(path, text)
    preview = _from_text(path, text)
    if not preview.entries:
        raise ImportFileError(f"{path} holds no jrnl entries.")
    return preview
