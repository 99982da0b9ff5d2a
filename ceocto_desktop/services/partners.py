"""The pair: creating both partners, reading and editing their profiles, journal settings."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.models import Partner, Seat, Setting
from ceocto_desktop.services.common import (
    apply_changes,
    clean_text,
    clean_title,
    shown,
    view_of,
)
from ceocto_desktop.services.errors import NotFoundError, ValidationError

DEFAULT_COLORS = {Seat.A: "#2f6db5", Seat.B: "#d9822b"}
NAME_MAX = 120
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")

WEEK_START_KEY = "week_start_day"
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class PartnerView:
    seat: Seat
    name: str
    title: str
    strengths: str
    responsibilities: str
    color: str

    @property
    def label(self) -> str:
        """How the window names a partner: "Sam, CEO"."""
        return f"{self.name}, {self.title}" if self.title else self.name


@dataclass(frozen=True)
class PartnerInput:
    name: str
    title: str
    strengths: str = ""
    responsibilities: str = ""
    color: str = ""


def _clean_color(value: str) -> str:
    # fullmatch: a "$" would let "#aabbcc\n" through.
    if not _COLOR.fullmatch(value or ""):
        raise ValidationError("color", f"'{shown(value)}' is not a colour; write it as #RRGGBB.")
    return value.lower()


_CLEANERS: dict[str, Any] = {
    "name": lambda v: clean_title(v, "name", NAME_MAX),
    "title": lambda v: clean_title(v, "title", NAME_MAX),
    "strengths": clean_text,
    "responsibilities": clean_text,
    "color": _clean_color,
}


def check_partner_inputs(a: PartnerInput, b: PartnerInput) -> None:
    """Raise ValidationError (field name_a, title_b, …) unless both profiles can be saved."""
    problems = partner_input_problems(a, b)
    if problems:
        raise problems[0]


def partner_input_problems(a: PartnerInput, b: PartnerInput) -> list[ValidationError]:
    """Every reason the two profiles cannot be saved (field name_a, title_b, …), in form order.

    All at once, so a form can mark every empty field on the first try, not one per click.
    """
    problems: list[ValidationError] = []
    names: list[str | None] = []
    for seat, given in ((Seat.A, a), (Seat.B, b)):
        suffix = seat.value.lower()
        for field in ("name", "title"):
            try:
                cleaned: str | None = clean_title(getattr(given, field), field, NAME_MAX)
            except ValidationError as exc:
                problems.append(ValidationError(f"{field}_{suffix}", exc.message))
                cleaned = None
            if field == "name":
                names.append(cleaned)
        if given.color:
            try:
                _clean_color(given.color)
            except ValidationError as exc:
                problems.append(ValidationError(f"color_{suffix}", exc.message))
    if names[0] and names[1] and names[0].casefold() == names[1].casefold():
        problems.append(ValidationError("name_b", "The two partners need different names."))
    return problems


def create_partners(session: Session, a: PartnerInput, b: PartnerInput) -> list[PartnerView]:
    """Write the journal's two partners; both validated before either is written."""
    if session.scalar(select(Partner.id).limit(1)) is not None:
        raise ValidationError("partners", "This journal already has its two partners.")
    check_partner_inputs(a, b)
    records = [
        Partner(
            seat=seat,
            author=Seat.A,
            name=clean_title(given.name, "name", NAME_MAX),
            title=clean_title(given.title, "title", NAME_MAX),
            strengths=clean_text(given.strengths),
            responsibilities=clean_text(given.responsibilities),
            color=_clean_color(given.color) if given.color else DEFAULT_COLORS[seat],
        )
        for seat, given in ((Seat.A, a), (Seat.B, b))
    ]
    session.add_all(records)
    session.flush()
    return [view_of(PartnerView, record) for record in records]


def get_partners(session: Session) -> dict[Seat, PartnerView]:
    """Both partners by seat (empty for a journal not yet set up)."""
    rows = session.scalars(select(Partner).order_by(Partner.seat))
    return {row.seat: view_of(PartnerView, row) for row in rows}


def update_partner(session: Session, seat: Seat, **changes: Any) -> PartnerView:
    """Edit one partner's profile: name, title, strengths, responsibilities, colour."""
    record = session.scalar(select(Partner).where(Partner.seat == seat))
    if record is None:
        raise NotFoundError(f"This journal has no partner in seat {seat.value}.")
    if "name" in changes:
        other = session.scalar(select(Partner.name).where(Partner.seat != seat))
        name = _CLEANERS["name"](changes["name"])
        if other is not None and name.casefold() == other.casefold():
            raise ValidationError("name", "The two partners need different names.")
    apply_changes(record, changes, _CLEANERS, _CLEANERS)
    session.flush()
    return view_of(PartnerView, record)


def get_setting(session: Session, key: str, default: str) -> str:
    """A journal-wide setting, or the default when it was never set."""
    value = session.scalar(select(Setting.value).where(Setting.key == key))
    return default if value is None else value


def set_setting(session: Session, key: str, value: str) -> None:
    """Store a journal-wide setting."""
    session.merge(Setting(key=key, value=value))
    session.flush()


def week_start_day(session: Session) -> int:
    """The weekday a check-in week starts on (0 = Monday), as the pair chose it."""
    name = get_setting(session, WEEK_START_KEY, WEEKDAYS[0])
    return WEEKDAYS.index(name) if name in WEEKDAYS else 0


def set_week_start_day(session: Session, weekday: int) -> None:
    """Choose the weekday check-in weeks start on (0 = Monday … 6 = Sunday)."""
    if not 0 <= weekday <= 6:
        raise ValidationError("week_start_day", "The week starts on a day from Monday to Sunday.")
    set_setting(session, WEEK_START_KEY, WEEKDAYS[weekday])


COMPANY_KEY = "company_name"
COMPANY_MAX = 120


def company_name(session: Session) -> str:
    """The company's name as the pair wrote it ("" until they do)."""
    return get_setting(session, COMPANY_KEY, "")


def set_company_name(session: Session, name: str) -> str:
    """Store the company's name (shown on the board brief); returns it as kept."""
    cleaned = " ".join(name.split())
    if len(cleaned) > COMPANY_MAX:
        raise ValidationError(
            "company_name",
            f"The company's name is {len(cleaned)} characters; {COMPANY_MAX} at most.",
        )
    set_setting(session, COMPANY_KEY, cleaned)
    return cleaned


DEMO_KEY = "demo_journal"


def is_demo_journal(session: Session) -> bool:
    """Whether this journal is the made-up demo pair's (written by `ceocto demo`)."""
    return get_setting(session, DEMO_KEY, "") == "yes"


def mark_demo_journal(session: Session) -> None:
    """Mark the journal as the demo's: the window offers to start the pair's own."""
    set_setting(session, DEMO_KEY, "yes")


def find_partner(session: Session, who: str) -> Seat:
    """The seat meant by A, B, a partner's full name or first name (any case)."""
    wanted = who.strip().casefold()
    if wanted.upper() in ("A", "B"):
        return Seat(wanted.upper())
    for seat, partner in get_partners(session).items():
        if wanted in (partner.name.casefold(), partner.name.split()[0].casefold()):
            return seat
    names = " or ".join(p.name for p in get_partners(session).values())
    raise ValidationError("author", f"'{shown(who)}' is not a partner here; use A, B, {names}.")
