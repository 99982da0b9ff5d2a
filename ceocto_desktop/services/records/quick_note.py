"""`ceocto note` through the driver alone.

A shell note is three INSERTs; importing SQLAlchemy and the models to make them took most
of the command's time (0.4 of 0.6 s). The rules are the services' own (services.text: the
body and tags as create_note stores them; the partner as find_partner finds them), the
columns those SQLAlchemy writes (a UUID4 id, naive UTC text with microseconds), and the
search index is kept by the journal's own triggers, as for any write.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.text import clean_note_body, clean_tag, shown

# SQLAlchemy's DateTime on SQLite writes this text; the ORM reads it back as it wrote it.
STAMP = "%Y-%m-%d %H:%M:%S.%f"


def find_seat(connection: Any, who: str) -> str:
    """The seat ("A" or "B") meant by A, B, a partner's full or first name (any case)."""
    wanted = who.strip().casefold()
    if wanted.upper() in ("A", "B"):
        return wanted.upper()
    partners = connection.execute("SELECT seat, name FROM partners ORDER BY seat").fetchall()
    for seat, name in partners:
        if wanted in (str(name).casefold(), str(name).split()[0].casefold()):
            return str(seat)
    names = " or ".join(str(name) for _seat, name in partners)
    raise ValidationError("author", f"'{shown(who)}' is not a partner here; use A, B, {names}.")


def add_note(connection: Any, who: str, body: str, tags: Iterable[str] = ()) -> str:
    """Write a note as who, with its tags, in one transaction; return its id."""
    connection.execute("BEGIN IMMEDIATE")  # a second writer waits its turn (busy timeout)
    try:
        seat = find_seat(connection, who)
        text = clean_note_body(body)
        wanted = sorted({clean_tag(name) for name in tags})
        note_id = str(uuid.uuid4())
        now = datetime.now(UTC).replace(tzinfo=None).strftime(STAMP)
        connection.execute(
            "INSERT INTO notes (id, author, created_at, updated_at, body, pinned) "
            "VALUES (?, ?, ?, ?, ?, 0)",
            (note_id, seat, now, now, text),
        )
        for name in wanted:
            connection.execute("INSERT OR IGNORE INTO tags (name) VALUES (?)", (name,))
            connection.execute(
                "INSERT INTO note_tags (note_id, tag_id) SELECT ?, id FROM tags WHERE name = ?",
                (note_id, name),
            )
        connection.execute("COMMIT")
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    return note_id
