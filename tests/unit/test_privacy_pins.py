"""Partners' PINs: only a salted slow hash is kept, and it guards only who has private words."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.weekly import checkins, drafts

RATINGS = {"role_clarity": 4, "cooperation": 4, "communication": 3, "trust": 5, "alignment": 4}
WEEK = date(2026, 11, 23)


def settings_rows(session) -> dict[str, str]:
    return dict(session.execute(text("SELECT key, value FROM settings")).all())


def settings_text(session) -> str:
    return " ".join(f"{k}={v}" for k, v in settings_rows(session).items())


def test_the_pin_itself_is_not_in_the_journal_only_a_salted_hash(session):
    pins.set_pin(session, Seat.A, "4711", by=Seat.A)
    stored = settings_text(session)
    assert "4711" not in stored
    assert "pin_salt=" in stored and "scrypt" in stored
    assert pins.check_pin(session, Seat.A, "4711")
    assert not pins.check_pin(session, Seat.A, "4712")
    assert not pins.check_pin(session, Seat.B, "4711")  # Priya has none


def test_the_same_pin_for_both_partners_gives_two_different_hashes(session):
    pins.set_pin(session, Seat.A, "2468", by=Seat.A)
    pins.set_pin(session, Seat.B, "2468", by=Seat.B)
    stored = settings_rows(session)
    assert stored["pin_hash:A"] != stored["pin_hash:B"]
    assert pins.pin_state(session).has_pin == {Seat.A, Seat.B}


def test_each_journal_gets_its_own_random_salt(session, tmp_path):
    from ceocto_desktop.services.partners import create_partners, get_setting
    from ceocto_desktop.store import open_journal
    from tests.conftest import PRIYA, SAM

    pins.set_pin(session, Seat.A, "2468", by=Seat.A)
    other = open_journal(tmp_path / "other.db", create=True)
    with other.transaction() as second:
        create_partners(second, SAM, PRIYA)
        pins.set_pin(second, Seat.A, "2468", by=Seat.A)
        salt_there = get_setting(second, pins.SALT_KEY, "")
    other.close()
    salt_here = get_setting(session, pins.SALT_KEY, "")
    assert len(bytes.fromhex(salt_here)) == 16 and salt_here != salt_there


def test_changing_or_removing_a_pin_asks_the_current_one(session):
    pins.set_pin(session, Seat.A, "1234", by=Seat.A)
    with pytest.raises(ValidationError, match="not the current PIN"):
        pins.set_pin(session, Seat.A, "9999", old_pin="0000", by=Seat.A)
    with pytest.raises(ValidationError, match="not the current PIN"):
        pins.remove_pin(session, Seat.A, "0000")
    assert pins.check_pin(session, Seat.A, "1234")  # nothing changed
    pins.set_pin(session, Seat.A, "9999", old_pin="1234", by=Seat.A)
    assert pins.check_pin(session, Seat.A, "9999") and not pins.check_pin(session, Seat.A, "1234")
    pins.remove_pin(session, Seat.A, "9999")
    assert not pins.has_pin(session, Seat.A)


@pytest.mark.parametrize("bad", ["", "123", " 1234", "x" * 65])
def test_a_pin_too_short_long_or_padded_is_refused(session, bad):
    with pytest.raises(ValidationError):
        pins.set_pin(session, Seat.B, bad, by=Seat.B)
    assert not pins.has_pin(session, Seat.B)


def test_a_pin_is_needed_only_while_its_partner_holds_unrevealed_answers_or_drafts(session):
    pins.set_pin(session, Seat.A, "1234", by=Seat.A)
    assert not pins.pin_needed(session, Seat.A)  # nothing private yet
    drafts.save_draft(session, Seat.A, drafts.QUICK_NOTE, {"text": "between us"})
    assert pins.pin_needed(session, Seat.A)
    drafts.discard_draft(session, Seat.A, drafts.QUICK_NOTE)
    checkins.submit_answers(session, WEEK, Seat.A, RATINGS, {"wins": "alone"})
    assert pins.unrevealed_answer_count(session, Seat.A) == 1
    assert pins.pin_needed(session, Seat.A)
    assert not pins.pin_needed(session, Seat.B)  # Priya has no PIN and nothing hidden
    checkins.submit_answers(session, WEEK, Seat.B, RATINGS)
    # Both answered: revealed, so nothing left to guard.
    assert pins.unrevealed_answer_count(session, Seat.A) == 0
    assert not pins.pin_needed(session, Seat.A)
