"""PIN rules: the wait is kept in the journal, a PIN is set only by its own partner, and a
forgotten one is reset by both partners together or with the journal's passphrase."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from ceocto_desktop.models import Seat
from ceocto_desktop.services import pins
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.store import driver, open_journal
from ceocto_desktop.store.files.encryption import encrypt_journal

NOW = 1_800_000_000.0  # a fixed Unix time
PASSPHRASE = "correct horse battery staple"


def in_journal(path: Path, work):  # type: ignore[no-untyped-def]
    """Run work in one write transaction of a freshly opened journal, as a new process would."""
    journal = open_journal(path)
    try:
        with journal.transaction() as session:
            return work(session)
    finally:
        journal.close()


def test_three_wrong_pins_make_a_wait_that_a_new_process_still_sees(journal_path):
    in_journal(journal_path, lambda s: pins.set_pin(s, Seat.A, "2580", by=Seat.A))
    for expected in (0, 0, 30):
        assert in_journal(journal_path, lambda s: pins.record_wrong_pin(s, Seat.A, NOW)) == (
            expected
        )
    # Each line above opened the journal afresh: the count is in the file, not in memory.
    assert in_journal(journal_path, lambda s: pins.pin_wait_left(s, Seat.A, NOW + 10)) == 20
    assert in_journal(journal_path, lambda s: pins.pin_wait_left(s, Seat.B, NOW)) == 0
    # A clock set back does not stretch the wait; after it, three more tries.
    assert in_journal(journal_path, lambda s: pins.pin_wait_left(s, Seat.A, NOW - 9999)) == 30
    assert in_journal(journal_path, lambda s: pins.pin_wait_left(s, Seat.A, NOW + 30)) == 0
    assert in_journal(journal_path, lambda s: pins.record_wrong_pin(s, Seat.A, NOW + 31)) == 0
    in_journal(journal_path, lambda s: pins.record_right_pin(s, Seat.A))
    assert not in_journal(journal_path, lambda s: pins.wrong_tries_kept(s, Seat.A))


def test_a_partner_cannot_set_the_other_partners_pin(session):
    with pytest.raises(ValidationError) as refused:
        pins.set_pin(session, Seat.A, "1357", by=Seat.B)
    assert refused.value.message.startswith("Only a partner sets their own PIN")
    assert not pins.has_pin(session, Seat.A)
    pins.set_pin(session, Seat.A, "1357", by=Seat.A)
    with pytest.raises(ValidationError, match="Only a partner sets their own PIN"):
        pins.set_pin(session, Seat.A, "2468", old_pin="1357", by=Seat.B)
    assert pins.check_pin(session, Seat.A, "1357")


def test_both_partners_together_reset_a_forgotten_pin(session):
    pins.set_pin(session, Seat.A, "1357", by=Seat.A)
    with pytest.raises(ValidationError, match="tick the box"):
        pins.reset_pin_together(session, Seat.A, "", both_here=False, now=NOW)
    # The other partner has no PIN: both confirming is what is asked.
    pins.reset_pin_together(session, Seat.A, "", both_here=True, now=NOW)
    assert not pins.has_pin(session, Seat.A)


def test_with_a_pin_of_their_own_the_other_partner_types_it_to_reset(session):
    pins.set_pin(session, Seat.A, "1357", by=Seat.A)
    pins.set_pin(session, Seat.B, "8642", by=Seat.B)
    with pytest.raises(ValidationError) as refused:
        pins.reset_pin_together(session, Seat.A, "0000", both_here=True, now=NOW)
    assert refused.value.field == "other_pin"
    assert refused.value.message == "That is not the other partner's PIN; nothing was changed."
    assert pins.has_pin(session, Seat.A)
    # The other's wrong tries count: three make a wait that the reset honours too.
    for _ in range(3):
        pins.record_wrong_pin(session, Seat.B, NOW)
    with pytest.raises(ValidationError, match="Wait 30 seconds"):
        pins.reset_pin_together(session, Seat.A, "8642", both_here=True, now=NOW)
    pins.reset_pin_together(session, Seat.A, "8642", both_here=True, now=NOW + 30)
    assert not pins.has_pin(session, Seat.A) and pins.has_pin(session, Seat.B)


@pytest.fixture
def encrypted(journal_path: Path) -> Iterator[Path]:
    in_journal(journal_path, lambda s: pins.set_pin(s, Seat.A, "1357", by=Seat.A))
    encrypt_journal(journal_path, PASSPHRASE, remove_plain=True)
    yield journal_path
    driver.forget_passphrases()


def test_the_journals_passphrase_resets_a_forgotten_pin(encrypted):
    with pytest.raises(ValidationError, match="does not open the journal"):
        in_journal(
            encrypted, lambda s: pins.reset_pin_with_passphrase(s, Seat.A, encrypted, "guess")
        )
    assert in_journal(encrypted, lambda s: pins.has_pin(s, Seat.A))
    in_journal(
        encrypted, lambda s: pins.reset_pin_with_passphrase(s, Seat.A, encrypted, PASSPHRASE)
    )
    assert not in_journal(encrypted, lambda s: pins.has_pin(s, Seat.A))


def test_a_plain_journal_has_no_passphrase_to_reset_with(journal_path):
    in_journal(journal_path, lambda s: pins.set_pin(s, Seat.A, "1357", by=Seat.A))
    with pytest.raises(ValidationError, match="has no passphrase; reset the PIN together"):
        in_journal(
            journal_path,
            lambda s: pins.reset_pin_with_passphrase(s, Seat.A, journal_path, "anything"),
        )
