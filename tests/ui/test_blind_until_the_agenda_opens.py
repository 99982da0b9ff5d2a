"""End to end: a word written before both partners have answered a week — in a talking
point, a "what I need from you" answer (what a proposal would quote) and the other's
unsubmitted draft — reaches no tray reminder, no search, no export and no `ceocto agenda`
until both have answered and the agenda opens; then it is there, so every channel below
can show it."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from ceocto_desktop.models import Seat
from ceocto_desktop.services import search
from ceocto_desktop.services.changes import Changed
from ceocto_desktop.services.weekly import agenda, checkins, drafts
from ceocto_desktop.ui.tray import reminder_text
from tests.cli.conftest import ceocto
from tests.system_tools import require_tool

WORD = "Quokkaplan"
CALM = {"role_clarity": 4, "cooperation": 4, "communication": 4, "trust": 4, "alignment": 4}


def _everything_outside(journal: Path, out: Path, week: str) -> dict[str, str]:
    """What each channel outside the window says about the journal, by channel."""
    said: dict[str, str] = {}
    db = ["--db", str(journal)]
    found = ceocto("search", WORD.lower(), "--json", *db)
    said["ceocto search"] = found.stdout + found.stderr
    for form in ("json", "md"):
        shown = ceocto("agenda", "--week", week, "--format", form, *db)
        said[f"ceocto agenda --format {form}"] = shown.stdout + shown.stderr
    for kind, target in (("json", out / "all.json"), ("ics", out / "all.ics")):
        made = ceocto("export", kind, "-o", str(target), "--force", *db)
        assert made.returncode == 0, made.stderr
        said[f"ceocto export {kind}"] = target.read_text(encoding="utf-8")
    folder = out / f"md-{len(list(out.iterdir()))}"
    made = ceocto("export", "md", "-o", str(folder), *db)
    assert made.returncode == 0, made.stderr
    said["ceocto export md"] = "\n".join(
        p.read_text(encoding="utf-8") for p in sorted(folder.rglob("*")) if p.is_file()
    )
    for form in ("md", "html", "pdf"):
        target = out / f"retro.{form}"
        made = ceocto(
            "export", "retro", "--quarter", "2026-Q4", "--format", form, "-o", str(target),
            "--force", *db,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        said[f"ceocto export retro {form}"] = (
            subprocess.run(
                [require_tool("pdftotext"), str(target), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
            if form == "pdf"
            else target.read_text(encoding="utf-8")
        )
    return said


def _everything_inside(window, today) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """What the window says: each partner's tray reminder, and search (Ctrl+K's)."""
    said = {}
    for seat in Seat:
        window.context.set_author(seat)
        said[f"tray for {seat.value}"] = reminder_text(window.context, today)
    hits = window.context.read(lambda s: search.search(search.session_connection(s), WORD))
    said["search in the window"] = " ".join(f"{h.title} {h.snippet}" for h in hits)
    window.context.set_author(Seat.A)
    return said


def _leaks(said: dict[str, str]) -> list[str]:
    return [channel for channel, text in said.items() if WORD.lower() in text.lower()]


def test_a_secret_word_shows_nowhere_until_both_answered_and_the_agenda_opens(
    today, qtbot, journal_path, window, tmp_path
):
    week = window.context.read(lambda s: checkins.current_week(s, today))
    write = window.context.write
    write(
        lambda s: checkins.submit_answers(
            s, week, Seat.A, CALM, {"needs": f"{WORD}: cover the Ardennes call"}
        ),
        Changed.CHECKINS,
    )
    write(
        lambda s: agenda.add_talking_point(s, Seat.A, week, f"Sam's {WORD} for the board"),
        Changed.CHECKINS,
    )
    write(
        lambda s: agenda.add_talking_point(s, Seat.B, week, f"Priya's {WORD} idea"),
        Changed.CHECKINS,
    )
    write(  # Priya's answers, typed and not yet submitted: her draft
        lambda s: drafts.save_draft(
            s, Seat.B, drafts.checkin_key(week), {"answers": {"wins": f"{WORD} shipped"}}
        ),
        Changed.CHECKINS,
    )
    out = tmp_path / "out"
    out.mkdir()
    before = {
        **_everything_inside(window, today),
        **_everything_outside(journal_path, out, str(week)),
    }
    assert _leaks(before) == []
    assert "Sam has answered, Priya has not" in before["ceocto agenda --format json"]

    # Priya answers: the week is both's, and the agenda opens (the shell keeps it).
    write(lambda s: checkins.submit_answers(s, week, Seat.B, CALM, {}), Changed.CHECKINS)
    shown = ceocto("agenda", "--week", str(week), "--format", "json", "--db", str(journal_path))
    assert shown.returncode == 0, shown.stderr
    titles = [item["title"] for item in json.loads(shown.stdout)["items"]]
    assert f"Sam's point: Sam's {WORD} for the board" in titles
    assert f"Priya's point: Priya's {WORD} idea" in titles
    # The need becomes a request Priya is asked to take on (a proposal in its words).
    need = next(
        item for item in window.context.read(lambda s: agenda.open_agenda(s, week, today)).items
        if item.kind == "need"
    )  # fmt: skip
    write(lambda s: agenda.ask_from_item(s, need.id, today), Changed.COMMITMENTS)
    after = {
        **_everything_inside(window, today),
        **_everything_outside(journal_path, out, str(week)),
    }
    seen = set(_leaks(after))
    # Every channel that states written words now says it; the tray never does, and the
    # calendar holds no request not yet taken on.
    assert seen == set(after) - {"tray for A", "tray for B", "ceocto export ics"}, sorted(seen)
    # Priya's unsubmitted draft stays hers: her words never reached anything.
    assert not any("shipped" in text for text in after.values())
