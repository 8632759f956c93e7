"""Rule ``queue``: the fluid queue of a screening post, predicted from the roster's staff,
against plan.json's figures and the post's wait target."""

from __future__ import annotations

import math
from typing import Any

from eventplan.checker import check_plan
from eventplan.checker.screening import QueueSlot, predict_queue
from eventplan.scenario.model import Screening
from tests.checker.drill import DAY, cover, document, messages, scenario, stint, write

BLOCK = {
    "lanes": 3,
    "persons_per_lane_per_minute": 4.0,
    "staff_per_lane": 1,
    "arrival_share": 1.0,
    "roles": ["guard"],
    "max_wait_minutes": 10.0,
}


def drill() -> dict[str, Any]:
    """1080 people arrive at the gate, half in 16-17 and half in 17-18: 9 a minute. A lane
    screens 4 a minute; the wait target is 10 minutes."""
    doc = document(posts=[{"id": "gate", "node": "gate-node", "screening": BLOCK}])
    doc["event"]["attendance"] = 1080
    doc["event"]["arrivals"] = [
        {"start": f"{DAY}T16:00", "end": f"{DAY}T17:00", "share": 0.5},
        {"start": f"{DAY}T17:00", "end": f"{DAY}T18:00", "share": 0.5},
    ]
    return doc


def slot(hour: int, arrivals: float, lanes: int, queue: float, wait: float | None) -> dict:
    return {
        "start": f"{DAY}T{hour}:00",
        "arrivals_per_minute": arrivals,
        "lanes_open": lanes,
        "queue": queue,
        "wait_minutes": wait,
    }


def queues(worst: float | None, *slots: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "post": "gate",
            "max_wait_minutes": 10.0,
            "worst_wait_minutes": worst,
            "slots": list(slots),
        }
    ]


# Two guards 16-18 and a third 17-18. 16:00: 2 lanes serve 8 a minute, 1 a minute waits:
# a queue of 60 at 17:00, waiting 60 / 8 = 7.5 min. 17:00: 3 lanes serve 12 a minute, and
# 60 + 9 x 60 - 12 x 60 < 0: no queue.
ON_TARGET = [
    stint("guards-0001", "gate", 16, 18),
    stint("guards-0002", "gate", 16, 18),
    stint("guards-0003", "gate", 17, 18),
]
ON_TARGET_COVERAGE = [cover("gate", 16, "guard", 2, 2), cover("gate", 17, "guard", 3, 3)]
ON_TARGET_QUEUES = queues(7.5, slot(16, 9.0, 2, 60.0, 7.5), slot(17, 9.0, 3, 0.0, 0.0))


def test_staff_that_keeps_the_wait_on_target_holds(tmp_path):
    folder = write(tmp_path, ON_TARGET, ON_TARGET_COVERAGE, queues=ON_TARGET_QUEUES)
    report = check_plan(scenario(drill()), folder)
    assert report.ok, messages(report)


def test_plan_json_must_give_the_queue_of_the_roster(tmp_path):
    wrong = queues(7.5, slot(16, 9.0, 2, 50.0, 7.5), slot(17, 9.0, 3, 0.0, 0.0))
    folder = write(tmp_path, ON_TARGET, ON_TARGET_COVERAGE, queues=wrong)
    assert messages(check_plan(scenario(drill()), folder)) == [
        "[queue] gate: plan.json queues: 1 figure(s) differ from the queue of the roster's "
        "staff, e.g. 2025-07-12T16:00 queue is 50.0, not 60"
    ]


def test_a_post_with_a_wait_target_must_have_its_queue_listed(tmp_path):
    folder = write(tmp_path, ON_TARGET, ON_TARGET_COVERAGE)
    assert messages(check_plan(scenario(drill()), folder)) == [
        "[queue] gate: plan.json lists no queue for this post"
    ]


# Two guards 16-19: at 17:00 the queue reaches 60 + 540 - 480 = 120, waiting 120 / 8 = 15 min;
# at 18:00 nobody arrives and 480 are served: no queue.
SHORT = [stint("guards-0001", "gate", 16, 19), stint("guards-0002", "gate", 16, 19)]
SHORT_QUEUES = queues(
    15.0, slot(16, 9.0, 2, 60.0, 7.5), slot(17, 9.0, 2, 120.0, 15.0), slot(18, 0.0, 2, 0.0, 0.0)
)


def test_a_wait_over_target_must_be_a_reported_shortfall(tmp_path):
    hidden = [cover("gate", h, "guard", 2, 2) for h in (16, 17, 18)]
    folder = write(tmp_path / "a", SHORT, hidden, queues=SHORT_QUEUES)
    assert messages(check_plan(scenario(drill()), folder)) == [
        "[queue] gate: the predicted wait exceeds the 10-minute target at 2025-07-12T17:00-18:00 "
        "(worst 15.0 min at 2025-07-12T17:00, 2 lane(s) open), but coverage.csv reports no "
        "shortfall of guard there"
    ]
    reported = [cover("gate", 16, "guard", 2, 2), cover("gate", 17, "guard", 3, 2)]
    reported.append(cover("gate", 18, "guard", 2, 2))
    folder = write(tmp_path / "b", SHORT, reported, queues=SHORT_QUEUES)
    report = check_plan(scenario(drill()), folder)
    assert report.ok, messages(report)


def test_an_infinite_wait_is_written_null(tmp_path):
    # Two guards 16-17 only: from 17:00 no lane is open and the queue only grows, then stays
    # (60 + 540 = 600). coverage.csv reports the screening short from 17:00.
    roster = [stint("guards-0001", "gate", 16, 17), stint("guards-0002", "gate", 16, 17)]
    coverage = [cover("gate", 16, "guard", 2, 2)]
    coverage += [cover("gate", h, "guard", 3, 0) for h in (17, 18, 19)]
    listed = queues(
        None,
        slot(16, 9.0, 2, 60.0, 7.5),
        slot(17, 9.0, 0, 600.0, None),
        slot(18, 0.0, 0, 600.0, None),
        slot(19, 0.0, 0, 600.0, None),
    )
    report = check_plan(scenario(drill()), write(tmp_path, roster, coverage, queues=listed))
    assert report.ok, messages(report)


def test_no_more_staff_than_the_lanes_can_use(tmp_path):
    coverage = [cover("gate", 16, "guard", 2, 2), cover("gate", 17, "guard", 4, 3)]
    folder = write(tmp_path, ON_TARGET, coverage, queues=ON_TARGET_QUEUES)
    assert messages(check_plan(scenario(drill()), folder)) == [
        "[coverage] gate: guard 2025-07-12T17:00-18:00 (coverage.csv line 3): required is 4, "
        "more than the 3 lane(s) x 1 staff the post can use (3)"
    ]


def test_the_fluid_queue_by_hand():
    # 10-minute slots, 2 lanes of 3 a minute. Arrivals 8, 8, 0 a minute; staff 2, 1, 0:
    # slot 1: 80 - 60 = 20 queue, 20 / 6 = 3.33 min; slot 2: 20 + 80 - 30 = 70, 70 / 3 min;
    # slot 3: no lane, the 70 stay, wait infinite.
    block = Screening.model_validate(BLOCK | {"lanes": 2, "persons_per_lane_per_minute": 3.0})
    found = predict_queue(block, {0: 8.0, 10: 8.0}, {0: 2, 10: 1}, [0, 10, 20], 10)
    assert found == [
        QueueSlot(0, 8.0, 2, 20.0, 20 / 6),
        QueueSlot(10, 8.0, 1, 70.0, 70 / 3),
        QueueSlot(20, 0.0, 0, 70.0, math.inf),
    ]


def test_a_screening_post_without_a_target_may_list_its_queue(make_plan, scenario):
    # The tiny concert's gate: 2.5 a minute at 16:00 on 2 lanes of 2 (no queue); 7.5 a minute
    # at 17:00 on its 3 lanes serving 6: a queue of 90 waiting 15 min; then nobody screens and
    # the 90 wait on (16:00-21:00 are the phases' slots).
    listed = [
        {
            "post": "gate",
            "max_wait_minutes": None,
            "worst_wait_minutes": None,
            "slots": [
                slot(16, 2.5, 2, 0.0, 0.0),
                slot(17, 7.5, 3, 90.0, 15.0),
                *(slot(h, 0.0, 0, 90.0, None) for h in (18, 19, 20)),
            ],
        }
    ]
    assert check_plan(scenario, make_plan(queues=listed)).ok
    listed[0]["slots"][1]["lanes_open"] = 4
    report = check_plan(scenario, make_plan(queues=listed))
    assert messages(report) == [
        "[queue] gate: plan.json queues: 1 figure(s) differ from the queue of the roster's "
        "staff, e.g. 2025-07-12T17:00 lanes_open is 4, not 3"
    ]
