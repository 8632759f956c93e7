"""Times on the sheet: read as moments of the event clock, shown as local clock times.

Plan files write local times of the event's zone, with their UTC offset when the clocks change
during the event (see ``docs/plan.md``). The sheet reads every one as a moment of the event
clock (:class:`~eventplan.scenario.realtime.EventClock`), on which shifts, breaks, handovers,
overlaps and phases are real time, and shows moments as local clock times:

- where the clocks keep one offset through the event, the event clock reads as the local
  clock, and a moment is shown as it is (a naive ``datetime``), as the plan files write it;
- where they change, a moment is shown as its local time with its fixed UTC offset (which
  still subtracts and compares in real time), and a time in the hour the clocks repeat or
  skip, or within an hour of it, carries its offset in the text: ``02:30 (UTC+01:00)``, so
  that the two readings of a repeated time, and the times on either side of a skipped hour,
  cannot be confused.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from eventplan.scenario.realtime import EventClock, show_offset

#: Time formats: (strftime, spreadsheet number format), without and with the date.
CLOCK = ("%H:%M", "hh:mm")
DATED_CLOCK = ("%m-%d %H:%M", "mm-dd hh:mm")
#: How far from the hour the clocks repeat or skip a time is still shown with its offset.
NEAR_CHANGE = timedelta(hours=1)
#: A time shown with its UTC offset, in English (the sheet's words say it in each language).
OFFSET_FORMAT = "{time} (UTC{offset})"
#: The last instant of a window ``[start, end)`` is this much before its end.
JUST_BEFORE = timedelta(microseconds=1)


def near_change(zone: tzinfo, local: datetime) -> bool:
    """Whether a local time of ``zone`` lies in the hour its clocks repeat or skip, or within
    :data:`NEAR_CHANGE` of it.

    The offset of a wall time an hour earlier, read before any change (``fold`` 0), differs
    from that of a wall time an hour later, read after it (``fold`` 1), exactly when a change
    of the clocks lies between them.
    """
    wall = local.replace(tzinfo=None, fold=0)
    try:
        before = zone.utcoffset(wall - NEAR_CHANGE)
        after = zone.utcoffset((wall + NEAR_CHANGE).replace(fold=1))
    except OverflowError:
        return False
    return before != after


def offset_text(value: datetime, zone: tzinfo | None, pattern: str) -> tuple[str, str] | None:
    """The text around a shown time that gives its UTC offset (``""`` and ``" (UTC+01:00)"``),
    or None when the time is shown without it: ``zone`` is the event's zone when its clocks
    change during the event, else None."""
    offset = value.utcoffset()
    if zone is None or offset is None or not near_change(zone, value):
        return None
    before, _, after = pattern.replace("{offset}", show_offset(offset)).partition("{time}")
    return before, after


def show_time(value: datetime, time_format: str, zone: tzinfo | None, pattern: str) -> str:
    """A local time in a ``strftime`` format, with its UTC offset when it is near a change of
    the clocks (see :func:`offset_text`)."""
    text = value.strftime(time_format)
    around = offset_text(value, zone, pattern)
    return text if around is None else f"{around[0]}{text}{around[1]}"


@dataclass
class SheetClock:
    """How one sheet shows moments of the event clock.

    Parameters
    ----------
    clock
        The event clock of the plan's scenario.
    formats
        :data:`CLOCK` or :data:`DATED_CLOCK`.
    pattern
        A time with its offset (``{time} (UTC{offset})``) in the sheet's language.
    """

    clock: EventClock
    formats: tuple[str, str] = CLOCK
    pattern: str = OFFSET_FORMAT
    _texts: dict[datetime, str] = field(init=False, default_factory=dict)

    @property
    def zone(self) -> tzinfo | None:
        """The event's zone when its clocks change during the event, else None."""
        return self.clock.zone if self.clock.changes else None

    def local(self, moment: datetime) -> datetime:
        """The local time of a moment, as a cell holds it: with its UTC offset when the clocks
        change during the event, else naive (the event clock then reads as the local clock)."""
        return self.clock.local(moment) if self.clock.changes else moment

    def day(self, moment: datetime) -> date:
        """The local calendar day of a moment."""
        return self.local(moment).date()

    def last_day(self, end: datetime) -> date:
        """The local day of the last instant before ``end``, the day a window ending then is on."""
        return self.day(end - JUST_BEFORE)

    def time(self, moment: datetime) -> str:
        """A moment in the sheet's time format."""
        text = self._texts.get(moment)
        if text is None:
            text = self._texts[moment] = self._show(moment, self.formats[0])
        return text

    def span(self, start: datetime, end: datetime) -> str:
        """``16:00–19:30``; with dates, the end's date only when it is another day."""
        same_day = self.last_day(end) == self.day(start)
        until = self._show(end, CLOCK[0]) if same_day else self.time(end)
        return f"{self.time(start)}–{until}"

    def _show(self, moment: datetime, time_format: str) -> str:
        return show_time(self.local(moment), time_format, self.zone, self.pattern)
