"""Fuzzing what a person can type into every service.

Each input is either stored and read back as typed (after the documented clean-up:
services.common.plain_text) or refused with one clear ValidationError, in which case no
byte of the journal changes. Whatever is stored stays findable by search, and reading the
journal back (tables, overview, attention, trends) never fails on it.
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from collections.abc import Callable
from contextlib import closing
from datetime import date
from typing import Any, TypeVar

import pytest

# The app's own SQLite library: a second one in this process reads stale pages
# beside the app's open connections (they do not share locks or the WAL index).
import sqlcipher3.dbapi2 as sqlite3
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ceocto_desktop.analytics import cooperation as coop
from ceocto_desktop.analytics.periods import week_start
from ceocto_desktop.models import (
    RATINGS,
    Area,
    Goal,
    GoalStatus,
    Note,
    ObstacleCategory,
    ObstacleKind,
    Owner,
    Seat,
    Verdict,
)
from ceocto_desktop.services import partners
from ceocto_desktop.services.errors import ValidationError
from ceocto_desktop.services.records import decisions, goals, notes, obstacles
from ceocto_desktop.services.records.decision_rows import DecisionFilter, decision_rows
from ceocto_desktop.services.records.goal_rows import GoalFilter, goal_rows
from ceocto_desktop.services.records.note_rows import NoteFilter
from ceocto_desktop.services.records.notes_journal import journal_entries
from ceocto_desktop.services.records.obstacle_rows import ObstacleFilter, obstacle_rows
from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.review import attention, board, overview, roles, trends
from ceocto_desktop.services.search import SOURCES, search
from ceocto_desktop.services.weekly import checkins
from ceocto_desktop.store import Journal

T = TypeVar("T")

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# Every code point, lone surrogates (half of a broken UTF-16 pair) included.
ANY_CHAR = st.characters(exclude_categories=())
AWKWARD = [
    "\x00", "\ud800", "\udfff", "\r\n", "\r", "\t", "\n", "\x0b", "\x1f", "\x7f", "\x85",
    "\u2028", "\ufeff", "\u202e", "\u200d", "e\u0301", "👩‍👩‍👧", "中文字", "ß", "İ", " ", "  ",
    ",", "#", "'", '"', "%", "_", "\\", "*", "(", "NEAR", "OR", "-", "^", ":", "😀",
]  # fmt: skip
TEXT = st.lists(
    st.one_of(st.text(ANY_CHAR, max_size=8), st.sampled_from(AWKWARD)), max_size=12
).map("".join)
LONG_TEXT = st.one_of(TEXT, st.text(ANY_CHAR, min_size=190, max_size=400))
EDGE_DAYS = [date.min, date.max, date(2024, 2, 29), date(2000, 2, 29), date(1900, 2, 28)]
DAYS = st.one_of(st.sampled_from(EDGE_DAYS), st.dates())
DATE_TEXT = st.one_of(
    DAYS,
    DAYS.map(date.isoformat),
    st.sampled_from(
        ["2023-02-29", "2026-02-30", "0000-01-01", "10000-01-01", "2026-13-01", " 2026-01-05 "]
    ),
    st.sampled_from(["20260105", "2026-1-5", "", "\ud800", "2026-01-05\x00", "yesterday"]),
    TEXT,
)
NUMBERS = st.one_of(
    st.floats(),  # NaN and both infinities included
    st.integers(-(10**400), 10**400),
    st.sampled_from(["12.5", " 7 ", "1e3", "nan", "-inf", "1e999", "", "seven", "\ud800", "٣"]),
)


def as_stored(typed: str) -> str:
    """The documented clean-up, spelled out again here: line ends as \\n, control characters
    other than tab and newline dropped, a lone surrogate shown as U+FFFD."""
    text = typed.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for ch in text:
        if 0xD800 <= ord(ch) <= 0xDFFF:
            kept.append("\ufffd")
        elif unicodedata.category(ch) != "Cc" or ch in "\t\n":
            kept.append(ch)
    return "".join(kept)


def as_title(typed: str, limit: int = 200) -> str | None:
    """The title stored for what was typed, or None when it must be refused."""
    text = as_stored(typed).strip()
    return text if text and len(text) <= limit else None


def as_day(typed: date | str) -> date | None:
    """The date stored for a date or ISO text, or None when it must be refused."""
    if isinstance(typed, date):
        return typed
    try:
        return date.fromisoformat(typed.strip())
    except ValueError:
        return None


def as_number(typed: float | int | str) -> float | None:
    """A finite number, or None when it must be refused."""
    try:
        value = float(typed)
    except (ValueError, OverflowError):
        return None
    return value if math.isfinite(value) else None


def snapshot(journal: Journal) -> dict[str, list[Any]]:
    """Every row of every table, the search index's own tables included."""
    with closing(sqlite3.connect(journal.path)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND sql NOT LIKE 'CREATE VIRTUAL%'"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }


def attempt(journal: Journal, action: Callable[[Any], T]) -> T | ValidationError:
    """Run the action as the window does, in one transaction. A refusal is returned after
    checking that its message is clear and that the journal did not change at all."""
    before = snapshot(journal)
    try:
        with journal.transaction() as session:
            return action(session)
    except ValidationError as refusal:
        assert refusal.field
        message = refusal.message
        # One short readable sentence that a terminal or a dialog can show as it is.
        assert 0 < len(message) <= 200, message
        assert message.isprintable(), repr(message)
        message.encode("utf-8")
        assert snapshot(journal) == before, "a refused input changed the journal"
        return refusal


def outcome(result: T | ValidationError, expected: Any) -> T | None:
    """The stored result when expected is not None; a refusal when it is."""
    if expected is None:
        assert isinstance(result, ValidationError), f"accepted {result!r}"
        return None
    assert not isinstance(result, ValidationError), f"refused: {result}"
    return result


def found(journal: Journal, text: str, kind: str) -> set[str]:
    """Ids search finds for text among records of that kind; search must never fail."""
    with closing(sqlite3.connect(journal.path)) as connection:
        return {hit.record_id for hit in search(connection, text, kinds=(kind,), limit=10_000)}


def marked(text: str) -> tuple[str, str]:
    """Text with a word in its middle that search must find, and that word."""
    word = "kilo" + uuid.uuid4().hex[:10]
    return f"{text} {word} {text[::-1]}", word


def read_everything(journal: Journal) -> None:
    """What the window and reports read: none of it may fail on what was stored."""
    with journal.transaction() as session:
        goal_rows(session, GoalFilter(), Page())
        obstacles.list_obstacles(session)
        decisions.list_decisions(session)
        notes.list_notes(session)
        notes.all_tags(session)
        board.list_meetings(session)
        checkins.answered_weeks(session)
        for owner in Owner:
            roles.what_is_owned(session, owner)
        overview.summarise_journal(session)
        attention.needs_attention(session)
        points = coop.weekly_index(trends.checkin_answers(session))
        coop.gap_widening(coop.perception_gap(points))
        coop.rolling_mean(points, "A")
        trends.obstacle_facts(session)
        trends.decision_facts(session)
        trends.goal_facts(session)
        page = Page()
        goal_rows(session, GoalFilter(), page)
        obstacle_rows(session, ObstacleFilter(), page)
        decision_rows(session, DecisionFilter(), page)
        journal_entries(session, NoteFilter(), page)
    # The search index agrees, token for token, with the text it indexes (rank 1: compare
    # with the content table too, not only the index with itself).
    with closing(sqlite3.connect(journal.path)) as connection:
        for source in SOURCES.values():
            connection.execute(
                f"INSERT INTO {source.fts}({source.fts}, rank) VALUES ('integrity-check', 1)"
            )


# Goals and key results ------------------------------------------------------------------------
@FUZZ
# What the fuzzing found, kept as examples that run every time.
@example(
    title="Hire a \ud800 CTO", description="before\x00after\r\n", target="2024-02-29", edit="x"
)
@example(title="Esc\x1b", description="", target="2026-13-01\u202e", edit="")
@given(title=LONG_TEXT, description=TEXT, target=st.none() | DATE_TEXT, edit=TEXT)
def test_goals_store_what_is_typed_or_refuse_it(journal, title, description, target, edit):
    body, word = marked(description)
    no_day = target in (None, "")  # an empty date field: no target date
    expected_day = None if no_day else as_day(target)
    valid = as_title(title) is not None and (no_day or expected_day is not None)
    goal = outcome(
        attempt(
            journal,
            lambda s: goals.create_goal(
                s, Seat.A, title, description=body, target_date=target, area=Area.PEOPLE
            ),
        ),
        valid or None,
    )
    if goal is None:
        return
    with journal.transaction() as session:
        stored = goals.get_goal(session, goal.id)
    assert stored.title == as_title(title)
    assert stored.description == as_stored(body).rstrip()
    assert stored.target_date == expected_day
    assert goal.id in found(journal, word, "goal")
    found(journal, stored.title, "goal")
    # An edit of the title either takes or leaves the goal exactly as it was.
    outcome(
        attempt(journal, lambda s: goals.update_goal(s, goal.id, title=edit)),
        as_title(edit) and True,
    )
    with journal.transaction() as session:
        assert goals.get_goal(session, goal.id).title == (as_title(edit) or stored.title)
        goal_rows(session, GoalFilter(text=edit), Page())
    read_everything(journal)


@FUZZ
@example(title="MRR", unit="k€", start=0, target="nan", moves=[])
@example(title="MRR", unit="k€", start=0, target=10, moves=[float("nan"), "inf", 10**400, "5"])
@given(title=TEXT, unit=TEXT, start=NUMBERS, target=NUMBERS, moves=st.lists(NUMBERS, max_size=3))
def test_key_results_and_progress_take_finite_numbers_only(
    journal, title, unit, start, target, moves
):
    with journal.transaction() as session:
        goal = goals.create_goal(session, Seat.B, "Grow revenue", target_date=date(2026, 12, 31))
    low, high = as_number(start), as_number(target)
    # A key result may count down (target below start); one whose target is its start is refused.
    valid = as_title(title) is not None and low is not None and high is not None and high != low
    kr = outcome(
        attempt(journal, lambda s: goals.add_key_result(s, goal.id, Seat.B, title, start, target,
                                                        unit=unit)),
        valid or None,
    )  # fmt: skip
    if kr is None:
        return
    assert (kr.title, kr.unit) == (as_title(title), as_stored(unit).rstrip())
    assert (kr.start_value, kr.target_value, kr.current_value) == (low, high, low)
    current = low
    for value in moves:
        update = outcome(
            attempt(
                journal,
                lambda s, v=value: goals.record_goal_progress(
                    s, goal.id, Seat.A, values={kr.id: v}, note=title, on_date=date.max
                ),
            ),
            as_number(value),
        )
        if update is not None:
            current = as_number(value)
            assert update.note == as_stored(title).rstrip()
    with journal.transaction() as session:
        (stored,) = goals.get_goal(session, goal.id).key_results
        history = goals.goal_history(session, goal.id)
    assert stored.current_value == current
    assert 0.0 <= stored.progress <= 1.0
    assert all(0.0 <= update.progress <= 1.0 for update in history)
    read_everything(journal)


# Obstacles ------------------------------------------------------------------------------------
@FUZZ
@example(
    title="Lost a customer",
    description="",
    lesson="\x00",
    resolution="Won them back",
    opened=date.min,
    resolved=date.max,
    setback=True,
)
@given(
    title=LONG_TEXT,
    description=TEXT,
    lesson=TEXT,
    resolution=TEXT,
    opened=DAYS,
    resolved=DAYS,
    setback=st.booleans(),
)
def test_obstacles_store_what_is_typed_or_refuse_it(
    journal, title, description, lesson, resolution, opened, resolved, setback
):
    body, word = marked(description)
    kind = ObstacleKind.SETBACK if setback else ObstacleKind.HINDRANCE
    obstacle = outcome(
        attempt(
            journal,
            lambda s: obstacles.create_obstacle(
                s, Seat.A, title, ObstacleCategory.HIRING, opened_on=opened,
                description=body, kind=kind,
            ),
        ),
        as_title(title) and True,
    )  # fmt: skip
    if obstacle is None:
        return
    assert (obstacle.title, obstacle.description) == (as_title(title), as_stored(body).rstrip())
    assert obstacle.opened_on == opened
    assert obstacle.id in found(journal, word, "obstacle")
    text = as_stored(resolution).strip()
    closes = bool(text) and resolved >= opened and (not setback or as_stored(lesson).strip())
    closed = outcome(
        attempt(
            journal,
            lambda s: obstacles.resolve_obstacle(
                s, obstacle.id, Seat.B, resolution, lesson=lesson, on_date=resolved
            ),
        ),
        closes or None,
    )
    if closed is not None:
        assert (closed.resolution, closed.resolved_on) == (text, resolved)
        if as_stored(lesson).strip():
            assert closed.lesson == as_stored(lesson).rstrip()
        found(journal, resolution, "obstacle")
    read_everything(journal)


# Decisions ------------------------------------------------------------------------------------
CONFIDENCE = st.one_of(
    st.integers(-200, 300),
    st.booleans(),
    st.floats(),
    st.sampled_from(["70", "70%", " 85 % ", "100", "101", "-1", "7.5", "", "%", "٧٠", "\ud800"]),
)


def as_percent(typed: Any) -> int | None:
    if isinstance(typed, str):
        try:
            typed = int(typed.strip().rstrip("%").strip())
        except ValueError:
            return None
    if type(typed) is not int or not 0 <= typed <= 100:
        return None
    return typed


@FUZZ
@example(
    title="Rewrite the billing",
    context="\ud83d",
    rationale="\x00",
    confidence="70%",
    decided=date(2024, 2, 29),
    review="2026-13-01\u202e",
    outcome_text="",
)
@given(
    title=LONG_TEXT,
    context=TEXT,
    rationale=TEXT,
    confidence=CONFIDENCE,
    decided=DAYS,
    review=st.none() | DATE_TEXT,
    outcome_text=TEXT,
)
def test_decisions_store_what_is_typed_or_refuse_it(
    journal, title, context, rationale, confidence, decided, review, outcome_text
):
    body, word = marked(context)
    review_day = None if review in (None, "") else as_day(review)
    valid = (
        as_title(title) is not None
        and as_percent(confidence) is not None
        and (review in (None, "") or (review_day is not None and review_day >= decided))
    )
    decision = outcome(
        attempt(
            journal,
            lambda s: decisions.create_decision(
                s, Seat.B, title, decided_on=decided, context=body, rationale=rationale,
                confidence=confidence, review_on=review,
            ),
        ),
        valid or None,
    )  # fmt: skip
    if decision is None:
        return
    with journal.transaction() as session:
        stored = decisions.get_decision(session, decision.id)
    assert (stored.title, stored.context) == (as_title(title), as_stored(body).rstrip())
    assert stored.rationale == as_stored(rationale).rstrip()
    assert (stored.confidence, stored.decided_on) == (as_percent(confidence), decided)
    assert stored.review_on == review_day
    assert decision.id in found(journal, word, "decision")
    reviewed = outcome(
        attempt(
            journal,
            lambda s: decisions.review_decision(s, decision.id, outcome_text, Verdict.AS_EXPECTED,
                                                on_date=date.max),
        ),
        as_stored(outcome_text).strip() or None,
    )  # fmt: skip
    if reviewed is not None:
        assert reviewed.outcome == as_stored(outcome_text).strip()
    read_everything(journal)


# Check-ins ------------------------------------------------------------------------------------
RATING = st.one_of(
    st.integers(-3, 8), st.booleans(), st.floats(0, 6), st.sampled_from(["3", "", None])
)


@FUZZ
@example(week=date.min, first_weekday=6, ratings=dict.fromkeys(RATINGS, 3), texts={}, seat=Seat.A)
@example(
    week=date(2024, 2, 29),
    first_weekday=0,
    ratings={**dict.fromkeys(RATINGS, 3), "trust": True},
    texts={},
    seat=Seat.B,
)
@example(
    week=date.max,
    first_weekday=3,
    ratings=dict.fromkeys(RATINGS, 5),
    texts={"wins": "\ud800", "worries": "\x00", "needs": "\r"},
    seat=Seat.B,
)
@given(
    week=DAYS,
    first_weekday=st.integers(-2, 8),
    ratings=st.fixed_dictionaries({name: RATING for name in RATINGS}),
    texts=st.fixed_dictionaries({name: TEXT for name in ("wins", "worries", "needs")}),
    seat=st.sampled_from(Seat),
)
def test_checkins_store_what_is_typed_or_refuse_it(
    journal, week, first_weekday, ratings, texts, seat
):
    starts = 0 <= first_weekday <= 6
    outcome(
        attempt(journal, lambda s: partners.set_week_start_day(s, first_weekday)), starts or None
    )
    with journal.transaction() as session:
        first = partners.week_start_day(session)
        taken = {
            w
            for w, _ in checkins.answered_weeks(session)
            if seat in checkins.week_as_seen_by(session, w, seat).answered
        }
    wins, word = marked(texts.get("wins", ""))
    texts = {**texts, "wins": wins}
    try:
        expected_week: date | None = week_start(week, first)
    except OverflowError:  # the week would start before 1 January of year 1
        expected_week = None
    rates = all(type(v) is int and 1 <= v <= 5 for v in ratings.values())
    answered = outcome(
        attempt(journal, lambda s: checkins.submit_answers(s, week, seat, ratings, texts)),
        (rates and expected_week is not None and expected_week not in taken) or None,
    )
    if answered is None:
        return
    assert answered.week_start == expected_week
    mine = answered.answers[seat]
    assert mine.ratings() == ratings
    for name, typed in texts.items():
        assert getattr(mine, name) == as_stored(typed).rstrip()
    with closing(sqlite3.connect(journal.path)) as connection:
        hits = search(connection, word, kinds=("checkin",), limit=10_000)
    # A week only this partner answered stays blind: in search only once both answered.
    found = expected_week.isoformat() in {hit.day for hit in hits}
    assert found == (len(answered.answered) == 2)
    read_everything(journal)


# Notes and tags -------------------------------------------------------------------------------
TAG = st.one_of(
    st.text(ANY_CHAR, max_size=10),
    st.sampled_from(["board", "#Q4", "a,b", "two words", " padded ", "#", "", "x" * 61, "İİ"]),
    st.sampled_from(["\x00", "\ud800", "tab\there", "line\nbreak", "#hash#tag", "comma,"]),
)


def as_tag(typed: str) -> str | None:
    """The tag stored for what was typed, or None when it must be refused."""
    tag = as_stored(typed).strip().lstrip("#").strip().lower()
    if not tag or len(tag) > 60 or "," in tag or any(ch.isspace() for ch in tag):
        return None
    return tag


@FUZZ
@example(body="Board prep", tags=["a,b"], edit="", mark=False)
@example(body="Board\x00prep \ud83d", tags=["#Board", "\ud800x"], edit="\x00", mark=True)
@given(body=TEXT, tags=st.lists(TAG, max_size=4), edit=TEXT, mark=st.booleans())
def test_notes_and_tags_store_what_is_typed_or_refuse_it(journal, body, tags, edit, mark):
    text, word = marked(body) if mark else (body, "")
    wanted = [as_tag(tag) for tag in tags]
    valid = as_stored(text).strip() and None not in wanted
    note = outcome(
        attempt(journal, lambda s: notes.create_note(s, Seat.A, text, tags=tags)),
        valid or None,
    )
    if note is None:
        return
    with journal.transaction() as session:
        stored = notes.get_note(session, note.id)
        for tag in tags:
            assert note.id in {n.id for n in notes.list_notes(session, tag=tag)}
        assert stored.tags == tuple(sorted(set(wanted)))
        journal_entries(session, NoteFilter(tag=tags[0] if tags else "", text=edit), Page())
    assert stored.body == as_stored(text).strip()
    if word:
        assert note.id in found(journal, word, "note")
    found(journal, stored.body[:200], "note")
    edited = outcome(
        attempt(journal, lambda s: notes.update_note(s, note.id, body=edit)),
        as_stored(edit).strip() or None,
    )
    with journal.transaction() as session:
        assert notes.get_note(session, note.id).body == (edited.body if edited else stored.body)
    read_everything(journal)


# Partners -------------------------------------------------------------------------------------
COLOUR = st.one_of(
    st.from_regex(r"#[0-9a-fA-F]{6}", fullmatch=True),
    st.sampled_from(["#aabbcc\n", "#AABBCC ", "aabbcc", "#abc", "#gggggg", "", "\ud800"]),
)


@FUZZ
@example(name="priya natarajan", title="CEO", strengths="", colour="#aabbcc", seat=Seat.A)
@example(name="Sam Rivera", title="CEO", strengths="\x00", colour="#AABBCC\n", seat=Seat.A)
@given(name=LONG_TEXT, title=TEXT, strengths=TEXT, colour=COLOUR, seat=st.sampled_from(Seat))
def test_partner_profiles_store_what_is_typed_or_refuse_it(
    journal, name, title, strengths, colour, seat
):
    with journal.transaction() as session:
        other = partners.get_partners(session)[Seat.B if seat is Seat.A else Seat.A]
    clean_name = as_title(name, 120)
    unique = clean_name is not None and clean_name.casefold() != other.name.casefold()
    valid_colour = len(colour) == 7 and colour[0] == "#"
    valid_colour = valid_colour and all(ch in "0123456789abcdefABCDEF" for ch in colour[1:])
    valid = unique and as_title(title, 120) is not None and valid_colour
    changed = outcome(
        attempt(
            journal,
            lambda s: partners.update_partner(
                s, seat, name=name, title=title, strengths=strengths, color=colour
            ),
        ),
        valid or None,
    )
    if changed is None:
        return
    with journal.transaction() as session:
        stored = partners.get_partners(session)[seat]
    assert (stored.name, stored.title) == (clean_name, as_title(title, 120))
    assert (stored.strengths, stored.color) == (as_stored(strengths).rstrip(), colour.lower())


# Board meetings and retrospectives ------------------------------------------------------------
QUARTER = st.one_of(
    st.builds(lambda y, q: f"{y:04d}-Q{q}", st.integers(0, 10_000), st.integers(0, 5)),
    st.sampled_from(["2026q3", " 2026-Q4 ", "2026-Q", "Q3", "", "2026-Q3\n", "\ud800"]),
    TEXT,
)


@FUZZ
@example(held=date.max, title="Q\ud800", notes_text="\x00", comment="\r\n")
@given(held=DATE_TEXT, title=LONG_TEXT, notes_text=TEXT, comment=TEXT)
def test_board_meetings_store_what_is_typed_or_refuse_it(journal, held, title, notes_text, comment):
    day = as_day(held)
    valid = day is not None and as_title(title) is not None
    meeting = outcome(
        attempt(
            journal,
            lambda s: board.create_meeting(s, Seat.A, held, title, notes=notes_text,
                                           ask_of_board=comment),
        ),
        valid or None,
    )  # fmt: skip
    if meeting is None:
        return
    assert (meeting.held_on, meeting.title) == (day, as_title(title))
    assert (meeting.notes, meeting.ask_of_board) == (
        as_stored(notes_text).rstrip(),
        as_stored(comment).rstrip(),
    )
    with journal.transaction() as session:
        goal = goals.create_goal(session, Seat.A, "Board goal", status=GoalStatus.AT_RISK)
    ticked = attempt(
        journal, lambda s: board.set_goal_reviewed(s, meeting.id, goal.id, True, comment)
    )
    assert goal.id in ticked.reviewed_goal_ids
    read_everything(journal)


def as_quarter(typed: str) -> str | None:
    """The quarter stored for what was typed (2026-Q3, 2026q3, 9999-Q4), or None."""
    match = re.fullmatch(r"(\d{4})-?[Qq]([1-4])", typed.strip())
    if match is None or int(match.group(1)) == 0:
        return None
    return f"{int(match.group(1)):04d}-Q{match.group(2)}"


@FUZZ
@example(quarter="9999-Q4", went_well="", to_change="")
@example(quarter="0026-Q1", went_well="", to_change="")
@example(quarter="0000-Q1\ud800", went_well="", to_change="")
@given(quarter=QUARTER, went_well=TEXT, to_change=TEXT)
def test_retrospectives_store_what_is_typed_or_refuse_it(journal, quarter, went_well, to_change):
    saved = outcome(
        attempt(
            journal,
            lambda s: board.save_retrospective(
                s, Seat.B, quarter, went_well=went_well, to_change=to_change
            ),
        ),
        as_quarter(quarter),
    )
    if saved is None:
        return
    with journal.transaction() as session:
        stored = board.get_retrospective(session, quarter)
    assert stored.quarter == as_quarter(quarter)
    assert (stored.went_well, stored.to_change) == (
        as_stored(went_well).rstrip(),
        as_stored(to_change).rstrip(),
    )


# Five megabytes at once -----------------------------------------------------------------------
MEGABYTES_5 = 5_000_000
NOTE_MAX = notes.NOTE_MAX


@pytest.mark.parametrize("kind", ["note", "goal", "checkin"])
@settings(max_examples=1, deadline=None, suppress_health_check=list(HealthCheck))
@given(piece=st.text(ANY_CHAR, min_size=1, max_size=30).map(lambda p: p + "".join(AWKWARD)))
def test_a_five_megabyte_body_is_stored_whole_and_found(journal, kind, piece):
    # A note holds at most NOTE_MAX characters (a longer one is refused: test_note_size.py);
    # the longest a note may be stands in for five megabytes there.
    size = NOTE_MAX - 100 if kind == "note" else MEGABYTES_5
    half = (piece + " ") * (size // 2 // (len(piece) + 1))
    word = "kilo" + uuid.uuid4().hex[:10]
    body = f"{half} {word} {half}"
    with journal.transaction() as session:
        if kind == "note":
            record_id = notes.create_note(session, Seat.A, body).id
            stored = notes.get_note(session, record_id).body
        elif kind == "goal":
            record_id = goals.create_goal(session, Seat.A, "Long goal", description=body).id
            stored = goals.get_goal(session, record_id).description
        else:
            checkins.submit_answers(
                session, date(2026, 3, 2), Seat.A, dict.fromkeys(RATINGS, 3), {"wins": body}
            )
            # Both answer: a week one partner alone answered is kept out of search.
            week = checkins.submit_answers(
                session, date(2026, 3, 2), Seat.B, dict.fromkeys(RATINGS, 4)
            )
            record_id, stored = "", week.answers[Seat.A].wins
    expected = as_stored(body)
    assert stored == (expected.strip() if kind == "note" else expected.rstrip())
    with closing(sqlite3.connect(journal.path)) as connection:
        hits = search(connection, word, kinds=(kind,))
    assert len(hits) == 1 and (not record_id or hits[0].record_id == record_id)
    with journal.transaction() as session:  # the next example starts from an empty journal
        if kind == "note":
            delete_record(session, Note, record_id)
        elif kind == "goal":
            delete_record(session, Goal, record_id)
        else:
            checkins.delete_answers(session, date(2026, 3, 2), Seat.A)
            checkins.delete_answers(session, date(2026, 3, 2), Seat.B)
