"""A week's answers side by side: both partners' ratings, how far apart, and their words."""

from __future__ import annotations

from html import escape

from ceocto_desktop.models import PROMPTS, RATINGS, Seat
from ceocto_desktop.services.weekly import checkins

# Semantic colours (not palette roles): how far apart two ratings are reads the same in
# light and dark; both are legible on either background.
DIFFER_2 = "#e0483e"  # two or more apart: talk about it (one apart is ordinary)
TALK_GAP = 2


def _difference(gap: int) -> str:
    if gap == 0:
        return "<span>same</span>"
    if gap < TALK_GAP:
        return "<span>1 apart</span>"
    return f"<span style='color:{DIFFER_2}; font-weight:600'>{gap} apart — talk</span>"


def differences_in_words(gaps: dict[str, int]) -> list[str]:
    """One sentence per rating the two see two or more points apart, widest first."""
    wide = sorted(((g, n) for n, g in gaps.items() if g >= TALK_GAP), key=lambda x: -x[0])
    return [
        f"{checkins.RATING_LABELS[name].split(' (')[0]}: you see it {gap} points apart — "
        "talk about it"
        for gap, name in wide
    ]


def _summary(gaps: dict[str, int]) -> str:
    lines = differences_in_words(gaps)
    if not lines:
        return "<p><b>You see this week within a point of each other on every rating.</b></p>"
    items = "".join(f"<li style='color:{DIFFER_2}'><b>{escape(line)}</b></li>" for line in lines)
    return f"<ul>{items}</ul>"


def _rating_cell(value: int | None, colour: str, amended: bool) -> str:
    if value is None:
        return "<td align='center'>—</td>"
    style = f" style='color:{colour}; font-weight:700'" if colour else " style='font-weight:600'"
    mark = " <small>(amended)</small>" if amended else ""
    return f"<td align='center'><span{style}>{value}</span>{mark}</td>"


def answers_html(
    week: checkins.WeekView,
    me: Seat,
    names: dict[Seat, str],
    amended: set[tuple[Seat, str]],
) -> str:
    """The reveal (or my answers alone while the other's stay hidden) as rich text."""
    seats = [Seat.A, Seat.B]
    both = week.complete
    rows = []
    gaps: dict[str, int] = {}
    for name in RATINGS:
        values = {s: week.answers[s].ratings()[name] for s in seats if s in week.answers}
        gap = abs(values[Seat.A] - values[Seat.B]) if both else 0
        gaps[name] = gap
        colour = DIFFER_2 if gap >= TALK_GAP else ""
        cells = "".join(
            _rating_cell(values.get(s), colour, (s, name) in amended)
            if s in values
            else "<td align='center'><i>hidden</i></td>"
            for s in seats
        )
        difference = _difference(gap) if both else ""
        rows.append(
            f"<tr><td>{checkins.RATING_LABELS[name]}</td>{cells}"
            f"<td align='center'>{difference}</td></tr>"
        )
    header = "".join(f"<th width='18%'>{escape(names[s])}</th>" for s in seats)
    ratings = (
        "<table width='100%' cellspacing='0' cellpadding='5'>"
        f"<tr><th align='left'>Rating</th>{header}"
        f"<th>{'Difference' if both else ''}</th></tr>{''.join(rows)}</table>"
    )
    texts = _texts_html(week, names, amended)
    note = (
        ""
        if both
        else f"<p>{escape(names[me.other])}'s answers are hidden until "
        f"{escape(names[me.other])} answers.</p>"
    )
    summary = _summary(gaps) if both else ""
    return f"{note}{summary}{ratings}{texts}"


def _texts_html(
    week: checkins.WeekView, names: dict[Seat, str], amended: set[tuple[Seat, str]]
) -> str:
    """Each prompt with the two partners' words side by side (hidden until answered)."""
    seats = [Seat.A, Seat.B]
    words = []
    for name in PROMPTS:
        cells = ""
        for seat in seats:
            answer = week.answers.get(seat)
            if answer is None:
                text = f"<i>Hidden until {escape(names[seat])} answers.</i>"
            else:
                prompt = getattr(answer, f"{name}_prompt") or checkins.PROMPT_LABELS[name]
                said = escape(getattr(answer, name) or "—").replace("\n", "<br>")
                mark = " <small>(amended)</small>" if (seat, name) in amended else ""
                text = f"<i>{escape(prompt)}</i><br>{said}{mark}"
            cells += f"<td width='50%' valign='top'>{text}</td>"
        heading = f"<tr><td colspan='2'><br><b>{checkins.PROMPT_LABELS[name]}</b></td></tr>"
        words.append(f"{heading}<tr>{cells}</tr>")
    heads = "".join(f"<th align='left' width='50%'>{escape(names[s])}</th>" for s in seats)
    texts = (
        f"<table width='100%' cellspacing='0' cellpadding='5'><tr>{heads}</tr>"
        f"{''.join(words)}</table>"
    )
    return texts
