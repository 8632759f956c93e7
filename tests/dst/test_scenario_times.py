"""Local times of a scenario in its timezone: ones that do not exist or happen twice.

Before, a phase boundary at 02:30 on the night Berlin's clocks spring forward (a time that
does not exist) was accepted, as was one in the hour they repeat in autumn without saying
which of the two it meant, and ``localtime`` passed as a timezone.
"""

from __future__ import annotations

from itertools import pairwise

import pytest

from eventplan.scenario import from_document
from eventplan.timegrid import build_grid
from tests.dst.events import AUTUMN, SPRING, long_night, refusals

GAP = "2025-03-30T02:30 does not exist in Europe/Berlin: clocks go from 02:00 to 03:00"


def phases(*bounds: str) -> list[dict[str, str]]:
    """Consecutive phases a, b, c, ... between the given times."""
    return [
        {"id": chr(ord("a") + i), "start": start, "end": end}
        for i, (start, end) in enumerate(pairwise(bounds))
    ]


def test_a_phase_boundary_in_the_spring_gap_is_refused():
    doc = long_night(
        SPRING, phases=phases("2025-03-30T00:00", "2025-03-30T02:30", "2025-03-30T06:00")
    )
    doc["posts"] = doc["posts"][:1]
    doc["posts"][0]["needs"] = [{"phases": ["a", "b"], "roles": ["guard"], "min": 1}]
    assert refusals(doc) == [f"event.phases[0].end: {GAP}", f"event.phases[1].start: {GAP}"]


def test_an_ambiguous_phase_start_without_offset_is_refused():
    doc = long_night(AUTUMN)
    doc["event"]["phases"][2]["start"] = doc["event"]["phases"][1]["end"] = "2025-10-26T02:30"
    twice = (
        "2025-10-26T02:30 happens twice in Europe/Berlin (clocks go back from 03:00 to 02:00): "
        "write 2025-10-26T02:30+02:00 for the first time or 2025-10-26T02:30+01:00 for the second"
    )
    assert refusals(doc) == [f"event.phases[1].end: {twice}", f"event.phases[2].start: {twice}"]


@pytest.mark.parametrize(("offset", "real_hours"), [("+02:00", 2.5), ("+01:00", 3.5)])
def test_an_ambiguous_phase_start_with_its_offset_is_the_moment_it_names(offset, real_hours):
    doc = long_night(AUTUMN)
    doc["event"]["phases"][2]["start"] = doc["event"]["phases"][1]["end"] = (
        f"2025-10-26T02:30{offset}"
    )
    grid = build_grid(from_document(doc))
    show = grid.phase_slots["show"]  # from 00:00+02:00
    assert len(show) * grid.slot_minutes / 60 == real_hours
    assert grid.end_label(show[-1]) == f"2025-10-26T02:30{offset}"


def test_an_offset_the_zone_is_not_at_is_refused():
    doc = long_night(AUTUMN)
    doc["event"]["phases"][2]["start"] = doc["event"]["phases"][1]["end"] = "2025-10-26T02:30+05:00"
    assert refusals(doc)[0] == (
        "event.phases[1].end: 2025-10-26T02:30+05:00: Europe/Berlin is at +02:00 or +01:00 "
        "at 2025-10-26T02:30, not at +05:00"
    )


def test_an_offset_on_a_time_that_happens_once_is_refused():
    doc = long_night(AUTUMN)
    doc["event"]["phases"][0]["start"] = "2025-10-25T22:00+02:00"
    (problem,) = refusals(doc)
    assert problem.startswith("event.phases[0].start: 2025-10-25T22:00+02:00: give local time")
    assert "without a UTC offset" in problem


def test_phases_are_ordered_in_real_time():
    # 02:45 at +02:00 comes before 02:15 at +01:00: a phase between them lasts 30 minutes.
    doc = long_night(
        AUTUMN,
        phases=phases("2025-10-26T00:00", "2025-10-26T02:45+02:00", "2025-10-26T02:15+01:00"),
    )
    doc["posts"] = doc["posts"][:1]
    doc["posts"][0]["needs"] = [{"phases": ["a", "b"], "roles": ["guard"], "min": 1}]
    grid = build_grid(from_document(doc))
    assert len(grid.phase_slots["b"]) == 2
    doc["event"]["phases"][1]["end"] = "2025-10-26T02:15+02:00"  # now before its start
    assert refusals(doc) == [
        "event.phases[1].end: ends at 2025-10-26T02:15+02:00, not after its start "
        "2025-10-26T02:45+02:00"
    ]


@pytest.mark.parametrize("name", ["localtime", "posixrules", "Factory", "posix/Europe/Berlin"])
def test_localtime_is_refused_as_a_timezone(name):
    (problem,) = refusals(long_night(SPRING, timezone=name))
    assert problem.startswith("event.timezone: ")
    assert "IANA name" in problem


def test_a_time_of_day_in_the_gap_is_refused_on_the_day_it_falls():
    doc = long_night(
        SPRING,
        days=["2025-03-28", "2025-03-29", "2025-03-30", "2025-03-31"],
        phases=phases("01:00", "02:30", "06:00"),
    )
    doc["posts"] = doc["posts"][:1]
    doc["posts"][0]["needs"] = [{"phases": ["a", "b"], "roles": ["guard"], "min": 1}]
    assert refusals(doc) == [f"event.phases[0].end: {GAP}", f"event.phases[1].start: {GAP}"]


def test_an_ambiguous_time_of_day_is_refused():
    doc = long_night(
        AUTUMN, days=["2025-10-25", "2025-10-26"], phases=phases("01:00", "02:30", "06:00")
    )
    doc["posts"] = doc["posts"][:1]
    doc["posts"][0]["needs"] = [{"phases": ["a", "b"], "roles": ["guard"], "min": 1}]
    found = refusals(doc)
    assert len(found) == 2
    assert "2025-10-26T02:30 happens twice in Europe/Berlin" in found[0]
    assert "a time of day repeated every day cannot say which" in found[0]


def test_availability_in_the_gap_is_refused():
    doc = long_night(SPRING)
    doc["pools"][0]["available"] = {"start": "2025-03-29T21:00", "end": "2025-03-30T02:15"}
    doc["people"] = [
        {"id": "anna", "role": "police", "pool": "police", "available_to": "2025-03-30T02:45"}
    ]
    found = refusals(doc)
    assert found[0].startswith("pools[0].available.end: 2025-03-30T02:15 does not exist")
    assert found[1].startswith("people[0].available_to: 2025-03-30T02:45 does not exist")


def test_clocks_that_move_by_less_than_a_slot_are_refused():
    # Lord Howe Island moves its clocks by half an hour (02:00 to 02:30 on 5 October 2025).
    doc = long_night(
        ("2025-10-04", "2025-10-05"),
        timezone="Australia/Lord_Howe",
        slot_minutes=60,
    )
    assert refusals(doc) == [
        "event.slot_minutes: clocks in Australia/Lord_Howe move by 30 minutes during the "
        "event, not a whole number of 60-minute slots: use slot_minutes that divide 30"
    ]
