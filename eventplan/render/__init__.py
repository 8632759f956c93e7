"""Rendering finished plans: the commander's map (one offline HTML file).

Rendering takes a finished plan and never solves; everything drawn is read from the plan
folder (or the same content in memory) and the scenario it was made for.
"""

from eventplan.render.bundle import PlanBundle, as_bundle, load_bundle
from eventplan.render.i18n import LANGUAGES
from eventplan.render.mapview import render_map, write_map

__all__ = ["LANGUAGES", "PlanBundle", "as_bundle", "load_bundle", "render_map", "write_map"]
