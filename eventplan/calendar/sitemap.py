"""The calendar's map of sites (``sites.html``): one offline page, a layer per site.

Each site's marker opens the duty stood there, day by day: the window, who stood it, and how
many were short. It uses the render stack of the event maps: Leaflet inlined from its package,
the Leaflet map and base layer as Folium writes them (:func:`eventplan.render.basemap.base_map`),
the data as one JSON block safe inside a script; the page's own script and stylesheet are
package files (``static/sites.js``, ``static/sites.css``), names reach the page only as text,
and a Content-Security-Policy lets only the page's own inline scripts run.
"""

from __future__ import annotations

import json
from collections import defaultdict
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, Template

from eventplan.calendar.loader import LoadedCalendar
from eventplan.calendar.plan import CalendarPlan
from eventplan.render import assets
from eventplan.render.basemap import base_map
from eventplan.render.mapview import content_policy, script_json

SITES_HTML = "sites.html"


def sites_map(
    loaded: LoadedCalendar, plan: CalendarPlan, lang: str = "en", tiles: str = "none"
) -> str:
    """The page: every site with a duty in the period, and the stations."""
    text = _texts(lang)
    data = _data(loaded, plan, text)
    nodes = [(s["lat"], s["lon"]) for s in data["sites"]] + [
        (lat, lon) for lat, lon, _ in data["stations"]
    ]
    center = (sum(a for a, _ in nodes) / len(nodes), sum(b for _, b in nodes) / len(nodes))
    leaflet_map = base_map(center, tiles)
    sub = text["sub"].format(
        first=plan.first, last=plan.last, sites=len(data["sites"]),
        assignments=len(plan.assignments),
    )  # fmt: skip
    page = _template().render(
        lang=lang,
        policy="<!--csp-->",
        title=loaded.calendar.name or text["title"],
        sub=sub,
        leaflet_css=assets.style_body(assets.leaflet_css()),
        page_css=assets.style_body(_package_file("static/sites.css")),
        leaflet_js=assets.script_body(assets.leaflet_js()),
        map_element=leaflet_map.element,
        data_json=script_json(data),
        map_script=assets.script_body(leaflet_map.script),
        page_script=assets.script_body(_package_file("static/sites.js")),
        map_name=leaflet_map.name,
    )
    return page.replace("<!--csp-->", content_policy(page, leaflet_map.tile_origin), 1)


def _data(loaded: LoadedCalendar, plan: CalendarPlan, text: dict[str, str]) -> dict[str, Any]:
    """The JSON block: the stations, and per site its days (date, window, names, short)."""
    calendar = loaded.calendar
    names = {p.id: p.name or p.id for p in loaded.people}
    stood: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in plan.assignments:
        stood[a.key, a.site].append(names[a.person])
    short: dict[tuple[str, str], int] = defaultdict(int)
    for s in plan.shortfalls:
        short[s.key, s.site] += s.need - s.filled
    days: dict[str, list[list[Any]]] = defaultdict(list)
    for day in sorted(plan.duties):
        for duty in sorted(plan.duties[day], key=lambda d: (d.start, d.key)):
            cell = (duty.key, duty.site)
            label = duty.duty if duty.event else duty.window
            if duty.post:
                label = f"{label} ({duty.post})"
            days[duty.site].append(
                [day.isoformat(), label, sorted(stood.get(cell, [])), short.get(cell, 0)]
            )
    sites = [
        {
            "label": site.name or site.id,
            "kind": site.kind,
            "lat": site.lat,
            "lon": site.lon,
            "short": sum(row[3] for row in days[site.id]),
            "days": days[site.id],
        }
        for site in calendar.sites
        if site.id in days
    ]
    stations = [[s.lat, s.lon, s.name or s.id] for s in calendar.stations]
    keys = ("duties", "date", "window", "people", "short", "stations")
    return {"text": {k: text[k] for k in keys}, "stations": stations, "sites": sites}


def _package_file(name: str) -> str:
    return (files("eventplan.calendar") / name).read_text(encoding="utf-8")


@cache
def _template() -> Template:
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(_package_file("templates/sites.html.j2"))


@cache
def _texts(lang: str) -> dict[str, str]:
    texts: dict[str, str] = json.loads(_package_file(f"i18n/{lang if lang == 'zh' else 'en'}.json"))
    return texts
