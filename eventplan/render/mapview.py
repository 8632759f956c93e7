"""The commander's map: one self-contained HTML page, made from a Jinja2 template.

The page inlines Leaflet from its Python package, the map's own stylesheet and script
(``eventplan/render/static``), and the Leaflet map with its base layer as Folium writes them
(:mod:`eventplan.render.basemap`), so the file opens offline. The plan's content travels as one
JSON data block that the page script draws (see :mod:`eventplan.render.layers`), the
scenario's ground (buildings, roads, water) included: an offline base layer that needs no
tile. A
Content-Security-Policy in the page allows only its own inline scripts (by hash) and, with a
base layer, images from the tile server: a name that slipped through unescaped still could not
run or fetch anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from eventplan.errors import InputError
from eventplan.io.atomic import write_text
from eventplan.render import assets
from eventplan.render.basemap import base_map
from eventplan.render.bundle import PlanBundle, as_bundle
from eventplan.render.i18n import fill, texts
from eventplan.render.layers import map_data

# Stands for the policy until the page is complete: the policy holds the hashes of its scripts.
_POLICY_SLOT = "<!--eventplan-csp-->"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


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
    unchecked: bool = False,
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
    unchecked
        The plan does not pass the checker: the title box says so in a red banner.

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
    leaflet_map = base_map(center, tiles, attribution)
    heading = title(bundle, text)
    if unchecked:
        heading["warning"] = text["unchecked"]
    page = assets.page_template().render(
        lang=text["html_lang"],
        policy=_POLICY_SLOT,
        title=heading,
        leaflet_css=assets.style_body(assets.leaflet_css()),
        map_css=assets.style_body(assets.page_style()),
        leaflet_js=assets.script_body(assets.leaflet_js()),
        map_element=leaflet_map.element,
        data_json=script_json(data),
        map_script=assets.script_body(leaflet_map.script),
        page_script=assets.script_body(assets.page_script()),
        map_name=leaflet_map.name,
    )
    return page.replace(_POLICY_SLOT, content_policy(page, leaflet_map.tile_origin), 1)


def write_map(
    plan: PlanBundle | str | Path | Mapping[str, Any], path: str | Path, **options: Any
) -> Path:
    """Render the map (see :func:`render_map`) and write it atomically to ``path``."""
    path = Path(path)
    write_text(path, render_map(plan, **options))
    return path


def title(bundle: PlanBundle, text: Mapping[str, str]) -> dict[str, Any]:
    """The title box's lines: event name, venue and days, and the plan's status and gap.

    Plain text: the page template escapes it.
    """
    scenario = bundle.scenario
    solver = bundle.plan.get("solver")
    if not isinstance(solver, Mapping):
        solver = {}
    status = str(solver.get("status") or "–")
    line = fill(
        text["plan_line"],
        status=text.get(f"status_{status.lower()}", status),
        gap=_percent(solver.get("gap")),
        objective=_number(solver.get("objective")),
    )
    days = sorted({p.start.date() for p in scenario.event.phases if hasattr(p.start, "date")})
    if scenario.event.days:
        days = sorted(scenario.event.days)
    when = f"{days[0]}" + (f" – {days[-1]}" if len(days) > 1 else "") if days else ""
    return {
        "event": scenario.event.name,
        "sub": " · ".join(x for x in (scenario.venue.name or "", when) if x),
        "line": line,
        "good": status.upper() in {"OPTIMAL", "FEASIBLE", "DONE", "OK"},
    }


def content_policy(page: str, tile_origin: str) -> str:
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
