"""How values read in the window: owners by name, percentages, dates, numbers."""

from __future__ import annotations

from datetime import date

from ceocto_desktop.analytics import formats
from ceocto_desktop.models import Owner, Seat
from ceocto_desktop.ui.context import JournalContext


def first_name(context: JournalContext, seat: Seat | str) -> str:
    partner = context.partners.get(Seat(seat))
    return partner.name.split()[0] if partner else f"Partner {Seat(seat).value}"


def owner_label(context: JournalContext, owner: Owner | str) -> str:
    owner = Owner(owner)
    return "Joint" if owner is Owner.JOINT else first_name(context, owner.value)


def owner_labels(context: JournalContext) -> dict[Owner, str]:
    return {owner: owner_label(context, owner) for owner in Owner}


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.0f}%"


def change_text(change: float | None) -> str:
    if change is None:
        return ""
    points = round(change * 100)
    return "±0" if points == 0 else f"{points:+d} pts"


def date_text(day: date | None) -> str:
    return day.isoformat() if day else ""


def day_text(day: date) -> str:
    """A day as people write it: "3 Dec 2026" (one format on every page)."""
    return formats.day_text(day)


def number(value: float) -> str:
    return f"{value:g}"
