"""One search over notes, goals, obstacles, decisions, check-in answers, commitments and
the weekly sync agendas.

A bare DB-API connection (store.driver's) on purpose: `ceocto search` answers in a fraction
of a second, and importing an ORM would cost more than the query. What a person types is
text, never query syntax.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from ceocto_desktop.analytics.formats import day_text, week_text
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records.note_titles import plain_title
from ceocto_desktop.store.driver import OperationalError

if TYPE_CHECKING:  # the shell's search loads no ORM; only the window passes a Session
    from sqlalchemy.orm import Session

KINDS = ("note", "goal", "obstacle", "decision", "checkin", "commitment", "agenda")
# Past these a query is a pasted document, not a search: SQLite's expression depth and
# LIKE pattern limits would refuse it anyway, with a message no person could act on.
MAX_QUERY_CHARS = 1000
MAX_QUERY_WORDS = 64


SNIPPET_MAX = 100_000
LONG_HEAD = 5_000


# NamedTuples, not dataclasses: `ceocto search` starts without importing the dataclasses
# module (and inspect, which it imports): 25 ms of a 0.1 s search (issue 21).
class Source(NamedTuple):
    fts: str
    table: str
    columns: tuple[str, ...]
    title: str
    day: str
    author: str
    join: str = ""
    # A condition every row must meet to be seen at all (never shown, whatever matches).
    visible: str = ""
    # The columns a person reads as the record's name: a match there ranks first.
    titled: tuple[str, ...] = ()
    # A column that can be very long (a note's body): past SNIPPET_MAX characters, the
    # snippet is cut from its start instead (FTS5's snippet() takes minutes on 50 MB).
    long_text: str = ""

    def snippet_sql(self) -> str:
        """The snippet column: FTS5's, or the start of a very long text."""
        snippet = f"snippet({self.fts}, -1, ?, ?, '…', 12)"
        if not self.long_text:
            return snippet
        return (
            f"CASE WHEN length({self.long_text}) > {SNIPPET_MAX} "
            f"THEN substr({self.long_text}, 1, {LONG_HEAD}) ELSE {snippet} END"
        )

    def weights(self) -> str:
        """bm25 column weights: a word in the title counts ten times one in the text."""
        return ", ".join("10.0" if c in self.titled else "1.0" for c in self.columns)

    def text_sql(self, columns: tuple[str, ...] | None = None) -> str:
        """The record's text columns joined, for a literal (LIKE) check."""
        return " || ' ' || ".join(f"coalesce(s.{c}, '')" for c in columns or self.columns)


SOURCES = {
    "note": Source(
        "search_notes",
        "notes",
        ("body",),
        "substr(s.body, 1, 70)",  # made plain text (no Markdown, one line) by _titled()
        "substr(s.created_at, 1, 10)",
        "s.author",
        long_text="s.body",
    ),
    "goal": Source(
        "search_goals",
        "goals",
        ("title", "description"),
        "s.title",
        "substr(s.created_at, 1, 10)",
        "s.author",
        titled=("title",),
    ),
    "obstacle": Source(
        "search_obstacles",
        "obstacles",
        ("title", "description", "resolution", "lesson"),
        "s.title",
        "s.opened_on",
        "s.author",
        titled=("title",),
    ),
    "decision": Source(
        "search_decisions",
        "decisions",
        ("title", "context", "decision", "rationale", "outcome"),
        "s.title",
        "s.decided_on",
        "s.author",
        titled=("title",),
    ),
    "checkin": Source(
        "search_answers",
        "checkin_answers",
        ("wins", "worries", "needs", "appreciation"),
        "'Check-in'",  # its week added by _titled(), written the one way
        "c.week_start",
        "s.seat",
        "JOIN checkins c ON c.id = s.checkin_id",
        # A week's answers stay blind until both partners have answered: before that they
        # are their author's alone, on the check-in page, and never found by search.
        "(SELECT count(*) FROM checkin_answers o WHERE o.checkin_id = s.checkin_id) >= 2",
    ),
    "commitment": Source(
        "search_commitments",
        "commitments",
        ("what", "drop_reason", "asked_for"),
        "s.what",
        "s.due_on",
        "s.owed_by",
        titled=("what",),
    ),
    "agenda": Source(
        "search_agenda",
        "agenda_items",
        ("title", "outcome"),
        "'Weekly talk'",  # its week added by _titled(), written the one way
        "s.week_start",
        "s.author",
        # An agenda quotes the week's answers: should one be withdrawn after it opened, the
        # week is blind again, and so is its agenda.
        visible="(SELECT count(*) FROM checkin_answers o JOIN checkins c ON c.id = o.checkin_id"
        " WHERE c.week_start = s.week_start) >= 2",
    ),
}


class Hit(NamedTuple):
    kind: str
    record_id: str
    title: str
    snippet: str
    author: str
    day: str
    score: float

    def as_dict(self) -> dict[str, Any]:
        return self._asdict()


def _tokens(text: str) -> list[str]:
    # A token counts when it holds a letter or digit; "(", "*", "-" alone index nothing.
    return [t for t in text.split() if any(ch.isalnum() for ch in t)]


# Signs that make a word mean something its letters alone do not: "c++", "c#", "r&d", "24/7".
LITERAL_SIGNS = frozenset("+&@$%/\\<>=|~^")


def is_literal(token: str) -> bool:
    """Whether a typed word must be found as typed ("c++"), not as the letters in it ("c")."""
    # A leading # is a tag ("#hiring"), a later one a name ("c#", "f#").
    return any(ch in LITERAL_SIGNS for ch in token) or "#" in token[1:]


def literals(text: str) -> list[str]:
    """The typed words that are matched as typed, symbols and all."""
    return [token for token in _tokens(text) if is_literal(token)]


def match_expression(text: str, prefix_last: bool = True) -> str | None:
    """Each typed word as a quoted FTS5 string ("" doubled); the last one as a prefix."""
    tokens = _tokens(text)
    if not tokens:
        return None
    quoted = ['"' + token.replace('"', '""') + '"' for token in tokens]
    # "c++" is the token "c" to the index; as a prefix it would find every word in c.
    if prefix_last and not is_literal(tokens[-1]):
        quoted[-1] += "*"
    return " ".join(quoted)


def needs_substring_search(text: str) -> bool:
    """CJK runs are one token to unicode61, and emoji are not tokens at all: scan for them."""
    return any(unicodedata.category(ch) in ("Lo", "So", "Sk", "Sm") for ch in text)


def _like(word: str) -> str:
    return "%" + word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


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


class _Query(NamedTuple):
    """One search as typed, with the filters every source applies."""

    text: str
    expression: str | None
    literal: tuple[str, ...]
    author: str | None
    since: date | None
    until: date | None
    limit: int
    marks: tuple[str, str]
    prefix_last: bool


# Ranks: a match in what names the record (its title, a note's tag) before one in its text.
TITLE, TEXT = 0, 1
Ranked = tuple[int, float, Hit]


def _fts_hits(connection: Any, kind: str, query: _Query, titles_only: bool) -> list[Ranked]:
    source = SOURCES[kind]
    assert query.expression is not None
    extra, params = _filters(query.author, query.since, query.until, source)
    expression = query.expression
    if titles_only:
        expression = "{" + " ".join(source.titled) + "} : (" + expression + ")"
    # The index has only the letters of "c++": the record must also hold it as typed.
    checked = source.text_sql(source.titled if titles_only else None)
    literal = "".join(f" AND ({checked}) LIKE ? ESCAPE '\\'" for _ in query.literal)
    # Ranked by row id first: a common word matches thousands of notes, and building each
    # one's title and snippet before ranking them cost most of the query (35 ms against 3
    # for "pricing" at 100k notes). The source table joins the ranking only to filter.
    joined = (
        f"JOIN {source.table} s ON s.rowid = {source.fts}.rowid {source.join} "
        if literal or extra
        else ""
    )
    best = connection.execute(
        f"SELECT {source.fts}.rowid, bm25({source.fts}, {source.weights()}) AS score "
        f"FROM {source.fts} {joined}"
        f"WHERE {source.fts} MATCH ?{literal}{extra} ORDER BY score LIMIT ?",
        [expression, *(_like(word) for word in query.literal), *params, query.limit],
    ).fetchall()
    if not best:
        return []
    shown = _shown_rows(connection, source, query, expression, [row[0] for row in best])
    rank = TITLE if titles_only else TEXT
    first = (_tokens(query.text) or [""])[0]
    hits = []
    for rowid, score in best:
        record_id, title, snippet, author, day = shown[rowid]
        hits.append(
            (
                rank,
                score,
                Hit(
                    kind,
                    record_id,
                    title or "",
                    _marked(snippet, first, query),
                    author,
                    day or "",
                    score,
                ),
            )
        )
    return hits


def _shown_rows(
    connection: Any, source: Source, query: _Query, expression: str, ids: list[int]
) -> dict[int, Any]:
    """Each ranked row's id, title, snippet, author and day, by its rowid."""
    # The snippets of those rows only: one pass over the match within their rowid range
    # (the unary + keeps SQLite from asking the index once per id).
    shown = {
        row[0]: row[1:]
        for row in connection.execute(
            f"SELECT {source.fts}.rowid, s.id, {source.title}, "
            f"{source.snippet_sql()}, {source.author}, {source.day} "
            f"FROM {source.fts} JOIN {source.table} s ON s.rowid = {source.fts}.rowid "
            f"{source.join} WHERE {source.fts} MATCH ? AND {source.fts}.rowid BETWEEN ? AND ? "
            f"AND +{source.fts}.rowid IN ({', '.join('?' * len(ids))})",
            [*query.marks, expression, min(ids), max(ids), *ids],
        )
    }
    return shown


def _marked(snippet: str | None, word: str, query: _Query) -> str:
    """FTS5's snippet as it came, or a very long text's start with the first word marked."""
    snippet = snippet or ""
    if query.marks[0] in snippet or len(snippet) < LONG_HEAD:
        return snippet
    return _excerpt(snippet, word, query.marks)


def _tag_hits(connection: Any, query: _Query) -> list[Ranked]:
    """Notes tagged with every typed word (the last may be the start of a tag)."""
    words = [token.lstrip("#").lower() for token in _tokens(query.text)]
    if not words or any(not word for word in words):
        return []
    patterns = [
        word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") for word in words
    ]
    if query.prefix_last:
        patterns[-1] += "%"
    # The tags first (a small table): most searches name no tag, and end here at once.
    tag_ids: list[list[int]] = []
    for pattern in patterns:
        ids = [
            row[0]
            for row in connection.execute(
                "SELECT id FROM tags WHERE name LIKE ? ESCAPE '\\'", [pattern]
            )
        ]
        if not ids:
            return []
        tag_ids.append(ids)
    source = SOURCES["note"]
    extra, params = _filters(query.author, query.since, query.until, source)

    def tagged_with(ids: list[int]) -> str:
        return f"SELECT note_id FROM note_tags WHERE tag_id IN ({', '.join('?' * len(ids))})"

    others = "".join(f" AND s.id IN ({tagged_with(ids)})" for ids in tag_ids[1:])
    sql = (
        f"SELECT s.id, {source.title}, {source.author}, {source.day} "
        f"FROM notes s WHERE +s.id IN ({tagged_with(tag_ids[0])}){others}{extra} "
        "ORDER BY s.rowid DESC LIMIT ?"
    )
    # Newest first by the order notes reached this journal: walking the table backwards
    # stops after `limit` notes, where sorting 10,000 notes of a common tag by date would not.
    ids_given = [tag_id for ids in tag_ids for tag_id in ids]
    rows = connection.execute(sql, [*ids_given, *params, query.limit]).fetchall()
    # Each found note's tags, read for the few shown (not for every tagged note).
    tags_of: dict[str, list[str]] = {}
    if rows:
        marks_sql = ", ".join("?" * len(rows))
        for note_id, name in connection.execute(
            "SELECT nt.note_id, t.name FROM note_tags nt JOIN tags t ON t.id = nt.tag_id "
            f"WHERE nt.note_id IN ({marks_sql}) ORDER BY t.name",
            [r[0] for r in rows],
        ):
            tags_of.setdefault(note_id, []).append(name)
    hits = []
    for r in rows:
        shown = " ".join(
            f"{query.marks[0]}#{tag}{query.marks[1]}"
            if any(tag.startswith(word) for word in words)
            else f"#{tag}"
            for tag in tags_of.get(r[0], [])
        )
        hits.append((TITLE, 0.0, Hit("note", r[0], r[1] or "", shown, r[2], r[3] or "", 0.0)))
    return hits


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


def _substring_hits(connection: Any, kind: str, query: _Query) -> list[Ranked]:
    source = SOURCES[kind]
    words = query.text.split()
    extra, params = _filters(query.author, query.since, query.until, source)
    joined = source.text_sql()
    like = " AND ".join(f"({joined}) LIKE ? ESCAPE '\\'" for _ in words)
    sql = (
        f"SELECT s.id, {source.title}, {joined}, {source.author}, {source.day} "
        f"FROM {source.table} s {source.join} WHERE {like}{extra} LIMIT ?"
    )
    rows = connection.execute(sql, [*(_like(w) for w in words), *params, query.limit])
    return [
        (
            TEXT,
            0.0,
            Hit(kind, r[0], r[1] or "", _excerpt(r[2], words[0], query.marks), r[3], r[4] or "", 0),
        )
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
    """Best matches first (titles and tags before text); any text at all is a valid query."""
    unknown = set(kinds) - set(KINDS)
    if unknown:
        raise ValueError(f"unknown type {sorted(unknown)[0]}; choose from {', '.join(KINDS)}")
    # Control characters (a NUL ends an FTS5 string early) are nothing a person means.
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    _check_size(text)
    query = _Query(
        text,
        match_expression(text, prefix_last),
        tuple(literals(text)),
        author,
        since,
        until,
        limit,
        marks,
        prefix_last,
    )
    ranked: list[Ranked] = []
    if query.expression is not None:
        if "note" in kinds:
            ranked += _tag_hits(connection, query)
        for kind in kinds:
            passes = (True, False) if SOURCES[kind].titled else (False,)
            for titles_only in passes:
                try:
                    ranked += _fts_hits(connection, kind, query, titles_only)
                except OperationalError:
                    continue  # the substring scan below still answers
    if text.split() and (not ranked or needs_substring_search(text)):
        for kind in kinds:
            ranked += _substring_hits(connection, kind, query)
    ranked.sort(key=lambda item: (item[0], item[1]))
    hits: list[Hit] = []
    seen: set[tuple[str, str]] = set()
    for _rank, _score, hit in ranked:
        if (hit.kind, hit.record_id) not in seen:  # a title hit is also a text hit
            seen.add((hit.kind, hit.record_id))
            hits.append(_titled(hit))
    return hits[:limit]


def _titled(hit: Hit) -> Hit:
    """A note's opening words as its title: plain text on one line, no Markdown syntax; a
    week's check-in or talk named by its week as people write it ("week of 30 Nov 2026")."""
    if hit.kind == "note":
        return hit._replace(title=plain_title(hit.title))
    if hit.kind in WEEKLY_KINDS and hit.day:
        return hit._replace(title=f"{hit.title}, {week_text(date.fromisoformat(hit.day[:10]))}")
    return hit


# Records named by their week: the SQL gives the kind's words, _titled() the week.
WEEKLY_KINDS = ("checkin", "agenda")


def _carried_on(rest: str) -> str:
    """A note's words after its title (from its 70th character), from a whole word on."""
    # rest starts with the title's last character: a letter there means a cut word.
    if rest[:1].strip():
        rest = rest.partition(" ")[2]
    rest = rest.strip()
    return "…" + rest if rest else ""


# What the palette shows before anything is typed: the records touched last.
RECENT_KINDS = ("note", "goal", "obstacle", "decision")


def recent(
    connection: Any,
    *,
    kinds: tuple[str, ...] = KINDS,
    limit: int = 12,
    author: str | None = None,
) -> list[Hit]:
    """The records written or edited last, newest first (check-ins are not records to reopen)."""
    rows: list[tuple[str, Hit]] = []
    for kind in (kind for kind in RECENT_KINDS if kind in kinds):
        source = SOURCES[kind]
        extra, params = _filters(author, None, None, source)
        # A note's title is its first 70 characters: its second line goes on from there.
        # The other records show their first text field.
        shown = "substr(s.body, 70)" if kind == "note" else f"coalesce(s.{source.columns[1]}, '')"
        text = f"substr(replace({shown}, char(10), ' '), 1, 120)"
        sql = (
            f"SELECT s.id, {source.title}, {text}, {source.author}, {source.day}, s.updated_at "
            f"FROM {source.table} s {source.join} WHERE 1{extra} "
            "ORDER BY s.updated_at DESC LIMIT ?"
        )
        for r in connection.execute(sql, [*params, limit]):
            snippet = _carried_on(r[2]) if kind == "note" else r[2]
            rows.append((str(r[5]), Hit(kind, r[0], r[1] or "", snippet, r[3], r[4] or "", 0.0)))
    rows.sort(key=lambda row: row[0], reverse=True)
    return [_titled(hit) for _when, hit in rows[:limit]]


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


def session_connection(session: Session) -> Any:
    """The DB-API connection under a session, for a search inside the window's reads."""
    # The store's one SQLite library (sqlcipher3) opened it.
    return session.connection().connection.driver_connection


def has_search_index(connection: Any) -> bool:
    """Whether the journal has been upgraded to a schema with the search tables."""
    row = connection.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='search_notes'"
    ).fetchone()
    return row is not None


def shown_day(day: str) -> str:
    """A hit's ISO day ("2026-11-30") as people read days ("30 Nov 2026")."""
    try:
        return day_text(date.fromisoformat(day[:10]))
    except ValueError:
        return day


_SPACE = re.compile(r"\s+")


def one_line(text: str) -> str:
    """Text squeezed to one line for a terminal."""
    return _SPACE.sub(" ", text).strip()
