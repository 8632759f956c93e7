"""The time refusal applies to the LP path only: the station-day blocks need no LP over every
coverage row, and every round of theirs gives a plan."""

from __future__ import annotations

from eventplan.staffing.search import BLOCKS_UP_TO_ROWS
from eventplan.staffing.size import ROWS_PER_SECOND, ModelSize, refusals


def size(rows: int) -> ModelSize:
    return ModelSize(
        slots=480, slot_minutes=15, coverage_rows=rows, people_at_once=20_000, sorties=0
    )


def test_an_event_the_station_day_blocks_take_is_not_refused_for_time():
    # 20,000 staff, 1,500 posts, five days: 355,655 rows, about 237 s of LP pricing at 1,500
    # rows a second, yet planned within 0.1 % of the bound in 60 s by the blocks.
    assert 355_655 / ROWS_PER_SECOND > 60
    assert refusals(size(355_655), "big.yaml", 60.0, None) == []


def test_an_event_past_the_blocks_range_is_still_refused_for_time():
    (problem,) = refusals(size(BLOCKS_UP_TO_ROWS + 100_000), "huge.yaml", 60.0, None)
    assert problem.path == "event.slot_minutes" and "--time-limit" in problem.message
