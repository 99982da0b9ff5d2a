"""One search over notes, goals, obstacles, decisions and check-in answers.

A bare DB-API connection (store.driver's) on purpose: `ceocto search` answers in a fraction
of a second, and importing an ORM would cost more than the query. What a person types is
text, never query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.store.driver import OperationalError

KINDS = ("note", "goal", "obstacle", "decision", "checkin")
# Past these a query is a pasted document, not a search: SQLite's expression depth and
# LIKE pattern limits would refuse it anyway, with a message no person could act on.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64


@dataclass(frozen=True)
class Source:
    fts: str
    table: str
    columns: tuple[str, ...]
    title: str
    day: str
    author: str
    join: str = ""
    # A condition every row must meet to be seen at all (never shown, whatever matches).
    visible: str = ""


SOURCES = {
    "note": Source(
        "search_notes",
        "notes",
        ("body",),
        "substr(replace(s.body, char(10), ' '), 1, 70)",
        "substr(s.created_at, 1, 10)",
        "s.author",
    ),
    "goal": Source(
        "search_goals",
        "goals",
        ("title", "description"),
        "s.title",
        "substr(s.created_at, 1, 10)",
        "s.author",
    ),
    "obstacle": Source(
        "search_obstacles",
        "obstacles",
        ("title", "description", "resolution", "lesson"),
        "s.title",
        "s.opened_on",
        "s.author",
    ),
    "decision": Source(
        "search_decisions",
        "decisions",
        ("title", "context", "decision", "rationale", "outcome"),
        "s.title",
        "s.decided_on",
        "s.author",
    ),
    "checkin": Source(
        "search_answers",
        "checkin_answers",
        ("wins", "worries", "needs", "appreciation"),
        "'Check-in, week of ' || c.week_start",
        "c.week_start",
        "s.seat",
        "JOIN checkins c ON c.id = s.checkin_id",
        # A week's answers stay blind until both partners have answered: before that they
        # are their author's alone, on the check-in page, and never found by search.
        "(SELECT count(*) FROM checkin_answers o WHERE o.checkin_id = s.checkin_id) >= 2",
    ),
}


@dataclass(frozen=True)
class Hit:
    kind: str
    record_id: str
    title: str
    snippet: str
    author: str
    day: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _tokens(text: str) -> list[str]:
    # A token counts when it holds a letter or digit; "(", "*", "-" alone index nothing.
    return [t for t in text.split() if any(ch.isalnum() for ch in t)]


def match_expression(text: str, prefix_last: bool = True) -> str | None:
    """Each typed word as a quoted FTS5 string ("" doubled); the last one as a prefix."""
    tokens = _tokens(text)
    if not tokens:
        return None
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    if prefix_last:
        quoted[-1] += "*"
    return " ".join(quoted)


def needs_substring_search(text: str) -> bool:
    """CJK runs are one token to unicode61, and emoji are not tokens at all: scan for them."""
    return any(unicodedata.category(ch) in ("Lo", "So", "Sk", "Sm") for ch in text)


def _filters(
    author: str | None, since: date | None, until: date | None, source: Source
) -> tuple[str, list[Any]]:
    clauses, params = [], []
    if source.visible:
        clauses.append(source.visible)
    if author:
        clauses.append(f"{source.author} = ?")
        params.append(author)
    if since:
        clauses.append(f"{source.day} >= ?")
        params.append(since.isoformat())
    if until:
        clauses.append(f"{source.day} <= ?")
        params.append(until.isoformat())
    return "".join(f" AND {c}" for c in clauses), params


def _fts_hits(
    connection: Any,
    kind: str,
    expression: str,
    author: str | None,
    since: date | None,
    until: date | None,
    limit: int,
    marks: tuple[str, str],
) -> list[Hit]:
    source = SOURCES[kind]
    extra, params = _filters(author, since, until, source)
    sql = (
        f"SELECT s.id, {source.title}, snippet({source.fts}, -1, ?, ?, '…', 12), "
        f"{source.author}, {source.day}, bm25({source.fts}) AS score "
        f"FROM {source.fts} JOIN {source.table} s ON s.rowid = {source.fts}.rowid {source.join} "
        f"WHERE {source.fts} MATCH ?{extra} ORDER BY score LIMIT ?"
    )
    rows = connection.execute(sql, [marks[0], marks[1], expression, *params, limit])
    return [Hit(kind, r[0], r[1] or "", r[2] or "", r[3], r[4] or "", r[5]) for r in rows]


def _excerpt(text: str, needle: str, marks: tuple[str, str]) -> str:
    at = text.lower().find(needle.lower())
    if at < 0:
        return text[:80]
    start = max(0, at - 30)
    end = at + len(needle)
    return (
        ("…" if start else "")
        + text[start:at]
        + marks[0]
        + text[at:end]
        + marks[1]
        + text[end : end + 40]
        + ("…" if end + 40 < len(text) else "")
    )


def _substring_hits(
    connection: Any,
    kind: str,
    text: str,
    author: str | None,
    since: date | None,
    until: date | None,
    limit: int,
    marks: tuple[str, str],
) -> list[Hit]:
    source = SOURCES[kind]
    words = text.split()
    extra, params = _filters(author, since, until, source)
    joined = " || ' ' || ".join(f"coalesce(s.{c}, '')" for c in source.columns)
    like = " AND ".join(f"({joined}) LIKE ? ESCAPE '\\'" for _ in words)
    patterns = [
        "%" + w.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" for w in words
    ]
    sql = (
        f"SELECT s.id, {source.title}, {joined}, {source.author}, {source.day} "
        f"FROM {source.table} s {source.join} WHERE {like}{extra} LIMIT ?"
    )
    rows = connection.execute(sql, [*patterns, *params, limit])
    return [
        Hit(kind, r[0], r[1] or "", _excerpt(r[2], words[0], marks), r[3], r[4] or "", 0.0)
        for r in rows
    ]


def search(
    connection: Any,
    text: str,
    *,
    kinds: tuple[str, ...] = KINDS,
    author: str | None = None,
    since: date | None = None,
    until: date | None = None,
    limit: int = 50,
    marks: tuple[str, str] = ("[", "]"),
    prefix_last: bool = True,
) -> list[Hit]:
    """Best matches first; any text at all is a valid query (it may just find nothing)."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown type {sorted(unknown)[0]}; choose from {', '.join(KINDS)}")
    # Control characters (a NUL ends an FTS5 string early) are nothing a person means.
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    _check_size(text)
    hits: list[Hit] = []
    expression = match_expression(text, prefix_last)
    if expression is not None:
        for kind in kinds:
            try:
                hits += _fts_hits(connection, kind, expression, author, since, until, limit, marks)
            except OperationalError:
                continue  # the substring scan below still answers
    if text.split() and (not hits or needs_substring_search(text)):
        seen = {(h.kind, h.record_id) for h in hits}
        for kind in kinds:
            for hit in _substring_hits(connection, kind, text, author, since, until, limit, marks):
                if (hit.kind, hit.record_id) not in seen:
                    hits.append(hit)
    hits.sort(key=lambda hit: hit.score)
    return hits[:limit]


def _check_size(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise ValidationError(
            "query",
            f"A search takes at most {MAX_QUERY_CHARS:,} characters; this one has {len(text):,}.",
        )
    words = len(text.split())
    if words > MAX_QUERY_WORDS:
        raise ValidationError(
            "query", f"A search takes at most {MAX_QUERY_WORDS} words; this one has {words:,}."
        )


def has_search_index(connection: Any) -> bool:
    """Whether the journal has been upgraded to a schema with the search tables."""
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='search_notes'"
    ).fetchone()
    return row is not None


_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Text squeezed to one line for a terminal."""
    return _SPACE.sub(" ", text).strip()
