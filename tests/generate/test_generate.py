"""The scenario generator: valid files of the sizes asked, the same file for the same seed."""

from __future__ import annotations

import math

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventplan.generate import Spec, generate, generate_document, resolve
from eventplan.generate.venue import M_PER_DEG_LAT
from eventplan.timegrid import build_grid

SIZES = [
    Spec(staff=10, posts=1),
    Spec(staff=60, posts=6, slot_minutes=30),
    Spec(staff=300, posts=30, days=2),
    Spec(staff=1000),
    Spec(staff=2500, posts=250, days=3, slot_minutes=60, hours=12),
]


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("spec", SIZES, ids=lambda s: f"staff{s.staff}-days{s.days}")
def test_valid_without_warnings(spec: Spec, seed: int) -> None:
    scenario = generate(Spec(**{**spec.__dict__, "seed": seed}))
    assert scenario.warnings == ()


@pytest.mark.parametrize("spec", SIZES, ids=lambda s: f"staff{s.staff}-days{s.days}")
def test_sizes_as_asked(spec: Spec) -> None:
    scenario = generate(spec)
    resolved = resolve(spec)
    assert sum(p.count for p in scenario.pools) == spec.staff
    assert len(scenario.posts) == resolved.posts
    assert scenario.event.slot_minutes == spec.slot_minutes
    assert (
        {p.role for p in scenario.pools}
        == set(scenario.roles)
        == {"police", "auxiliary", "traffic", "guard", "volunteer"}
    )
    grid = build_grid(scenario)
    assert len(grid.days) == spec.days
    assert all(last - first == spec.hours * 60 // spec.slot_minutes for first, last in grid.days)


def test_attendance_and_days_as_asked() -> None:
    scenario = generate(Spec(staff=400, attendance=12345, days=4))
    assert scenario.event.attendance == 12345
    assert scenario.event.days is not None and len(scenario.event.days) == 4
    document = generate_document(Spec(staff=400, days=4))
    assert all(len(p["start"]) == 5 for p in document["event"]["phases"])  # HH:MM
    single = generate_document(Spec(staff=400))
    assert "days" not in single["event"]
    assert all("T" in p["start"] for p in single["event"]["phases"])


def test_same_seed_same_document() -> None:
    spec = Spec(staff=800, posts=90, days=2, seed=11)
    assert generate_document(spec) == generate_document(spec)
    assert generate_document(spec) != generate_document(Spec(**{**spec.__dict__, "seed": 12}))


def test_venue_is_one_graph_around_a_real_centre() -> None:
    document = generate_document(Spec(staff=3000, seed=5))
    venue = document["venue"]
    graph = nx.Graph((e["a"], e["b"]) for e in venue["edges"])
    graph.add_nodes_from(n["id"] for n in venue["nodes"])
    assert nx.is_connected(graph)
    lats = [n["lat"] for n in venue["nodes"]]
    lons = [n["lon"] for n in venue["nodes"]]
    centre_lat = sum(lats) / len(lats)
    span_m = (max(lats) - min(lats)) * M_PER_DEG_LAT
    span_m = max(
        span_m, (max(lons) - min(lons)) * M_PER_DEG_LAT * math.cos(math.radians(centre_lat))
    )
    assert 300 < span_m < 3000  # a stadium with its streets, car parks and metro stops
    kinds = {n["kind"] for n in venue["nodes"]}
    assert {"gate", "stand", "plaza", "road", "parking", "transit", "command"} <= kinds
    gates = [n["id"] for n in venue["nodes"] if n["kind"] == "gate"]
    screened = {p["node"] for p in document["posts"] if "screening" in p}
    assert screened == set(gates)


def test_forces_and_rules_present() -> None:
    scenario = generate(Spec(staff=5000, posts=500, seed=3))
    assert scenario.units and scenario.patrols and scenario.drones
    assert all(isinstance(p.teams, int) for p in scenario.patrols)
    assert scenario.rules.ratios and scenario.rules.meal_break is not None
    assert {p.priority for p in scenario.posts} == {"critical", "high", "normal", "low"}
    assert len({p.id for p in scenario.pools}) >= 7  # reserves and a second guard company


def test_shortage_grows_the_need_not_the_pools() -> None:
    def total_need(shortage: float) -> int:
        document = generate_document(Spec(staff=1000, seed=4, shortage=shortage))
        return sum(n["min"] for p in document["posts"] for n in p["needs"])

    assert total_need(-0.2) < total_need(0.0) < total_need(0.2)


def test_seeds_give_short_and_ample_events() -> None:
    shortages = [resolve(Spec(seed=seed)).shortage for seed in range(30)]
    assert any(s > 0.05 for s in shortages)
    assert any(s < -0.05 for s in shortages)


def test_shift_hours_reach_every_role_but_volunteers() -> None:
    document = generate_document(Spec(staff=500, seed=2, shift_hours=(6.0, 10.0)))
    spans = {role: tuple(r["shift_hours"]) for role, r in document["roles"].items()}
    assert spans.pop("volunteer") == (2.0, 6.0)
    assert set(spans.values()) == {(6.0, 10.0)}
    assert generate(Spec(staff=500, seed=2, shift_hours=(6.0, 10.0))).warnings == ()


def test_uneven_spreads_the_need_across_posts_and_zero_changes_nothing() -> None:
    def needs(uneven: float) -> list[int]:
        document = generate_document(Spec(staff=2000, seed=3, uneven=uneven))
        return [max(n["min"] for n in p["needs"]) for p in document["posts"]]

    def spread(values: list[int]) -> float:
        logs = [math.log(v) for v in values]
        mean = sum(logs) / len(logs)
        return math.sqrt(sum((x - mean) ** 2 for x in logs) / len(logs))

    assert generate_document(Spec(staff=2000, seed=3, uneven=0.0)) == generate_document(
        Spec(staff=2000, seed=3)
    )
    assert spread(needs(0.8)) > 1.3 * spread(needs(0.0))
    assert needs(0.8) == needs(0.8)


@pytest.mark.parametrize(
    "bad",
    [
        {"shift_hours": (8.0, 4.0)},
        {"shift_hours": (0.5, 4.0)},
        {"uneven": -0.1},
        {"staff": 5},
        {"posts": 0},
        {"days": 0},
        {"slot_minutes": 7},
        {"hours": 30},
        {"shortage": 1.5},
        {"attendance": 10},
    ],
)
def test_bad_specs_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        Spec(**bad)


@settings(max_examples=20, deadline=None)
@given(
    staff=st.integers(10, 400),
    posts=st.integers(1, 60),
    days=st.integers(1, 3),
    slot=st.sampled_from([5, 10, 15, 20, 30, 60]),
    hours=st.integers(8, 20),
    seed=st.integers(0, 10_000),
)
def test_any_small_spec_is_valid(
    staff: int, posts: int, days: int, slot: int, hours: int, seed: int
) -> None:
    scenario = generate(
        Spec(staff=staff, posts=posts, days=days, slot_minutes=slot, hours=hours, seed=seed)
    )
    assert sum(p.count for p in scenario.pools) == staff
    assert len(scenario.posts) == posts
