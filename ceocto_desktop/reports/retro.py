"""The quarterly retrospective: what we achieved, what blocked us, what we decided, how we
worked together, and our own reflection — nothing from outside the quarter."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from functools import partial
from statistics import median

from sqlalchemy.orm import Session

from ceocto_desktop.analytics.formats import day_text, percent_of_hundred, week_text
from ceocto_desktop.analytics.periods import parse_quarter, quarter_of
from ceocto_desktop.charts.style import Style  # plain values: no matplotlib
from ceocto_desktop.charts.worker import ChartJob, ChartWorker  # nor here
from ceocto_desktop.models import ObstacleKind, Seat, Verdict
from ceocto_desktop.reports.document import Bullets, Document, Heading, Image, Paragraph, Table
from ceocto_desktop.reports.retro_promises import add_promises
from ceocto_desktop.reports.wording import count, owner_name, pct
from ceocto_desktop.services.partners import PartnerView, get_partners
from ceocto_desktop.services.review.board import RetroView, get_retrospective
from ceocto_desktop.services.review.quarter import QuarterFacts, quarter_facts
from ceocto_desktop.services.review.trends import (
    Chart,
    CooperationSeries,
    Period,
    TrendFacts,
    cooperation_series,
)


def build_retrospective(
    session: Session,
    quarter: str,
    today: date | None = None,
    *,
    chart_dpi: int = 200,
    dark: bool = False,
    charts: ChartWorker | None = None,
) -> Document:
    """The retrospective of one quarter as a document (a short one when nothing happened).

    Charts are drawn at print resolution; a screen preview asks for less, and dark ones.
    charts: a helper process that draws them meanwhile (the shell's export); else here."""
    facts = quarter_facts(session, quarter, today)
    partners = get_partners(session)
    names = {seat.value: partners[seat].name.split()[0] for seat in partners}
    pair = f"{partners[Seat.A].name} & {partners[Seat.B].name}"
    name, first, last = facts.name, facts.first, facts.last
    doc = Document(
        f"Retrospective {name}",
        f"{pair} · {day_text(first)} – {day_text(last)}",
        author=pair,
        subject=f"Quarterly retrospective {name}",
    )
    reflection = get_retrospective(session, name)
    if facts.empty:
        doc.add(
            Paragraph(
                f"Nothing was recorded in {name}: no goals targeted at it, no "
                "obstacles, decisions, check-ins, commitments or weekly talks."
            )
        )
        _reflection(doc, reflection)
        return doc
    _goals(doc, facts)
    _obstacles(doc, facts)
    _decisions(doc, facts, names)
    index = _cooperation(session, doc, facts, partners, (chart_dpi, dark, charts))
    _voices(doc, facts, names)
    add_promises(doc, session, first, last, names)
    achieved = sum(1 for g in facts.goals if g.outcome == "achieved")
    doc.headline = (
        (f"{achieved} of {len(facts.goals)}", "goals achieved"),
        (str(len(facts.resolved)), _noun(len(facts.resolved), "obstacle") + " resolved"),
        (str(len(facts.taken)), _noun(len(facts.taken), "decision") + " taken"),
        (index, "cooperation index (1–5)"),
    )
    _reflection(doc, reflection)
    return doc


def _goals(doc: Document, facts: QuarterFacts) -> None:
    doc.add(Heading("What we set out to do"))
    if not facts.goals:
        doc.add(Paragraph("No goals targeted this quarter."))
        return
    outcomes = Counter(g.outcome for g in facts.goals)
    doc.add(
        Paragraph(
            f"{count(len(facts.goals), 'goal')} targeted at {facts.name}: "
            + ", ".join(f"{n} {outcome}" for outcome, n in sorted(outcomes.items()))
            + f". Status and progress {facts.as_of_words}."
        )
    )
    rows = []
    for goal in facts.goals[:ROWS_SHOWN]:
        moved = "; ".join(f"{t}: {a:g} → {b:g}" for t, a, b in goal.moves) or "—"
        rows.append((goal.title, goal.outcome, pct(goal.progress), moved))
    doc.add(Table(("Goal", "Outcome", "Progress", "Key results this quarter"), tuple(rows)))
    _more(doc, len(facts.goals), "goal", f"the Goals page, filtered to {facts.name}")


def _obstacles(doc: Document, facts: QuarterFacts) -> None:
    doc.add(Heading("What blocked us"))
    opened, resolved = facts.opened, facts.resolved
    days = [(o.closed_on - o.opened_on).days for o in resolved if o.closed_on]
    doc.add(
        Paragraph(
            f"{count(len(opened), 'obstacle')} opened and {len(resolved)} resolved this "
            f"quarter; {facts.still_open_count} still open "
            + ("at its end" if facts.ended else "today")
            + (f"; median time to resolve {median(days):.0f} days." if days else ".")
        )
    )
    if facts.open_all_quarter > OPEN_BEFORE_SHOWN:
        doc.add(
            Paragraph(
                f"{count(facts.open_all_quarter, 'obstacle')} opened before the quarter stayed "
                f"open all through it; the {OPEN_BEFORE_SHOWN} oldest are listed, the rest "
                "are on the Obstacles page."
            )
        )
    shown = facts.obstacles[:ROWS_SHOWN]
    if shown:
        doc.add(
            Table(
                ("Obstacle", "Category", "Opened", facts.status_heading),
                tuple(
                    (
                        o.title,
                        o.category.value,
                        day_text(o.opened_on),
                        o.status.value
                        + (
                            f" ({day_text(o.closed_on)})"
                            if o.closed_on and o.closed_in_period
                            else ""
                        ),
                    )
                    for o in shown
                ),
            )
        )
        _more(doc, len(facts.obstacles), "obstacle", "the Obstacles page")
    setbacks = [o for o in facts.obstacles if o.kind is ObstacleKind.SETBACK]
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


def _decisions(doc: Document, facts: QuarterFacts, names: dict[str, str]) -> None:
    doc.add(Heading("What we decided"))
    taken = facts.taken
    if taken:
        doc.add(
            Table(
                ("Decision", "Date", "Decided by", "Confidence", facts.status_heading),
                tuple(
                    (
                        d.title,
                        day_text(d.decided_on),
                        owner_name(d.decided_by, names),
                        percent_of_hundred(d.confidence),
                        d.status.value,
                    )
                    for d in taken[:ROWS_SHOWN]
                ),
            )
        )
        _more(doc, len(taken), "decision", "the Decisions page")
    else:
        doc.add(Paragraph("No decisions taken this quarter."))
    reviewed = [d for d in facts.decisions if d.reviewed_in_quarter]
    if reviewed:
        doc.add(Heading("How earlier decisions turned out", 3))
        doc.add(
            Bullets(
                tuple(f"{d.title}: {_verdict(d.verdict, d.outcome)}" for d in reviewed[:ROWS_SHOWN])
            )
        )
        _more(doc, len(reviewed), "review", "the Decisions page")


def _verdict(verdict: Verdict | None, outcome: str) -> str:
    """'as expected — what happened', or only the outcome when it already says as much."""
    label = verdict.value if verdict else "reviewed"
    text = outcome.strip().rstrip(".")
    if not text:
        return label
    if verdict is not None and _VERDICT_WORDS[verdict] in text.lower():
        return text  # "Went better than we hoped" needs no "better —" before it
    return f"{label} — {text}"


_VERDICT_WORDS = {Verdict.AS_EXPECTED: "expected", Verdict.BETTER: "better", Verdict.WORSE: "worse"}
ROWS_SHOWN = 40  # a table longer than this says how many it leaves out, and where they are
OPEN_BEFORE_SHOWN = 10


def _noun(n: int, noun: str) -> str:
    return noun if n == 1 else noun + "s"


def _more(doc: Document, total: int, noun: str, where: str) -> None:
    """Say how many rows a table leaves out and where to find them: nothing cut silently."""
    if total > ROWS_SHOWN:
        doc.add(
            Paragraph(
                f"Showing {ROWS_SHOWN} of {total:,} {_noun(total, noun)}; all of them are "
                f"on {where}."
            )
        )


def _voices(doc: Document, facts: QuarterFacts, names: dict[str, str]) -> None:
    """Every win and appreciation of the quarter, by month: nothing cut."""
    for heading, voices in (
        ("Wins worth keeping", facts.wins),
        ("What we appreciated in each other", facts.appreciations),
    ):
        if not voices:
            continue
        doc.add(Heading(f"{heading} ({len(voices)})", 3))
        months: dict[str, list[str]] = {}
        for voice in voices:
            months.setdefault(f"{voice.week:%B %Y}", []).append(
                f"{names[voice.seat.value]}, {week_text(voice.week)}: {voice.text}"
            )
        for month, items in months.items():
            doc.add(Heading(month, 4), Bullets(tuple(items)))


def _cooperation(
    session: Session,
    doc: Document,
    facts: QuarterFacts,
    partners: dict[Seat, PartnerView],
    drawing: tuple[int, bool, ChartWorker | None],
) -> str:
    doc.add(Heading("How we worked together"))
    dpi, dark, charts = drawing
    first, last = facts.first, facts.last
    before_first = parse_quarter(quarter_of(first - timedelta(days=1)))[0]
    now = cooperation_series(session, Period(first, last))
    then = cooperation_series(session, Period(before_first, first - timedelta(days=1)))
    names = {s: partners[s].name.split()[0] for s in Seat}
    if not (now.points or then.points):
        doc.add(Paragraph("No check-ins this quarter or the one before."))
        return "—"

    _cooperation_table(doc, now, then, names)
    headline = "—" if now.mean() is None else f"{now.mean():.1f}"
    style = Style(
        {s.value: partners[s].color for s in Seat},
        {s.value: names[s] for s in Seat},
        dark=dark,
        quarter=(first, last),
    )
    both = cooperation_series(session, Period(before_first, last))
    if len(both.points) < 2:  # no trend to draw: the table above says all there is
        return headline
    captions = {
        Chart.COOPERATION: "Cooperation index by week, the previous quarter and this one (shaded)",
        Chart.GAP: f"Perception gap by week: {names[Seat.A]}'s rating minus {names[Seat.B]}'s",
    }
    if charts is not None:  # drawn by the helper while the rest of the report is laid out
        charts.draw_all([ChartJob(chart, both, style, dpi) for chart in captions])
    for number, (chart, caption) in enumerate(captions.items()):
        doc.add(
            Image(
                partial(_chart, chart, both, style, dpi),
                caption,
                render_rgba=partial(_chart_rgba, chart, both, style, dpi, charts, number),
            )
        )
    return headline


def _cooperation_table(
    doc: Document, now: CooperationSeries, then: CooperationSeries, names: dict[Seat, str]
) -> None:
    """Each partner's mean index, the mean gap and the weeks, this quarter beside the last."""

    def shown(value: float | None) -> str:
        return "—" if value is None else f"{value:.2f}"

    doc.add(
        Table(
            ("", "This quarter", "Previous quarter"),
            (
                (
                    f"Cooperation index, {names[Seat.A]}",
                    shown(now.mean("A")),
                    shown(then.mean("A")),
                ),
                (
                    f"Cooperation index, {names[Seat.B]}",
                    shown(now.mean("B")),
                    shown(then.mean("B")),
                ),
                ("Perception gap (mean size)", shown(now.mean_gap()), shown(then.mean_gap())),
                ("Weeks checked in", str(len(now.points)), str(len(then.points))),
            ),
        )
    )


def _chart(chart: Chart, facts: TrendFacts, style: Style, dpi: int) -> bytes:
    """Draw one of the Trends charts as PNG; matplotlib loads here, when first asked."""
    from ceocto_desktop.charts.worker import draw

    return draw(ChartJob(chart, facts, style, dpi, "png"))  # type: ignore[no-any-return]


def _chart_rgba(
    chart: Chart,
    facts: TrendFacts,
    style: Style,
    dpi: int,
    charts: ChartWorker | None = None,
    number: int = 0,
) -> tuple[int, int, bytes]:
    """The same chart as unencoded pixels, for Qt (the PDF and the preview): the helper's
    drawing where there is one and it managed, else drawn here."""
    drawn = None if charts is None else charts.result(number)
    if drawn is not None:
        return drawn  # type: ignore[no-any-return]
    from ceocto_desktop.charts.worker import draw

    return draw(ChartJob(chart, facts, style, dpi))  # type: ignore[no-any-return]


def _reflection(doc: Document, reflection: RetroView) -> None:
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
