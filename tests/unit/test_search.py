"""Search: in sync with every change, diacritics folded, CJK and emoji found, never an error."""

from __future__ import annotations

# The app's own SQLite library: a second one in this process reads stale pages
# beside the app's open connections (they do not share locks or the WAL index).
import sqlcipher3.dbapi2 as sqlite3
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ceocto_desktop.models import Note, ObstacleCategory, Seat, Verdict
from ceocto_desktop.services.records import decisions, goals, notes, obstacles
from ceocto_desktop.services.records.snapshots import delete_record
from ceocto_desktop.services.search import match_expression, search


def found(path, text, **options):
    with sqlite3.connect(path) as connection:
        return [(h.kind, h.title) for h in search(connection, text, **options)]


def test_the_index_follows_insert_edit_and_delete(journal):
    with journal.transaction() as session:
        note = notes.create_note(session, Seat.A, "Offsite in Lisbon with the coach")
    assert found(journal.path, "lisbon") == [("note", "Offsite in Lisbon with the coach")]
    with journal.transaction() as session:
        notes.update_note(session, note.id, body="Offsite moved to Porto")
    assert found(journal.path, "lisbon") == []
    assert found(journal.path, "porto") == [("note", "Offsite moved to Porto")]
    with journal.transaction() as session:
        delete_record(session, Note, note.id)
    assert found(journal.path, "porto") == []


def test_every_kind_of_record_is_searched_and_filtered(journal):
    with journal.transaction() as session:
        goal = goals.create_goal(
            session, Seat.A, "Runway to 24 months", description="Cut burn before the bridge"
        )
        obstacles.create_obstacle(
            session, Seat.B, "Bridge round is slow", ObstacleCategory.FINANCES
        )
        made = decisions.create_decision(session, Seat.A, "Take the bridge")
        decisions.review_decision(session, made.id, "The bridge closed in May", Verdict.BETTER)
        notes.create_note(session, Seat.B, "Bridge terms look fair", goal_ids=[goal.id])
        from datetime import date

        from ceocto_desktop.services.weekly.checkins import submit_answers

        submit_answers(
            session,
            date(2026, 11, 23),
            Seat.A,
            dict.fromkeys(
                ("role_clarity", "cooperation", "communication", "trust", "alignment"), 4
            ),
            {"worries": "Whether the bridge closes in time"},
        )
        # Both answered, so the week is revealed (a blind week is never found).
        submit_answers(
            session,
            date(2026, 11, 23),
            Seat.B,
            dict.fromkeys(
                ("role_clarity", "cooperation", "communication", "trust", "alignment"), 3
            ),
            {},
        )
    kinds = sorted(kind for kind, _ in found(journal.path, "bridge"))
    assert kinds == ["checkin", "decision", "goal", "note", "obstacle"]
    assert [k for k, _ in found(journal.path, "bridge", kinds=("note",))] == ["note"]
    assert sorted(k for k, _ in found(journal.path, "bridge", author="B")) == ["note", "obstacle"]


def test_zurich_finds_zurich_with_or_without_the_umlaut(journal):
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "Dinner with investors in Zürich")
        notes.create_note(session, Seat.B, "Zurich office lease signed")
    assert len(found(journal.path, "Zurich")) == 2
    assert len(found(journal.path, "zürich")) == 2


def test_cjk_text_and_emoji_are_findable(journal):
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "東京の顧客と打ち合わせ。価格について話した")
        notes.create_note(session, Seat.B, "Closed the round 🎉 finally")
    assert found(journal.path, "顧客") == [("note", "東京の顧客と打ち合わせ。価格について話した")]
    assert found(journal.path, "🎉") == [("note", "Closed the round 🎉 finally")]


def test_the_last_word_is_a_prefix_while_typing(journal):
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "Quarterly planning with the leads")
    assert found(journal.path, "quarterly plan") == [("note", "Quarterly planning with the leads")]


def test_query_syntax_is_just_text():
    assert match_expression('happy AND "x') == '"happy" "AND" """x"*'
    assert match_expression("( * -") is None
    assert match_expression("") is None


HOSTILE = [
    "happy AND",
    '"unterminated',
    "NEAR(",
    "c++",
    "*",
    "(",
    "-happy",
    "",
    "   ",
    "OR OR",
    "a:b",
    "^start",
    "col:value",
    "NOT",
    '"""',
    "\x00",
    "'; DROP TABLE notes",
]


def test_hostile_queries_return_results_or_nothing(journal):
    with journal.transaction() as session:
        notes.create_note(session, Seat.A, "We are happy with the C++ rewrite (mostly)")
    for query in HOSTILE:
        found(journal.path, query)  # no exception is the assertion
    assert found(journal.path, "c++")


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_any_text_at_all_is_a_query_that_never_errors(journal, text):
    with sqlite3.connect(journal.path) as connection:
        hits = search(connection, text)
    assert isinstance(hits, list)
