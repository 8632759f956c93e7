"""Every demand of a scenario on its time grid: posts, forces, command, ratios."""

from __future__ import annotations

from eventplan.scenario import Scenario
from eventplan.staffing.demand import PilotCounts, Requirements, TeamCounts
from eventplan.staffing.force_demand import (
    force_stations,
    leader_stations,
    ratio_demands,
    reserve_stations,
)
from eventplan.staffing.post_demand import post_station
from eventplan.timegrid import TimeGrid


def requirements(
    scenario: Scenario,
    grid: TimeGrid,
    patrol_teams: TeamCounts | None = None,
    drone_pilots: PilotCounts | None = None,
) -> Requirements:
    """All demands of a scenario on its time grid.

    Parameters
    ----------
    patrol_teams
        Team count of each patrol with ``teams: auto`` (from the patrol analysis).
    drone_pilots
        Pilots needed per slot for each drone entry (from the drone rotation); without it a
        drone entry needs ``count`` pilots throughout its phases.
    """
    posts = [post_station(scenario, grid, post) for post in scenario.posts]
    forces = force_stations(scenario, grid, patrol_teams or {}, drone_pilots or {})
    command = leader_stations(scenario, grid, posts) + reserve_stations(scenario, grid)
    return Requirements(tuple(posts + forces + command), ratio_demands(scenario, grid))
