"""The retrospective's "What we promised each other" and "What we talked through"."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.models import CommitmentStatus, Seat
from ceocto_desktop.reports.document import Bullets, Document, Heading, Paragraph
from ceocto_desktop.reports.wording import count
from ceocto_desktop.services.weekly.agenda import talked_through
from ceocto_desktop.services.weekly.commitments import help_across, promises_due


def add_promises(
    doc: Document, session: Session, first: date, last: date, names: dict[str, str]
) -> None:
    """Commitments that fell due in the quarter as they stood at its end, framed as what each
    did for the other; the help across the line; then the sync items the pair talked
    through, with their outcomes."""
    promises = promises_due(session, first, last)
    if promises:
        _add_kept(doc, promises, names)
    _add_help(doc, session, first, last, names)
    talked = talked_through(session, first, last)
    if talked:
        doc.add(Heading(f"What we talked through ({len(talked)})"))
        doc.add(
            Bullets(
                tuple(
                    f"Week of {day_text(t.week)}: {t.title}"
                    + (f" — {t.outcome}" if t.outcome else "")
                    for t in talked
                )
            )
        )


def _add_kept(doc: Document, promises: Sequence[Any], names: dict[str, str]) -> None:
    """How many fell due, kept by each for the other, and those dropped or still open."""
    doc.add(Heading("What we promised each other"))
    standing = [p.standing for p in promises]
    doc.add(
        Paragraph(
            f"{count(len(promises), 'commitment')} fell due: "
            f"{standing.count(CommitmentStatus.DONE)} kept, "
            f"{standing.count(CommitmentStatus.DROPPED)} dropped, "
            f"{standing.count(CommitmentStatus.OPEN)} still open."
        )
    )
    lines = []
    for seat in Seat:
        own = [p for p in promises if p.owed_by is seat]
        if own:
            kept = sum(1 for p in own if p.standing is CommitmentStatus.DONE)
            lines.append(
                f"{names[seat.value]} kept {kept} of {len(own)} for {names[seat.other.value]}"
            )
    doc.add(Bullets(tuple(lines)))
    dropped = [p for p in promises if p.standing is CommitmentStatus.DROPPED]
    if dropped:
        doc.add(Heading("Dropped, and why", 3))
        doc.add(
            Bullets(tuple(f"{p.what} ({names[p.owed_by.value]}): {p.drop_reason}" for p in dropped))
        )
    still_open = [p for p in promises if p.standing is CommitmentStatus.OPEN]
    if still_open:
        doc.add(Heading("Still open", 3))
        doc.add(
            Bullets(
                tuple(
                    f"{p.what} ({names[p.owed_by.value]}, due {day_text(p.due_on)})"
                    for p in still_open
                )
            )
        )


def _add_help(
    doc: Document, session: Session, first: date, last: date, names: dict[str, str]
) -> None:
    """Thanks, not a score: what each did in the other's area, by area."""
    helped = {seat: help_across(session, seat, first, last) for seat in Seat}
    if any(helped.values()):
        doc.add(Heading("Help across the line", 3))
        doc.add(
            Bullets(
                tuple(
                    f"{names[seat.value]} in {area} ({len(done)}): {', '.join(done)}"
                    for seat in Seat
                    for area, done in helped[seat].items()
                )
            )
        )
