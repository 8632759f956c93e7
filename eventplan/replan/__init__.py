"""Replanning on the day: the smallest change to a published plan that answers what happened.

See docs/replan.md. ``replan(plan, events, at=...)`` is the whole of it for Python callers;
:func:`read_parent` reads a plan folder back as the plan to start from.
"""

from eventplan.replan.api import ReplannedPlan, Revision, replan
from eventplan.replan.events import Events, NeedChange, UnitAway
from eventplan.replan.parent import Parent, read_parent
from eventplan.replan.solve import ReplanSettings

__all__ = [
    "Events",
    "NeedChange",
    "Parent",
    "ReplanSettings",
    "ReplannedPlan",
    "Revision",
    "UnitAway",
    "read_parent",
    "replan",
]
