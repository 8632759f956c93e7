"""The rules of command on the map in a real browser: a post's sector and its leader on duty,
the screening queue, the command post, reserves, unit leaders, and the rules panel; in
English, Chinese and redacted. Screenshots land in ``tests/artifacts/``."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from eventplan.render import render_map
from tests.render.mappage import Expected, MapPage
from tests.render.synth_command import OVERLOADED
from tests.render.test_map_browser import write

INGRESS, SHOW = 1, 2  # the small concert's phases: setup, ingress, show, egress


def on_duty(stints: list[dict], window) -> list[str]:
    """Names of the stints of plan.json that overlap a phase window (the map's windows are
    local times with their UTC offset; this event's clocks do not change)."""
    offset = window.start.tzinfo
    return [
        s["name"]
        for s in stints
        if datetime.fromisoformat(s["start"]).replace(tzinfo=offset) < window.end
        and window.start < datetime.fromisoformat(s["end"]).replace(tzinfo=offset)
    ]


def test_post_popup_shows_sector_leader_and_queue(
    plans: dict[str, Path], browser, tmp_path: Path, artifacts: Path
) -> None:
    folder = plans["mini"]
    expected = Expected(folder)
    leaders = on_duty(expected.plan["sectors"][0]["leaders"], expected.windows[INGRESS])
    queue = expected.plan["queues"][0]
    peak = max(queue["slots"], key=lambda s: s["wait_minutes"])
    page = MapPage(browser, write(render_map(folder), tmp_path, "command")).open()
    try:
        page.show_phase(INGRESS)
        text = page.open_popup("post", "gate-0-screening", ".ep-pop[data-post]")
        assert "Sector\nNorth sector (north)" in text
        assert leaders and all(name in text for name in leaders)
        assert "Screening queue" in text
        assert f"Worst wait {queue['worst_wait_minutes']:g} min (target 10 min)" in text
        slot = page.page.inner_text(f".ep-queue tr[data-slot='{peak['start'][11:16]}']")
        assert slot.split("\t") == [
            peak["start"][11:16],
            f"{peak['arrivals_per_minute']:g}",
            str(peak["lanes_open"]),
            f"{peak['queue']:g}",
            f"{peak['wait_minutes']:g}",
        ]
        assert page.page.locator(".ep-spark rect").count() == len(
            [s for s in queue["slots"] if s["start"] < "2025-07-12T19:00"]
        )
        page.page.wait_for_timeout(300)  # the popup fades in
        page.page.screenshot(path=str(artifacts / "map-command-post.png"))
        assert page.errors == [] and page.blocked == []
    finally:
        page.close()


def test_overloaded_queue_marks_its_post(plans: dict[str, Path], browser, tmp_path: Path) -> None:
    # Gate 3 has no target and one lane for 18.7 arrivals a minute: over 15 minutes in ingress.
    page = MapPage(browser, write(render_map(plans["mini"]), tmp_path, "queue")).open()
    try:
        page.show_phase(INGRESS)
        color, weight, over = page.marker_options(
            "post", OVERLOADED, "color", "weight", "epQueueOver"
        )
        assert (color, weight, over) == ("#ff6d00", 4, True)
        assert page.marker_options("post", "gate-0-screening", "epQueueOver") == [False]
        text = page.open_popup("post", OVERLOADED, ".ep-pop[data-post]")
        assert "no target; flagged above 15 min" in text
        assert page.page.locator(".ep-queue tr.ep-over").count() >= 1
        assert "Screening wait over target" in page.page.inner_text(".ep-legend")
        page.show_phase(SHOW)  # the lanes stay open until the queue left after ingress is gone
        text = page.open_popup("post", OVERLOADED, ".ep-pop[data-post]")
        assert "∞" not in text
        assert page.errors == []
    finally:
        page.close()


def test_command_post_reserve_and_unit_leader(
    plans: dict[str, Path], browser, tmp_path: Path, artifacts: Path
) -> None:
    folder = plans["mini"]
    expected = Expected(folder)
    window = expected.windows[SHOW]
    leaders = on_duty(expected.plan["sectors"][0]["leaders"], window)
    members = on_duty(expected.plan["reserves"][0]["members"], window)
    unit_leader = next(
        line.split(",")[1]
        for line in (folder / "roster.csv").read_text("utf-8").splitlines()
        if line.endswith(",rapid#1")
    )
    page = MapPage(browser, write(render_map(folder), tmp_path, "cmdpost")).open()
    try:
        page.show_phase(SHOW)
        assert page.count("command") == 1 and page.count("reserve") == 1
        text = page.open_popup("command", "command", ".ep-pop[data-command]")
        assert text.startswith("Command post: Command post")
        assert all(name in text for name in leaders + members)
        text = page.open_popup("reserve", "police-reserve", ".ep-pop[data-reserve]")
        assert "Reserve: Police reserve" in text and "at least 2 kept free" in text
        assert members and all(name in text for name in members)
        page.page.wait_for_timeout(300)  # the popup fades in
        page.page.screenshot(path=str(artifacts / "map-command-reserve.png"))
        text = page.open_popup("standby", "rapid#1", ".ep-pop[data-unit]")
        assert f"Leader: {unit_leader}" in text
        figures = page.page.inner_text(".ep-kpis")
        assert "No-handover windows: show-start 18:30–19:30" in figures
        assert "at most 2 辅警 per Police officer (at every post)" in figures
        legend = page.page.inner_text(".ep-legend")
        assert "Command post" in legend and "Reserve" in legend
        page.page.uncheck("input[name=ep-layer][value=command]")
        assert page.count("command") == 0 and page.count("reserve") == 0
        page.page.check("input[name=ep-layer][value=command]")
        page.show_phase(0)  # setup: no reserve is kept, the command post stays
        assert page.count("command") == 1 and page.count("reserve") == 0
        assert page.errors == [] and page.blocked == []
    finally:
        page.close()


def test_command_rules_in_chinese_and_redacted(
    plans: dict[str, Path], browser, tmp_path: Path, artifacts: Path
) -> None:
    folder = plans["mini"]
    plan = json.loads((folder / "plan.json").read_text("utf-8"))
    names = {s["name"] for s in plan["sectors"][0]["leaders"] + plan["reserves"][0]["members"]}
    page = MapPage(
        browser, write(render_map(folder, lang="zh", redact=True), tmp_path, "zh-redacted")
    ).open()
    try:
        page.show_phase(INGRESS)
        text = page.open_popup("post", "gate-0-screening", ".ep-pop[data-post]")
        window = Expected(folder).windows[INGRESS]
        stint = next(s for s in plan["sectors"][0]["leaders"] if on_duty([s], window))
        assert "片区" in text
        assert f"带班民警: 民警 {stint['start'][11:16]}–{stint['end'][11:16]}" in text
        assert "安检排队" in text and "最长等候时间" in text and "等候时间(分钟)" in text
        page.show_phase(SHOW)
        text = page.open_popup("reserve", "police-reserve", ".ep-pop[data-reserve]")
        assert "预备队" in text and "民警: 2" in text and "Police officer" not in text
        text = page.open_popup("command", "command", ".ep-pop[data-command]")
        assert text.startswith("指挥所")
        assert "禁止交接时段" in page.page.inner_text(".ep-kpis")
        assert not any(name in page.page.content() for name in names)
        page.page.wait_for_timeout(300)  # the popup fades in
        page.page.screenshot(path=str(artifacts / "map-command-zh.png"))
        assert page.errors == []
    finally:
        page.close()
