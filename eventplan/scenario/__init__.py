"""The scenario: typed model, loading and validation, writing back out."""

from eventplan.scenario.loader import from_document, load, replace
from eventplan.scenario.model import (
    PRIORITIES,
    Drone,
    Edge,
    Event,
    Need,
    Node,
    Patrol,
    Person,
    Phase,
    Pool,
    Post,
    Role,
    Scenario,
    Screening,
    Unit,
    Venue,
    Zone,
)
from eventplan.scenario.writer import dump, dumps

__all__ = [
    "PRIORITIES",
    "Drone",
    "Edge",
    "Event",
    "Need",
    "Node",
    "Patrol",
    "Person",
    "Phase",
    "Pool",
    "Post",
    "Role",
    "Scenario",
    "Screening",
    "Unit",
    "Venue",
    "Zone",
    "dump",
    "dumps",
    "from_document",
    "load",
    "replace",
]
