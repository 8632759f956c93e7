"""Rule ``no-handover``: no stint starts or ends inside a no-handover window."""

from __future__ import annotations

from typing import Any

from eventplan.checker import check_plan
from tests.checker.drill import DAY, covers, document, messages, post, scenario, stint, write

HOURS = range(16, 20)


def drill(**event: Any) -> dict[str, Any]:
    """The gate needs a guard 16-20; nobody hands over 17:00-18:00 (window ``peak``)."""
    doc = document(
        posts=[post("gate", (["ingress", "show"], ["guard"], 1))],
        rules={"no_handover": ["peak"]},
    )
    doc["event"]["windows"] = [{"id": "peak", "start": f"{DAY}T17:00", "end": f"{DAY}T18:00"}]
    doc["event"].update(event)
    return doc


GATE = covers("gate", HOURS, "guard", 1, 1)


def test_handing_over_at_the_end_of_the_window_holds(tmp_path):
    # 18:00 is the window's end, outside it: a shift may start or end there.
    roster = [stint("guards-0001", "gate", 16, 18), stint("guards-0002", "gate", 18, 20)]
    report = check_plan(scenario(drill()), write(tmp_path, roster, GATE))
    assert report.ok, messages(report)


def test_handing_over_inside_the_window_breaks_the_rule(tmp_path):
    roster = [stint("guards-0001", "gate", 16, 17), stint("guards-0002", "gate", 17, 20)]
    assert messages(check_plan(scenario(drill()), write(tmp_path, roster, GATE))) == [
        "[no-handover] guards-0001: ends at 'gate' (line 2) at 2025-07-12T17:00, inside the "
        "no-handover window peak (2025-07-12T17:00-18:00)",
        "[no-handover] guards-0002: starts at 'gate' (line 3) at 2025-07-12T17:00, inside the "
        "no-handover window peak (2025-07-12T17:00-18:00)",
    ]


def test_one_stint_written_in_two_rows_is_no_handover(tmp_path):
    roster = [stint("guards-0001", "gate", 16, 17), stint("guards-0001", "gate", 17, 20)]
    report = check_plan(scenario(drill()), write(tmp_path, roster, GATE))
    assert report.ok, messages(report)


def test_a_move_between_stations_inside_the_window_is_a_handover(tmp_path):
    # guards-0001 leaves the gate for the plaza at 17:00; guards-0002 takes the gate over.
    doc = drill()
    doc["posts"].append(post("plaza", (["show"], ["guard"], 1)))
    roster = [
        stint("guards-0001", "gate", 16, 17),
        stint("guards-0001", "plaza", 17, 20),
        stint("guards-0002", "gate", 17, 20),
    ]
    coverage = GATE + covers("plaza", range(18, 20), "guard", 1, 1)
    assert messages(check_plan(scenario(doc), write(tmp_path, roster, coverage))) == [
        "[no-handover] guards-0001: moves from 'gate' to 'plaza' (line 3) at 2025-07-12T17:00, "
        "inside the no-handover window peak (2025-07-12T17:00-18:00)",
        "[no-handover] guards-0002: starts at 'gate' (line 4) at 2025-07-12T17:00, inside the "
        "no-handover window peak (2025-07-12T17:00-18:00)",
    ]


def test_a_briefing_inside_the_window_is_no_handover(tmp_path):
    # Guards are briefed for an hour: guards-0002 17-18, then the gate from 18:00. Going to a
    # briefing inside the window hands no station over; the gate is taken up at 18:00,
    # after the window.
    doc = drill()
    doc["roles"]["guard"]["briefing"] = {"minutes": 60, "node": "command-node"}
    roster = [
        stint("guards-0001", "briefing:command-node", 15, 16),
        stint("guards-0001", "gate", 16, 18),
        stint("guards-0002", "briefing:command-node", 17, 18),
        stint("guards-0002", "gate", 18, 20),
    ]
    doc["pools"][2]["available"] = {"start": f"{DAY}T15:00", "end": f"{DAY}T20:00"}
    assert messages(check_plan(scenario(doc), write(tmp_path, roster, GATE))) == []


def test_windows_repeat_on_every_day_of_a_multi_day_event(tmp_path):
    # Two days; the window 17:00-18:00 holds on the second day too.
    days = ["2025-07-12", "2025-07-13"]
    doc = drill(
        days=days,
        phases=[
            {"id": "ingress", "start": "16:00", "end": "18:00"},
            {"id": "show", "start": "18:00", "end": "20:00"},
        ],
        windows=[{"id": "peak", "start": "17:00", "end": "18:00"}],
    )
    roster = [stint("guards-0001", "gate", 16, 20)]
    second = [
        dict(
            stint("guards-0002", "gate", 16, 17), start=f"{days[1]}T16:00", end=f"{days[1]}T17:00"
        ),
        dict(
            stint("guards-0003", "gate", 17, 20), start=f"{days[1]}T17:00", end=f"{days[1]}T20:00"
        ),
    ]
    coverage = GATE + [
        dict(
            row,
            slot_start=row["slot_start"].replace(DAY, days[1]),
            slot_end=row["slot_end"].replace(DAY, days[1]),
        )
        for row in GATE
    ]
    report = check_plan(scenario(doc), write(tmp_path, roster + second, coverage))
    assert messages(report) == [
        "[no-handover] guards-0002: ends at 'gate' (line 3) at 2025-07-13T17:00, inside the "
        "no-handover window peak (2025-07-13T17:00-18:00)",
        "[no-handover] guards-0003: starts at 'gate' (line 4) at 2025-07-13T17:00, inside the "
        "no-handover window peak (2025-07-13T17:00-18:00)",
    ]


def test_a_station_opening_inside_the_window_is_no_handover(tmp_path):
    # The plaza needs a guard only from the window's start: guards-0002 takes it up at 17:00,
    # when it opens, and nobody hands anything over.
    doc = drill()
    doc["posts"].append(post("plaza", (["peak", "show"], ["guard"], 1)))
    roster = [
        stint("guards-0001", "gate", 16, 20),
        stint("guards-0002", "plaza", 17, 20),
    ]
    coverage = GATE + covers("plaza", range(17, 20), "guard", 1, 1)
    report = check_plan(scenario(doc), write(tmp_path, roster, coverage))
    assert report.ok, messages(report)
