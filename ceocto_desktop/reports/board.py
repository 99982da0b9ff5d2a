"""The board brief: what we ask of the board, what is at risk, how each goal moved."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text
from ceocto_desktop.analytics.relative_dates import relative_day
from ceocto_desktop.models import Seat
from ceocto_desktop.reports.document import Bullets, Document, Heading, Paragraph, Table
from ceocto_desktop.reports.wording import count, movement, pct, status_movement
from ceocto_desktop.services.partners import company_name, get_partners
from ceocto_desktop.services.review.board_review import BoardReview, board_review, how_many

ROWS_SHOWN = 40  # a longer list says how many it leaves out, and where they are


def _more(doc: Document, total: int, noun: str, plural: str) -> None:
    if total > ROWS_SHOWN:
        doc.add(
            Paragraph(
                f"Showing {ROWS_SHOWN} of {total:,} {plural}; all of them are on the Board "
                "review page."
            )
        )


def build_board_brief(
    session: Session, held_on: date | None = None, today: date | None = None
) -> Document:
    """The printable brief for a board meeting, as things stood at that meeting."""
    review = board_review(session, held_on, today)
    partners = get_partners(session)
    pair = f"{partners[Seat.A].name} & {partners[Seat.B].name}"
    return board_document(review, pair, company_name(session))


def due_line(title: str, review_on: date, held_on: date) -> str:
    """A review due by the meeting, flagged when it was already late on the meeting's day:
    "Overdue 2 months: Raise prices (review was due 13 Oct 2026)"."""
    if review_on < held_on:
        late = relative_day(review_on, held_on).text.removeprefix("overdue ")
        return f"Overdue {late}: {title} (review was due {day_text(review_on)})"
    return f"{title} (review due {day_text(review_on)}, the meeting's day)"


def board_document(review: BoardReview, pair: str, company: str = "") -> Document:
    """Format a board review: the ask first, then goals at risk, then the full table."""
    meeting = review.meeting
    since = f"since {day_text(review.previous.held_on)}" if review.previous else ""
    whose = f"{company} — " if company else ""
    doc = Document(
        f"{whose}Board brief — {meeting.title}",
        f"{pair} · {day_text(meeting.held_on)} · "
        + (f"what moved {since}" if since else "the first board meeting"),
        author=pair,
        subject=f"Board brief for the meeting of {day_text(meeting.held_on)}",
    )
    doc.add(Heading("What we ask of the board"))
    doc.add(Paragraph(meeting.ask_of_board.strip() or "Nothing this time."))
    _goals(doc, review)
    _decisions(doc, review, since)
    if meeting.notes.strip():
        doc.add(Heading("Notes"), Paragraph(meeting.notes.strip()))
    return doc


def _goals(doc: Document, review: BoardReview) -> None:
    """The goals at risk first, then every goal the board follows, what moved since."""
    if review.at_risk:
        doc.add(Heading(f"{count(len(review.at_risk), 'goal')} at risk"))
        doc.add(
            Bullets(
                tuple(
                    f"{g.title} — {g.status_now.value}, {pct(g.progress_now)}"
                    + (f"; weakest: {g.weakest_detail or g.weakest}" if g.weakest else "")
                    + (f"; blocked by {'; '.join(g.open_obstacles)}" if g.open_obstacles else "")
                    for g in review.at_risk[:ROWS_SHOWN]
                )
            )
        )
        _more(doc, len(review.at_risk), "goal at risk", "goals at risk")
    doc.add(Heading("Goals the board follows"))
    if review.goals:
        doc.add(
            Table(
                ("Goal", "Progress", "Status", "Weakest key result", "Open obstacles"),
                tuple(
                    (
                        g.title,
                        movement(g.progress_then, g.progress_now, g.is_new, g.carried_over),
                        status_movement(g.status_then, g.status_now, g.is_new),
                        g.weakest_detail or g.weakest or "—",
                        "; ".join(g.open_obstacles) or "—",
                    )
                    for g in sorted(review.goals, key=lambda g: not g.at_risk)[:ROWS_SHOWN]
                ),
            )
        )
        _more(doc, len(review.goals), "goal", "goals")
    else:
        doc.add(Paragraph("No goals are marked as shown to the board."))


def _decisions(doc: Document, review: BoardReview, since: str) -> None:
    """The decisions taken since the previous meeting, and those due for review by this one."""
    heading = f"Decisions we took {since}" if since else "Decisions we took"
    doc.add(Heading(heading))
    doc.add(
        Bullets(tuple(f"{day_text(d.day)}: {d.title}" for d in review.decided_since))
        if review.decided_since
        else Paragraph("None.")
    )
    if review.decided_count > len(review.decided_since):
        doc.add(
            Paragraph(
                f"The latest {len(review.decided_since)} of "
                f"{how_many(review.decided_count)} decisions; "
                "all are on the Decisions page."
            )
        )
    late = sum(1 for d in review.due_for_review if d.day < review.meeting.held_on)
    doc.add(Heading("Decisions due for review" + (f" ({late} overdue)" if late else "")))
    doc.add(
        Bullets(
            tuple(due_line(d.title, d.day, review.meeting.held_on) for d in review.due_for_review)
        )
        if review.due_for_review
        else Paragraph("None.")
    )
    if review.due_count > len(review.due_for_review):
        doc.add(
            Paragraph(
                f"The {len(review.due_for_review)} most overdue of {how_many(review.due_count)} "
                "reviews due; all are on the Decisions page."
            )
        )
