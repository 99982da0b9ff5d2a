"""Small wording helpers shared by the reports: plurals, percentages, arrows."""

from __future__ import annotations

from ceocto_desktop.analytics.formats import percent_text
from ceocto_desktop.models import GoalStatus, Owner


def count(n: int, noun: str, plural: str | None = None) -> str:
    """'1 obstacle', '6 obstacles'."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"


def pct(share: float | None) -> str:
    """A share as '36%', or '—' when there is none (analytics.formats: one shape everywhere)."""
    return percent_text(share)


def movement(
    then: float | None, now: float | None, is_new: bool = False, carried: bool = False
) -> str:
    """'36% → 52%', '52% (new)', or just '52%' when it did not move; a goal carried
    over from the one 'then' was read from: '87% → 100% · carried over'."""
    if is_new:
        return f"{pct(now)} (new)"
    if carried:
        return f"{pct(then)} → {pct(now)} · carried over"
    if then is None or now is None or round(then * 100) == round(now * 100):
        return pct(now)
    return f"{pct(then)} → {pct(now)}"


def status_movement(then: GoalStatus | None, now: GoalStatus, is_new: bool = False) -> str:
    """'on track → at risk', 'new · on track', or the status when unchanged."""
    if is_new:
        return f"new · {now.value}"
    return now.value if then is None or then is now else f"{then.value} → {now.value}"


def owner_name(owner: Owner, names: dict[str, str]) -> str:
    """A partner's first name, or 'Joint' (the same word everywhere)."""
    return "Joint" if owner is Owner.JOINT else names[owner.value]
