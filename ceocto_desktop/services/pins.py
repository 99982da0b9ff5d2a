"""Partners' optional PINs: what keeps one partner's private words from the other at one laptop.

Only a salted slow hash is kept, in the journal's settings table; the salt is random and
made once per journal. A PIN is not encryption: it guards the window's "Writing as"
switch, not the file (docs/PRIVACY.md says so to the pair).

Wrong tries are counted in the journal too (settings `pin_attempts:<seat>`), so the wait
after three of them holds in the next process as well. Only a seat's own partner sets its
PIN; a forgotten one is reset by both partners together or with the journal's passphrase.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ceocto_desktop.models import CheckInAnswer, Seat, Setting
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.partners import get_setting, set_setting
from ceocto_desktop.services.weekly import drafts
from ceocto_desktop.store import driver

SALT_KEY = "pin_salt"
PIN_MIN = 4
PIN_MAX = 64
TRIES = 3  # wrong PINs in a row before a wait
WAIT_SECONDS = 30
# scrypt at n=2**14, r=8 (16 MiB, tens of milliseconds): slow enough that trying every
# four-digit PIN from a copied file costs minutes per journal, fast enough to ask often.
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def _pin_key(seat: Seat) -> str:
    return f"pin_hash:{seat.value}"


@dataclass(frozen=True)
class PinState:
    """Which partners have set a PIN."""

    has_pin: frozenset[Seat]


def _salt(session: Session) -> bytes:
    """The journal's PIN salt, made (random, 16 bytes) the first time a PIN is set."""
    stored = get_setting(session, SALT_KEY, "")
    if stored:
        return bytes.fromhex(stored)
    salt = secrets.token_bytes(16)
    set_setting(session, SALT_KEY, salt.hex())
    return salt


def _digest(pin: str, salt: bytes, seat: Seat, params: dict[str, int]) -> bytes:
    # The seat is part of the salt: the same PIN for both partners gives two hashes.
    return hashlib.scrypt(
        pin.encode("utf-8"),
        salt=salt + seat.value.encode(),
        n=params["n"],
        r=params["r"],
        p=params["p"],
        maxmem=64 * 1024 * 1024,
        dklen=32,
    )


def _stored(session: Session, seat: Seat) -> dict[str, object] | None:
    text = get_setting(session, _pin_key(seat), "")
    if not text:
        return None
    try:
        record = json.loads(text)
    except ValueError:
        return None
    return record if isinstance(record, dict) else None


def pin_state(session: Session) -> PinState:
    """Which partners have a PIN set in this journal."""
    return PinState(frozenset(seat for seat in Seat if _stored(session, seat) is not None))


def has_pin(session: Session, seat: Seat) -> bool:
    """Whether seat has set a PIN."""
    return _stored(session, seat) is not None


def check_pin(session: Session, seat: Seat, pin: str) -> bool:
    """Whether pin is seat's PIN (False when seat has none)."""
    record = _stored(session, seat)
    if record is None:
        return False
    params = {name: int(str(record.get(name, _SCRYPT[name]))) for name in _SCRYPT}
    try:
        expected = bytes.fromhex(str(record["hash"]))
        salt = bytes.fromhex(get_setting(session, SALT_KEY, ""))
    except (KeyError, ValueError):
        return False
    return hmac.compare_digest(_digest(pin, salt, seat, params), expected)


def _clean_pin(pin: str) -> str:
    if pin != pin.strip():
        raise ValidationError("pin", "A PIN cannot begin or end with a space.")
    if len(pin) < PIN_MIN:
        raise ValidationError("pin", f"A PIN needs at least {PIN_MIN} characters.")
    if len(pin) > PIN_MAX:
        raise ValidationError("pin", f"A PIN has at most {PIN_MAX} characters.")
    return pin


def _require_old(session: Session, seat: Seat, old_pin: str | None) -> None:
    if has_pin(session, seat) and not check_pin(session, seat, old_pin or ""):
        raise ValidationError("old_pin", "That is not the current PIN; nothing was changed.")


def set_pin(
    session: Session, seat: Seat, pin: str, old_pin: str | None = None, *, by: Seat
) -> None:
    """Set seat's PIN, or change it (then old_pin must be the current one); by is who asks.

    Only the seat's own partner sets it: one partner setting the other's would lock them
    out of their own drafts.
    """
    if by is not seat:
        raise ValidationError(
            "seat",
            "Only a partner sets their own PIN: switch “Writing as” to them, and let them "
            "type it. Nothing was changed.",
        )
    _require_old(session, seat, old_pin)
    pin = _clean_pin(pin)
    salt = _salt(session)
    record = {"algorithm": "scrypt", **_SCRYPT, "hash": _digest(pin, salt, seat, _SCRYPT).hex()}
    set_setting(session, _pin_key(seat), json.dumps(record, sort_keys=True))


def remove_pin(session: Session, seat: Seat, old_pin: str) -> None:
    """Remove seat's PIN; old_pin must be the current one."""
    if not has_pin(session, seat):
        raise ValidationError("old_pin", "This partner has no PIN to remove.")
    _require_old(session, seat, old_pin)
    _clear_pin(session, seat)


def _clear_pin(session: Session, seat: Seat) -> None:
    session.execute(delete(Setting).where(Setting.key.in_((_pin_key(seat), _attempts_key(seat)))))
    session.flush()


# Wrong tries, kept in the journal -----------------------------------------------------------
def _attempts_key(seat: Seat) -> str:
    return f"pin_attempts:{seat.value}"


def _attempts(session: Session, seat: Seat) -> tuple[int, float]:
    """(wrong tries since the last wait or right PIN, the time a wait ends: 0 for none)."""
    try:
        record = json.loads(get_setting(session, _attempts_key(seat), "") or "{}")
        return int(record.get("wrong", 0)), float(record.get("wait_until", 0.0))
    except (ValueError, TypeError, AttributeError):
        return 0, 0.0


def pin_wait_left(session: Session, seat: Seat, now: float) -> int:
    """Whole seconds before seat's PIN may be tried again (0: now); now is Unix time."""
    _wrong, until = _attempts(session, seat)
    # A clock set back cannot stretch the wait past its length.
    left = min(until - now, WAIT_SECONDS)
    return max(0, math.ceil(left))


def record_wrong_pin(session: Session, seat: Seat, now: float) -> int:
    """Count a wrong PIN for seat; the third in a row starts a wait. Returns the wait left."""
    wrong, until = _attempts(session, seat)
    wrong += 1
    if wrong >= TRIES:
        wrong, until = 0, now + WAIT_SECONDS
    set_setting(session, _attempts_key(seat), json.dumps({"wrong": wrong, "wait_until": until}))
    return pin_wait_left(session, seat, now)


def wrong_tries_kept(session: Session, seat: Seat) -> bool:
    """Whether the journal holds wrong tries or a wait for seat (a right PIN clears them)."""
    return _attempts(session, seat) != (0, 0.0)


def record_right_pin(session: Session, seat: Seat) -> None:
    """A right PIN: the count of wrong ones starts again."""
    if get_setting(session, _attempts_key(seat), ""):
        session.execute(delete(Setting).where(Setting.key == _attempts_key(seat)))
        session.flush()


# A forgotten PIN ------------------------------------------------------------------------------
def reset_pin_together(
    session: Session, seat: Seat, other_pin: str, *, both_here: bool, now: float
) -> None:
    """Remove seat's forgotten PIN with both partners there: the other's PIN, if they have one.

    A wrong other PIN is refused (the caller counts it, as a write of its own).
    """
    if not has_pin(session, seat):
        raise ValidationError("seat", "This partner has no PIN to reset.")
    if not both_here:
        raise ValidationError(
            "both_here", "Both of you confirm the reset: tick the box. Nothing was changed."
        )
    other = seat.other
    if has_pin(session, other):
        left = pin_wait_left(session, other, now)
        if left:
            raise ValidationError("wait", f"Three wrong PINs. Wait {left} seconds, then try again.")
        if not check_pin(session, other, other_pin):
            raise ValidationError(
                "other_pin", "That is not the other partner's PIN; nothing was changed."
            )
    _clear_pin(session, seat)


def reset_pin_with_passphrase(session: Session, seat: Seat, journal: Path, passphrase: str) -> None:
    """Remove seat's forgotten PIN given the passphrase of the (encrypted) journal file."""
    if not has_pin(session, seat):
        raise ValidationError("seat", "This partner has no PIN to reset.")
    if driver.has_sqlite_header(journal):
        raise ValidationError(
            "passphrase", "This journal has no passphrase; reset the PIN together instead."
        )
    if not passphrase or not driver.opens_with(journal, passphrase):
        raise ValidationError(
            "passphrase", "That passphrase does not open the journal; nothing was changed."
        )
    _clear_pin(session, seat)


def unrevealed_answer_count(session: Session, seat: Seat) -> int:
    """How many of seat's check-in answers the other partner has not matched yet."""
    lonely = (
        select(CheckInAnswer.checkin_id)
        .group_by(CheckInAnswer.checkin_id)
        .having(func.count() == 1)
        .scalar_subquery()
    )
    count = session.scalar(
        select(func.count())
        .select_from(CheckInAnswer)
        .where(CheckInAnswer.seat == seat, CheckInAnswer.checkin_id.in_(lonely))
    )
    return int(count or 0)


def holds_private_words(session: Session, seat: Seat) -> bool:
    """Whether seat has words the other must not see: unrevealed answers or any draft."""
    return unrevealed_answer_count(session, seat) > 0 or drafts.has_drafts(session, seat)


def pin_needed(session: Session, seat: Seat) -> bool:
    """Whether switching to seat must ask seat's PIN (a PIN set, and private words held)."""
    return has_pin(session, seat) and holds_private_words(session, seat)
