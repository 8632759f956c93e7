"""Staffing: allocate every force to posts and shifts (aggregated model, OR-Tools).

The solver never reads files or prints; :func:`solve` takes a validated scenario and returns
a :class:`~eventplan.plan.Plan`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from eventplan.plan import Plan


def solve(*args: Any, **kwargs: Any) -> Plan:
    """Plan the deployment of a scenario (see :func:`eventplan.staffing.pipeline.solve`)."""
    from eventplan.staffing.pipeline import solve as run

    return run(*args, **kwargs)


__all__ = ["solve"]
