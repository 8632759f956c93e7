"""Time windows and arrival profiles, one rule each: ids, the time rules, the horizon, shares.

The small match runs from 16:00 to 21:00 (ingress 16-18, match 18-20, egress 20-21); its
deployable variant adds the windows ingress-peak (17:00-18:00) and kick-off (17:45-18:15)
and the arrival profile away (16:30-17:30 x 0.7, 17:30-18:00 x 0.3).
"""

from __future__ import annotations

from typing import Any

import pytest

from .documents import check, deployable, multi_day, one_error, small

WHEN = "2025-07-12T"
KNOWN_PERIODS = "(known phases: ingress, match, egress; windows: ingress-peak, kick-off)"


def window(window_id: str, start: str, end: str) -> dict[str, str]:
    return {"id": window_id, "start": start, "end": end}


def test_windows_may_overlap_phases_and_one_another():
    doc = deployable()  # kick-off overlaps ingress-peak, and straddles ingress and match
    assert check(doc) == []


@pytest.mark.parametrize(
    ("place", "periods"),
    [
        (lambda d: d["posts"][1]["needs"][0], ["ingress-peak"]),
        (lambda d: d["rules"]["ratios"][0], ["kick-off"]),
        (lambda d: d["units"][0], ["ingress", "kick-off"]),
        (lambda d: d["patrols"][0], ["ingress-peak", "egress"]),
        (lambda d: d["drones"][0], ["kick-off"]),
        (lambda d: d["reserves"][0], ["match", "ingress-peak"]),
    ],
)
def test_every_list_of_phases_may_name_windows(place, periods):
    doc = deployable()
    place(doc)["phases"] = periods
    assert check(doc) == []


@pytest.mark.parametrize(
    ("place", "path"),
    [
        (lambda d: d["posts"][1]["needs"][0], "posts[1].needs[0].phases[1]"),
        (lambda d: d["rules"]["ratios"][0], "rules.ratios[0].phases[1]"),
        (lambda d: d["units"][0], "units[0].phases[1]"),
        (lambda d: d["patrols"][0], "patrols[0].phases[1]"),
        (lambda d: d["drones"][0], "drones[0].phases[1]"),
        (lambda d: d["reserves"][0], "reserves[0].phases[1]"),
    ],
)
def test_an_unknown_period_lists_the_phases_and_the_windows(place, path):
    doc = deployable()
    place(doc)["phases"] = ["ingress", "peak"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        path,
        f"unknown phase or window 'peak' {KNOWN_PERIODS}",
    )


def test_window_ids_are_unique_among_windows():
    doc = deployable()
    doc["event"]["windows"].append(window("kick-off", f"{WHEN}19:00", f"{WHEN}19:30"))
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.windows[2].id",
        "duplicate window id 'kick-off' (first at windows[1])",
    )


def test_a_window_cannot_take_the_id_of_a_phase():
    doc = deployable()
    doc["event"]["windows"][0]["id"] = "match"
    doc["posts"][1]["needs"][1]["phases"] = ["match"]
    doc["reserves"][1]["phases"] = ["match"]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.windows[0].id",
        "'match' is already a phase (phases[1]): phases and windows share one set of ids",
    )


@pytest.mark.parametrize(
    ("start", "end", "path", "message"),
    [
        (f"{WHEN}17:10", f"{WHEN}18:00", "start", f"{WHEN}17:10 is not on the 15-minute slot grid"),
        (
            f"{WHEN}18:00",
            f"{WHEN}17:00",
            "end",
            f"ends at {WHEN}17:00, not after its start {WHEN}18:00",
        ),
        (
            "17:00",
            "18:00",
            "start",
            "give a date and time (YYYY-MM-DDTHH:MM); times of day (HH:MM) need event.days",
        ),
    ],
)
def test_windows_follow_the_time_rules_of_phases(start, end, path, message):
    doc = deployable()
    doc["event"]["windows"][0].update(start=start, end=end)
    problem = one_error(doc)
    assert (problem.path, problem.message) == (f"event.windows[0].{path}", message)


def test_on_multi_day_events_windows_are_times_of_day_that_fit_in_a_day():
    doc = multi_day()
    doc["event"]["windows"] = [window("late", "23:00", "01:00")]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.windows[0].end",
        "ends at 01:00, not after its start 23:00: "
        "on multi-day events a window must fit in one day",
    )
    doc["event"]["windows"] = [window("late", "2025-07-12T23:00", "23:30")]
    assert one_error(doc).message.startswith("with event.days, give times of day")
    doc["event"]["windows"] = [window("late", "23:00", "24:00")]
    assert check(doc) == []


def test_on_multi_day_events_a_window_may_be_one_absolute_stretch():
    # The event runs 16:00-24:00 on 12 and 13 July: a stretch on the 13th alone is inside
    # it (the windows a replan writes for one day); one on the 14th lies outside.
    doc = multi_day()
    doc["event"]["windows"] = [window("late", "2025-07-13T23:00", "2025-07-13T23:30")]
    assert check(doc) == []
    doc["event"]["windows"] = [window("late", "2025-07-14T17:00", "2025-07-14T18:00")]
    problem = one_error(doc)
    assert (problem.path, problem.message.split(" (")[0]) == (
        "event.windows[0]",
        "window 'late'",
    )
    assert "lies outside the event" in problem.message


def test_a_window_outside_the_event_is_an_error():
    # The match is planned from 16:00 to 21:00: a window from 21:00 shares no moment with it.
    doc = deployable()
    doc["event"]["windows"].append(window("after", f"{WHEN}21:00", f"{WHEN}22:00"))
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.windows[2]",
        f"window 'after' ({WHEN}21:00 to {WHEN}22:00) lies outside the event "
        f"({WHEN}16:00 to {WHEN}21:00, first phase start to last phase end)",
    )


def test_a_window_that_reaches_past_the_event_is_fine():
    doc = deployable()
    doc["event"]["windows"].append(window("late", f"{WHEN}20:45", f"{WHEN}22:00"))
    assert check(doc) == []


def test_a_window_outside_every_day_of_a_multi_day_event_is_reported_once():
    doc = multi_day()  # 16:00 to 24:00 each day
    doc["event"]["windows"] = [window("dawn", "06:00", "07:00")]
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.windows[0]",
        "window 'dawn' (06:00 to 07:00) lies outside the event "
        "(16:00 to 24:00, first phase start to last phase end)",
    )


def test_arrival_shares_of_a_profile_must_sum_to_1():
    # 0.7 + 0.2 = 0.9: the gate's profile loses a tenth of its crowd.
    doc = deployable()
    doc["event"]["arrival_profiles"]["away"][1]["share"] = 0.2
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.arrival_profiles.away",
        "shares of profile 'away' sum to 0.9, not 1",
    )


def test_arrival_windows_of_a_profile_follow_the_time_rules():
    doc = deployable()
    doc["event"]["arrival_profiles"]["away"][0]["start"] = f"{WHEN}16:20"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.arrival_profiles.away[0].start",
        f"{WHEN}16:20 is not on the 15-minute slot grid",
    )


def test_arrival_windows_of_a_profile_lie_inside_the_event():
    doc = deployable()
    doc["event"]["arrival_profiles"]["away"][0]["start"] = f"{WHEN}15:30"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "event.arrival_profiles.away[0]",
        f"arrivals from {WHEN}15:30 to {WHEN}17:30 are not all inside the event "
        f"({WHEN}16:00 to {WHEN}21:00, first phase start to last phase end)",
    )


def test_an_unknown_arrival_profile():
    doc = deployable()
    doc["posts"][4]["screening"]["arrival_profile"] = "home"
    problem = one_error(doc)
    assert (problem.path, problem.message) == (
        "posts[4].screening.arrival_profile",
        "unknown arrival profile 'home' (known: away)",
    )


def _rename_ingress(value: Any) -> None:
    """Rename the phase ingress to gates-open wherever the document names it."""
    if isinstance(value, dict):
        if value.get("id") == "ingress":
            value["id"] = "gates-open"
        if isinstance(value.get("phases"), list):
            value["phases"] = [p if p != "ingress" else "gates-open" for p in value["phases"]]
        for child in value.values():
            _rename_ingress(child)
    elif isinstance(value, list):
        for child in value:
            _rename_ingress(child)


def test_a_screening_point_with_its_own_profile_needs_no_event_arrivals():
    doc = small()
    del doc["event"]["arrivals"]
    _rename_ingress(doc)  # no phase named ingress either
    doc["event"]["arrival_profiles"] = {
        "all": [{"start": f"{WHEN}16:00", "end": f"{WHEN}18:00", "share": 1.0}]
    }
    doc["posts"][0]["screening"]["arrival_profile"] = "all"
    assert check(doc) == []
    del doc["posts"][0]["screening"]["arrival_profile"]
    problem = one_error(doc)
    assert problem.path == "posts[0].screening"
    assert problem.message.startswith("screening needs an arrival profile")
