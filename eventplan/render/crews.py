"""People on the map: named lists, or only counts by role when the map is redacted."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from eventplan.render.bundle import RosterRow
from eventplan.render.phases import PhaseWindow


class Crews:
    """Roster rows by the station they stand at (a post, unit, patrol, drone crew, sector lead
    or reserve: the roster's ``post``) and by the unit, patrol team or drone crew (``rapid#2``,
    in the roster's ``unit`` column) they belong to.

    Briefings are left out: a person being briefed is on duty nowhere. Named people go into one
    table shared by the whole map, and lists refer to it by index; with ``redact`` the table
    stays empty and only role counts leave this class.
    """

    def __init__(self, roster: Iterable[RosterRow], redact: bool) -> None:
        self.redact = redact
        self.people: list[list[str]] = []
        self._index: dict[str, int] = {}
        self.by_post: dict[str, list[RosterRow]] = defaultdict(list)
        self.by_unit: dict[str, list[RosterRow]] = defaultdict(list)
        for row in roster:
            if row.is_briefing:
                continue
            self.by_post[row.post].append(row)
            if row.unit:
                self.by_unit[row.unit].append(row)

    def crew(self, base: str, number: Any = None) -> list[RosterRow]:
        """The rows of one team or unit of an assignment: ``base#number`` in the unit column,
        else the same id in the post column, else everyone at ``base``."""
        for candidate in instance_ids(base, number):
            found = self.by_unit.get(candidate) or self.by_post.get(candidate)
            if found:
                return found
        return self.by_post.get(base, [])

    def during(self, rows: Iterable[RosterRow], window: PhaseWindow | None) -> Any:
        """Who of ``rows`` is on duty during ``window`` (all of them for ``None``).

        Returns person indices into :attr:`people`, or ``{role: count}`` when redacted.
        """
        who: dict[str, str] = {}
        for row in rows:
            if window is None or window.overlaps(row.start, row.end):
                key = row.person or row.name
                if key not in who:
                    who[key] = row.role
                    if not self.redact and key not in self._index:
                        self._index[key] = len(self.people)
                        self.people.append([row.name or row.person, row.role])
        if self.redact:
            return dict(Counter(who.values()))
        return [self._index[k] for k in who]

    def leaders(self, rows: Iterable[RosterRow], window: PhaseWindow | None) -> Any:
        """Who of ``rows`` leads something (the roster's ``leads``) during ``window``, as
        :meth:`during` gives them."""
        return self.during([row for row in rows if row.leads], window)

    def stints(self, rows: Iterable[RosterRow], window: PhaseWindow) -> list[list[Any]]:
        """The stints of ``rows`` that overlap ``window``, in time order: ``[who, from, to]``
        with ``who`` a person index, or the role when redacted, and times as ``HH:MM``."""
        out: list[list[Any]] = []
        for row in sorted(rows, key=lambda r: (r.start, r.end, r.person)):
            if window.overlaps(row.start, row.end):
                found = self.during([row], None)
                who = row.role if self.redact else found[0]
                out.append([who, f"{row.start:%H:%M}", f"{row.end:%H:%M}"])
        return out


def instance_ids(base: str, number: Any) -> Sequence[str]:
    """Ids one team or unit of ``base`` may carry: ``base#1`` (the solver's form) first."""
    if number is None or str(number) == "":
        return ()
    text = str(number)
    if text.startswith(base) and text != base:
        return (text,)
    return tuple(f"{base}{sep}{text}" for sep in ("#", "-", ":", "."))
