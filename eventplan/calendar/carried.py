"""What people worked before the period, read from the plan archive (``--db``): the ledger a
period starts from.

The archive says what each person worked (:func:`eventplan.archive.work_rows`: the muster
records of events whose attendance was imported, else their current plans). Here each row
becomes a :class:`Stretch` on the calendar's clock, kept per person, so that the model's rules
(:mod:`eventplan.calendar.history`), the fairness report and the cross-day check each count it
their own way. This module holds data only: the cross-day check may read it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

#: Days read back before the period: longer than any rule looks back in practice (weekends
#: per period of up to ten weeks, consecutive days, days off in a row, rest).
LOOKBACK_DAYS = 70
#: A shift with at least this many hours between 22:00 and 06:00 counts as a night (as the
#: archive's ledger counts it).
NIGHT_HOURS = 3.0


def week_of(day: date) -> date:
    """The Monday of a day's contract week (a contract's week runs Monday to Sunday)."""
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True, slots=True)
class Stretch:
    """One stretch of work before the period, on the calendar's clock.

    ``day`` is the day its shift counts on (the archive's: the day the shift starts);
    ``leaves`` and ``returns`` are minutes since day 0 of the proleptic calendar, as the
    model counts them; ``minutes`` the real minutes worked.
    """

    day: date
    leaves: int
    returns: int
    minutes: int
    night_hours: float
    event: str


@dataclass
class Carried:
    """Every person's stretches before ``first`` (the period's first day), oldest first."""

    first: date
    stretches: dict[str, list[Stretch]] = field(default_factory=dict)

    @property
    def since(self) -> date:
        """The first day the fairness report counts as carried in: the first of the month of
        ``first``, or the Monday of its week when that is earlier (so that a week's overtime
        is counted whole)."""
        return min(self.first.replace(day=1), week_of(self.first))

    def hours(self) -> float:
        """Everyone's hours since :attr:`since`."""
        since = self.since
        minutes = sum(s.minutes for rows in self.stretches.values() for s in rows if s.day >= since)
        return minutes / 60

    def of(self, person: str) -> list[Stretch]:
        return self.stretches.get(person, [])

    def nights(self, person: str, since: date | None = None) -> int:
        """Shifts (an event's work counted on one day) with a night's hours."""
        hours: dict[tuple[str, date], float] = defaultdict(float)
        for stretch in self.of(person):
            if since is None or stretch.day >= since:
                hours[stretch.event, stretch.day] += stretch.night_hours
        return sum(1 for value in hours.values() if value >= NIGHT_HOURS - 1e-9)

    def week_minutes(self, person: str) -> dict[date, int]:
        """Minutes worked per contract week (by its Monday)."""
        weeks: dict[date, int] = defaultdict(int)
        for stretch in self.of(person):
            weeks[week_of(stretch.day)] += stretch.minutes
        return weeks


def read_carried(db: str, first: date, people: set[str], zone: str = "UTC") -> Carried:
    """What ``people`` worked before ``first`` as the archive at ``db`` has it, read back
    :data:`LOOKBACK_DAYS` and to the first of the month, on the clock of ``zone``."""
    from eventplan.archive import work_rows

    start = min(first - timedelta(days=LOOKBACK_DAYS), first.replace(day=1))
    clock = ZoneInfo(zone)
    carried = Carried(first)
    found: dict[str, list[Stretch]] = defaultdict(list)
    for row in work_rows(db, start, first - timedelta(days=1)):
        if row.person not in people:
            continue
        starts, ends = _local(row.starts, clock), _local(row.ends, clock)
        # The archive counts a shift on its start's day in the event's zone; a calendar in
        # another zone counts it on the day it starts on the calendar's clock.
        day = row.day if row.zone == zone else starts.date()
        # Travel (a calendar's day folder records it) is duty time, half of it each way.
        way = round(row.travel_hours * 30)
        found[row.person].append(
            Stretch(
                day=day,
                leaves=_minute(starts) - way,
                returns=_minute(ends) + way,
                minutes=round(row.paid_hours * 60),
                night_hours=row.night_hours,
                event=row.event,
            )
        )
    carried.stretches = {pid: sorted(rows, key=lambda s: s.leaves) for pid, rows in found.items()}
    return carried


def _local(utc: datetime, clock: ZoneInfo) -> datetime:
    return utc.replace(tzinfo=UTC).astimezone(clock).replace(tzinfo=None)


def _minute(moment: datetime) -> int:
    return moment.date().toordinal() * 1440 + moment.hour * 60 + moment.minute
