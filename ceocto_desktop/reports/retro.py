"""The quarterly retrospective: what we achieved, what blocked us, what we decided, how we
worked together, and our own reflection — nothing from outside the quarter."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from statistics import mean, median

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.charts import trends as charts
from ceocto_desktop.charts.render import png
from ceocto_desktop.models import Decision, Goal, Note, Obstacle, ObstacleKind, Seat
from ceocto_desktop.reports.document import Bullets, Document, Heading, Image, Paragraph, Table
from ceocto_desktop.services import goals as goal_service
from ceocto_desktop.services.board import get_retrospective
from ceocto_desktop.services.checkins import answered_weeks, week_as_seen_by
from ceocto_desktop.services.decisions import decision_view
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.obstacles import obstacle_view
from ceocto_desktop.services.partners import PartnerView, get_partners
from ceocto_desktop.services.trends import Period, checkin_answers


def _quarter(text: str) -> tuple[str, date, date]:
    try:
        first, last = parse_quarter(text)
    except ValueError as exc:
        raise ValidationError("quarter", str(exc)) from None
    return quarter_of(first), first, last


def _pct(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def build_retrospective(session: Session, quarter: str, today: date | None = None) -> Document:
    """The retrospective of one quarter as a document (a short one when nothing happened)."""
    name, first, last = _quarter(quarter)
    today = today or date.today()
    period = Period(first, last)
    partners = get_partners(session)
    names = {seat: partners[seat].name.split()[0] for seat in partners}
    doc = Document(
        f"Retrospective {name}",
        f"{partners[Seat.A].name} & {partners[Seat.B].name} · {first:%d %B} – {last:%d %B %Y}",
    )
    goal_rows = list(session.scalars(select(Goal).where(Goal.target_date.between(first, last))))
    later_titles = set(session.scalars(select(Goal.title).where(Goal.target_date > last)))
    obstacles = [obstacle_view(o) for o in session.scalars(select(Obstacle))]
    opened = [o for o in obstacles if period.holds(o.opened_on)]
    resolved = [o for o in obstacles if o.resolved_on and period.holds(o.resolved_on)]
    decisions = [decision_view(session, d) for d in session.scalars(select(Decision))]
    taken = [d for d in decisions if period.holds(d.decided_on)]
    reviewed = [d for d in decisions if d.reviewed_on and period.holds(d.reviewed_on)]
    answers = checkin_answers(session, period)
    start = datetime.combine(first, time(), UTC)
    end = datetime.combine(last + timedelta(days=1), time(), UTC)
    notes = list(
        session.scalars(select(Note.id).where(Note.created_at >= start, Note.created_at < end))
    )
    reflection = get_retrospective(session, name)
    if not (goal_rows or opened or resolved or taken or reviewed or answers or notes):
        doc.add(
            Paragraph(
                f"Nothing was recorded in {name}: no goals targeted at it, no "
                "obstacles, decisions or check-ins."
            )
        )
        _reflection(doc, reflection)
        return doc

    doc.add(Heading("What we set out to do"))
    if goal_rows:
        rows = []
        for goal in sorted(goal_rows, key=lambda g: g.title):
            view = goal_service.goal_view(goal, today)
            if goal.status.value == "achieved":
                outcome = "achieved"
            elif goal.title in later_titles:
                outcome = "carried over"
            else:
                outcome = "missed" if last < today else goal.status.value
            history = [
                u for u in goal_service.goal_history(session, goal.id) if period.holds(u.on_date)
            ]
            moves: dict[str, list[float]] = {}
            for update in history:
                for title, before, after in update.changes:
                    moves.setdefault(title, [before, after])[1] = after
            movement = "; ".join(f"{t}: {a:g} → {b:g}" for t, (a, b) in moves.items()) or "—"
            rows.append((goal.title, outcome, _pct(view.progress), movement))
        doc.add(Table(("Goal", "Outcome", "Progress", "Key results this quarter"), tuple(rows)))
    else:
        doc.add(Paragraph("No goals targeted this quarter."))

    doc.add(Heading("What blocked us"))
    days = [(o.resolved_on - o.opened_on).days for o in resolved if o.resolved_on]
    doc.add(
        Paragraph(
            f"{len(opened)} obstacle(s) opened and {len(resolved)} resolved this quarter"
            + (f"; median time to resolve {median(days):.0f} days." if days else ".")
        )
    )
    if opened:
        doc.add(
            Table(
                ("Obstacle", "Category", "Status"),
                tuple((o.title, o.category.value, o.status.value) for o in opened),
            )
        )
    setbacks = [
        o for o in {o.id: o for o in opened + resolved}.values() if o.kind is ObstacleKind.SETBACK
    ]
    if setbacks:
        doc.add(Heading("Setbacks, and what we learned (blameless)", 3))
        doc.add(
            Bullets(
                tuple(
                    f"{o.title}: {o.lesson or 'lesson not written yet'}"
                    + (f" — how we covered: {o.covered_by}" if o.covered_by else "")
                    for o in setbacks
                )
            )
        )

    doc.add(Heading("What we decided"))
    if taken:
        doc.add(
            Table(
                ("Decision", "Date", "Decided by", "Confidence"),
                tuple(
                    (
                        d.title,
                        d.decided_on.isoformat(),
                        "joint"
                        if d.decided_by.value == "joint"
                        else names[Seat(d.decided_by.value)],
                        f"{d.confidence}%",
                    )
                    for d in sorted(taken, key=lambda d: d.decided_on)
                ),
            )
        )
    else:
        doc.add(Paragraph("No decisions taken this quarter."))
    if reviewed:
        doc.add(Heading("How earlier decisions turned out", 3))
        doc.add(
            Bullets(
                tuple(
                    f"{d.title}: {d.verdict.value if d.verdict else ''} — {d.outcome}"
                    for d in reviewed
                )
            )
        )

    _cooperation(session, doc, answers, first, names, partners)
    _reflection(doc, reflection)
    return doc


def _cooperation(
    session: Session,
    doc: Document,
    answers: list[coop.Answer],
    first: date,
    names: dict[Seat, str],
    partners: dict[Seat, PartnerView],
) -> None:
    doc.add(Heading("How we worked together"))
    previous_first = parse_quarter(quarter_of(first - timedelta(days=1)))[0]
    before = checkin_answers(session, Period(previous_first, first - timedelta(days=1)))
    now_points, then_points = coop.weekly_index(answers), coop.weekly_index(before)

    def average(points: list[coop.WeekPoint], seat: str) -> str:
        values = [v for p in points if (v := p.values[seat]) is not None]
        return f"{mean(values):.2f}" if values else "—"

    def gap(points: list[coop.WeekPoint]) -> str:
        gaps = [abs(g) for g in coop.perception_gap(points) if g is not None]
        return f"{mean(gaps):.2f}" if gaps else "—"

    doc.add(
        Table(
            ("", "This quarter", "Previous quarter"),
            (
                (
                    f"Cooperation index, {names[Seat.A]}",
                    average(now_points, "A"),
                    average(then_points, "A"),
                ),
                (
                    f"Cooperation index, {names[Seat.B]}",
                    average(now_points, "B"),
                    average(then_points, "B"),
                ),
                ("Perception gap (mean size)", gap(now_points), gap(then_points)),
                ("Weeks checked in", str(len(now_points)), str(len(then_points))),
            ),
        )
    )
    style = charts.Style(
        {s.value: partners[s].color for s in Seat}, {s.value: names[s] for s in Seat}
    )
    both = coop.weekly_index(before + answers)
    rolling = {s: coop.rolling_mean(both, s) for s in ("A", "B")}
    doc.add(
        Image(
            png(lambda f: charts.draw_cooperation(f, both, rolling, style)),
            "Cooperation index by week, previous and this quarter",
        )
    )
    gaps = coop.perception_gap(both)
    doc.add(
        Image(
            png(lambda f: charts.draw_gap(f, both, gaps, coop.gap_widening(gaps), style)),
            "Perception gap by week",
        )
    )
    weeks = {week for week, _count in answered_weeks(session)} & {a.week for a in answers}
    wins, thanks = [], []
    for week in sorted(weeks):
        seen = week_as_seen_by(session, week, Seat.A)
        if not seen.complete:
            continue  # blind until both answered, in a report too
        for seat, answer in seen.answers.items():
            if answer.wins:
                wins.append(f"{names[seat]}, {week:%d %b}: {answer.wins}")
            if answer.appreciation:
                thanks.append(f"{names[seat]}, {week:%d %b}: {answer.appreciation}")
    if wins:
        doc.add(Heading("Wins worth keeping", 3), Bullets(tuple(wins[-8:])))
    if thanks:
        doc.add(Heading("What we appreciated in each other", 3), Bullets(tuple(thanks[-8:])))


def _reflection(doc: Document, reflection) -> None:  # type: ignore[no-untyped-def]
    doc.add(Heading("Our reflection"))
    items = (
        ("What went well", reflection.went_well),
        ("What we change", reflection.to_change),
        ("Our commitments for next quarter", reflection.commitments),
    )
    if not any(text.strip() for _, text in items):
        doc.add(Paragraph("Not written yet."))
        return
    for label, text in items:
        doc.add(Heading(label, 3), Paragraph(text.strip() or "—"))
