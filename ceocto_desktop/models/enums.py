"""The closed vocabularies of the journal, stored as their string values."""

from __future__ import annotations

import enum


class Seat(enum.StrEnum):
    """One of the two partners of a journal."""

    A = "A"
    B = "B"

    @property
    def other(self) -> Seat:
        return Seat.B if self is Seat.A else Seat.A


class Owner(enum.StrEnum):
    """Who owns a goal, an obstacle or a decision: one partner or both."""

    A = "A"
    B = "B"
    JOINT = "joint"


class Area(enum.StrEnum):
    PRODUCT = "product & technology"
    SALES = "sales & marketing"
    FINANCE = "finance"
    PEOPLE = "people"
    CUSTOMERS = "customers"
    OPERATIONS = "operations"
    STRATEGY = "strategy"


class GoalStatus(enum.StrEnum):
    PROPOSED = "proposed"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"
    ACHIEVED = "achieved"
    DROPPED = "dropped"


class ObstacleKind(enum.StrEnum):
    HINDRANCE = "hindrance"
    SETBACK = "setback"


class ObstacleCategory(enum.StrEnum):
    FINANCES = "finances"
    HIRING = "hiring"
    PRODUCT_DIRECTION = "product direction"
    ROLES = "roles"
    COMMUNICATION = "communication"
    CUSTOMERS = "customers"
    TECHNICAL_DEBT = "technical debt"
    EXTERNAL = "external"


class Severity(enum.StrEnum):
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"
    CRITICAL = "critical"


class ObstacleStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in progress"
    RESOLVED = "resolved"
    ACCEPTED = "accepted"

    @property
    def is_closed(self) -> bool:
        return self in (ObstacleStatus.RESOLVED, ObstacleStatus.ACCEPTED)


class ObstacleEventKind(enum.StrEnum):
    OPENED = "opened"
    RESOLVED = "resolved"
    ACCEPTED = "accepted"
    REOPENED = "reopened"


class DecisionStatus(enum.StrEnum):
    PROPOSED = "proposed"
    DECIDED = "decided"
    REVIEWED = "reviewed"
    SUPERSEDED = "superseded"


class Stance(enum.StrEnum):
    AGREE = "agree"
    DISAGREE_AND_COMMIT = "disagree and commit"
    NOT_CONSULTED = "not consulted"


class Verdict(enum.StrEnum):
    """How a reviewed decision turned out against its expected outcome."""

    BETTER = "better"
    AS_EXPECTED = "as expected"
    WORSE = "worse"


class CommitmentStatus(enum.StrEnum):
    """Where a promise one partner made the other stands."""

    # Asked for by the other partner, not yet accepted (or countered) by the one owing it.
    PROPOSED = "proposed"
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"
