"""The staffing search by station-day blocks, for events too large for one LP."""

from eventplan.staffing.decompose.search import BlockSettings, solve_by_blocks

__all__ = ["BlockSettings", "solve_by_blocks"]
