"""Scenario times: parsing, the slot grid, and daily windows on multi-day events."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from eventplan.scenario.times import END_OF_DAY, expand, format_when, on_grid, parse_when


def test_parse_date_times_and_times_of_day():
    assert parse_when("2025-07-12T16:00") == datetime(2025, 7, 12, 16, 0)
    assert parse_when(" 2025-07-12 16:30 ") == datetime(2025, 7, 12, 16, 30)
    assert parse_when("16:00") == time(16, 0)
    assert parse_when("24:00") == END_OF_DAY
    assert parse_when(datetime(2025, 7, 12, 8)) == datetime(2025, 7, 12, 8)  # TOML gives these
    assert parse_when(time(8, 15)) == time(8, 15)
    # an offset tells apart the two readings of a time that happens twice (checked in the zone)
    assert parse_when("2025-10-26T02:30+01:00").utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-07-12", "'2025-07-12' is a date; give a date and time such as 2025-07-12T08:00"),
        (date(2025, 7, 12), "is a date; give a date and time"),
        ("16:00Z", "without a UTC offset"),
        ("8:00", "'8:00' is not a time of day (HH:MM)"),
        ("25:00", "is not a time of day"),
        ("noon", "'noon' is not a local ISO-8601 date-time"),
        (1600, "expected a time as text"),
        (None, "expected a time as text"),
        ("x" * 1000, "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx..."),
    ],
)
def test_parse_refuses_what_is_not_a_local_time(value, message):
    with pytest.raises(ValueError) as caught:
        parse_when(value)
    assert message in str(caught.value)
    assert len(str(caught.value)) < 200  # long input is shortened, not echoed


def test_format_is_the_inverse_of_parse():
    for text in ("2025-07-12T16:00", "16:00", "24:00", "00:00", "2025-10-26T02:30+01:00"):
        assert format_when(parse_when(text)) == text


def test_expand_repeats_times_of_day_on_every_day_and_24_00_is_next_midnight():
    days = (date(2025, 8, 20), date(2025, 8, 21))
    assert expand(time(18), END_OF_DAY, days) == [
        (datetime(2025, 8, 20, 18), datetime(2025, 8, 21, 0)),
        (datetime(2025, 8, 21, 18), datetime(2025, 8, 22, 0)),
    ]
    start, end = datetime(2025, 8, 20, 8), datetime(2025, 8, 22, 20)
    assert expand(start, end, days) == [(start, end)]  # date-times stand for themselves
    assert expand(start, time(20), days) == []  # mixed forms: reported by validation


def test_slot_grid():
    assert on_grid(datetime(2025, 7, 12, 16, 45), 15)
    assert not on_grid(datetime(2025, 7, 12, 16, 50), 15)
    assert not on_grid(datetime(2025, 7, 12, 16, 45, 30), 15)
    assert on_grid(END_OF_DAY, 30)
    assert on_grid(time(0, 0), 60)


def test_times_lie_in_the_years_events_are_planned_in():
    # Local times near the ends of the calendar cannot be turned into real time (or the next
    # midnight): the arithmetic would leave the years Python knows.
    for text in ("0001-01-01T00:30", "9999-12-31T23:00", "1899-12-31T23:00", "3000-01-01T00:00"):
        with pytest.raises(ValueError, match="is not in the years 1900 to 2999"):
            parse_when(text)
    assert parse_when("1900-01-01T00:00") == datetime(1900, 1, 1)
