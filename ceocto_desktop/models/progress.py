"""The one rule for a key result's progress, shared by Python (analytics) and SQL (store).

It lives with the models because the journal stores what it derives: revision 0004 keeps
each goal's progress up to date with triggers that call this function, registered on every
connection by the store; analytics re-exports it for everything else.
"""

from __future__ import annotations


def key_result_progress(start: float, target: float, current: float) -> float:
    """How far current has gone from start to target, as a fraction clamped to 0..1.

    A target below the start counts down ("cut incidents from 12 to 3"): the same formula.
    """
    span = target - start
    if span == 0:
        return 1.0 if current == target else 0.0
    return min(1.0, max(0.0, (current - start) / span))
