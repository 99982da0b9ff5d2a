"""Two laptops of one pair: journal A (set up) and journal B (joined) over a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from ceocto_desktop.store import Journal, open_journal
from ceocto_desktop.store.travel.device import forget_cache
from ceocto_desktop.sync import service

# Every table that travels, read as both laptops must agree on it (local ids aside).
COMPARE = {
    "partners": "SELECT seat, name, title, strengths, responsibilities, color FROM partners",
    "goals": "SELECT id, title, description, owner, status, progress FROM goals",
    "key_results": "SELECT id, goal_id, title, current_value FROM key_results",
    "notes": "SELECT id, body, pinned, author FROM notes",
    "note_tags": "SELECT n.note_id, t.name FROM note_tags n JOIN tags t ON t.id = n.tag_id",
    "tags": "SELECT name FROM tags",
    "checkins": "SELECT week_start FROM checkins",
    "answers": (
        "SELECT c.week_start, a.seat, a.wins, a.trust FROM checkin_answers a "
        "JOIN checkins c ON c.id = a.checkin_id"
    ),
    "settings": "SELECT key, value FROM settings WHERE key NOT LIKE 'pin_%'",
    "retros": "SELECT quarter, went_well FROM retrospectives",
}


@dataclass
class Pair:
    a: Journal
    b: Journal
    folder: Path
    code: str

    def sync(self, rounds: int = 2) -> None:
        """Both laptops sync, twice (keys released by what arrived go on the second)."""
        for _ in range(rounds):
            service.sync_now(self.a)
            service.sync_now(self.b)

    def rows(self, journal: Journal) -> dict[str, list[Any]]:
        with journal.sessions() as session:
            connection = session.connection()
            return {
                name: sorted(tuple(r) for r in connection.exec_driver_sql(sql).fetchall())
                for name, sql in COMPARE.items()
            }

    def conflicts(self, journal: Journal) -> list[tuple[Any, ...]]:
        with journal.sessions() as session:
            return [
                tuple(row)
                for row in session.connection().exec_driver_sql(
                    "SELECT tbl, field, kind, kept, other FROM sync_conflicts ORDER BY id"
                )
            ]


@pytest.fixture
def pair(template_journal: Path, tmp_path: Path) -> Iterator[Pair]:
    forget_cache()
    path_a = tmp_path / "a" / "journal.db"
    path_a.parent.mkdir()
    shutil.copyfile(template_journal, path_a)
    folder = tmp_path / "Sync"
    folder.mkdir()
    a = open_journal(path_a)
    code = service.setup(a, folder, "A")
    path_b = tmp_path / "b" / "journal.db"
    path_b.parent.mkdir()
    b = open_journal(path_b, create=True)
    service.join(b, folder, "B", code)
    yield Pair(a, b, folder, code)
    a.close()
    b.close()
