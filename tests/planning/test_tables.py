"""The plan's tables as rows: the roster of plan.json and the coverage the map reads."""

from __future__ import annotations

import pandas as pd

from eventplan.planning import solve
from eventplan.planning.output import map_source
from eventplan.planning.tables import records, roster_records
from eventplan.scenario import from_document
from tests.replan.conftest import document


def test_records_are_what_to_dict_gives_plain_values_included():
    # Two rows, a text and a whole-number column: mappings by column, the numbers plain ints.
    table = pd.DataFrame({"post": ["gate", "kiosk"], "required": [1, 0]})
    found = records(table)
    assert found == [{"post": "gate", "required": 1}, {"post": "kiosk", "required": 0}]
    assert found == table.to_dict("records")
    assert all(type(row["required"]) is int for row in found)


def test_the_roster_rows_of_plan_json_and_the_map_are_the_roster_table():
    # The micro event (three officers, one-hour slots 16-20): the gate officer 16-20, the
    # kiosk officer 16-18, one free; plan.json's assignments and the map's roster are the
    # rows of roster.csv, and the map's coverage those of coverage.csv.
    plan = solve(from_document(document(3), file="micro.yaml"), workers=1, seed=0)
    expected = plan.roster_rows().to_dict("records")
    assert roster_records(plan.roster, plan.grid) == expected
    assert [(r["post"], r["start"][-5:], r["end"][-5:]) for r in expected] == [
        ("gate", "16:00", "20:00"),
        ("kiosk", "16:00", "18:00"),
    ]
    source = map_source(plan)
    assert source["roster"] == plan.document["assignments"] == expected
    assert source["coverage"] == plan.coverage_rows().to_dict("records")
