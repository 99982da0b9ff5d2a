"""Random edits on both laptops, random delivery: both end equal, nothing lost or doubled."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from ceocto_desktop.models import Note, Seat
from ceocto_desktop.services.records import goals, notes
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.store import Journal, open_journal
from ceocto_desktop.store.travel.device import forget_cache
from ceocto_desktop.sync import service
from ceocto_desktop.sync.folder import SyncFolder

from .conftest import Pair

LINES = ("plan", "hire", "ship", "raise", "sell")
text = st.lists(st.sampled_from(LINES), min_size=1, max_size=4).map(lambda ls: "\n".join(ls))
side = st.sampled_from("ab")
delivery = st.sampled_from(["plain", "half", "hold", "copy", "hide"])
op = st.one_of(
    st.tuples(st.just("create"), side, st.integers(0, 2), text),
    st.tuples(st.just("edit"), side, st.integers(0, 2), text),
    st.tuples(st.just("delete"), side, st.integers(0, 2)),
    st.tuples(st.just("title"), side, st.sampled_from(["T1", "T2", "T3", "T4"])),
    st.tuples(st.just("sync"), side, delivery),
)


def _note_ids(journal: Journal) -> set[str]:
    with journal.sessions() as session:
        return {str(r[0]) for r in session.connection().exec_driver_sql("SELECT id FROM notes")}


def _deliver(pair: Pair, journal: Journal, how: str, random_index: int) -> None:
    """One sync pass of journal while the folder misbehaves in one way, then heals."""
    folder = SyncFolder(pair.folder)
    files = sorted(p for p in (pair.folder / "ceocto-sync/v1/changes").rglob("*.chg"))
    undo: list[tuple[Path, bytes | None]] = []
    if files and how != "plain":
        victim = files[random_index % len(files)]
        data = victim.read_bytes()
        if how == "half":
            victim.write_bytes(data[: len(data) // 2])
            undo.append((victim, data))
        elif how in ("hold", "hide"):
            victim.unlink()
            undo.append((victim, data))
        elif how == "copy":
            (victim.parent / f"{victim.stem} (conflicted copy).chg").write_bytes(data)
    service.sync_now(journal)
    for path, data in undo:
        if data is not None:
            path.write_bytes(data)
    assert folder.scan() is not None


def _apply(pair: Pair, step: tuple[Any, ...], slots: dict[int, str], index: int) -> None:
    kind, who = step[0], step[1]
    journal = pair.a if who == "a" else pair.b
    seat = Seat.A if who == "a" else Seat.B
    if kind == "sync":
        _deliver(pair, journal, step[2], index)
        return
    with journal.transaction() as session:
        if kind == "title":
            goals.update_goal(session, slots[-1], title=step[2])
            return
        note_id = slots.get(step[2])
        here = note_id is not None and note_id in _note_ids(journal)
        if kind == "create" and note_id is None:
            slots[step[2]] = notes.create_note(session, seat, step[3]).id
        elif kind == "edit" and here:
            notes.update_note(session, note_id, body=step[3])
        elif kind == "delete" and here:
            delete_record(session, Note, note_id)


def _make_pair(template: Path, root: Path) -> Pair:
    forget_cache()
    (root / "a").mkdir()
    (root / "b").mkdir()
    (root / "Sync").mkdir()
    shutil.copyfile(template, root / "a" / "journal.db")
    a = open_journal(root / "a" / "journal.db")
    code = service.setup(a, root / "Sync", "A")
    b = open_journal(root / "b" / "journal.db", create=True)
    service.join(b, root / "Sync", "B", code)
    return Pair(a, b, root / "Sync", code)


@settings(
    max_examples=int(os.environ.get("CEOCTO_SYNC_EXAMPLES", "20")),
    deadline=None,
    # Each example builds two journals; shrinking a failure would take minutes, and the
    # failing steps are printed as they are.
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(steps=st.lists(op, min_size=1, max_size=14))
def test_random_edits_and_delivery_converge(template_journal: Path, steps: list[Any]) -> None:
    root = Path(tempfile.mkdtemp(prefix="sync-prop-"))
    pair = _make_pair(template_journal, root)
    try:
        with pair.a.transaction() as session:
            goal = goals.create_goal(session, Seat.A, "T0")
        pair.sync(1)
        slots: dict[int, str] = {-1: goal.id}
        last_title: dict[str, str] = {}
        for index, step in enumerate(steps):
            if step[0] == "title":
                # A title this side had received and now replaces is edited over, not lost
                # (the random order of device folders decides which files a pass reads).
                other = "b" if step[1] == "a" else "a"
                here = pair.rows(pair.a if step[1] == "a" else pair.b)["goals"]
                current = next(g[1] for g in here if g[0] == goal.id)
                if last_title.get(other) == current:
                    del last_title[other]
            _apply(pair, step, slots, index)
            if step[0] == "title":
                last_title[step[1]] = step[2]
        pair.sync(3)
        rows_a, rows_b = pair.rows(pair.a), pair.rows(pair.b)
        assert rows_a == rows_b
        final = next(g[1] for g in rows_a["goals"] if g[0] == goal.id)
        kept = {final}
        for journal in (pair.a, pair.b):
            for conflict in pair.conflicts(journal):
                for value in conflict[3:5]:
                    if value is not None:
                        kept.add(json.loads(value))
        assert set(last_title.values()) <= kept  # no side's last word is lost unseen
        for journal, other in ((pair.a, pair.b), (pair.b, pair.a)):
            with journal.sessions() as session:
                seen = dict(
                    session.connection()
                    .exec_driver_sql("SELECT device, seq FROM sync_seen")
                    .fetchall()
                )
            with other.sessions() as session:
                sent = session.connection().exec_driver_sql(
                    "SELECT device, max(seq) FROM sync_outbox GROUP BY device"
                )
                for device, top in sent.fetchall():
                    assert seen[device] == top  # every change set applied, each once
    finally:
        pair.a.close()
        pair.b.close()
        shutil.rmtree(root, ignore_errors=True)
