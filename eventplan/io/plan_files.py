"""The plan folder's file contract: file names and CSV columns.

Written by :mod:`eventplan.planning.output`, read by the checker and the map; kept free of
imports so that every reader can share it without pulling in the solver.
"""

PLAN_JSON = "plan.json"
ROSTER_CSV = "roster.csv"
COVERAGE_CSV = "coverage.csv"
SCENARIO_JSON = "scenario.json"
ROUTES_GEOJSON = "routes.geojson"
MAP_HTML = "map.html"
#: The ground under the map, when the scenario has one; scenario.json then names this file.
GROUND_GEOJSON = "ground.geojson"
#: Every file ``eventplan solve`` writes into a plan folder (map.html unless ``--no-map``).
SOLVE_WRITES = (
    PLAN_JSON,
    ROSTER_CSV,
    COVERAGE_CSV,
    SCENARIO_JSON,
    ROUTES_GEOJSON,
    MAP_HTML,
    GROUND_GEOJSON,
)
_MB = 1024 * 1024
#: Largest plan file read, in bytes. Measured: 20,000 people on five days, three roster rows a
#: day each (briefing and two pieces around a meal break), write a roster.csv of 34 MB and
#: 70 MB of assignments in plan.json (85 MB with its other sections); 2,000 posts over five
#: days in 15-minute slots a coverage.csv of 36 MB. scenario.json is a scenario file.
MAX_BYTES = {
    PLAN_JSON: 200 * _MB,
    ROSTER_CSV: 100 * _MB,
    COVERAGE_CSV: 200 * _MB,
    SCENARIO_JSON: 20 * _MB,
    GROUND_GEOJSON: 10 * _MB,  # as a scenario's ground file
}
ROSTER_COLUMNS = ("person", "name", "role", "pool", "unit", "post", "start", "end", "leads")
COVERAGE_COLUMNS = (
    "post",
    "slot_start",
    "slot_end",
    "role_group",
    "required",
    "assigned",
    "shortfall",
)
