"""Everything as a folder of Markdown files any editor opens (Obsidian, VS Code, a browser).

`markdown_files` builds the folder's files in memory, as relative path → text:
`notes/<date>-<title>.md` one per note; `goals/`, `obstacles/`, `decisions/` one file per
record with YAML front matter (id, owner, status, dates, links as relative paths);
`checkins/<week>.md` for weeks both partners answered, `syncs/<week>.md` for their kept sync
agendas; `commitments/` one file per commitment; `<quarter>/index.md` per quarter
and `index.md` at the top. Drafts and unrevealed answers are never read.
`write_markdown_folder` writes them, replacing only the files an earlier export wrote.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ceocto_desktop.analytics.periods import quarter_of
from ceocto_desktop.models import (
    PROMPTS,
    RATINGS,
    AgendaItem,
    CheckIn,
    CheckInAnswer,
    Commitment,
    Decision,
    Goal,
    Note,
    Obstacle,
    Partner,
)
from ceocto_desktop.store.files.backups import fsync_file, fsync_folder

MANIFEST = ".ceocto-export.json"
SLUG_MAX = 60


class FolderExportError(Exception):
    """The folder cannot take the export; nothing was written."""


def slug(text: str) -> str:
    """A file-name-safe form of a title: letters, digits (any script) and dashes."""
    first = text.strip().split("\n", 1)[0].lstrip("#").strip()
    normal = unicodedata.normalize("NFC", first).lower()
    cleaned = re.sub(r"[^\w]+", "-", normal).strip("-_")
    return cleaned[:SLUG_MAX].rstrip("-_") or "untitled"


def _yaml(value: object) -> str:
    # JSON scalars and flow lists are valid YAML, with every special character quoted.
    return json.dumps(value, ensure_ascii=False)


def front_matter(fields: Mapping[str, object]) -> str:
    """A YAML front matter block from plain values (None left out)."""
    lines = [f"{key}: {_yaml(value)}" for key, value in fields.items() if value is not None]
    return "---\n" + "\n".join(lines) + "\n---\n"


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _first_line(text: str) -> str:
    return text.strip().split("\n", 1)[0].lstrip("#").strip() or "Untitled"


@dataclass
class _Paths:
    """Each record's file, so links between them can be written as relative paths."""

    by_id: dict[str, str]

    def link(self, from_path: str, record_id: str) -> str:
        return os.path.relpath(self.by_id[record_id], os.path.dirname(from_path) or ".")

    def links(self, from_path: str, ids: Iterable[str]) -> list[str]:
        return [self.link(from_path, i) for i in ids if i in self.by_id]


def _claim(taken: set[str], folder: str, stem: str, record_id: str) -> str:
    path = f"{folder}/{stem}.md"
    if path in taken:
        path = f"{folder}/{stem}-{record_id[:8]}.md"
    taken.add(path)
    return path


def _plan_paths(session: Session, notes: list[Note]) -> _Paths:
    taken: set[str] = set()
    by_id: dict[str, str] = {}
    for goal in session.scalars(select(Goal).order_by(Goal.created_at, Goal.id)):
        by_id[goal.id] = _claim(taken, "goals", slug(goal.title), goal.id)
    for obstacle in session.scalars(select(Obstacle).order_by(Obstacle.opened_on, Obstacle.id)):
        by_id[obstacle.id] = _claim(taken, "obstacles", slug(obstacle.title), obstacle.id)
    for decision in session.scalars(select(Decision).order_by(Decision.decided_on, Decision.id)):
        by_id[decision.id] = _claim(taken, "decisions", slug(decision.title), decision.id)
    for note in notes:
        stem = f"{note.created_at.astimezone():%Y-%m-%d}-{slug(note.body)}"
        by_id[note.id] = _claim(taken, "notes", stem, note.id)
    for promise in session.scalars(_COMMITMENTS):
        stem = f"{promise.due_on}-{slug(promise.what)}"
        by_id[promise.id] = _claim(taken, "commitments", stem, promise.id)
    return _Paths(by_id)


_COMMITMENTS = select(Commitment).order_by(Commitment.due_on, Commitment.created_at, Commitment.id)


def _commitment_file(item: Commitment, path: str, paths: _Paths, names: dict[str, str]) -> str:
    links = {
        "goal": item.goal_id,
        "obstacle": item.obstacle_id,
        "decision": item.decision_id,
    }
    fields = {
        "id": item.id,
        "type": "commitment",
        "owed_by": names[item.owed_by.value],
        "owed_to": names[item.owed_to.value],
        "status": item.status.value,
        "due": _iso(item.due_on),
        "done_on": _iso(item.done_on),
        "dropped_on": _iso(item.dropped_on),
        "week": _iso(item.week_start),
        "area": item.area.value if item.area else None,
        "help_across": item.help_across,
        **{
            name: paths.link(path, record_id)
            for name, record_id in links.items()
            if record_id is not None and record_id in paths.by_id
        },
    }
    lines = [front_matter(fields), f"# {item.what}", ""]
    if item.asked_for:
        lines += [f"Asked for: {item.asked_for}", ""]
    if item.drop_reason:
        lines += ["## Why it was dropped", "", item.drop_reason.strip(), ""]
    return "\n".join(lines)


def _sync_file(week: date, items: list[AgendaItem]) -> str:
    lines = [
        front_matter({"type": "sync", "week": _iso(week)}),
        f"# Our weekly talk, week of {week}",
        "",
    ]
    for item in items:
        box = "[x]" if item.discussed else "[ ]"
        since = f" (since the week of {item.since_week})" if item.since_week < week else ""
        lines.append(f"- {box} {item.title.strip()}{since}")
        if item.outcome.strip():
            lines.append(f"  Outcome: {' '.join(item.outcome.split())}")
    return "\n".join(lines) + "\n"


def _revealed_syncs(session: Session, weeks: set[date]) -> dict[date, list[AgendaItem]]:
    """The kept agendas of weeks both partners answered (an agenda quotes the answers)."""
    syncs: dict[date, list[AgendaItem]] = defaultdict(list)
    rows = session.scalars(
        select(AgendaItem).order_by(AgendaItem.week_start, AgendaItem.position, AgendaItem.id)
    )
    for item in rows:
        if item.week_start in weeks:
            syncs[item.week_start].append(item)
    return syncs


def _names(session: Session) -> dict[str, str]:
    names = {p.seat.value: p.name for p in session.scalars(select(Partner))}
    return {**names, "joint": "joint"}


def _bullets(paths: _Paths, here: str, records: Iterable[tuple[str, str]]) -> list[str]:
    return [f"- [{title}]({paths.link(here, rid)})" for rid, title in records if rid in paths.by_id]


def _goal_file(
    goal: Goal, path: str, paths: _Paths, names: dict[str, str], extra: dict[str, Any]
) -> str:
    fields = {
        "id": goal.id,
        "type": "goal",
        "title": goal.title,
        "owner": names[goal.owner.value],
        "area": goal.area.value,
        "status": goal.status.value,
        "target_date": _iso(goal.target_date),
        "created": _iso(goal.created_at.date()),
        "board_visible": goal.board_visible,
        "carried_from": paths.link(path, goal.carried_from_id) if goal.carried_from_id else None,
        "obstacles": paths.links(path, extra["obstacles"].get(goal.id, [])),
        "decisions": paths.links(path, extra["decisions"].get(goal.id, [])),
    }
    lines = [front_matter(fields), f"# {goal.title}", "", goal.description.strip(), ""]
    if goal.key_results:
        lines += ["## Key results", ""]
        for kr in goal.key_results:
            lines.append(
                f"- {kr.title}: {kr.current_value:g} of {kr.target_value:g} {kr.unit} "
                f"(from {kr.start_value:g})".replace("  ", " ")
            )
        lines.append("")
    if goal.updates:
        lines += ["## History", ""]
        for update in goal.updates:
            note = f" — {update.note.strip()}" if update.note.strip() else ""
            lines.append(f"- {update.on_date}: {update.status.value}, {update.progress:.0%}{note}")
        lines.append("")
    return "\n".join(lines)


def _obstacle_file(item: Obstacle, path: str, paths: _Paths, names: dict[str, str]) -> str:
    fields = {
        "id": item.id,
        "type": "obstacle",
        "title": item.title,
        "kind": item.kind.value,
        "category": item.category.value,
        "severity": item.severity.value,
        "raised_by": names[item.raised_by.value],
        "owner": names[item.owner.value],
        "status": item.status.value,
        "opened": _iso(item.opened_on),
        "resolved": _iso(item.resolved_on),
        "goals": paths.links(path, (g.id for g in item.goals)),
    }
    lines = [front_matter(fields), f"# {item.title}", "", item.description.strip(), ""]
    for heading, text in (
        ("Resolution", item.resolution),
        ("What we learned", item.lesson),
        ("How we covered for each other", item.covered_by),
    ):
        if text.strip():
            lines += [f"## {heading}", "", text.strip(), ""]
    if item.events:
        lines += ["## History", ""]
        lines += [f"- {e.on_date}: {e.kind.value} {e.text.strip()}".rstrip() for e in item.events]
        lines.append("")
    return "\n".join(lines)


def _decision_file(item: Decision, path: str, paths: _Paths, names: dict[str, str]) -> str:
    fields = {
        "id": item.id,
        "type": "decision",
        "title": item.title,
        "decided_by": names[item.decided_by.value],
        "decided_on": _iso(item.decided_on),
        "status": item.status.value,
        "confidence": item.confidence,
        "review_on": _iso(item.review_on),
        "reviewed_on": _iso(item.reviewed_on),
        "verdict": item.verdict.value if item.verdict else None,
        "supersedes": paths.link(path, item.supersedes_id) if item.supersedes_id else None,
        "goals": paths.links(path, (g.id for g in item.goals)),
    }
    lines = [front_matter(fields), f"# {item.title}", ""]
    for heading, text in (
        ("Context", item.context),
        ("Options", item.options),
        ("Decision", item.decision),
        ("Rationale", item.rationale),
        ("Expected outcome", item.expected_outcome),
        ("Outcome", item.outcome),
    ):
        if text.strip():
            lines += [f"## {heading}", "", text.strip(), ""]
    lines += [f"Stances: A {item.stance_a.value}, B {item.stance_b.value}.", ""]
    return "\n".join(lines)


def _note_file(note: Note, path: str, paths: _Paths, names: dict[str, str]) -> str:
    fields = {
        "id": note.id,
        "type": "note",
        "author": names[note.author.value],
        "created": note.created_at.astimezone().isoformat(timespec="minutes"),
        "tags": [tag.name for tag in note.tags],
        "pinned": note.pinned,
        "goals": paths.links(path, (g.id for g in note.goals)),
        "obstacles": paths.links(path, (o.id for o in note.obstacles)),
        "decisions": paths.links(path, (d.id for d in note.decisions)),
    }
    return front_matter(fields) + "\n" + note.body.strip() + "\n"


def _checkin_file(checkin: CheckIn, names: dict[str, str]) -> str:
    lines = [
        front_matter({"id": checkin.id, "type": "checkin", "week": _iso(checkin.week_start)}),
        f"# Check-in, week of {checkin.week_start}",
        "",
    ]
    for answer in checkin.answers:
        lines += [f"## {names[answer.seat.value]}", ""]
        lines += [f"- {r.replace('_', ' ')}: {getattr(answer, r)}/5" for r in RATINGS]
        lines.append("")
        for prompt in PROMPTS:
            text = getattr(answer, prompt).strip()
            if text:
                asked = getattr(answer, f"{prompt}_prompt").strip() or prompt
                lines += [f"**{asked}**", "", text, ""]
    return "\n".join(lines)


def _revealed_checkins(session: Session) -> list[CheckIn]:
    both = (
        select(CheckInAnswer.checkin_id)
        .group_by(CheckInAnswer.checkin_id)
        .having(func.count() == 2)
    )
    query = (
        select(CheckIn)
        .where(CheckIn.id.in_(both))
        .options(selectinload(CheckIn.answers))
        .order_by(CheckIn.week_start)
    )
    return list(session.scalars(query))


def _links_to_goals(session: Session) -> dict[str, dict[str, list[str]]]:
    extra: dict[str, dict[str, list[str]]] = {"obstacles": {}, "decisions": {}}
    for obstacle in session.scalars(select(Obstacle).options(selectinload(Obstacle.goals))):
        for goal in obstacle.goals:
            extra["obstacles"].setdefault(goal.id, []).append(obstacle.id)
    for decision in session.scalars(select(Decision).options(selectinload(Decision.goals))):
        for goal in decision.goals:
            extra["decisions"].setdefault(goal.id, []).append(decision.id)
    return extra


def markdown_files(session: Session) -> dict[str, str]:
    """The whole journal as Markdown files: relative path → text."""
    names = _names(session)
    notes = list(
        session.scalars(
            select(Note)
            .options(
                selectinload(Note.tags),
                selectinload(Note.goals),
                selectinload(Note.obstacles),
                selectinload(Note.decisions),
            )
            .order_by(Note.created_at, Note.id)
        )
    )
    paths = _plan_paths(session, notes)
    files: dict[str, str] = {}
    quarters: dict[str, dict[str, list[tuple[str, str]]]] = defaultdict(lambda: defaultdict(list))
    extra = _links_to_goals(session)
    for goal in session.scalars(select(Goal).order_by(Goal.created_at, Goal.id)):
        path = paths.by_id[goal.id]
        files[path] = _goal_file(goal, path, paths, names, extra)
        day = goal.target_date or goal.created_at.date()
        quarters[quarter_of(day)]["Goals"].append((goal.id, goal.title))
    for obstacle in session.scalars(select(Obstacle).order_by(Obstacle.opened_on, Obstacle.id)):
        path = paths.by_id[obstacle.id]
        files[path] = _obstacle_file(obstacle, path, paths, names)
        quarters[quarter_of(obstacle.opened_on)]["Obstacles"].append((obstacle.id, obstacle.title))
    for decision in session.scalars(select(Decision).order_by(Decision.decided_on, Decision.id)):
        path = paths.by_id[decision.id]
        files[path] = _decision_file(decision, path, paths, names)
        quarters[quarter_of(decision.decided_on)]["Decisions"].append((decision.id, decision.title))
    for note in notes:
        path = paths.by_id[note.id]
        files[path] = _note_file(note, path, paths, names)
        day = note.created_at.astimezone().date()
        quarters[quarter_of(day)]["Notes"].append((note.id, _first_line(note.body)))
    for promise in session.scalars(_COMMITMENTS):
        path = paths.by_id[promise.id]
        files[path] = _commitment_file(promise, path, paths, names)
        quarters[quarter_of(promise.due_on)]["Commitments"].append((promise.id, promise.what))
    revealed = _revealed_checkins(session)
    for checkin in revealed:
        path = f"checkins/{checkin.week_start}.md"
        paths.by_id[checkin.id] = path
        files[path] = _checkin_file(checkin, names)
        title = f"Week of {checkin.week_start}"
        quarters[quarter_of(checkin.week_start)]["Check-ins"].append((checkin.id, title))
    for week, items in _revealed_syncs(session, {c.week_start for c in revealed}).items():
        path = f"syncs/{week}.md"
        paths.by_id[f"sync:{week}"] = path
        files[path] = _sync_file(week, items)
        quarters[quarter_of(week)]["Syncs"].append(
            (f"sync:{week}", f"Our weekly talk, week of {week}")
        )
    files.update(_indexes(quarters, paths))
    return files


def _indexes(
    quarters: dict[str, dict[str, list[tuple[str, str]]]], paths: _Paths
) -> dict[str, str]:
    files: dict[str, str] = {}
    top = ["# Our journal", ""]
    for quarter in sorted(quarters):
        here = f"{quarter}/index.md"
        lines = [f"# {quarter}", ""]
        for heading in (
            "Goals",
            "Obstacles",
            "Decisions",
            "Commitments",
            "Check-ins",
            "Syncs",
            "Notes",
        ):
            records = quarters[quarter].get(heading, [])
            if records:
                lines += [f"## {heading}", "", *_bullets(paths, here, records), ""]
        files[here] = "\n".join(lines)
        top.append(f"- [{quarter}]({here})")
    files["index.md"] = "\n".join(top) + "\n"
    return files


def _previous(folder: Path) -> set[str]:
    try:
        listed = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    files = listed.get("files", []) if isinstance(listed, dict) else []
    return {name for name in files if isinstance(name, str) and ".." not in Path(name).parts}


def _write_file(path: Path, text: str, *, durable: bool = False) -> None:
    # Each file whole or not at all (a temporary name, then a rename); only the manifest is
    # flushed to disk, since an fsync per file would make a 100,000-note export take minutes.
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        if durable:
            fsync_file(Path(temporary))
        os.replace(temporary, path)
    finally:
        Path(temporary).unlink(missing_ok=True)


def write_markdown_folder(folder: Path, files: dict[str, str]) -> int:
    """Write the files into folder; replace the last export's files and touch nothing else."""
    if folder.exists() and not folder.is_dir():
        raise FolderExportError(f"{folder} is a file, not a folder.")
    if not folder.parent.is_dir():
        raise FolderExportError(f"Cannot write {folder}: {folder.parent} does not exist.")
    ours = _previous(folder)
    for name in sorted(files):
        target = folder / name
        if (target.exists() or target.is_symlink()) and name not in ours:
            raise FolderExportError(
                f"{target} is not a file of an earlier export; move it away, or export "
                "into another folder. Nothing was written."
            )
    try:
        folder.mkdir(exist_ok=True)
        for name, text in sorted(files.items()):
            _write_file(folder / name, text)
        for name in sorted(ours - set(files)):
            (folder / name).unlink(missing_ok=True)
        manifest = {"written_by": "ceocto", "files": sorted(files)}
        _write_file(folder / MANIFEST, json.dumps(manifest, indent=1) + "\n", durable=True)
        fsync_folder(folder)
    except OSError as exc:
        raise FolderExportError(f"Could not write into {folder}: {exc.strerror or exc}.") from exc
    return len(files)
