"""The duties of each day: recurring duties on their days, events on their dates.

Times are minutes after midnight of the duty's date (an end past 1440 is after midnight).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.model import WEEKDAYS, Calendar, Dates, DayRange, Need, post_key


@dataclass(frozen=True)
class DutyDay:
    """One duty to staff on one date."""

    key: str
    day: date
    site: str
    duty: str
    window: str
    part: str
    start: int
    end: int
    priority: str
    needs: tuple[Need, ...]
    event: bool
    #: the post of a duty of several posts ("" for a duty of one post, and for an event)
    post: str = ""


def date_set(dates: Dates) -> set[date]:
    """Single dates and ranges as one set of dates."""
    found: set[date] = set()
    for item in dates:
        found.update(item.days() if isinstance(item, DayRange) else [item])
    return found


def school_days(calendar: Calendar) -> set[date]:
    """Days in a term, on a school weekday, and not a holiday."""
    school = calendar.school_calendar
    holidays = date_set(school.holidays)
    return {
        day
        for term in school.terms
        for day in term.days()
        if WEEKDAYS[day.weekday()] in school.weekdays and day not in holidays
    }


def runs_on(rule: object, day: date, schools: set[date]) -> bool:
    weekday = WEEKDAYS[day.weekday()]
    if rule == "school":
        return day in schools
    if rule == "daily":
        return True
    if rule == "weekdays":
        return weekday not in ("sat", "sun")
    if rule == "weekends":
        return weekday in ("sat", "sun")
    return isinstance(rule, tuple) and weekday in rule


def duties_on(loaded: LoadedCalendar, day: date, schools: set[date]) -> list[DutyDay]:
    """Every duty of one date, recurring ones first, then events."""
    calendar = loaded.calendar
    found: list[DutyDay] = []
    for duty in calendar.duties:
        if not runs_on(duty.days, day, schools):
            continue
        for window in duty.windows:
            for post, needs in duty.post_needs():
                found.append(
                    DutyDay(
                        key=f"{day.isoformat()}/{post_key(duty.id, post)}/{window.id}",
                        day=day,
                        site=duty.site,
                        duty=duty.id,
                        window=window.id,
                        part=window.part,
                        start=window.start,
                        end=window.end,
                        priority=duty.priority,
                        needs=needs,
                        event=False,
                        post=post,
                    )
                )
    for event in calendar.events:
        if day in event.dates:
            resolved = loaded.events[event.id]
            found.append(
                DutyDay(
                    key=f"{day.isoformat()}/{event.id}/event",
                    day=day,
                    site=event.site,
                    duty=event.id,
                    window="event",
                    part="day",
                    start=resolved.start,
                    end=resolved.end,
                    priority=event.priority,
                    needs=resolved.needs,
                    event=True,
                )
            )
    return found
