"""Which tables travel between two laptops, and how each row is known on both.

A record with a UUID is known by it everywhere. A record that both laptops may create on
their own for the same thing (the week's check-in, the quarter's retrospective, a partner's
seat, a setting, a tag) is known by that natural key instead, so the two converge on one
row; its local id never travels. A column that points at such a record travels as the
record's key ("refs").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class TableSpec:
    """How one table's rows travel."""

    name: str
    key: tuple[str, ...] = ("id",)
    local_id: str | None = None
    refs: dict[str, str] = field(default_factory=dict)
    skip: frozenset[str] = frozenset()
    long_text: frozenset[str] = frozenset()

    @property
    def natural(self) -> bool:
        """True when the row is matched by a natural key rather than its own id."""
        return self.local_id is not None


def _spec(name: str, *long_text: str, **options: object) -> TableSpec:
    return TableSpec(name=name, long_text=frozenset(long_text), **options)  # type: ignore[arg-type]


# Parents before children: rows of a change are written in this order, deleted in reverse.
TABLES: tuple[TableSpec, ...] = (
    _spec("partners", "strengths", "responsibilities", key=("seat",), local_id="id"),
    _spec("settings", key=("key",)),
    _spec("tags", key=("name",), local_id="id"),
    _spec("goals", "description", skip=frozenset({"progress"})),
    _spec("key_results"),
    _spec("goal_updates", "note"),
    _spec("key_result_changes", key=("update_id", "key_result_id")),
    _spec("obstacles", "description", "resolution", "lesson", "covered_by"),
    _spec("obstacle_events"),
    _spec("obstacle_goals", key=("obstacle_id", "goal_id")),
    _spec(
        "decisions",
        "context",
        "options",
        "decision",
        "rationale",
        "expected_outcome",
        "outcome",
    ),
    _spec("decision_goals", key=("decision_id", "goal_id")),
    _spec("notes", "body"),
    _spec("note_tags", key=("note_id", "tag_id"), refs={"tag_id": "tags"}),
    _spec("note_goals", key=("note_id", "goal_id")),
    _spec("note_obstacles", key=("note_id", "obstacle_id")),
    _spec("note_decisions", key=("note_id", "decision_id")),
    # Which jrnl or Day One entry became which note: an import on either laptop adds once.
    _spec("import_sources", key=("source", "source_id")),
    _spec("board_meetings", "notes", "ask_of_board"),
    _spec("board_goal_reviews", "comment", key=("meeting_id", "goal_id")),
    _spec(
        "retrospectives",
        "went_well",
        "to_change",
        "commitments",
        key=("quarter",),
        local_id="id",
    ),
    _spec("checkins", key=("week_start",), local_id="id"),
    _spec(
        "checkin_answers",
        "wins",
        "worries",
        "needs",
        "appreciation",
        key=("checkin_id", "seat"),
        local_id="id",
        refs={"checkin_id": "checkins"},
    ),
    _spec(
        "checkin_amendments",
        "value_before",
        "value_after",
        refs={"answer_id": "checkin_answers"},
    ),
    _spec("commitments", "drop_reason"),
    # Both laptops may open the same week's agenda: an item is known by its week and key.
    _spec("agenda_items", "outcome", key=("week_start", "key"), local_id="id"),
)

BY_NAME: dict[str, TableSpec] = {spec.name: spec for spec in TABLES}
ORDER: dict[str, int] = {spec.name: index for index, spec in enumerate(TABLES)}

# Settings that belong to one laptop's window (a partner's PIN guards that laptop only).
LOCAL_SETTING_PREFIXES = ("pin_",)


def travels(table: str, row: dict[str, object]) -> bool:
    """False for the rows of a travelling table that stay on this laptop."""
    if table == "settings":
        return not str(row.get("key", "")).startswith(LOCAL_SETTING_PREFIXES)
    return True
