"""The tables each report reads, so that an export checks what it reads, not the whole file.

`ceocto export` runs SQLite's quick_check on these tables and their indexes before it
opens the journal: a damaged page among them is refused before a report is written from
it. The notes' search index, the sync log and the rest are left to `ceocto check` — on a
ten-year journal the whole file took 0.9 s to check and these 0.09 s (7.2 s against 0.4 s
at 100,000 goals). `tests/reports/test_report_reads.py` watches every table a report
reads and fails if one is missing here.
"""

from __future__ import annotations

RETRO = (
    "agenda_items",
    "checkin_answers",
    "checkins",
    "commitments",
    "decisions",
    "goal_updates",
    "goals",
    "key_result_changes",
    "key_results",
    "notes",
    "obstacle_events",
    "obstacles",
    "partners",
    "retrospectives",
)

BOARD = (
    "board_goal_reviews",
    "board_meetings",
    "decisions",
    "goal_updates",
    "goals",
    "key_result_changes",
    "key_results",
    "obstacle_events",
    "obstacle_goals",
    "obstacles",
    "partners",
    "settings",
)

TABLES = {"retro": RETRO, "board": BOARD}
