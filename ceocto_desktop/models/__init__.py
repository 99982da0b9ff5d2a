"""SQLAlchemy typed ORM classes for every record of a journal. No sessions, no Qt."""

from ceocto_desktop.models.base import Base, new_id, utc_now
from ceocto_desktop.models.board import BoardGoalReview, BoardMeeting, Retrospective
from ceocto_desktop.models.checkin import PROMPTS, RATINGS, CheckIn, CheckInAnswer
from ceocto_desktop.models.commitment import AgendaItem, Commitment
from ceocto_desktop.models.decision import Decision, decision_goals
from ceocto_desktop.models.enums import (
    Area,
    CommitmentStatus,
    DecisionStatus,
    GoalStatus,
    ObstacleCategory,
    ObstacleEventKind,
    ObstacleKind,
    ObstacleStatus,
    Owner,
    Seat,
    Severity,
    Stance,
    Verdict,
)
from ceocto_desktop.models.goal import Goal, GoalUpdate, KeyResult, KeyResultChange
from ceocto_desktop.models.journal_meta import (
    APPLICATION_ID,
    JOURNAL_FORMAT,
    CheckInAmendment,
    Draft,
    JournalMeta,
)
from ceocto_desktop.models.note import (
    Note,
    Tag,
    note_decisions,
    note_goals,
    note_obstacles,
    note_tags,
)
from ceocto_desktop.models.obstacle import Obstacle, ObstacleEvent, obstacle_goals
from ceocto_desktop.models.partner import Partner, Setting

__all__ = [
    "APPLICATION_ID",
    "JOURNAL_FORMAT",
    "PROMPTS",
    "RATINGS",
    "AgendaItem",
    "Area",
    "Base",
    "BoardGoalReview",
    "BoardMeeting",
    "CheckIn",
    "CheckInAmendment",
    "CheckInAnswer",
    "Commitment",
    "CommitmentStatus",
    "Decision",
    "DecisionStatus",
    "Draft",
    "Goal",
    "GoalStatus",
    "GoalUpdate",
    "JournalMeta",
    "KeyResult",
    "KeyResultChange",
    "Note",
    "Obstacle",
    "ObstacleCategory",
    "ObstacleEvent",
    "ObstacleEventKind",
    "ObstacleKind",
    "ObstacleStatus",
    "Owner",
    "Partner",
    "Retrospective",
    "Seat",
    "Setting",
    "Severity",
    "Stance",
    "Tag",
    "Verdict",
    "decision_goals",
    "new_id",
    "note_decisions",
    "note_goals",
    "note_obstacles",
    "note_tags",
    "obstacle_goals",
    "utc_now",
]
