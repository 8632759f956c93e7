"""The first view of the map in Chromium: what a commander sees before touching anything.

On the Monaco match (a venue imported from OpenStreetMap, solved in the session's fixture) and
on the concert: reach bands, walkways and egress are off (not drawn, unticked, out of the
legend), every post is drawn inside the viewport, clear of the panels and on top of the plan's
canvas; sectors are drawn; Monaco's ground lies under everything, painted on its canvas, with
the OpenStreetMap attribution. Screenshots of both land in ``tests/artifacts/``.
"""

from __future__ import annotations

from pathlib import Path

from eventplan.render import render_map
from eventplan.scenario import load
from tests.render import render_synth as synth
from tests.render.mappage import MapPage
from tests.render.render_synth import HOSTILE, SCRIPT_BREAK
from tests.render.test_map_browser import write
from tests.render.test_map_ground import SQUARE, collection, feature, scenario_with_ground

OFF_AT_FIRST = ("reach", "walkways", "egress")
#: Layer kinds each switched-off layer draws (none may be on the map at the first view).
OFF_KINDS = ("reach", "unreached", "edges", "egress", "bottleneck")
STATUS_RGB = [(0x9E, 0x9E, 0x9E), (0x2E, 0x7D, 0x32), (0xF9, 0xA8, 0x25), (0xC6, 0x28, 0x28)]
GROUND_RGB = {"building": (0xD2, 0xD2, 0xD2), "water": (0xAA, 0xD3, 0xDF)}

# Each post's centre: inside the map, what element is on top there, and the colours of the
# plan's top canvas within 2 pixels of it (after two animation frames, when Leaflet has
# painted; another post's outline may cross the very centre).
_POSTS = """async () => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const ep = window.__eventplan, map = ep.map, size = map.getSize();
  const canvas = map.getPane("epTop").querySelector("canvas");
  const box = canvas.getBoundingClientRect(), home = map.getContainer().getBoundingClientRect();
  const ctx = canvas.getContext("2d");
  return ep.data.posts.map(p => {
    const pt = map.latLngToContainerPoint(p.ll);
    const x = pt.x + home.left, y = pt.y + home.top;
    const cx = Math.round((x - box.left) * canvas.width / box.width);
    const cy = Math.round((y - box.top) * canvas.height / box.height);
    const px = ctx.getImageData(cx - 2, cy - 2, 5, 5).data, rgb = [];
    for (let i = 0; i < px.length; i += 4) { rgb.push([px[i], px[i + 1], px[i + 2]]); }
    const top = document.elementFromPoint(x, y);
    return {id: p.id, inside: pt.x >= 0 && pt.y >= 0 && pt.x <= size.x && pt.y <= size.y,
      onCanvas: top === canvas, rgb: rgb};
  });
}"""

# Pixels of the ground's canvas, counted by colour, and the area of the ground's box in pixels.
_GROUND_PIXELS = """async (colours) => {
  await new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)));
  const pane = window.__eventplan.map.getPane("epGround");
  const canvas = pane && pane.querySelector("canvas");
  if (!canvas) { return null; }
  const px = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
  const map = window.__eventplan.map, drawn = [];
  map.eachLayer(l => { if (l.options && l.options.epKind === "ground") { drawn.push(l); } });
  const bounds = L.featureGroup(drawn).getBounds();
  const a = map.latLngToContainerPoint(bounds.getNorthWest());
  const b = map.latLngToContainerPoint(bounds.getSouthEast());
  const ratio = canvas.width / canvas.getBoundingClientRect().width;
  const out = {painted: 0, box: (b.x - a.x) * (b.y - a.y) * ratio * ratio};
  Object.keys(colours).forEach(k => { out[k] = 0; });
  for (let i = 0; i < px.length; i += 4) {
    if (px[i + 3] === 0) { continue; }
    out.painted += 1;
    Object.keys(colours).forEach(k => {
      const c = colours[k];
      if (Math.abs(px[i] - c[0]) + Math.abs(px[i + 1] - c[1]) + Math.abs(px[i + 2] - c[2]) < 12)
        { out[k] += 1; }
    });
  }
  return out;
}"""


def close_to_status(pixels: list[list[int]]) -> bool:
    """Whether a post's fill colour is painted around its centre."""
    return any(
        sum(abs(a - b) for a, b in zip(rgb, c, strict=True)) < 24
        for rgb in pixels
        for c in STATUS_RGB
    )


def first_view(page: MapPage) -> None:
    """What every first view must show: the switched-off layers off, the posts on top."""
    for category in OFF_AT_FIRST:
        if category in page.js("window.__eventplan.categories"):
            assert page.js(f"window.__eventplan.isVisible('{category}')") is False
            assert not page.page.is_checked(f"input[name=ep-layer][value={category}]")
        rows = page.page.locator(f".ep-legend [data-layer={category}]")
        assert all(not rows.nth(k).is_visible() for k in range(rows.count()))
    for kind in OFF_KINDS:
        assert page.count(kind) == 0, kind
    posts = page.page.evaluate(_POSTS)
    assert len(posts) == page.count("post") > 0
    assert all(p["inside"] for p in posts), [p["id"] for p in posts if not p["inside"]]
    clear = [p for p in posts if p["onCanvas"]]
    assert len(clear) >= 0.95 * len(posts)  # not under a panel or the title
    assert all(close_to_status(p["rgb"]) for p in clear), [
        (p["id"], p["rgb"][12]) for p in clear if not close_to_status(p["rgb"])
    ]
    assert page.count("sector") > 0 and page.count("sector-ring") > 0


def test_monaco_first_view(plans, browser, tmp_path: Path, artifacts: Path) -> None:
    folder = plans["monaco-match"]
    html = write(render_map(folder), tmp_path, "monaco")
    page = MapPage(browser, html, bypass_csp=False).open()
    try:
        assert page.blocked == [] and page.errors == []
        first_view(page)
        counts = page.js("window.__eventplan.data.ground.counts")
        assert counts == load(folder / "scenario.json").venue.ground.counts()
        drawn = page.js(
            "(() => { const n = {}; window.__eventplan.map.eachLayer(l => {"
            " if (l.options && l.options.epKind === 'ground') {"
            " n[l.options.epId] = l.options.epCount; } }); return n; })()"
        )
        polygons = page.js("window.__eventplan.data.ground.areas.building.length")
        assert drawn["building"] == polygons >= counts["building"]  # one layer, every polygon
        assert set(drawn) >= {"water", "green", "building", "venue", "road-lines", "path-lines"}
        pixels = page.page.evaluate(_GROUND_PIXELS, GROUND_RGB)
        assert pixels["painted"] > 0.5 * pixels["box"]
        assert pixels["building"] > 0.1 * pixels["box"] and pixels["water"] > 0.02 * pixels["box"]
        assert page.page.is_checked("input[name=ep-layer][value=ground]")
        attribution = page.page.inner_text(".leaflet-control-attribution")
        assert "© OpenStreetMap contributors, ODbL 1.0" in attribution
        link = page.page.locator(".leaflet-control-attribution a[href$='/copyright']")
        assert link.count() == 1
        page.page.screenshot(path=str(artifacts / "first-view-monaco-match.png"))
        popup = page.open_popup("post", "gate-nw-1-screening", ".ep-pop")
        for text in ("Call sign Gate A", "Channel 1", "Main stand and west", "Call sign Main"):
            assert text in popup
        assert "Sector leader on duty" in popup
        page.page.check("input[name=ep-layer][value=reach]")
        assert page.count("reach") > 0
        assert page.page.locator(".ep-legend [data-layer=reach]").first.is_visible()
        page.page.uncheck("input[name=ep-layer][value=ground]")
        assert page.count("ground") == 0
        assert page.errors == [] and page.blocked == []
    finally:
        page.close()


def test_concert_first_view(plans, browser, tmp_path: Path, artifacts: Path) -> None:
    html = write(render_map(plans["concert"], lang="zh"), tmp_path, "concert")
    page = MapPage(browser, html, bypass_csp=False).open()
    try:
        assert page.blocked == [] and page.errors == []
        first_view(page)
        assert page.js("window.__eventplan.data.ground") is None
        assert page.js("window.__eventplan.map.getPane('epGround')") is None
        assert page.page.locator("input[name=ep-layer][value=ground]").count() == 0
        labels = page.page.locator(".ep-sector-label").all_inner_texts()
        assert "北区" in " ".join(labels)
        page.page.screenshot(path=str(artifacts / "first-view-concert.png"))
        popup = page.open_popup("post", "gate-N-screening", ".ep-pop")
        assert "呼号 1号门" in popup and "片区" in popup
    finally:
        page.close()


def test_markup_in_the_ground_attribution_stays_text(browser, tmp_path: Path) -> None:
    content = collection(
        feature("building", "Polygon", [SQUARE], name=SCRIPT_BREAK),
        attribution=f"Survey {SCRIPT_BREAK}{HOSTILE}",
    )
    scenario = load(scenario_with_ground(tmp_path, content))
    folder = synth.write_plan(scenario, tmp_path / "plan")
    html = write(render_map(folder), tmp_path, "hostile-ground")
    page = MapPage(browser, html).open()  # no policy: the escaping alone must hold
    try:
        attribution = page.page.inner_text(".leaflet-control-attribution")
        assert f"Survey {SCRIPT_BREAK}{HOSTILE}" in attribution
        assert page.page.locator(".leaflet-control-attribution img").count() == 0
        assert page.page.locator("script").count() == 4  # Leaflet, data, map, page
        assert page.dialogs == [] and page.errors == [] and page.blocked == []
        assert page.js("window.__eventplan.data.ground.counts") == {"building": 1}
    finally:
        page.close()
