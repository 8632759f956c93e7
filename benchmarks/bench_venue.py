"""Venue analyses on a generated street grid of about 5,000 nodes.

Protocol: a seeded grid-like walkway network (71 x 71 junctions 25 m apart, jittered by up to
5 m, 15 % of the north-south links missing, 3 % of links stairs), 60 patrol targets, two
rapid-response entries (6 units within 3 minutes, 4 within 5), four stands with gates, and
two patrols over the same 60 targets (revisit 30 and 60 minutes). Each analysis runs
``--runs`` times, and so do the shortest-path queries alone on a fresh graph (the 60 x 60
matrix of walking minutes between patrol targets, and cut-off searches of 5 minutes at
1.3 m/s from every node, as the standby coverage makes them); the medians are printed. Each
patrol is then run once more with ten times the search time, and the ratio of total loop
length is printed (targets: standby + reach <= 10 s, patrol <= 30 s, loops within 5 % of the
10x run).

Run: ``python benchmarks/bench_venue.py [--runs 3] [--seed 1]``. Not part of the test suite.
"""

from __future__ import annotations

import argparse
import math
import random
import statistics
import time
from typing import Any

from eventplan.scenario import Scenario, from_document
from eventplan.venue.egress import plan_egress
from eventplan.venue.graph import VenueGraph
from eventplan.venue.patrol import SECONDS_PER_TARGET, plan_patrol
from eventplan.venue.response import plan_response

SIDE = 71
SPACING_M = 25.0
TARGETS = 60
#: Radius of the timed cut-off searches, in walking minutes.
REACH_MINUTES = 5


def grid_document(seed: int, side: int = SIDE, targets: int = TARGETS) -> dict[str, Any]:
    """A scenario document over a jittered street grid; every row is walkable end to end and
    the first column links the rows, so the graph is connected."""
    rng = random.Random(seed)
    ids = [[f"n{i}-{j}" for j in range(side)] for i in range(side)]
    nodes = _grid_nodes(rng, ids)
    edges = _grid_edges(rng, ids)
    picked = rng.sample(range(len(nodes)), targets + 12)
    for n in picked[:targets]:
        nodes[n]["kind"] = rng.choice(["gate", "plaza", "parking", "transit"])
        if nodes[n]["kind"] == "gate":
            nodes[n]["width_m"] = 4.0
    posts = [
        {
            "id": f"post{k}",
            "node": nodes[n]["id"],
            "priority": rng.choice(["critical", "high", "normal", "low"]),
            "needs": [{"phases": ["show"], "roles": ["police"], "min": 1}],
        }
        for k, n in enumerate(picked[targets:])
    ]
    stands = []
    for k, (ci, cj) in enumerate([(20, 20), (20, 50), (50, 20), (50, 50)]):
        members = [ids[ci + di][cj + dj] for di in range(-2, 3) for dj in range(-2, 3)]
        exits = [ids[ci + 6][cj], ids[ci - 6][cj]]
        stands.append({"id": f"stand{k}", "capacity": 6000, "nodes": members, "exits": exits})
    return _document(nodes, edges, stands, posts)


def _grid_nodes(rng: random.Random, ids: list[list[str]]) -> list[dict[str, Any]]:
    lat0, lon0 = 43.73, 7.42
    ky = 111_195.0
    kx = ky * math.cos(math.radians(lat0))
    nodes = []
    for i, row in enumerate(ids):
        for j, node_id in enumerate(row):
            x = j * SPACING_M + rng.uniform(-5, 5)
            y = i * SPACING_M + rng.uniform(-5, 5)
            nodes.append({"id": node_id, "lat": lat0 + y / ky, "lon": lon0 + x / kx})
    return nodes


def _grid_edges(rng: random.Random, ids: list[list[str]]) -> list[dict[str, Any]]:
    side = len(ids)
    edges = []
    for i in range(side):
        for j in range(side):
            links = [(i, j + 1, True), (i + 1, j, j == 0 or rng.random() > 0.15)]
            for a, b, keep in links:
                if a < side and b < side and keep:
                    kind = "stairs" if rng.random() < 0.03 else "walkway"
                    width = rng.choice([2.0, 3.0, 4.0, 6.0])
                    edges.append({"a": ids[i][j], "b": ids[a][b], "kind": kind, "width_m": width})
    return edges


def _document(nodes: list, edges: list, stands: list, posts: list) -> dict[str, Any]:
    return {
        "eventplan": 1,
        "event": {
            "id": "bench",
            "name": "Benchmark grid",
            "timezone": "Europe/Monaco",
            "attendance": 20000,
            "slot_minutes": 15,
            "phases": [{"id": "show", "start": "2025-07-12T19:00", "end": "2025-07-12T22:00"}],
        },
        "roles": {"police": {"shift_hours": [2, 12]}},
        "pools": [{"id": "police", "role": "police", "count": 500}],
        "venue": {"nodes": nodes, "edges": edges, "zones": stands},
        "posts": posts,
        "units": [
            {
                "id": "rapid",
                "composition": {"police": 4},
                "count": 6,
                "phases": ["show"],
                "respond_within_minutes": 3,
            },
            {
                "id": "district",
                "composition": {"police": 6},
                "count": 4,
                "phases": ["show"],
                "respond_within_minutes": 5,
            },
        ],
        "patrols": [
            {
                "id": f"every{minutes}",
                "composition": {"police": 2},
                "phases": ["show"],
                "targets": {"kinds": ["gate", "plaza", "parking", "transit"]},
                "revisit_minutes": minutes,
                "speed_mps": 1.1,
            }
            for minutes in (30, 60)
        ],
    }


def timed(run: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    result = run()
    return time.perf_counter() - start, result


def path_queries(scenario: Scenario) -> dict[str, float]:
    """Seconds of the shortest-path queries alone, on a graph with nothing cached."""
    graph = VenueGraph.from_scenario(scenario)
    targets = [n.id for n in scenario.venue.nodes if n.kind != "junction"]
    matrix, _ = timed(lambda: graph.matrix_minutes(targets, 1.1))
    cutoff_m = REACH_MINUTES * 60 * scenario.response.walking_speed_mps
    reach, _ = timed(lambda: sum(1 for _ in graph.near_all_m(cutoff_m)))
    return {"matrix": matrix, "reach": reach}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    scenario: Scenario = from_document(grid_document(args.seed))
    times: dict[str, list[float]] = {}
    loops: dict[str, list[tuple[int, float]]] = {p.id: [] for p in scenario.patrols}
    for _ in range(args.runs):
        seconds, graph = timed(lambda: VenueGraph.from_scenario(scenario))
        times.setdefault("graph", []).append(seconds)
        seconds, response = timed(lambda g=graph: plan_response(scenario, g))
        times.setdefault("response", []).append(seconds)
        for p in scenario.patrols:
            seconds, plan = timed(lambda g=graph, p=p: plan_patrol(p, scenario, g))
            times.setdefault(p.id, []).append(seconds)
            loops[p.id].append((plan.teams, sum(loop.loop_minutes for loop in plan.loops)))
        seconds, _ = timed(lambda g=graph: plan_egress(scenario, g))
        times.setdefault("egress", []).append(seconds)
        for step, seconds in path_queries(scenario).items():
            times.setdefault(step, []).append(seconds)
    median = {key: statistics.median(values) for key, values in times.items()}
    shares = ", ".join(f"{r.minutes:g} min {r.weight_share:.1%}" for r in response.reach)
    print(
        f"graph: {len(graph)} nodes, {len(graph.passages)} edges, {TARGETS} patrol targets, "
        f"{args.runs} runs, seed {args.seed}"
    )
    print(f"build graph          median {median['graph']:6.2f} s")
    print(
        f"standby + reach      median {median['response']:6.2f} s = "
        f"{median['response'] / 10:.2f} x the 10 s target (reach by weight {shares})"
    )
    print(f"egress (4 zones)     median {median['egress']:6.2f} s")
    print(f"paths: 60 x 60 matrix median {median['matrix']:6.3f} s (cold cache)")
    print(
        f"paths: {len(graph)} cut-off searches median {median['reach']:6.3f} s "
        f"({REACH_MINUTES} min at {scenario.response.walking_speed_mps:g} m/s)"
    )
    default = min(10.0, SECONDS_PER_TARGET * TARGETS)
    for p in scenario.patrols:
        teams, length = sorted(loops[p.id], key=lambda x: x[1])[len(loops[p.id]) // 2]
        print(
            f"patrol {p.id:<13} median {median[p.id]:6.2f} s = {median[p.id] / 30:.2f} x the "
            f"30 s target ({teams} teams, total {length:.1f} min)"
        )
        seconds, long_run = timed(
            lambda p=p: plan_patrol(p, scenario, graph, time_limit_s=10 * default)
        )
        best = sum(loop.loop_minutes for loop in long_run.loops)
        print(
            f"  10x search         {seconds:6.2f} s ({long_run.teams} teams, total "
            f"{best:.1f} min): length ratio {length / best:.4f}"
        )


if __name__ == "__main__":
    main()
