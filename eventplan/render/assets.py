"""What the map page inlines: Leaflet from its package, and the page's own front end.

Leaflet is read at run time from the ``xstatic-leaflet`` package (nothing is copied into this
repository). Leaflet's stylesheet names a few image files; those references are removed, since
the map draws every marker as a vector or inline SVG. The page's own script, stylesheet and
template are package files of :mod:`eventplan.render` (``static/``, ``templates/``), read with
:mod:`importlib.resources`. Everything is written into the page itself, so the map opens
without any network request.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files
from pathlib import Path

from jinja2 import Environment, Template

#: The page script's files, each defining one function (see its head for what it needs).
SCRIPT_FILES: tuple[str, ...] = (
    "dom.js",
    "colors.js",
    "plan.js",
    "crew.js",
    "queues.js",
    "command.js",
    "popups.js",
    "ground.js",
    "sectors.js",
    "venue.js",
    "layers.js",
    "legend.js",
    "controls.js",
    "map.js",
)
STYLE_FILE = "map.css"
TEMPLATE_FILE = "map.html.j2"

_IMAGE_URL = re.compile(r"url\(\s*['\"]?images/[^)]*\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


def _leaflet_file(name: str) -> str:
    import xstatic.pkg.leaflet as module

    return (Path(module.BASE_DIR) / name).read_text(encoding="utf-8")


def _package_file(folder: str, name: str) -> str:
    return (files("eventplan.render") / folder / name).read_text(encoding="utf-8")


@cache
def leaflet_js() -> str:
    """Leaflet's minified script (without its source-map comment)."""
    return _SOURCE_MAP.sub("", _leaflet_file("leaflet.js"))


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet, with its image references removed."""
    return _IMAGE_URL.sub("none", _leaflet_file("leaflet.css"))


def leaflet_version() -> str:
    """The Leaflet version that will be inlined."""
    import xstatic.pkg.leaflet as module

    return str(module.VERSION)


@cache
def page_script() -> str:
    """The map's own script: the files of :data:`SCRIPT_FILES`, in order."""
    return "\n".join(_package_file("static", name) for name in SCRIPT_FILES)


@cache
def page_style() -> str:
    """The map's own stylesheet (panels, popups, labels)."""
    return _package_file("static", STYLE_FILE)


@cache
def page_template() -> Template:
    """The page's Jinja2 template; it escapes every value not marked safe."""
    environment = Environment(autoescape=True, keep_trailing_newline=True)
    return environment.from_string(_package_file("templates", TEMPLATE_FILE))


def script_body(code: str) -> str:
    """``code`` for an inline ``<script>``: a ``</script`` inside cannot end it early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def style_body(css: str) -> str:
    """``css`` for an inline ``<style>``: a ``</style`` inside cannot end it early."""
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
