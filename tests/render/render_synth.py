"""Synthetic plan folders for the map tests and the map benchmark.

A plan folder here has the solver's layout (see the outputs in the README): ``plan.json``,
``roster.csv``, ``coverage.csv`` and ``scenario.json``. Its content is fabricated, seeded and
consistent with the scenario (every post, need, unit, patrol, drone, sector, reserve and
screening queue of the scenario appears, with briefings and leaders), but nothing is
optimised: the map only draws what a plan says.
"""

from __future__ import annotations

import csv
import json
import math
import random
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import networkx as nx

from eventplan.render.phases import phase_windows
from eventplan.scenario import Scenario, dumps, from_document
from tests.render.synth_command import add_briefings, fabricate_command
from tests.render.synth_scenarios import (
    BUNDLED,
    HOSTILE,
    ROOT,
    SCRIPT_BREAK,
    grid_document,
    multiday_document,
    small_document,
)

__all__ = [
    "BUNDLED",
    "HOSTILE",
    "ROOT",
    "SCRIPT_BREAK",
    "grid_document",
    "multiday_document",
    "scenario_from",
    "small_document",
    "write_plan",
]

SURNAMES = ["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu"]
GIVEN = ["Wei", "Fang", "Na", "Min", "Jing", "Lei", "Qiang", "Yan", "Jun", "Tao"]
HANZI = ["王伟", "李娜", "张敏", "刘洋", "陈静", "杨磊", "赵强", "黄艳", "周军", "吴涛"]


def person_name(rng: random.Random, k: int) -> str:
    if k % 3 == 0:
        return rng.choice(HANZI)
    return f"{rng.choice(SURNAMES)} {rng.choice(GIVEN)}"


class _Fabricator:
    def __init__(self, scenario: Scenario, seed: int) -> None:
        self.s = scenario
        self.rng = random.Random(seed)
        self.windows = phase_windows(scenario, {})
        self.step = timedelta(minutes=scenario.event.slot_minutes)
        self.roster: list[dict[str, str]] = []
        self.coverage: list[list[Any]] = []
        self.shortfalls: list[dict[str, Any]] = []
        self.count = 0

    def person(
        self, role: str, post: str, start: datetime, end: datetime, name: str = "", leads: str = ""
    ) -> None:
        self.count += 1
        pool = next((p for p in self.s.pools if p.role == role), self.s.pools[0])
        self.roster.append(
            {
                "person": f"p{self.count:05d}",
                "name": name or person_name(self.rng, self.count),
                "role": role,
                "pool": pool.id,
                "unit": pool.unit or "",
                "post": post,
                "start": start.isoformat(timespec="minutes"),
                "end": end.isoformat(timespec="minutes"),
                "leads": leads,
            }
        )

    def posts(self) -> None:
        for post in self.s.posts:
            for need in post.needs:
                group = "+".join(need.roles)
                for window in self.windows:
                    if window.id not in need.phases:
                        continue
                    roll = self.rng.random()
                    assigned = need.min if roll < 0.7 else 0 if roll < 0.8 else max(0, need.min - 1)
                    for _ in range(assigned):
                        self.person(need.roles[0], post.id, window.start, window.end)
                    t = window.start
                    while t < window.end:
                        short = need.min - assigned
                        self.coverage.append(
                            [post.id, t, t + self.step, group, need.min, assigned, short]
                        )
                        t += self.step
                    if assigned < need.min:
                        self.shortfalls.append(
                            {
                                "post": post.id,
                                "role_group": group,
                                "start": window.start.isoformat(timespec="minutes"),
                                "end": window.end.isoformat(timespec="minutes"),
                                "missing": need.min - assigned,
                                "priority": post.priority,
                                "cause": f"pool of {need.roles[0]} exhausted in {window.id}",
                            }
                        )

    def span(self, phases: tuple[str, ...]) -> tuple[datetime, datetime]:
        chosen = [w for w in self.windows if w.id in phases] or self.windows
        return min(w.start for w in chosen), max(w.end for w in chosen)

    def forces(self) -> dict[str, Any]:
        graph = nx.Graph()
        graph.add_nodes_from(n.id for n in self.s.venue.nodes)
        graph.add_edges_from((e.a, e.b) for e in self.s.venue.edges)
        nodes = {n.id: n for n in self.s.venue.nodes}
        standby, patrols, drones = [], [], {}
        candidates = [n.id for n in self.s.venue.nodes if graph.degree(n.id) > 0] or list(nodes)
        for unit in self.s.units:
            start, end = self.span(unit.phases)
            for index in range(1, unit.count + 1):
                standby.append(
                    {"unit": unit.id, "index": index, "node": self.rng.choice(candidates)}
                )
                for role, n in unit.composition.items():
                    for _ in range(n):
                        self.person(role, f"{unit.id}-{index}", start, end)
        for spec in self.s.patrols:
            teams = spec.teams if isinstance(spec.teams, int) else 2
            targets = [
                n
                for n in nodes
                if graph.degree(n) > 0
                and (nodes[n].kind in spec.targets.kinds or n in spec.targets.nodes)
            ]
            start, end = self.span(spec.phases)
            for team in range(1, teams + 1):
                chosen = self.rng.sample(targets, min(len(targets), self.rng.randint(3, 6)))
                walk = _closed_walk(graph, nodes, chosen)
                if len(walk) < 3:
                    continue
                patrols.append(
                    {
                        "id": spec.id,
                        "team": team,
                        "nodes": walk,
                        "loop_minutes": round(len(walk) * 1.7, 1),
                        "max_revisit_minutes": spec.revisit_minutes,
                    }
                )
                for role, n in spec.composition.items():
                    for _ in range(n):
                        self.person(role, f"{spec.id}-{team}", start, end)
        for drone in self.s.drones:
            start, end = self.span(drone.phases)
            drones[drone.id] = {"sorties": [{"start": start.isoformat(timespec="minutes")}] * 3}
            self.person(drone.pilot_role, drone.id, start, end)
        egress = []
        for k, zone in enumerate(self.s.venue.zones):
            minutes = round(4 + 6 * self.rng.random(), 1)
            neck = (
                {"a": zone.exits[0], "b": next(iter(graph.neighbors(zone.exits[0])))}
                if (graph.degree(zone.exits[0]) and k % 2 == 0)
                else zone.exits[0]
            )
            egress.append(
                {
                    "zone": zone.id,
                    "persons": zone.capacity,
                    "minutes": minutes,
                    "bottleneck": neck,
                    "target_met": minutes <= 8,
                }
            )
        return {"standby": standby, "patrols": patrols, "drones": drones, "egress": egress}


def _closed_walk(graph: nx.Graph, nodes: dict[str, Any], chosen: list[str]) -> list[str]:
    if not chosen:
        return []
    lat = sum(nodes[n].lat for n in chosen) / len(chosen)
    lon = sum(nodes[n].lon for n in chosen) / len(chosen)
    order = sorted(chosen, key=lambda n: math.atan2(nodes[n].lat - lat, nodes[n].lon - lon))
    walk = [order[0]]
    for a, b in zip(order, order[1:] + order[:1], strict=True):
        try:
            walk.extend(nx.shortest_path(graph, a, b)[1:])
        except nx.NetworkXNoPath:
            continue
    if walk[-1] != walk[0]:
        walk.append(walk[0])
    return walk


def write_plan(scenario: Scenario, folder: Path, seed: int = 0) -> Path:
    """Fabricate a plan for ``scenario`` and write it as a plan folder."""
    fab = _Fabricator(scenario, seed)
    fab.posts()
    forces = fab.forces()
    command = fabricate_command(fab)
    add_briefings(fab)
    folder.mkdir(parents=True, exist_ok=True)
    covered = {p: [0, 0] for p in ("critical", "high", "normal", "low")}
    priority = {p.id: p.priority for p in scenario.posts}
    hours = fab.step.total_seconds() / 3600
    for row in fab.coverage:
        if row[0] in priority:  # posts only; sector leads and reserves are not counted here
            covered[priority[row[0]]][0] += row[4]
            covered[priority[row[0]]][1] += row[6]
    plan = {
        "eventplan": 1,
        "scenario": {"id": scenario.event.id, "name": scenario.event.name, "file": "scenario.json"},
        "solver": {
            "status": "FEASIBLE",
            "objective": 12345.5,
            "bound": 12000.0,
            "gap": 0.028,
            "seconds": 12.3,
            "seed": seed,
        },
        "kpis": {
            "coverage": {p: round(1 - s / r, 4) for p, (r, s) in covered.items() if r},
            "uncovered_person_hours": {p: s * hours for p, (r, s) in covered.items() if r},
            "cost": 54321.0,
            "staff_used": {
                "role": {r: sum(1 for x in fab.roster if x["role"] == r) for r in scenario.roles},
                "pool": {},
            },
        },
        "phases": [
            {
                "id": w.id,
                "start": w.start.isoformat(timespec="minutes"),
                "end": w.end.isoformat(timespec="minutes"),
            }
            for w in fab.windows
        ],
        "assignments": [],
        "shortfalls": fab.shortfalls,
        "response": {
            "reach": {"1": 0.31, "3": 0.82, "5": 0.97},
            "unreached": {"5": [scenario.venue.nodes[-1].id]},
        },
        **forces,
        **command,
    }
    (folder / "plan.json").write_text(json.dumps(plan, ensure_ascii=False, indent=1), "utf-8")
    (folder / "scenario.json").write_text(dumps(scenario, "json"), "utf-8")
    with (folder / "roster.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(
            stream, ["person", "name", "role", "pool", "unit", "post", "start", "end", "leads"]
        )
        writer.writeheader()
        writer.writerows(fab.roster)
    with (folder / "coverage.csv").open("w", newline="", encoding="utf-8") as stream:
        writer = csv.writer(stream)
        writer.writerow(
            ["post", "slot_start", "slot_end", "role_group", "required", "assigned", "shortfall"]
        )
        for row in fab.coverage:
            writer.writerow(
                [
                    row[0],
                    row[1].isoformat(timespec="minutes"),
                    row[2].isoformat(timespec="minutes"),
                    *row[3:],
                ]
            )
    return folder


def scenario_from(document: dict[str, Any]) -> Scenario:
    """Validate a generated document (raises on a mistake in the generator)."""
    return from_document(document, file="<generated>")
