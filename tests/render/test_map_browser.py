"""The commander's map in a real browser (Debian's Chromium driven by Playwright).

Each map must open without a single network request or script error, show the expected
markers, routes and phase layers, open the right popup on a click, and keep hostile names as
inert text. A screenshot of each lands in ``tests/artifacts/``.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

from eventplan.render import render_map
from tests.render.mappage import Expected, MapPage
from tests.render.render_synth import BUNDLED, HOSTILE, SCRIPT_BREAK

MAPS = [f.stem for f in BUNDLED] + ["mini", "hostile", "hostile-fabricated", "multiday", "sparse"]


class _TagCounter(HTMLParser):
    def __init__(self, tag: str) -> None:
        super().__init__()
        self.tag, self.count = tag, 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.count += tag == self.tag


def count_tags(html: str, tag: str) -> int:
    """How many elements of ``tag`` an HTML parser finds in the page source."""
    counter = _TagCounter(tag)
    counter.feed(html)
    return counter.count


def write(html: str, folder: Path, name: str) -> Path:
    path = folder / f"{name}.html"
    path.write_text(html, encoding="utf-8")
    return path


def first_needed_post(page: MapPage, expected: Expected, window: int) -> tuple[str, str]:
    """Id and shown name of the most important post that has a need in ``window``."""
    status = page.js(f"window.__eventplan.data.status[{window}]")
    ranked = sorted(
        range(len(expected.scenario.posts)),
        key=lambda i: (
            {"critical": 0, "high": 1, "normal": 2, "low": 3}[expected.scenario.posts[i].priority],
            i,
        ),
    )
    chosen = next((i for i in ranked if status[i] != "0"), ranked[0])
    post = expected.scenario.posts[chosen]
    return post.id, post.name or post.id


@pytest.mark.parametrize("name", MAPS)
def test_map_in_browser(
    name: str, plans: dict[str, Path], browser, tmp_path: Path, artifacts: Path
) -> None:
    folder = plans[name]
    expected = Expected(folder)
    html = write(render_map(folder), tmp_path, name)
    page = MapPage(browser, html).open()
    try:
        assert page.blocked == []
        assert [u for u in page.requests if u != html.as_uri()] == []
        phases = page.js("window.__eventplan.data.phases.length")
        assert phases == len(expected.windows) == len(expected.plan["phases"])
        for window in range(phases):
            page.show_phase(window)
            day = expected.windows[window].day
            radios = page.page.locator("input[name=ep-phase]").count()
            assert radios == expected.windows_on(day)
            assert page.count("post") == expected.posts()
            assert page.count("route") == expected.routes(window)
            assert page.count("standby") == expected.standby(window)
        window = page.js("window.__eventplan.data.status.length") - 1
        page.show_phase(window)
        post_id, post_name = first_needed_post(page, expected, window)
        page.click_marker("post", post_id)
        assert (
            page.js(
                "document.querySelector('.leaflet-popup-content .ep-pop').getAttribute('data-post')"
            )
            == post_id
        )
        assert page.page.inner_text(".leaflet-popup-content .ep-pop-title") == post_name
        page.js("void window.__eventplan.map.closePopup()")
        page.show_phase(page.js("window.__eventplan.data.status.length") // 2)
        page.js("window.__eventplan.fit()")
        page.page.screenshot(path=str(artifacts / f"map-{name}.png"))
        assert page.errors == []
        assert page.dialogs == []
        assert page.blocked == []
    finally:
        page.close()


@pytest.mark.parametrize("name", ["hostile", "hostile-fabricated"])
def test_hostile_names_stay_text(
    name: str, plans: dict[str, Path], browser, tmp_path: Path
) -> None:
    html = write(render_map(plans[name]), tmp_path, name)
    page = MapPage(browser, html).open()
    try:
        assert HOSTILE in page.page.inner_text("#ep-title")
        assert page.js("document.querySelectorAll('img').length") == 0
        # Only the page's own script elements exist: nothing was injected.
        assert page.js("document.scripts.length") == count_tags(html.read_text("utf-8"), "script")
        page.click_marker("post", "gate-0-screening")
        text = page.popup_text()
        assert f"Gate 0 screening{HOSTILE}" in text
        assert f"Node 00{HOSTILE}" in text
        assert f"North sector{HOSTILE}" in text
        page.show_phase(2)  # show: the sector leader and the reserve are on duty
        text = page.open_popup("post", "gate-0-screening", ".ep-pop[data-post]")
        assert f"Police officer{HOSTILE} 00" in text  # the sector leader's name
        text = page.open_popup("command", "command", ".ep-pop[data-command]")
        assert f"Command post{HOSTILE}" in text and f"Police reserve{HOSTILE}" in text
        text = page.open_popup("reserve", "police-reserve", ".ep-pop[data-reserve]")
        assert f"Police reserve{HOSTILE}" in text and f"Police officer{HOSTILE} 00" in text
        page.js("void window.__eventplan.map.closePopup()")
        assert HOSTILE in page.page.inner_text(".ep-zone-label")
        for window in range(page.js("window.__eventplan.data.phases.length")):
            page.show_phase(window)
        page.js("void window.__eventplan.map.setZoom(15)")
        nodes = page.js("window.__eventplan.data.nodes.map(n => n[3])")
        assert any(SCRIPT_BREAK in n for n in nodes)
        assert page.dialogs == []
        assert page.errors == []
        assert page.blocked == []
    finally:
        page.close()


def test_map_runs_under_its_content_security_policy(
    plans: dict[str, Path], browser, tmp_path: Path
) -> None:
    html = write(render_map(plans["mini"]), tmp_path, "csp")
    page = MapPage(browser, html, bypass_csp=False).open()
    try:
        page.show_phase(1)
        page.click_marker("post", "gate-1")
        assert "gate-1" in page.popup_text()
        assert page.errors == []
        assert page.blocked == []
    finally:
        page.close()


def test_osm_tiles_ask_only_the_tile_server(
    plans: dict[str, Path], browser, tmp_path: Path
) -> None:
    html = write(render_map(plans["mini"], tiles="osm"), tmp_path, "osm")
    page = MapPage(browser, html).open()
    try:
        page.page.wait_for_timeout(300)
        assert page.blocked, "tiles were requested"
        assert all(u.startswith("https://tile.openstreetmap.org/") for u in page.blocked)
        assert "© OpenStreetMap contributors" in page.page.inner_text(
            ".leaflet-control-attribution"
        )
    finally:
        page.close()


def test_chinese_interface(plans: dict[str, Path], browser, tmp_path: Path) -> None:
    html = write(render_map(plans["mini"], lang="zh"), tmp_path, "zh")
    page = MapPage(browser, html).open()
    try:
        assert page.page.inner_text(".ep-phases .ep-head").startswith("阶段")
        assert "图例" in page.page.inner_text(".ep-legend summary")
        assert page.js("document.documentElement.lang") == "zh-CN"
        page.click_marker("post", "gate-1")
        text = page.popup_text()
        assert "北门 1号岗" in text and "需求" in text
        assert page.errors == []
    finally:
        page.close()


def test_redacted_popup_shows_counts_only(plans: dict[str, Path], browser, tmp_path: Path) -> None:
    folder = plans["mini"]
    names = {
        line.split(",")[1] for line in (folder / "roster.csv").read_text("utf-8").splitlines()[1:]
    }
    html = write(render_map(folder, redact=True), tmp_path, "redacted")
    page = MapPage(browser, html).open()
    try:
        page.show_phase(1)
        page.click_marker("post", "gate-0-screening")
        text = page.popup_text()
        assert "names hidden" in text
        assert not any(n and n in text for n in names)
    finally:
        page.close()


def test_multiday_day_switch(plans: dict[str, Path], browser, tmp_path: Path) -> None:
    html = write(render_map(plans["multiday"]), tmp_path, "days")
    page = MapPage(browser, html).open()
    try:
        options = page.js(
            "Array.from(document.querySelectorAll('.ep-day option')).map(o => o.value)"
        )
        assert options == ["2025-08-20", "2025-08-21"]
        page.page.select_option(".ep-day select", "2025-08-21")
        current = page.js("window.__eventplan.phase()")
        assert page.js(f"window.__eventplan.data.phases[{current}].day") == "2025-08-21"
        values = page.js(
            "Array.from(document.querySelectorAll('input[name=ep-phase]')).map(i => +i.value)"
        )
        assert values == [4, 5, 6, 7]
        assert page.errors == []
    finally:
        page.close()
