"""Planning: one path from a scenario to a :class:`~eventplan.planning.plan.Plan`.

:func:`~eventplan.planning.stages.solve` runs the stages in order (venue analyses, time grid
and demands, staffing, the plan); what-if reuses the same stages instead of copying them.
"""

from eventplan.planning.plan import Plan
from eventplan.planning.stages import Groundwork, assemble, lay_groundwork, solve

__all__ = ["Groundwork", "Plan", "assemble", "lay_groundwork", "solve"]
