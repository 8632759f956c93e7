"""The Leaflet map and its base layer, as Folium writes them (through its public API).

Folium turns the map's options (centre, zoom steps, scale bar, canvas rendering) and the base
layer chosen with ``--tiles`` into the element and script that create the Leaflet map; the page
(see :mod:`eventplan.render.mapview`) inlines both. The page script then draws the plan onto
that map.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from urllib.parse import urlsplit

import folium
from branca.element import Figure

from eventplan.errors import InputError

OSM_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
OSM_ORIGIN = "https://tile.openstreetmap.org"
OSM_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
)


class OfflineMap(folium.Map):
    """A Folium map that names no CDN script or stylesheet (the page inlines its own)."""

    default_js: list[tuple[str, str]] = []  # noqa: RUF012 (overrides folium's class lists)
    default_css: list[tuple[str, str]] = []  # noqa: RUF012


@dataclass(frozen=True)
class BaseMap:
    """The Leaflet map of the page.

    Attributes
    ----------
    name
        The script variable that holds the map (a plain identifier).
    element
        The ``<div>`` the map is drawn into.
    script
        The script that creates the map and its base layer.
    tile_origin
        Where base-layer images come from (for the page's policy), or ``""`` for none.
    """

    name: str
    element: str
    script: str
    tile_origin: str


def base_map(
    center: tuple[float, float], tiles: str = "none", attribution: str | None = None
) -> BaseMap:
    """The Leaflet map centred on ``center``, with the base layer of ``tiles``.

    Raises
    ------
    InputError
        For a malformed tile URL.
    """
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
    assert isinstance(figure, Figure)  # folium.Map places itself in a Figure
    fmap.render()
    return BaseMap(
        name=fmap.get_name(),
        element=figure.html.render().strip(),
        script=figure.script.render().strip(),
        tile_origin=tile_origin,
    )


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
        return layer, OSM_ORIGIN
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
