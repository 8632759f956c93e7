"""The history a period starts from, read from the plan archive (``--db``).

What people already worked before ``--from`` (:func:`eventplan.archive.work_rows`: the muster
records of events whose attendance was imported, else their current plans) enters the rules
the week's model carries across its first day: consecutive working days, weekends in the
period, hours of the month, rest since the last return, and the fairness weights of nights.
People are matched by id; work of people the calendar does not know is left out.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, date, timedelta
from zoneinfo import ZoneInfo

from eventplan.calendar.history import History, weekend_of

#: Days read back before the period: longer than any rule looks back in practice (weekends
#: per period of up to ten weeks, consecutive days, days off in a row, rest).
LOOKBACK_DAYS = 70
#: A shift with at least this many hours between 22:00 and 06:00 counts as a night (as the
#: archive's ledger counts it).
NIGHT_HOURS = 3.0


def archived_history(db: str, first: date, people: set[str]) -> History:
    """The history of ``people`` before ``first`` as the archive at ``db`` has it."""
    from eventplan.archive import work_rows

    start = min(first - timedelta(days=LOOKBACK_DAYS), first.replace(day=1))
    history = History()
    nights: dict[tuple[str, str, date], float] = defaultdict(float)
    for row in work_rows(db, start, first - timedelta(days=1)):
        if row.person not in people:
            continue
        person = row.person
        history.worked.setdefault(person, set()).add(row.day)
        ends = row.ends.replace(tzinfo=UTC).astimezone(ZoneInfo(row.zone))
        returns = ends.date().toordinal() * 1440 + ends.hour * 60 + ends.minute
        history.last_return[person] = max(history.last_return.get(person, 0), returns)
        history.month_minutes[person, row.day.year, row.day.month] += round(row.hours * 60)
        saturday = weekend_of(row.day)
        if saturday is not None:
            history.weekends.setdefault(person, set()).add(saturday)
        nights[person, row.event, row.day] += row.night_hours
    for (person, _event, _day), hours in nights.items():
        history.nights[person] += hours >= NIGHT_HOURS - 1e-9
    return history
