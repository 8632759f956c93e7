"""Rule ``coverage``: required true to the scenario, assigned and shortfall true to the roster."""

from __future__ import annotations

from datetime import datetime

import pytest

from eventplan.checker import check_plan
from eventplan.checker.clock import minutes
from eventplan.checker.demand import Demand, arrival_rates, required_staff
from eventplan.scenario import from_document


def messages(report) -> list[str]:  # type: ignore[no-untyped-def]
    return [str(v) for v in report.violations]


def hour(h: int) -> int:
    return minutes(datetime(2025, 7, 12, h))


def test_assigned_must_match_the_roster(scenario, make_plan, coverage):
    coverage[6] = ("stage", 18, "police+guard", 1, 3)
    assert messages(check_plan(scenario, make_plan(coverage=coverage))) == [
        "[coverage] stage: police+guard 2025-07-12T18:00-19:00 (coverage.csv line 8): assigned "
        "is 3, but roster.csv has 2 there"
    ]


def test_people_on_break_are_not_assigned(scenario, make_plan, coverage):
    coverage[2] = ("gate", 18, "police", 1, 2)  # police-0001 is on break 18-19
    assert (
        "assigned is 2, but roster.csv has 1 there"
        in messages(check_plan(scenario, make_plan(coverage=coverage)))[0]
    )


def test_shortfall_must_follow_from_required_and_assigned(scenario, make_plan):
    folder = make_plan()
    path = folder / "coverage.csv"
    lines = path.read_text().splitlines()
    assert lines[1].endswith(",1,1,0")
    lines[1] = lines[1][:-1] + "1"
    path.write_text("\n".join(lines) + "\n")
    assert messages(check_plan(scenario, folder)) == [
        "[coverage] gate: police 2025-07-12T16:00-17:00 (coverage.csv line 2): shortfall is 1, "
        "but 1 required and 1 assigned leave 0"
    ]


def test_required_of_a_need(scenario, make_plan, coverage):
    coverage[0] = ("gate", 16, "police", 2, 1)
    assert messages(check_plan(scenario, make_plan(coverage=coverage)))[0] == (
        "[coverage] gate: police 2025-07-12T16:00-17:00 (coverage.csv line 2): required is 2, "
        "but the scenario asks for 1 (need)"
    )


def test_required_of_screening_is_capped_by_the_lanes(scenario, make_plan, coverage):
    coverage[5] = ("gate", 17, "guard", 4, 3)  # 7.5 a minute would need 4 lanes; there are 3
    assert (
        "required is 4, but the scenario asks for 3 (screening)"
        in messages(check_plan(scenario, make_plan(coverage=coverage)))[0]
    )


def test_required_of_a_ratio(scenario, make_plan, coverage):
    coverage[12] = ("ratio:0", 18, "police+guard", 3, 4)
    assert (
        "required is 3, but the scenario asks for 2 (ratio)"
        in messages(check_plan(scenario, make_plan(coverage=coverage)))[0]
    )


def test_required_of_a_drone_crew_is_at_least_one_pilot_per_drone(document, make_plan, coverage):
    document["drones"][0]["count"] = 2
    assert (
        "required is 1, but the scenario asks for at least 2 (drone)"
        in messages(check_plan(from_document(document), make_plan()))[0]
    )
    coverage[11] = ("overwatch", 20, "police", 2, 1)  # more pilots than drones may be asked
    scenario = from_document(document | {"drones": [document["drones"][0] | {"count": 1}]})
    assert check_plan(scenario, make_plan(coverage=coverage)).ok


@pytest.mark.parametrize(
    "pilots",
    [
        [{"start": "2025-07-12T20:00", "end": "2025-07-12T21:00", "pilots": 2}],
        [{"slot_start": "2025-07-12T20:00", "count": 2}],
        {"2025-07-12T20:00": 2},
    ],
)
def test_required_of_a_drone_crew_is_at_least_what_the_plan_lists(scenario, make_plan, pilots):
    drones = [{"id": "overwatch", "sorties": [], "pilots": pilots}]
    assert (
        "required is 1, but the scenario asks for at least 2 (drone)"
        in messages(check_plan(scenario, make_plan(drones=drones)))[0]
    )


def test_a_missing_row_is_reported_by_post_group_and_time(scenario, make_plan, coverage):
    del coverage[4:6]
    assert messages(check_plan(scenario, make_plan(coverage=coverage))) == [
        "[coverage] gate: coverage.csv lacks 2 row(s) for guard (screening): 2025-07-12T16:00-18:00"
    ]


def test_a_row_the_scenario_does_not_ask_for(scenario, make_plan, coverage):
    coverage.append(("stage", 16, "police+guard", 1, 0))
    assert messages(check_plan(scenario, make_plan(coverage=coverage))) == [
        "[coverage] stage: police+guard 2025-07-12T16:00-17:00 (coverage.csv line 17): the "
        "scenario asks for no such row (no need of this post, role group and slot)"
    ]


def test_a_repeated_row(scenario, make_plan, coverage):
    coverage.append(coverage[0])
    assert messages(check_plan(scenario, make_plan(coverage=coverage))) == [
        "[coverage] gate: police 2025-07-12T16:00-17:00 (coverage.csv line 17): repeats the "
        "row on line 2"
    ]


def test_demand_of_the_tiny_concert(scenario):
    table = required_staff(scenario, {}, {})
    assert len(table) == 15
    assert table[("gate", hour(16), "guard")] == Demand(2, True, "screening")
    assert table[("gate", hour(17), "guard")] == Demand(3, True, "screening")
    # 90 still queue at 18:00: one lane clears them within the hour.
    assert table[("gate", hour(18), "guard")] == Demand(1, True, "screening")
    assert table[("ratio:0", hour(19), "police+guard")] == Demand(2, True, "ratio")
    assert table[("overwatch", hour(20), "police")] == Demand(1, False, "drone")


def test_two_needs_of_one_group_ask_for_the_larger(document):
    document["posts"][0]["needs"].append({"phases": ["show"], "roles": ["police"], "min": 2})
    table = required_staff(from_document(document), {}, {})
    assert table[("gate", hour(17), "police")].required == 1
    assert table[("gate", hour(18), "police")].required == 2


def test_without_arrivals_the_crowd_arrives_evenly_over_ingress(document):
    # 1000 x 0.6 over 120 minutes is 5 a minute: ceil(5 / 2) = 3 lanes, the most there are.
    del document["event"]["arrivals"]
    scenario = from_document(document)
    assert arrival_rates(scenario) == {hour(16): 1 / 120, hour(17): 1 / 120}
    table = required_staff(scenario, {}, {})
    assert [table[("gate", hour(h), "guard")].required for h in (16, 17)] == [3, 3]


def test_arrival_windows_repeat_on_every_day_of_a_multi_day_event(document):
    document["event"] |= {
        "days": ["2025-07-12", "2025-07-13"],
        "phases": [{"id": "ingress", "start": "16:00", "end": "18:00"}],
        "arrivals": [{"start": "16:00", "end": "18:00", "share": 1.0}],
    }
    for section in ("units", "patrols", "drones"):
        del document[section]
    document["rules"]["ratios"] = []
    document["posts"] = document["posts"][:1]
    document["posts"][0]["needs"] = []
    document["pools"][0]["available"] = {"start": "15:00", "end": "22:00"}
    table = required_staff(from_document(document), {}, {})
    next_day = hour(16) + 24 * 60
    assert sorted(start for _, start, _ in table) == [hour(16), hour(17), next_day, next_day + 60]


def test_one_unusable_roster_row_turns_off_all_coverage_comparisons(
    scenario, make_plan, roster, coverage
):
    # A ghost (guards has 6 people) at the gate 16-18, and a false figure at the stage: the
    # ghost's row leaves the gate's rows at 16 and 17 uncompared (police and guard), nothing
    # else, so the stage's figure is still caught.
    roster.append(("guards-0099", "guard", "guards", "", "gate", 16, 18))
    coverage[6] = ("stage", 18, "police+guard", 1, 3)
    found = messages(check_plan(scenario, make_plan(roster=roster, coverage=coverage)))
    assert found == [
        "[files] roster.csv: line 14: unknown person 'guards-0099' (not in the scenario's "
        "people, nor guards-<n> with n from 1 to 6)",
        "[files] roster.csv: 1 row(s) could not be used, so cost and assignments were not "
        "compared, nor assigned and shortfall of the 4 coverage row(s) at the stations and "
        "slots they may touch",
        "[coverage] stage: police+guard 2025-07-12T18:00-19:00 (coverage.csv line 8): assigned "
        "is 3, but roster.csv has 2 there",
    ]


def test_a_roster_row_without_readable_times_leaves_only_its_station_uncompared(
    scenario, make_plan, coverage
):
    coverage[6] = ("stage", 18, "police+guard", 1, 3)
    folder = make_plan(coverage=coverage)
    text = (folder / "roster.csv").read_text("utf-8").replace("T15:00", "T15:0x", 1)
    (folder / "roster.csv").write_text(text, encoding="utf-8")
    found = messages(check_plan(scenario, folder))
    assert any("stage: police+guard" in m and "assigned is 3" in m for m in found)
    assert not any(m.startswith("[coverage] gate:") and "assigned" in m for m in found)
