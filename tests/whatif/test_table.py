"""Reading response reach and egress times out of plan.json sections; table files."""

from __future__ import annotations

import math

import pandas as pd

from eventplan.whatif.table import response_reach, to_frame, worst_egress, write_table


def test_reach_by_threshold_minute() -> None:
    section = {
        "walking_speed_mps": 1.3,
        "reach": {"1": 0.25, "3": 0.8, "5": 1.0},
        "node_share": {"1": 0.2},
    }
    assert response_reach(section) == {1.0: 0.25, 3.0: 0.8, 5.0: 1.0}
    assert response_reach({"reach": [{"minutes": 3, "share": 0.5}]}) == {3.0: 0.5}
    assert response_reach({}) == {} and response_reach(None) == {}


def test_worst_egress_is_the_slowest_zone() -> None:
    zones = [
        {"zone": "north", "minutes": 6.8},
        {"zone": "south", "minutes": 7.9},
        {"zone": "east", "minutes": None},
    ]
    assert worst_egress(zones) == 7.9
    assert math.isnan(worst_egress([])) and math.isnan(worst_egress(None))


def test_frame_orders_rows_and_keeps_every_column(tmp_path) -> None:
    rows = [
        {"index": 1, "variant": "b", "row": 0, "cost": 2.0},
        {"index": 0, "variant": "a", "row": 1, "cost": 1.5, "extra": "x"},
        {"index": 0, "variant": "a", "row": 0, "cost": 1.0},
    ]
    frame = to_frame(rows, ["index", "variant"], ["cost", "error"])
    assert frame["cost"].tolist() == [1.0, 1.5, 2.0]
    assert list(frame.columns) == ["index", "variant", "row", "cost", "extra", "error"]
    write_table(frame, tmp_path / "t.csv")
    pd.testing.assert_frame_equal(
        pd.read_csv(tmp_path / "t.csv")[["index", "cost"]], frame[["index", "cost"]]
    )
