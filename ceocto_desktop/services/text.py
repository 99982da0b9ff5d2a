"""The text rules every service applies, with no SQLAlchemy: `ceocto note` uses them on
the driver alone (services.quick_note)."""

from __future__ import annotations

import re

from ceocto_desktop.services.errors import ValidationError

TAG_MAX = 60
# A note is a journal entry, not a document store: a million characters (about 1 MB of
# text, 300 pages) is far beyond any entry, and keeps the window and search quick.
NOTE_MAX = 1_000_000

# Half of a broken UTF-16 pair (from a damaged paste or file): SQLite cannot store it.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 and C1 control characters but tab and newline. None is anything a person means, and a
# NUL cuts text short in SQLite's own functions (length, substr, the search snippets).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def plain_text(value: str) -> str:
    """Text as every service stores it: \\n line ends, no control characters but tab and
    newline, U+FFFD for a lone surrogate."""
    # A lone surrogate is replaced, not refused: a long paste is not lost for one character.
    text = value.replace("\r\n", "\n").replace("\r", "\n")
    return _LONE_SURROGATE.sub("\ufffd", _CONTROL.sub("", text))


def shown(value: object, limit: int = 40) -> str:
    """What a person typed, fit to repeat in a message: printable, one line, short."""
    typed = plain_text(str(value)[: limit + 1])
    text = "".join(ch if ch.isprintable() else "\ufffd" for ch in typed)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def clean_tag(value: str) -> str:
    """A tag as stored: plain text, trimmed, lower case, no leading #, no space or comma."""
    tag = plain_text(value).strip().lstrip("#").strip().lower()
    if not tag:
        raise ValidationError("tags", "A tag cannot be empty.")
    # Tags are typed separated by spaces or commas (split_tags): a tag holding either
    # could not be typed back into the tag field as it is.
    if any(ch.isspace() or ch == "," for ch in tag):
        raise ValidationError(
            "tags", f"The tag '{shown(tag)}' has a space or comma; use one word or a dash."
        )
    if len(tag) > TAG_MAX:
        raise ValidationError("tags", f"The tag '{shown(tag, 20)}' is longer than {TAG_MAX}.")
    return tag


def clean_note_body(body: str) -> str:
    """A note's text as stored; an empty one, or one over NOTE_MAX characters, is refused."""
    if len(body or "") > NOTE_MAX:
        raise ValidationError(
            "body",
            f"A note holds at most {NOTE_MAX:,} characters and this one has "
            f"{len(body):,}; split it into several notes. Nothing was saved.",
        )
    text = plain_text(body or "").strip()
    if not text:
        raise ValidationError("body", "A note cannot be empty.")
    return text
