"""What a page of the window reads in one session, gathered as plain dataclasses.

The window's pages only format these; every query behind them is a service's.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ceocto_desktop.models import Commitment, Decision, Goal, Note, Obstacle, Seat
from ceocto_desktop.services.records import decisions, goals, notes, obstacles
from ceocto_desktop.services.records.decision_rows import DecisionFilter
from ceocto_desktop.services.records.goal_rows import LineageStep, goal_lineage
from ceocto_desktop.services.records.note_rows import NoteFilter
from ceocto_desktop.services.records.notes_journal import NoteEntry, journal_entries
from ceocto_desktop.services.records.obstacle_rows import ObstacleFilter
from ceocto_desktop.services.records.paging import Page
from ceocto_desktop.services.review.attention import Attention, needs_attention
from ceocto_desktop.services.review.overview import (
    JournalSummary,
    PairSignals,
    pair_signals,
    summarise_journal,
)
from ceocto_desktop.services.weekly import checkins, commitments

RECENT_NOTES = 8


@dataclass(frozen=True)
class WeekData:
    """A week's check-in as one partner may see it, with its prompts and the past weeks."""

    week: checkins.WeekView
    prompts: dict[str, str]
    history: list[tuple[date, frozenset[Seat]]]
    amendments: list[checkins.AmendmentView]


def load_week(session: Session, week: date, viewer: Seat, bank: dict[str, list[str]]) -> WeekData:
    """Everything the check-in page shows for one week and one viewer."""
    return WeekData(
        week=checkins.week_as_seen_by(session, week, viewer),
        prompts=checkins.choose_prompts(session, bank, week),
        history=checkins.weeks_with_answerers(session, limit=104),
        amendments=checkins.week_amendments(session, week),
    )


@dataclass(frozen=True)
class GoalDetailData:
    """A goal with its history, what is linked to it and the quarters it was carried over."""

    goal: goals.GoalView
    history: list[goals.GoalUpdateView]
    obstacles: list[obstacles.ObstacleView]
    decisions: list[decisions.DecisionView]
    lineage: list[LineageStep]


def load_goal_detail(session: Session, goal_id: str) -> GoalDetailData:
    """Everything the goal's detail pane shows."""
    return GoalDetailData(
        goal=goals.get_goal(session, goal_id),
        history=goals.goal_history(session, goal_id),
        obstacles=obstacles.list_obstacles(session, ObstacleFilter(goal_id=goal_id)),
        decisions=decisions.list_decisions(session, DecisionFilter(goal_id=goal_id)),
        lineage=goal_lineage(session, goal_id),
    )


@dataclass(frozen=True)
class OverviewData:
    """The home page: the journal in figures, recent notes, attention items and signals."""

    summary: JournalSummary
    notes: list[NoteEntry]  # an excerpt of each, never a whole (possibly huge) body
    attention: Attention
    signals: PairSignals
    owed: dict[Seat, list[commitments.CommitmentView]]
    # What each partner has been asked and not yet taken on (or countered).
    asked: dict[Seat, list[commitments.CommitmentView]] = field(default_factory=dict)


def load_overview(session: Session) -> OverviewData:
    """Everything the Overview shows."""
    return OverviewData(
        summarise_journal(session),
        journal_entries(session, NoteFilter(), Page(limit=RECENT_NOTES)),
        needs_attention(session),
        pair_signals(session),
        commitments.owed_this_week(session, date.today()),
        {seat: commitments.proposals_for(session, seat) for seat in Seat},
    )


def save_note(session: Session, note_id: str, values: dict[str, Any]) -> notes.NoteView:
    """Save the note's edited fields; tags arrive as the text typed in the tags box."""
    changes = dict(values)
    if "tags" in changes:
        changes["tags"] = notes.split_tags(changes["tags"])
    return notes.update_note(session, note_id, **changes)


def note_link_titles(session: Session, view: notes.NoteView) -> dict[str, tuple[str, ...]]:
    """The titles of the goals, obstacles and decisions a note links to."""
    return {
        "goals": tuple(goals.get_goal(session, i).title for i in view.goal_ids),
        "obstacles": tuple(obstacles.get_obstacle(session, i).title for i in view.obstacle_ids),
        "decisions": tuple(decisions.get_decision(session, i).title for i in view.decision_ids),
    }


RECORDS_BY_KIND: dict[
    str, type[Goal] | type[Obstacle] | type[Decision] | type[Note] | type[Commitment]
] = {
    "goals": Goal,
    "obstacles": Obstacle,
    "decisions": Decision,
    "notes": Note,
    "commitments": Commitment,
}


def has_records(session: Session, kind: str) -> bool:
    """Whether the journal holds any record of this kind, whatever a filter shows."""
    model = RECORDS_BY_KIND[kind]
    return session.scalar(select(model.id).limit(1)) is not None
