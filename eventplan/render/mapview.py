"""The commander's map: one self-contained HTML file built with Folium on Leaflet.

Folium makes the page and the Leaflet map; its default CDN scripts and stylesheets are
replaced by Leaflet and jQuery inlined from their Python packages, so the file opens offline.
The plan's content travels as one JSON data block that a small page script draws (see
:mod:`eventplan.render.layers`). A Content-Security-Policy in the page allows only its own
inline scripts (by hash) and, with a base layer, images from the tile server: a name that
slipped through unescaped still could not run or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import folium
from branca.element import Element, MacroElement
from jinja2 import Template

from eventplan.atomic import write_text
from eventplan.errors import InputError
from eventplan.render import assets
from eventplan.render.bundle import PlanBundle, as_bundle
from eventplan.render.i18n import fill, texts
from eventplan.render.layers import map_data
from eventplan.render.script_controls import SCRIPT as CONTROLS_JS
from eventplan.render.script_layers import SCRIPT as LAYERS_JS
from eventplan.render.script_popups import SCRIPT as POPUPS_JS
from eventplan.render.style import CSS

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)
_CSP_PLACEHOLDER = "<!--eventplan-csp-->"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


class OfflineMap(folium.Map):
    """A Folium map that names no CDN script or stylesheet (the page inlines its own)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (overrides folium's class lists)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


class PlanLayers(MacroElement):
    """The data block and the page script that draws it onto the parent map."""

    _template = Template(
        "{% macro html(this, kwargs) %}"
        '<script type="application/json" id="eventplan-data">{{ this.payload }}</script>'
        "{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "(function (map) {{ '{' }}{{ this.code }}{{ '}' }})({{ this._parent.get_name() }});"
        "{% endmacro %}"
    )

    def __init__(self, data: Mapping[str, Any]) -> None:
        super().__init__()
        self._name = "PlanLayers"
        self.payload = script_json(data)
        self.code = POPUPS_JS + LAYERS_JS + CONTROLS_JS


def script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` in it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_plain)
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def _plain(value: Any) -> Any:
    """numpy and pandas scalars (from an in-memory plan) as plain numbers or text."""
    if hasattr(value, "item"):
        return value.item()
    return str(value)


def render_map(
    plan: PlanBundle | str | Path | Mapping[str, Any],
    *,
    tiles: str = "none",
    redact: bool = False,
    lang: str = "en",
    attribution: str | None = None,
) -> str:
    """The commander's map of a finished plan, as one self-contained HTML page.

    Parameters
    ----------
    plan
        A plan folder (``plan.json``, ``roster.csv``, ``coverage.csv``, ``scenario.json``),
        a :class:`PlanBundle`, or a mapping with ``plan``, ``scenario``, ``roster`` and
        ``coverage`` (see :func:`eventplan.render.bundle.as_bundle`).
    tiles
        ``none`` (a blank background: the venue as the scenario draws it), ``osm``
        (OpenStreetMap tiles, needs network), or a tile URL template with ``{z}``, ``{x}``
        and ``{y}`` (for example an intranet tile server).
    redact
        Show only counts of people by role, never names.
    lang
        Interface language, ``en`` or ``zh``; names are shown as written.
    attribution
        Attribution text of a custom tile server (plain text; default: its host name).

    Raises
    ------
    InputError
        For an unreadable plan, an unknown language or a malformed tile URL.
    """
    text = texts(lang)
    bundle = as_bundle(plan)
    data = map_data(bundle, redact=redact, text=text)
    if not data["phases"]:
        raise InputError(f"{bundle.source}: the plan has no phases to show")
    nodes = bundle.scenario.venue.nodes
    center = (sum(n.lat for n in nodes) / len(nodes), sum(n.lon for n in nodes) / len(nodes))
    fmap = OfflineMap(
        location=center,
        zoom_start=16,
        tiles=None,
        max_zoom=22,
        control_scale=True,
        prefer_canvas=True,
        zoom_snap=0.25,
        zoom_delta=0.5,
    )
    tile_layer, tile_origin = _tiles(tiles, attribution)
    if tile_layer is not None:
        tile_layer.add_to(fmap)
    figure = fmap.get_root()
    _head(figure, bundle, text)
    figure.html.add_child(Element(title_panel(bundle, text)), name="eventplan_title")
    fmap.add_child(PlanLayers(data))
    page = figure.render()
    page = page.replace("<html>", f'<html lang="{text["html_lang"]}">', 1)
    return page.replace(_CSP_PLACEHOLDER, _csp(page, tile_origin), 1)


def write_map(
    plan: PlanBundle | str | Path | Mapping[str, Any], path: str | Path, **options: Any
) -> Path:
    """Render the map (see :func:`render_map`) and write it atomically to ``path``."""
    path = Path(path)
    write_text(path, render_map(plan, **options))
    return path


def title_panel(bundle: PlanBundle, text: Mapping[str, str]) -> str:
    """The title box: event name, venue and days, and the plan's status and gap."""
    scenario = bundle.scenario
    solver = bundle.plan.get("solver")
    if not isinstance(solver, Mapping):
        solver = {}
    status = str(solver.get("status") or "–")
    line = fill(
        text["plan_line"],
        status=status,
        gap=_percent(solver.get("gap")),
        objective=_number(solver.get("objective")),
    )
    days = sorted({p.start.date() for p in scenario.event.phases if hasattr(p.start, "date")})
    if scenario.event.days:
        days = sorted(scenario.event.days)
    when = f"{days[0]}" + (f" – {days[-1]}" if len(days) > 1 else "") if days else ""
    sub = " · ".join(x for x in (scenario.venue.name or "", when) if x)
    good = status.upper() in {"OPTIMAL", "FEASIBLE", "DONE", "OK"}
    return (
        '<div class="ep-title" id="ep-title">'
        f'<div class="ep-event">{html.escape(scenario.event.name)}</div>'
        f'<div class="ep-sub">{html.escape(sub)}</div>'
        f'<div class="ep-sub {"ep-ok" if good else "ep-bad"}">{html.escape(line)}</div>'
        "</div>"
    )


def _head(figure: Any, bundle: PlanBundle, text: Mapping[str, str]) -> None:
    """Charset, CSP placeholder, title, then the inlined Leaflet, jQuery and stylesheets."""
    header = figure.header
    header._children.pop("meta_http", None)
    items = [
        ("meta_charset", '<meta charset="utf-8">'),
        ("csp", _CSP_PLACEHOLDER),
        ("referrer", '<meta name="referrer" content="no-referrer">'),
        ("title", f"<title>{html.escape(bundle.scenario.event.name)} · eventplan</title>"),
        ("leaflet_css", assets.style_tag(assets.leaflet_css())),
        ("eventplan_css", assets.style_tag(CSS)),
        ("leaflet_js", assets.script_tag(assets.leaflet_js())),
        ("jquery_js", assets.script_tag(assets.jquery_js())),
    ]
    existing = list(header._children.items())
    header._children.clear()
    for name, markup in items:
        header.add_child(Element(markup), name=name)
    for name, child in existing:
        header.add_child(child, name=name)


def _tiles(tiles: str, attribution: str | None) -> tuple[folium.TileLayer | None, str]:
    """The base layer for ``tiles`` and the origin its images come from (for the CSP)."""
    if tiles in ("", "none"):
        return None, ""
    if tiles == "osm":
        layer = folium.TileLayer(
            tiles=OSM_URL,
            attr=OSM_ATTRIBUTION,
            name="OpenStreetMap",
            max_zoom=22,
            max_native_zoom=19,
        )
        return layer, "https://tile.openstreetmap.org"
    if not all(f"{{{k}}}" in tiles for k in "zxy"):
        raise InputError(
            f"--tiles: expected none, osm or a URL template with {{z}}, {{x}} and "
            f"{{y}}, got '{tiles}'"
        )
    parts = urlsplit(tiles)
    if parts.scheme not in ("http", "https", "file") or "'" in tiles or '"' in tiles:
        raise InputError(
            f"--tiles: a tile URL must start with http://, https:// or file://, got '{tiles}'"
        )
    host = parts.netloc.replace("{s}", "*")
    origin = f"{parts.scheme}://{host}" if host and "{" not in host else f"{parts.scheme}:"
    label = html.escape(attribution or parts.netloc or tiles)
    layer = folium.TileLayer(tiles=tiles, attr=label, name="tiles", max_zoom=22, max_native_zoom=19)
    return layer, origin


def _csp(page: str, tile_origin: str) -> str:
    """A policy that lets the page's own inline scripts run and nothing load from outside."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(page)
    )
    images = "data:" + (f" {tile_origin}" if tile_origin else "")
    policy = (
        f"default-src 'none'; script-src {hashes}; style-src 'unsafe-inline'; "
        f"img-src {images}; base-uri 'none'; form-action 'none'"
    )
    return f'<meta http-equiv="Content-Security-Policy" content="{policy}">'


def _percent(value: Any) -> str:
    if isinstance(value, int | float) and value == value:
        return f"{value * 100:.1f}%"
    return "–"


def _number(value: Any) -> str:
    if isinstance(value, int | float) and value == value:
        return f"{value:,.0f}" if abs(value) >= 100 else f"{value:.2f}"
    return "–"
