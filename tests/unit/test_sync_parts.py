"""The pieces of two-laptop sync: the hybrid clock, the line merge, the pairing code, files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ceocto_desktop.store.travel.hlc import MAX_SKEW_MS, Clock, Stamp
from ceocto_desktop.sync.crypto import WrongCode, new_key, new_pairing_code, unwrap_key, wrap_key
from ceocto_desktop.sync.folder import SyncFolder
from ceocto_desktop.sync.textmerge import merge_text

NOW = 1_800_000_000_000


def test_stamps_sort_as_text_in_time_order() -> None:
    clock = Clock("a" * 32, now=lambda: NOW)
    first, second = clock.tick(), clock.tick()
    assert first < second
    assert Stamp.parse(second) == Stamp(NOW, 1, "a" * 32)


def test_a_clock_hours_ahead_cannot_drag_this_one_along() -> None:
    clock = Clock("a" * 32, now=lambda: NOW)
    hours_ahead = Stamp(NOW + 5 * 3600 * 1000, 0, "b" * 32).text()
    clock.observe(hours_ahead)
    mine = Stamp.parse(clock.tick())
    assert mine.wall <= NOW + MAX_SKEW_MS


def test_an_edit_beats_the_value_it_replaced_even_from_a_clock_ahead() -> None:
    clock = Clock("a" * 32, now=lambda: NOW)
    ahead = Stamp(NOW + 3600 * 1000, 4, "b" * 32).text()
    assert clock.after(ahead) > ahead


def test_edits_to_different_lines_both_stay() -> None:
    base = "one\ntwo\nthree\nfour\nfive"
    merged = merge_text(base, "ONE\ntwo\nthree\nfour\nfive", "one\ntwo\nthree\nfour\nFIVE")
    assert merged.text == "ONE\ntwo\nthree\nfour\nFIVE" and not merged.overlapping


def test_overlapping_edits_keep_both_versions_marked() -> None:
    merged = merge_text("a\nb\nc", "a\nmine\nc", "a\ntheirs\nc")
    assert merged.overlapping
    assert "mine" in merged.text and "theirs" in merged.text
    assert merged.text.index("mine") < merged.text.index("theirs")  # earlier edit first


def test_the_pairing_code_is_long_and_only_it_opens_the_key() -> None:
    code = new_pairing_code()
    groups = code.split("-")
    assert len(groups) == 8 and all(len(g) == 5 for g in groups)
    key = new_key()
    wrapped = wrap_key(key, code).to_json()
    assert unwrap_key(wrapped, code.lower().replace("-", " ")) == key
    with pytest.raises(WrongCode):
        unwrap_key(wrapped, new_pairing_code())


def test_a_header_moved_onto_another_body_does_not_open(tmp_path: Path) -> None:
    folder = SyncFolder(tmp_path)
    key = new_key()
    device = "c" * 32
    header = {"journal": "j", "device": device, "key": "k1"}
    first = folder.write_change({**header, "seq": 1}, key, [{"t": "notes"}])
    second = folder.write_change({**header, "seq": 2}, key, [{"t": "goals"}])
    one, two = first.read_bytes(), second.read_bytes()
    head_end = one.index(b"}") + 1
    second.write_bytes(two[: two.index(b"}") + 1] + one[head_end:])
    assert folder.read_change(device, 1, {"k1": key}, "j") == [{"t": "notes"}]
    with pytest.raises(Exception, match="decrypt"):
        folder.read_change(device, 2, {"k1": key}, "j")
