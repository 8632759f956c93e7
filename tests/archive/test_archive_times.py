"""Local days, shifts and night hours, across a change of the clocks."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from eventplan.archive.roster import BadCell, local_instant
from eventplan.archive.times import night_hours, shift_days, to_utc, weekend_of

BERLIN = ZoneInfo("Europe/Berlin")
SHANGHAI = ZoneInfo("Asia/Shanghai")


def test_night_hours_are_real_hours_on_the_night_the_clocks_go_back() -> None:
    # 22:00 (+02:00, 20:00 UTC) to 07:00 (+01:00, 06:00 UTC) on 25-26 October 2025: 10 real
    # hours; the night runs to 06:00 (+01:00, 05:00 UTC): 9 of them.
    start = to_utc(datetime(2025, 10, 25, 22), BERLIN)
    end = to_utc(datetime(2025, 10, 26, 7), BERLIN)
    assert (end - start).total_seconds() / 3600 == 10
    assert night_hours(start, end, BERLIN) == 9.0


def test_night_hours_of_an_evening_and_a_day() -> None:
    # 18:00-23:15 has 1.25 h after 22:00; 08:00-17:00 none; 05:00-07:00 one before 06:00.
    def hours(a: datetime, b: datetime) -> float:
        return night_hours(to_utc(a, SHANGHAI), to_utc(b, SHANGHAI), SHANGHAI)

    assert hours(datetime(2025, 7, 12, 18), datetime(2025, 7, 12, 23, 15)) == 1.25
    assert hours(datetime(2025, 7, 12, 8), datetime(2025, 7, 12, 17)) == 0.0
    assert hours(datetime(2025, 7, 12, 5), datetime(2025, 7, 12, 7)) == 1.0


def test_a_shift_split_by_a_meal_break_counts_on_the_day_it_starts() -> None:
    def at(day: int, hour: int) -> datetime:
        return to_utc(datetime(2025, 7, day, hour), SHANGHAI)

    spans = [
        (at(14, 0), at(14, 2)),  # after the break, past midnight: still Sunday's shift
        (at(13, 21), at(13, 23)),
        (at(14, 20), at(14, 23)),  # 18 hours later: Monday's shift
    ]
    assert shift_days(spans, SHANGHAI) == [date(2025, 7, 13), date(2025, 7, 13), date(2025, 7, 14)]


def test_weekends_are_known_by_their_saturday() -> None:
    assert weekend_of(date(2025, 7, 12)) == date(2025, 7, 12)  # Saturday
    assert weekend_of(date(2025, 7, 13)) == date(2025, 7, 12)  # Sunday
    assert weekend_of(date(2025, 7, 14)) is None


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("2025-03-30T02:30", "does not exist in Europe/Berlin"),
        ("2025-10-26T02:30", "happens twice in Europe/Berlin"),
        ("2025-10-26T02:30+05:00", r"not at \+05:00"),
    ],
)
def test_a_muster_time_the_zone_does_not_have_once_is_refused(text: str, said: str) -> None:
    with pytest.raises(BadCell, match=said):
        local_instant({"arrived": text}, "arrived", BERLIN)


def test_a_muster_time_with_its_offset_names_one_moment() -> None:
    first = local_instant({"t": "2025-10-26T02:30+02:00"}, "t", BERLIN)
    second = local_instant({"t": "2025-10-26T02:30+01:00"}, "t", BERLIN)
    assert (first, second) == (datetime(2025, 10, 26, 0, 30), datetime(2025, 10, 26, 1, 30))
