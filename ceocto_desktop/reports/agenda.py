"""The weekly sync agenda as Markdown (to paste into a calendar invite) and as JSON."""

from __future__ import annotations

import json
from datetime import date

from ceocto_desktop.analytics.formats import week_text
from ceocto_desktop.services.weekly.agenda import Agenda, AgendaEntry

SECTIONS = (
    ("gap", "Where we see it differently"),
    ("need", "What we need from each other"),
    ("point", "Talking points"),
    ("commitment", "Commitments due"),
    ("decision", "Decisions to review"),
    ("goal", "Goals at risk"),
    ("obstacle", "Obstacles open 30 days or more"),
    ("board", "Board"),
)


def _indented(lines: list[str]) -> list[str]:
    return [f"  {line}" if line.strip() else "" for line in lines]


def _line(item: AgendaEntry, week: date) -> list[str]:
    box = "[x]" if item.discussed else "[ ]"
    since = f" (since the {week_text(item.since_week)})" if item.since_week < week else ""
    first, *rest = item.title.splitlines() or [""]
    lines = [f"- {box} {first}{since}", *_indented(rest)]
    if item.outcome:
        outcome, *more = item.outcome.splitlines()
        lines += [f"  Outcome: {outcome}", *_indented(more)]
    return lines


def agenda_markdown(agenda: Agenda) -> str:
    """The agenda by section, each item a checkbox with its outcome and since when."""
    lines = [f"# Our weekly talk, {week_text(agenda.week)}"]
    for kind, heading in SECTIONS:
        items = [item for item in agenda.items if item.kind == kind]
        if items:
            lines += ["", f"## {heading}", ""]
            for item in items:
                lines += _line(item, agenda.week)
    if not agenda.items:
        lines += ["", "Nothing on the agenda this week."]
    return "\n".join(lines) + "\n"


def agenda_json(agenda: Agenda) -> str:
    """The agenda as JSON: the week and its items in order."""
    data = {
        "week": agenda.week.isoformat(),
        "items": [
            {
                "kind": item.kind,
                "title": item.title,
                "since_week": item.since_week.isoformat(),
                "carried": item.since_week < agenda.week,
                "discussed": item.discussed,
                "outcome": item.outcome,
                "commitment_id": item.commitment_id,
            }
            for item in agenda.items
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
