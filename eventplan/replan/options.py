"""The changes a replan may make, each with the need it covers and the need it leaves.

An **option** is one kind of change for one or more interchangeable people: people of one
supply working one template at one station are alike, so they are counted, not named (as in
the staffing model). Three kinds are offered, all only toward stations short of people after
the events:

- ``moved``: people on duty at a post go to another post for the rest of their shift (same
  hours, same break), arriving after the walk on the venue graph from where they stand; a
  shift that has not begun moves whole, when its template is allowed at the new post;
- ``lengthened``: people on duty at a short post stay there longer (a template of their
  supply with the same start and break and a later end);
- ``called-in``: free people of a supply (reserves, people called in with ``--extra``, those
  who ``--arrived``) work a legal template of their supply at that station, starting at or
  after the time of the replan.

Shift lengths, breaks and no-handover windows hold by construction (templates of the model,
no move leaving or arriving inside a window); supervision is kept by offering a supervised
role only where a supervisor stays all along, and moving a supervisor only where nobody
supervised is left behind.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from eventplan.replan.free import FreeClass
from eventplan.staffing.demand import Demand, Kind
from eventplan.staffing.model import StaffingModel
from eventplan.staffing.roster import Shift
from eventplan.staffing.templates import HandoverRule, Template, no_handover
from eventplan.timegrid import TimeGrid

#: Groups of people offered to one short station, nearest first: enough for the smallest fix
#: at the sizes measured (see benchmarks/bench_replan.py), and the model stays small.
NEAREST_GROUPS = 40


@dataclass(frozen=True)
class Option:
    """One change for up to ``limit`` alike people."""

    kind: str  # "moved" | "moved-released" | "called-in" | "lengthened"
    supply: int
    template: Template
    station: str
    limit: int
    #: (demand index, slot) -> +1 (covered) or -1 (left)
    terms: dict[tuple[int, int], int]
    cost: float
    #: moved: the station left, the slot left and the slot of arrival
    source: str = ""
    leave: int = -1
    arrive: int = -1
    walk_minutes: float = 0.0
    #: moved: the people of the group, in the order they are picked
    people: tuple[str, ...] = ()
    #: called-in: the class of free people drawn on (an index of the free classes)
    group: int = -1


@dataclass
class Situation:
    """The plan after the events, before any change: who is on duty, what is short."""

    model: StaffingModel
    shifts: list[Shift]
    first: int  # the first slot that may change
    #: closed posts and the slot each closes at, to the end of that working day: their people
    #: of that day go home then, or are moved
    closed: dict[str, int] = field(default_factory=dict)
    demands: list[Demand] = field(default_factory=list)
    assigned: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int64))
    required: np.ndarray = field(default_factory=lambda: np.zeros((0, 0), np.int64))

    def __post_init__(self) -> None:
        grid = self.model.grid
        self._terms: dict[tuple, dict[tuple[int, int], int]] = {}
        self._roles: dict[tuple[str, tuple[str, ...]], np.ndarray] = {}
        self._counting: dict[tuple[Kind, str], list[int]] = {}
        self.demands = [d for d in self.model.requirements.all_demands() if d.source != "ratio"]
        duty: dict[str, dict[Kind, np.ndarray]] = defaultdict(dict)
        for shift in self.shifts:
            at = duty[shift.station_id]
            kind = (shift.role, shift.tags)
            at.setdefault(kind, np.zeros(grid.size, np.int64))[shift.template.working()] += 1
        self.duty = duty
        self.demands += supervisor_demands(self, grid.size)
        self.required = np.array([d.required for d in self.demands], dtype=np.int64)
        self.assigned = np.array(
            [
                sum(
                    (c for k, c in duty.get(d.station_id, {}).items() if d.admits(k)),
                    np.zeros(grid.size, np.int64),
                )
                for d in self.demands
            ],
            dtype=np.int64,
        ).reshape(len(self.demands), grid.size)
        self.at_station: dict[str, list[int]] = defaultdict(list)
        for i, d in enumerate(self.demands):
            self.at_station[d.station_id].append(i)

    def short(self) -> np.ndarray:
        """Missing people per demand and slot, from the first slot that may change on."""
        gap = np.maximum(0, self.required - self.assigned)
        gap[:, : self.first] = 0
        return gap

    def terms(self, kind: Kind, station: str, slots: np.ndarray, sign: int) -> dict:
        """(demand, slot) -> ``sign`` for every slot of ``slots`` where a demand at the
        station that counts ``kind`` requires people (remembered: moves to many posts share
        the slots they leave)."""
        key = (kind, station, sign, slots.tobytes())
        found = self._terms.get(key)
        if found is None:
            found = {}
            for i in self.counting(kind, station):
                needed = slots[self.required[i, slots] > 0].tolist()
                found.update(dict.fromkeys(zip([i] * len(needed), needed, strict=True), sign))
            self._terms[key] = found
        return found

    def counting(self, kind: Kind, station: str) -> list[int]:
        """The demands at a station that ``kind`` counts toward (remembered)."""
        found = self._counting.get((kind, station))
        if found is None:
            found = [i for i in self.at_station.get(station, ()) if self.demands[i].admits(kind)]
            self._counting[(kind, station)] = found
        return found

    def people_of_role(self, station: str, roles: tuple[str, ...], slots: np.ndarray) -> np.ndarray:
        key = (station, roles)
        counts = self._roles.get(key)
        if counts is None:
            counts = np.zeros(self.model.grid.size, np.int64)
            for (role, _tags), c in self.duty.get(station, {}).items():
                if role in roles:
                    counts += c
            self._roles[key] = counts
        return counts[slots]


def supervisor_demands(s: Situation, size: int) -> list[Demand]:
    """The supervisors each post needs for the people it supervises, from the first slot that
    may change on, as critical demands of their own: a supervisor moved away leaves them
    short, and one absent is missed like any critical need."""
    out = []
    for rule in s.model.scenario.rules.supervision:
        if rule.scope != "post":
            continue
        for station in list(s.duty):
            if rule.posts is not None and station not in rule.posts:
                continue
            every = np.arange(size)
            led = s.people_of_role(station, rule.roles, every)
            need = -(-led // rule.per_supervisor) if rule.per_supervisor else (led > 0).astype(int)
            need[: s.first] = 0
            if need.any():
                required = need.astype(np.int64)
                out.append(Demand(station, tuple(rule.by), "critical", required, "supervision"))
    return out


def supervision_allows(s: Situation, role: str, station: str, slots: np.ndarray, sign: int) -> bool:
    """Whether adding (+1) or taking away (-1) one person of ``role`` over ``slots`` at
    ``station`` keeps every supervision rule there."""
    if not len(slots):
        return True
    for rule in s.model.scenario.rules.supervision:
        if rule.posts is not None and station not in rule.posts:
            continue
        bosses = s.people_of_role(station, rule.by, slots)
        led = s.people_of_role(station, rule.roles, slots)
        if role in rule.roles and sign > 0:
            if rule.scope != "post":
                return False
            per = rule.per_supervisor or math.inf
            if (bosses < 1).any() or ((led + 1) > bosses * per).any():
                return False
        if role in rule.by and role not in rule.roles and sign < 0:
            left = bosses - 1
            over = led > left * rule.per_supervisor if rule.per_supervisor else False
            if ((led > 0) & ((left < 1) | over)).any():
                return False
    return True


def call_in_options(s: Situation, free: list[FreeClass], targets: set[str]) -> list[Option]:
    """Free people working a legal template at a short station (see the module docstring).

    Of the templates that cover the same short slots there, only the cheapest is offered.
    """
    model, gap, grid = s.model, s.short(), s.model.grid
    stations = model.requirements.stations
    short_mask = {st: gap[s.at_station[st]].sum(axis=0) > 0 for st in targets}
    by_supply: dict[int, list[int]] = defaultdict(list)
    for k, group in enumerate(free):
        by_supply[group.supply].append(k)
    best: dict[tuple[int, str, bytes], Option] = {}
    short_slots = set(zip(*(a.tolist() for a in np.nonzero(gap)), strict=True))
    for (supply_index, station_index), picks in sorted(model.candidates.items()):
        station = stations[station_index].id
        if station not in targets or not by_supply.get(supply_index):
            continue
        supply = model.supplies[supply_index]
        role_cost = model.scenario.roles[supply.role].cost * grid.slot_hours
        for pick in picks:
            template = model.templates[supply_index][int(pick)]
            if template.start < s.first or template.standing:
                continue
            starts, ends = grid.start(template.start), grid.end(template.end - 1)
            fitting = [k for k in by_supply[supply_index] if free[k].fits(template, starts, ends)]
            working = template.working()
            covered = working[short_mask[station][working]]
            if not fitting or not len(covered):
                continue
            cost, slots = role_cost * template.length, covered.tobytes()
            fitting = [
                k
                for k in fitting
                if (k, station, slots) not in best or best[(k, station, slots)].cost > cost
            ]
            if not fitting or not supervision_allows(s, supply.role, station, working, +1):
                continue
            terms = s.terms(supply.kind, station, working, +1)
            if short_slots.isdisjoint(terms):
                continue
            for k in fitting:
                best[(k, station, slots)] = Option(
                    "called-in", supply_index, template, station, len(free[k].people), terms,
                    cost, group=k,
                )  # fmt: skip
    return list(best.values())


class Allowed:
    """Whether the model lets a station take a template of a supply (looked up lazily: the
    whole set of candidates is large)."""

    def __init__(self, model: StaffingModel) -> None:
        self.model = model
        self.stations = {st.id: i for i, st in enumerate(model.requirements.stations)}
        self.index: dict[int, dict[Template, int]] = {}
        self.picks: dict[tuple[int, int], set[int]] = {}

    def __call__(self, supply: int, template: Template, station: str) -> bool:
        if supply not in self.index:
            self.index[supply] = {t: i for i, t in enumerate(self.model.templates[supply])}
        position = self.index[supply].get(template)
        key = (supply, self.stations.get(station, -1))
        if position is None or key not in self.model.candidates:
            return False
        if key not in self.picks:
            self.picks[key] = {int(i) for i in self.model.candidates[key]}
        return position in self.picks[key]


def move_options(
    s: Situation, targets: set[str], walk: dict[tuple[str, str], float], posts: set[str]
) -> list[Option]:
    """People on duty at a post going to a short post (see the module docstring)."""
    model, grid = s.model, s.model.grid
    handover = no_handover(model.scenario, grid)
    groups: dict[tuple[int, Template, str], list[Shift]] = defaultdict(list)
    for shift in s.shifts:
        if shift.station_id in posts and not shift.instance and shift.template.end > s.first:
            groups[(shift.supply, shift.template, shift.station_id)].append(shift)
    keys = sorted(groups, key=lambda key: key[2])  # ties go by the post's id
    sources = sorted({key[2] for key in keys})
    source_of = np.array([sources.index(key[2]) for key in keys] if keys else [], dtype=int)
    kind_ids: dict[Kind, int] = {}
    kind_of = np.array(
        [kind_ids.setdefault(model.supplies[k[0]].kind, len(kind_ids)) for k in keys]
    )
    begun = np.array([key[1].work_start < s.first for key in keys], dtype=bool)
    allowed, kinds = Allowed(model), _kinds(s)
    gap = s.short()
    options = []
    for target in sorted(targets):
        wanted = [kind_ids[k] for i in s.at_station[target] for k in kinds(i) if k in kind_ids]
        minutes = np.array([walk.get((p, target), np.inf) for p in sources])[source_of]
        usable = np.isfinite(minutes) & np.isin(kind_of, wanted)
        if target in sources:
            usable &= source_of != sources.index(target)
        first = np.where(begun, minutes, 0.0)  # a shift not yet begun walks nowhere
        order = np.flatnonzero(usable)[np.argsort(first[usable], kind="stable")]
        short_for: dict[int, np.ndarray] = {}  # kind -> slots short at the target for it
        found = 0
        for g in order:
            if found == NEAREST_GROUPS:
                break
            supply_index, template, source = keys[g]
            short = short_for.get(kind_of[g])
            if short is None:
                ids = s.counting(model.supplies[supply_index].kind, target)
                short = short_for[kind_of[g]] = gap[ids].sum(axis=0) > 0
            option = _move(
                s, supply_index, template, source, target, walk, handover, allowed, short
            )
            if option is None:
                continue
            members = groups[keys[g]]
            options.append(_with_people(option, tuple(sorted(m.person for m in members))))
            found += 1
    return options


def _kinds(s: Situation) -> Callable[[int], set[Kind]]:
    """The kinds of people on hand that count toward a demand (by its index, remembered)."""
    on_hand = {supply.kind for supply in s.model.supplies}

    @cache
    def counted(demand: int) -> set[Kind]:
        return {kind for kind in on_hand if s.demands[demand].admits(kind)}

    return counted


def _with_people(option: Option, people: tuple[str, ...]) -> Option:
    from dataclasses import replace

    return replace(option, people=people, limit=len(people))


def _move(
    s: Situation,
    supply_index: int,
    template: Template,
    source: str,
    target: str,
    walk: dict[tuple[str, str], float],
    handover: HandoverRule,
    allowed: Allowed,
    short: np.ndarray,
) -> Option | None:
    """The move of one group to ``target``, or ``None`` when no rule allows it or it covers
    no slot ``short`` marks."""
    grid = s.model.grid
    supply = s.model.supplies[supply_index]
    minutes = walk[(source, target)]
    closes = closing(s.closed, source, template, grid)
    since = max(s.first, s.first if closes is None else closes)
    if template.work_start >= since:  # not at the post yet: moves whole, where allowed
        if not allowed(supply_index, template, target):
            return None
        leave, arrive = template.start, template.start
        minutes = 0.0
    else:
        leave = since
        if template.break_start <= leave < template.break_end:
            leave = template.break_end
        arrive = leave + math.ceil(minutes / grid.slot_minutes - 1e-9)
        if arrive >= template.end or handover.start_blocked[min(leave, grid.size - 1)]:
            return None
        if arrive < grid.size and handover.start_blocked[arrive]:
            return None
    working = template.working()
    gone, there = working[working >= leave], working[working >= arrive]
    if not short[there].any():
        return None
    if not supervision_allows(s, supply.role, target, there, +1):
        return None
    if not supervision_allows(s, supply.role, source, gone, -1):
        return None
    terms = {**s.terms(supply.kind, source, gone, -1), **s.terms(supply.kind, target, there, +1)}
    kind = "moved" if closes is None else "moved-released"
    return Option(
        kind, supply_index, template, target, 0, terms, 0.0, source, leave, arrive, minutes
    )


def closing(closed: dict[str, int], post: str, template: Template, grid: TimeGrid) -> int | None:
    """The slot a shift at ``post`` is cut at by its closing, or ``None`` when the closing
    (which holds to the end of its working day) does not touch it."""
    close = closed.get(post)
    if close is None or template.end <= close:
        return None
    return close if template.day == grid.day_of(min(close, grid.size - 1)) else None
