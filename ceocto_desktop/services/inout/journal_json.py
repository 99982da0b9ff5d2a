"""The whole journal as one JSON file, and back (docs/FORMAT.md describes it field by field).

`export_json` writes every record with its history and links, table by table, rows in
primary-key order, so the same journal always gives the same bytes. `load_export` reads
and checks a file without touching any journal (the merge of the two-laptops issue reads
it too); `import_export` writes what it loaded into a new, empty journal.

Left out, on purpose: drafts (a partner's unsubmitted words), the answers of a week only
one partner has submitted (unrevealed), the PIN hashes, and goals' progress (derived from
the key results, recomputed on import).
"""

from __future__ import annotations

import enum
import json
import math
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Boolean, Date, Enum, Float, Integer, Table, func, insert, select
from sqlalchemy.orm import Session

from ceocto_desktop import __version__
from ceocto_desktop.models import JOURNAL_FORMAT, Base, CheckIn, CheckInAnswer, Partner
from ceocto_desktop.models.base import UTCDateTime
from ceocto_desktop.services.demo.bulk import indexed_at_the_end

FORMAT = "ceocto-export"
VERSION = 1
# Parents before children, so foreign keys hold row by row as well as at the end.
TABLES = (
    "journal_meta",
    "settings",
    "partners",
    "goals",
    "key_results",
    "goal_updates",
    "key_result_changes",
    "obstacles",
    "obstacle_events",
    "obstacle_goals",
    "decisions",
    "decision_goals",
    "checkins",
    "checkin_answers",
    "checkin_amendments",
    "tags",
    "notes",
    "note_tags",
    "note_goals",
    "note_obstacles",
    "note_decisions",
    "import_sources",
    "board_meetings",
    "board_goal_reviews",
    "retrospectives",
    "commitments",
    "agenda_items",
    # What sync kept from both laptops: part of a record's history, keyed by its travelling
    # key (docs/SYNC.md), so it still names the record in the journal an import makes.
    "sync_conflicts",
)
# Tables never exported, and columns recomputed rather than carried.
# The other sync_* tables are one laptop's two-laptop state (its outbox, sequence numbers,
# field clocks, sealed answers and keys), not records of the pair: an import starts its own.
LEFT_OUT_TABLES = (
    "drafts",
    "sync_answer_keys",
    "sync_clock",
    "sync_log",
    "sync_outbox",
    "sync_pending",
    "sync_received",
    "sync_rowkeys",
    "sync_sealed",
    "sync_seen",
    "sync_state",
    "sync_tombstones",
)
DERIVED_COLUMNS = {"goals": ("progress",)}
PRIVATE_SETTINGS = ("pin_salt", "pin_hash:", "pin_attempts:")
# Their search indexes (search_<name>) are rebuilt once after the rows are in.
SEARCHED_TABLES = ("notes", "goals", "obstacles", "decisions", "answers")


class ExportFileError(Exception):
    """A JSON export that cannot be read or imported; nothing was written."""


@dataclass(frozen=True)
class JournalExport:
    """A loaded export: its format version, the journal's id and the rows of each table.

    Rows hold database values (dates, aware UTC datetimes, enum members), keyed by column.
    """

    version: int
    written_by: str
    journal_id: str
    tables: dict[str, list[dict[str, Any]]]

    def count(self, table: str) -> int:
        """How many rows of one table the export holds."""
        return len(self.tables.get(table, []))


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def _columns(name: str) -> list[str]:
    derived = DERIVED_COLUMNS.get(name, ())
    return [column.name for column in _table(name).columns if column.name not in derived]


def _to_json(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _unrevealed_answers(session: Session) -> set[str]:
    alone = (
        select(CheckInAnswer.checkin_id).group_by(CheckInAnswer.checkin_id).having(func.count() < 2)
    )
    return set(session.scalars(select(CheckInAnswer.id).where(CheckInAnswer.checkin_id.in_(alone))))


def _revealed_weeks(session: Session) -> set[date]:
    """The weeks both partners have answered: only their sync agendas are exported."""
    both = (
        select(CheckInAnswer.checkin_id)
        .group_by(CheckInAnswer.checkin_id)
        .having(func.count() >= 2)
    )
    return set(session.scalars(select(CheckIn.week_start).where(CheckIn.id.in_(both))))


def _kept(
    name: str, row: dict[str, Any], hidden_answers: set[str], revealed_weeks: set[date]
) -> bool:
    if name == "agenda_items":  # an agenda quotes the week's answers (what each needs)
        return row["week_start"] in revealed_weeks
    if name == "checkin_answers":
        return row["id"] not in hidden_answers
    if name == "checkin_amendments":
        return row["answer_id"] not in hidden_answers
    if name == "settings":
        return not str(row["key"]).startswith(PRIVATE_SETTINGS)
    if name == "sync_conflicts" and row["tbl"] == "checkin_answers":
        week = json.loads(row["rkey"])[0][0]  # [[week], seat]: only revealed weeks' words
        return date.fromisoformat(str(week)) in revealed_weeks
    return True


def export_rows(session: Session) -> dict[str, list[dict[str, Any]]]:
    """Every exported table's rows as JSON values, in primary-key order."""
    hidden = _unrevealed_answers(session)
    revealed = _revealed_weeks(session)
    tables: dict[str, list[dict[str, Any]]] = {}
    for name in TABLES:
        table = _table(name)
        names = _columns(name)
        query = select(*(table.c[n] for n in names)).order_by(*table.primary_key.columns)
        rows = []
        for found in session.execute(query):
            row = dict(zip(names, found, strict=True))
            if _kept(name, row, hidden, revealed):
                rows.append({key: _to_json(value) for key, value in row.items()})
        tables[name] = rows
    return tables


def export_json(session: Session) -> str:
    """The journal as the text of a JSON export (the same journal gives the same text)."""
    meta = {row[0]: row[1] for row in session.execute(select(_table("journal_meta")))}
    document = {
        "format": FORMAT,
        "version": VERSION,
        "written_by": f"ceocto {__version__}",
        "journal_id": meta.get("journal_id", ""),
        "tables": export_rows(session),
    }
    return json.dumps(document, ensure_ascii=False, indent=1, allow_nan=False) + "\n"


def _where(name: str, row: dict[str, Any], index: int) -> str:
    ident = row.get("id") or row.get("key")
    return f"{name} row {index + 1}" + (f" (id {ident})" if isinstance(ident, str) else "")


def _from_json(name: str, column: str, value: Any, where: str) -> Any:
    kind = _table(name).c[column].type
    if value is None:
        if not _table(name).c[column].nullable:
            raise ExportFileError(f"{where}: {column} is missing.")
        return None
    try:
        if isinstance(kind, Enum) and kind.enum_class is not None:
            return kind.enum_class(value)
        if isinstance(kind, UTCDateTime):
            if not isinstance(value, str):
                raise TypeError
            return datetime.fromisoformat(value).astimezone(UTC)
        if isinstance(kind, Date):
            if not isinstance(value, str):
                raise TypeError
            return date.fromisoformat(value)
        if isinstance(kind, Boolean):
            if not isinstance(value, bool):
                raise TypeError
            return value
        if isinstance(kind, Integer):
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            return value
        if isinstance(kind, Float):
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise TypeError
            if not math.isfinite(value):
                raise TypeError
            return float(value)
        if not isinstance(value, str):
            raise TypeError
        return value
    except (TypeError, ValueError):
        raise ExportFileError(f"{where}: {column} has an impossible value {value!r}.") from None


def _rows(name: str, raw: Any) -> list[dict[str, Any]]:
    if not isinstance(raw, list):
        raise ExportFileError(f"the table {name} is not a list of rows.")
    wanted = _columns(name)
    rows = []
    for index, item in enumerate(raw):
        if not isinstance(item, dict):
            raise ExportFileError(f"{name} row {index + 1} is not an object.")
        where = _where(name, item, index)
        unknown = sorted(set(item) - set(wanted))
        if unknown:
            raise ExportFileError(
                f"{where} has fields this version does not know ({', '.join(unknown)}); "
                "it was written by a newer ceocto."
            )
        rows.append({c: _from_json(name, c, item.get(c), where) for c in wanted})
    return rows


def _read_document(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ExportFileError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ExportFileError(f"{path} is a folder, not a JSON export.") from None
    except UnicodeDecodeError:
        raise ExportFileError(f"{path} is not a ceocto JSON export (not UTF-8 text).") from None
    except OSError as exc:
        raise ExportFileError(f"Cannot read {path}: {exc.strerror or exc}.") from None
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ExportFileError(
            f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}); it may be truncated."
        ) from None
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ExportFileError(f"{path} is not a ceocto JSON export.")
    return document


def _check_keys(tables: dict[str, list[dict[str, Any]]]) -> None:
    """Each row once, and every link pointing at a row the export holds."""
    keys: dict[tuple[str, str], set[Any]] = {}
    for name in TABLES:
        table = _table(name)
        primary = [column.name for column in table.primary_key.columns]
        seen: set[tuple[Any, ...]] = set()
        for index, row in enumerate(tables[name]):
            key = tuple(row[c] for c in primary)
            if key in seen:
                raise ExportFileError(f"{_where(name, row, index)} appears twice.")
            seen.add(key)
        for key_column in primary:
            keys[(name, key_column)] = {row[key_column] for row in tables[name]}
    for name in TABLES:
        for column in _table(name).columns:
            for foreign in column.foreign_keys:
                target = (str(foreign.column.table.fullname), foreign.column.name)
                known = keys.get(target, set())
                for index, row in enumerate(tables[name]):
                    value = row.get(column.name)
                    if value is not None and value not in known:
                        raise ExportFileError(
                            f"{_where(name, row, index)}: {column.name} points at "
                            f"no {target[0]} row ({value})."
                        )


def load_export(path: Path) -> JournalExport:
    """Read and check a JSON export; raises ExportFileError naming what is wrong."""
    document = _read_document(path)
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ExportFileError(f"{path} has no valid format version.")
    if version > VERSION:
        raise ExportFileError(
            f"{path} is format version {version}, newer than this ceocto reads ({VERSION}); "
            "update ceocto first."
        )
    raw = document.get("tables")
    if not isinstance(raw, dict):
        raise ExportFileError(f"{path} holds no tables.")
    unknown = sorted(set(raw) - set(TABLES))
    if unknown:
        raise ExportFileError(
            f"{path} has tables this version does not know ({', '.join(unknown)})."
        )
    tables = {name: _rows(name, raw.get(name, [])) for name in TABLES}
    _check_keys(tables)
    meta = {row["key"]: row["value"] for row in tables["journal_meta"]}
    if meta.get("format") != JOURNAL_FORMAT or not meta.get("journal_id"):
        raise ExportFileError(f"{path} holds no journal identity (journal_meta format and id).")
    return JournalExport(
        version=version,
        written_by=str(document.get("written_by", "")),
        journal_id=str(document.get("journal_id", "")),
        tables=tables,
    )


def import_export(session: Session, loaded: JournalExport) -> dict[str, int]:
    """Write a loaded export into a new, empty journal; returns rows written per table."""
    if session.scalar(select(func.count()).select_from(Partner)):
        raise ExportFileError("a JSON export is imported into a new journal, not into this one.")
    connection = session.connection()
    # Goals carried from goals and decisions superseding decisions point within their own
    # table, in any order: the keys are checked once, at commit.
    connection.exec_driver_sql("PRAGMA defer_foreign_keys = ON")
    connection.execute(_table("journal_meta").delete())
    written: dict[str, int] = {}
    with indexed_at_the_end(session, SEARCHED_TABLES):
        for name in TABLES:
            rows = loaded.tables.get(name, [])
            if rows:
                connection.execute(insert(_table(name)), rows)
            written[name] = len(rows)
    return written
