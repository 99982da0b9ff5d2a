"""Small helpers the use cases share: lookups, validation, copying into views."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, TypeVar

from sqlalchemy.orm import Session

from ceocto_desktop.models import Base
from ceocto_desktop.services.errors import NotFoundError, ValidationError
from ceocto_desktop.services.text import plain_text as plain_text  # (re-exported)
from ceocto_desktop.services.text import shown as shown

M = TypeVar("M", bound=Base)
V = TypeVar("V")

TITLE_MAX = 200


def fetch(session: Session, model: type[M], record_id: str) -> M:
    """The record with that id, or NotFoundError naming what is missing."""
    record = session.get(model, record_id)
    if record is None:
        raise NotFoundError(f"No {model.__name__.lower()} with id {record_id} in this journal.")
    return record


def add_link(session: Session, linked: list[Any], model: type[Base], target_id: str) -> None:
    """Link the record target_id (a goal, an obstacle…) into a relationship list; linking
    twice is harmless."""
    target = fetch(session, model, target_id)
    if target not in linked:
        linked.append(target)


def without_link(linked: Iterable[Any], target_id: str) -> list[Any]:
    """A relationship list less the record target_id (the unlinked record stays)."""
    return [target for target in linked if target.id != target_id]


def clean_title(value: str, field: str = "title", max_length: int = TITLE_MAX) -> str:
    """The title as plain_text stripped of outer space; empty or too long is refused."""
    text = plain_text(value or "").strip()
    if not text:
        raise ValidationError(field, f"The {field.replace('_', ' ')} cannot be empty.")
    if len(text) > max_length:
        raise ValidationError(
            field, f"The {field.replace('_', ' ')} is {len(text)} characters; at most {max_length}."
        )
    return text


def clean_text(value: str | None) -> str:
    """Free text as entered (see plain_text), with trailing space trimmed."""
    return plain_text(value or "").rstrip()


def clean_percent(value: int | str, field: str = "confidence") -> int:
    """A whole percentage from 0 to 100 (typed text like "70" or "70%" is fine)."""
    message = f"The {field} must be a whole number from 0 to 100."
    if isinstance(value, str):
        try:
            value = int(value.strip().rstrip("%").strip())
        except ValueError:
            raise ValidationError(field, message) from None
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 100:
        raise ValidationError(field, message)
    return value


def parse_date(value: str | date, field: str = "date") -> date:
    """A date from an ISO text (YYYY-MM-DD) or a date, else a ValidationError."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError):
        raise ValidationError(
            field, f"'{shown(value)}' is not a date; write it as YYYY-MM-DD (e.g. 2026-11-30)."
        ) from None


def apply_changes(
    record: Any, changes: Mapping[str, Any], allowed: Iterable[str], cleaners: Mapping[str, Any]
) -> None:
    """Set each allowed field on the record, through its cleaner when it has one."""
    allowed_set = set(allowed)
    unknown = set(changes) - allowed_set
    if unknown:
        raise TypeError(f"cannot change {', '.join(sorted(unknown))}")
    cleaned = {
        name: cleaners[name](value) if name in cleaners else value
        for name, value in changes.items()
    }
    for name, value in cleaned.items():
        setattr(record, name, value)


def view_of(view_class: type[V], record: Any, **extra: Any) -> V:
    """A view dataclass filled from the record's attributes of the same names."""
    values = {}
    for field in dataclasses.fields(view_class):  # type: ignore[arg-type]
        if field.name in extra:
            values[field.name] = extra[field.name]
        elif hasattr(record, field.name):
            values[field.name] = getattr(record, field.name)
    return view_class(**values)
