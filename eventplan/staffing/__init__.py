"""Staffing: allocate every force to posts and shifts (aggregated model, OR-Tools).

The solver never reads files or prints; :func:`solve` takes a validated scenario and returns
a :class:`~eventplan.plan.Plan`.
"""

from eventplan.staffing.pipeline import solve

__all__ = ["solve"]
