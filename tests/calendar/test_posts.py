"""A recurring duty of several posts: a school's main gate and side gate, each with its own
roles and numbers, through every layer (file, plan, day folders, roster, checks, archive)."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from eventplan.archive import add_plan
from eventplan.archive.database import open_archive
from eventplan.archive.schema import Assignment as Stored
from eventplan.calendar.fairness import fairness_rows
from eventplan.calendar.loader import load_calendar
from eventplan.calendar.outputs import plan_files
from eventplan.calendar.sitemap import sites_map
from eventplan.calendar.verify import verify
from eventplan.errors import InputError
from eventplan.scenario import load
from tests.calendar.micro import MONDAY, calendar, contract, plan
from tests.calendar.test_dayfolder import violations, written

WINDOW = {"id": "entry", "start": "07:30", "end": "08:10"}
MAIN = {
    "id": "main",
    "needs": [{"roles": ["police"], "count": 1}, {"roles": ["auxiliary"], "count": 2}],
}
SIDE = {"id": "side", "name": "Side gate", "needs": [{"roles": ["auxiliary"], "count": 1}]}


def school(auxiliaries: int) -> dict[str, Any]:
    """Officer Li and ``auxiliaries`` auxiliaries; the gate duty of two posts at s1."""
    people = [{"id": "li"}] + [{"id": f"a{k}", "role": "auxiliary"} for k in range(auxiliaries)]
    gate = {"id": "gate", "site": "s1", "days": "daily", "windows": [WINDOW], "posts": [MAIN, SIDE]}
    document = calendar(people, [gate], {"c": contract()})
    document["roles"]["auxiliary"] = {"cost": 1}
    return document


def test_each_post_is_staffed_and_its_own_post_of_the_day(tmp_path: Path) -> None:
    # Main gate: 1 police + 2 auxiliaries; side gate: 1 auxiliary; Li and three auxiliaries,
    # one day: all four on duty, nobody short. The day's scenario has the posts gate.main
    # and gate.side; its roster puts Li and two auxiliaries at gate.main, one at gate.side.
    loaded, result = plan(tmp_path, school(3), days=1)
    assert result.shortfalls == []
    at = sorted((a.post, a.person) for a in result.assignments)
    assert [post for post, _ in at] == ["main", "main", "main", "side"]
    assert ("main", "li") in at
    (day,) = written(tmp_path / "out", loaded, result)
    roster = list(csv.DictReader(io.StringIO((day / "roster.csv").read_text("utf-8-sig"))))
    assert sorted(r["post"] for r in roster) == ["gate.main", "gate.main", "gate.main", "gate.side"]
    assert violations(day) == []
    files = plan_files(loaded, result, [])
    table = files["roster.csv"].decode("utf-8-sig")
    assert "s1/main/entry" in table and "s1/side/entry" in table
    names = {p.id: p.name for p in load(day / "scenario.json").posts}
    assert names == {"gate.main": "main, gate at s1", "gate.side": "Side gate, gate at s1"}


def test_a_post_left_short_is_named(tmp_path: Path) -> None:
    # Two auxiliaries for three auxiliary places (2 at the main gate, 1 at the side gate):
    # exactly one place short, in shortfalls.csv with its post; Li stands the main gate.
    loaded, result = plan(tmp_path, school(2), days=1)
    assert sum(s.need - s.filled for s in result.shortfalls) == 1
    (short,) = result.shortfalls
    assert short.post in ("main", "side") and short.roles == ("auxiliary",)
    rows = list(csv.DictReader(io.StringIO(plan_files(loaded, result, [])["shortfalls.csv"]
                                           .decode("utf-8-sig"))))  # fmt: skip
    assert [(r["post"], r["short"]) for r in rows] == [(short.post, "1")]


def test_the_cross_day_check_reads_posts(tmp_path: Path) -> None:
    # Moving the main gate's police officer to the side gate (which asks an auxiliary) is a
    # role breach; a post the duty does not have is named; two at the side gate over-fill it.
    loaded, result = plan(tmp_path, school(3), days=1)
    li = next(a for a in result.assignments if a.person == "li")
    side = next(a for a in result.assignments if a.post == "side")
    moved = replace(li, post="side", key=side.key)
    problems = verify(loaded, [*result.assignments, moved], MONDAY)
    assert any("role: 'police'" in p for p in problems), problems
    assert any(p.startswith(f"{side.key}: coverage: 2 people") for p in problems), problems
    lost = replace(li, post="back")
    others = [a for a in result.assignments if a.person != "li"]
    assert verify(loaded, [*others, lost], MONDAY) == [
        f"li {MONDAY}: post: 'back' is not a post of 'gate'"
    ]


def test_fairness_map_and_archive_follow_the_posts(tmp_path: Path, db: str) -> None:
    # Each of the four stands 40 minutes (07:30-08:10, no travel): the auxiliaries' hours
    # are 2/3 h each, spread 0; the map's cells name the post; the archive (SQLite and
    # PostgreSQL) keeps each stint's post.
    loaded, result = plan(tmp_path, school(3), days=1)
    hours = [
        r for r in fairness_rows(loaded, result.assignments, result.carried)
        if r["role"] == "auxiliary" and r["measure"] == "hours"
    ]  # fmt: skip
    assert [(r["max"], r["spread"]) for r in hours] == [(round(40 / 60, 2), 0.0)]
    page = sites_map(loaded, result)
    assert "entry (main)" in page and "entry (side)" in page
    (day,) = written(tmp_path / "out", loaded, result)
    add_plan(db, day)
    with Session(open_archive(db)) as session:
        posts = sorted(session.scalars(select(Stored.post)))
    assert posts == ["gate.main", "gate.main", "gate.main", "gate.side"]


BAD_POSTS = """\
eventplan_calendar: 1
roles:
  police: {cost: 1}
contracts:
  c: {hours_per_week: 40, hours_per_month: 170}
stations:
  - {id: st, lat: 40.8, lon: 111.6}
sites:
  - {id: s1, lat: 40.8, lon: 111.6}
duties:
  - id: gate
    site: s1
    windows: [{id: w, start: "07:30", end: "08:10"}]
    posts:
      - {id: main, needs: [{roles: [police], count: 1}]}
      - {id: main, needs: [{roles: [gaurd], count: 1}]}
  - id: lane
    site: s1
    windows: [{id: w, start: "07:30", end: "08:10"}]
    needs: [{roles: [police], count: 1}]
    posts: [{id: a, needs: [{roles: [police], count: 1}]}]
  - id: empty
    site: s1
    windows: [{id: w, start: "07:30", end: "08:10"}]
"""


def test_bad_posts_are_named_with_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD_POSTS)
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    shown = [str(p) for p in caught.value.problems]
    assert shown == [
        f"{path}:16: duties[0].posts[1].id: post id 'main' is used twice in this duty",
        f"{path}:16: duties[0].posts[1].needs[0].roles[0]: unknown role 'gaurd'",
        f"{path}:21: duties[1].posts: give either needs (one post) or posts, not both",
        f"{path}:22: duties[2]: give the duty's needs, or its posts each with its needs",
    ]


def test_one_person_stands_one_post_a_window(tmp_path: Path) -> None:
    # One officer, split duty allowed; entry (morning) and dismissal (afternoon) at a gate of
    # two posts, each asking one police officer: of the four places the officer fills one a
    # window (two posts in one window would be two places at once), so 2 stood, 2 short.
    windows = [
        {"id": "entry", "start": "07:30", "end": "08:10", "part": "morning"},
        {"id": "dismissal", "start": "16:30", "end": "17:10", "part": "afternoon"},
    ]
    posts = [{"id": k, "needs": [{"roles": ["police"], "count": 1}]} for k in ("main", "side")]
    gate = {"id": "gate", "site": "s1", "days": "daily", "windows": windows, "posts": posts}
    document = calendar([{"id": "li"}], [gate], {"c": contract(split_allowed=True)})
    _, result = plan(tmp_path, document, days=1)
    assert sorted(a.window for a in result.assignments) == ["dismissal", "entry"]
    assert sum(s.need - s.filled for s in result.shortfalls) == 2
