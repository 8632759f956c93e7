"""Rules of command and planning settings: rest, ratios, supervision, no-handover windows,
the objective, response and egress settings."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator

from eventplan.scenario.values import (
    Count,
    DayHours,
    EdgeKind,
    Float,
    Flow,
    Id,
    Int,
    Minutes,
    Model,
    NonNegative,
    PerAttendees,
    Priority,
    RestHours,
    WalkingSpeed,
    Weight,
)


class MealBreak(Model):
    after_hours: DayHours
    minutes: Annotated[Int, Field(gt=0, le=240)]


class Ratio(Model):
    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    per_attendees: PerAttendees
    phases: tuple[Id, ...] | None = None


class Supervision(Model):
    """People of ``roles`` stand at a post only with people of ``by`` there (per post or
    venue-wide), at most ``per_supervisor`` of them per supervisor."""

    roles: Annotated[tuple[Id, ...], Field(min_length=1)]
    by: Annotated[tuple[Id, ...], Field(min_length=1)]
    per_supervisor: Count | None = None
    scope: Literal["post", "venue"] = "post"
    #: only at these posts (scope ``post``); omitted: every post
    posts: tuple[Id, ...] | None = None


class Rules(Model):
    min_rest_hours: RestHours = 11.0
    max_days: Count = 5
    meal_break: MealBreak | None = None
    ratios: tuple[Ratio, ...] = ()
    supervision: tuple[Supervision, ...] = ()
    #: ids of ``event.windows`` in which no stint starts or ends
    no_handover: tuple[Id, ...] = ()


DEFAULT_SHORTFALL_WEIGHT = {"critical": 1000.0, "high": 100.0, "normal": 10.0, "low": 1.0}


class Objective(Model):
    shortfall_weight: dict[Priority, Weight] = Field(
        default_factory=lambda: dict(DEFAULT_SHORTFALL_WEIGHT)
    )
    cost_weight: Weight = 1.0
    #: ``cost``: pay only; ``people``: every person drawn also costs ``people_weight``
    minimise: Literal["cost", "people"] = "cost"
    people_weight: Weight = 200.0

    def weight(self, priority: str) -> float:
        """Shortfall weight of a priority (defaults fill priorities the file leaves out)."""
        return self.shortfall_weight.get(priority, DEFAULT_SHORTFALL_WEIGHT[priority])

    @property
    def head_weight(self) -> float:
        """Objective units per person drawn (0 unless minimising people)."""
        return self.people_weight if self.minimise == "people" else 0.0


#: What ``eventplan replan`` minimises, in its default order.
REPLAN_TIERS = ("critical", "changes", "shortfall", "cost")


class ReplanWeights(Model):
    """What one changed person counts in the change tier, by kind of change."""

    moved: Weight = 1.0
    hours: Weight = 1.0
    called_in: Weight = 1.0


class Replanning(Model):
    """How ``eventplan replan`` ranks its fixes: the tiers in order (each minimised with the
    ones before held at their best), and the weight of each kind of change."""

    tiers: tuple[Literal["critical", "changes", "shortfall", "cost"], ...] = REPLAN_TIERS
    weights: ReplanWeights = Field(default_factory=ReplanWeights)

    @field_validator("tiers")
    @classmethod
    def _every_tier_once(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if sorted(value) != sorted(REPLAN_TIERS):
            raise ValueError(f"give each of {', '.join(REPLAN_TIERS)} once, in the order wanted")
        return value


class ResponseSettings(Model):
    walking_speed_mps: WalkingSpeed = 1.3
    targets_minutes: Annotated[tuple[Minutes, ...], Field(min_length=1)] = (1.0, 3.0, 5.0)


class Stairs(Model):
    """Stair geometry, for the SFPE walking speed on stairs."""

    riser_mm: Annotated[Float, Field(gt=0, le=300)]
    tread_mm: Annotated[Float, Field(gt=0, le=1000)]


class EgressSettings(Model):
    flow_per_m_per_min: dict[EdgeKind, Flow] = Field(
        default_factory=lambda: {"walkway": 82.0, "stairs": 66.0}
    )
    boundary_layer_m: NonNegative = 0.0
    target_minutes: Minutes = 8.0
    #: walking speed of a leaving crowd on level ways before it queues
    walking_speed_mps: WalkingSpeed = 1.2
    #: walking speed on stairs relative to level ways (or from ``stairs``)
    stair_speed_factor: Annotated[Float, Field(gt=0, le=1)] | None = None
    stairs: Stairs | None = None

    def flow(self, edge_kind: str) -> float:
        """Specific flow of an edge kind; kinds not listed flow at the walkway rate."""
        return self.flow_per_m_per_min.get(
            edge_kind,
            self.flow_per_m_per_min.get("walkway", 82.0),  # type: ignore[call-overload]
        )
