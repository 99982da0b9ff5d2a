"""What `ceocto sync --status` and the window's Sync tab say: when this journal last synced,
what came from whom, and what waits."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ceocto_desktop.store.journal import Journal
from ceocto_desktop.store.travel.changelog import get_state
from ceocto_desktop.sync.service import is_set_up


def _ago(stamp: str, now: datetime) -> str:
    try:
        when = datetime.fromisoformat(stamp)
    except ValueError:
        return "at an unknown time"
    minutes = int((now - when).total_seconds() // 60)
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} min ago"
    if minutes < 48 * 60:
        return f"{minutes // 60} h ago"
    return f"{minutes // (24 * 60)} days ago"


def status(journal: Journal, now: datetime | None = None) -> list[str]:
    """When this journal last synced, what came from whom, and what waits (lines to show)."""
    now = now or datetime.now(UTC)
    with journal.sessions() as session:
        connection = session.connection()
        if not is_set_up(connection):
            return ["This journal does not sync; set it up with 'ceocto sync setup FOLDER'."]
        last = get_state(connection, "last_sync")
        report = json.loads(get_state(connection, "last_report", "{}"))
        names: dict[str, str] = {
            str(seat): str(name)
            for seat, name in connection.exec_driver_sql("SELECT seat, name FROM partners")
        }
        unsent = connection.exec_driver_sql(
            "SELECT count(*) FROM sync_outbox WHERE written = 0"
        ).scalar()
        flagged = connection.exec_driver_sql(
            "SELECT count(*) FROM sync_conflicts WHERE kind = 'text' AND resolved = 0"
        ).scalar()
        folder = get_state(connection, "folder")
        session.rollback()
    if not last:
        lines = ["Not synced yet"]
    else:
        line = f"Synced {_ago(last, now)}"
        senders = [names.get(seat, "the other laptop") for seat in report.get("from", {})]
        if report.get("changes"):
            count = int(report["changes"])
            line += f" · {count} change{'' if count == 1 else 's'} from {' and '.join(senders)}"
        lines = [line]
    if report.get("read_only"):
        lines.insert(0, f"Receiving only: {report['read_only']}")
    lines.append(f"Sync folder: {folder}")
    if unsent:
        lines.append(f"{unsent} change set(s) of this laptop wait to be written to the folder.")
    lines.extend(f"Waiting: {item}." for item in report.get("waiting", []))
    if report.get("leftovers"):
        lines.append(
            f"{report['leftovers']} file(s) in the folder are not ceocto's own (copies a sync "
            "service made); they were left alone."
        )
    if flagged:
        lines.append(f"{flagged} text(s) were changed on both laptops and need a look.")
    return lines
