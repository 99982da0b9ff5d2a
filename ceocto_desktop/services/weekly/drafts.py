"""Drafts: a partner's unsubmitted words, kept for that partner alone until submitted.

This is the only module that reads the drafts table: search, reports, charts and the
other partner's pages never see a draft, because nothing else asks for one.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import Draft, Seat, utc_now

QUICK_NOTE = "quick-note"


@dataclass(frozen=True)
class DraftView:
    """One partner's draft for one place, its payload read back from JSON."""

    seat: Seat
    key: str
    payload: Mapping[str, Any]
    updated_at: datetime


def checkin_key(week: date) -> str:
    """The draft key of a week's unsubmitted check-in answers."""
    return f"checkin:{week.isoformat()}"


def checkin_edit_key(week: date) -> str:
    """The draft key of changes to a week's submitted answers not yet saved."""
    return f"checkin-edit:{week.isoformat()}"


def save_draft(session: Session, seat: Seat, key: str, payload: Mapping[str, Any]) -> DraftView:
    """Keep seat's draft for key (replacing the one before)."""
    text = json.dumps(dict(payload), ensure_ascii=False, sort_keys=True)
    draft = session.scalar(select(Draft).where(Draft.seat == seat, Draft.key == key))
    if draft is None:
        draft = Draft(seat=seat, key=key, payload=text)
        session.add(draft)
    else:
        draft.payload = text
    draft.updated_at = utc_now()
    session.flush()
    return DraftView(seat, key, json.loads(text), draft.updated_at)


def load_draft(session: Session, seat: Seat, key: str) -> DraftView | None:
    """Seat's draft for key, or None; another seat's draft is never returned."""
    draft = session.scalar(select(Draft).where(Draft.seat == seat, Draft.key == key))
    if draft is None:
        return None
    try:
        payload = json.loads(draft.payload)
    except ValueError:
        return None  # a draft no longer readable is no draft; the record is untouched
    if not isinstance(payload, dict):
        return None
    return DraftView(seat, key, payload, draft.updated_at)


def discard_draft(session: Session, seat: Seat, key: str) -> None:
    """Forget seat's draft for key (after it was submitted, or emptied)."""
    session.execute(delete(Draft).where(Draft.seat == seat, Draft.key == key))
    session.flush()


def has_drafts(session: Session, seat: Seat) -> bool:
    """Whether seat keeps any draft (asked before the window shows that seat's pages)."""
    return session.scalar(select(Draft.id).where(Draft.seat == seat).limit(1)) is not None


# Talking points: what a partner wants to raise at the week's sync, private like a draft
# until the week's agenda opens (both answered); services.agenda then puts them on it.
POINT_MAX = 200


def points_key(week: date) -> str:
    """The draft key of a partner's talking points for a week's sync."""
    return f"points:{week.isoformat()}"


def talking_points(session: Session, seat: Seat, week: date) -> list[str]:
    """Seat's own talking points for the week not yet on an agenda (never another seat's)."""
    draft = load_draft(session, seat, points_key(week))
    points = draft.payload.get("points", []) if draft else []
    return [point for point in points if isinstance(point, str)]


def keep_talking_point(session: Session, seat: Seat, week: date, text: str, at: int = -1) -> None:
    """Add a point to seat's private list for the week (at a place, for undo)."""
    points = talking_points(session, seat, week)
    if text not in points:
        points.insert(at if at >= 0 else len(points), text)
    save_draft(session, seat, points_key(week), {"points": points})


def forget_talking_point(session: Session, seat: Seat, week: date, text: str) -> int:
    """Take a point off seat's private list; where it stood (-1 if it was not there)."""
    points = talking_points(session, seat, week)
    if text not in points:
        return -1
    place = points.index(text)
    points.remove(text)
    if points:
        save_draft(session, seat, points_key(week), {"points": points})
    else:
        discard_draft(session, seat, points_key(week))
    return place
