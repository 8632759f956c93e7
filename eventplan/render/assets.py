"""Third-party browser assets, inlined into the map from the installed packages.

Leaflet and jQuery are read at run time from the ``xstatic-leaflet`` and ``xstatic-jquery``
packages (nothing is copied into this repository), and written into the page itself, so the
map opens without any network request. Leaflet's stylesheet names a few image files; those
references are removed, since the map draws every marker as a vector or inline SVG.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

_IMAGE_URL = re.compile(r"url\(\s*['\"]?images/[^)]*\)")
_SOURCE_MAP = re.compile(r"^\s*//# sourceMappingURL=.*$", re.MULTILINE)


def _read(package: str, name: str) -> str:
    if package == "leaflet":
        import xstatic.pkg.leaflet as module
    else:
        import xstatic.pkg.jquery as module
    return (Path(module.BASE_DIR) / name).read_text(encoding="utf-8")


@cache
def leaflet_js() -> str:
    """Leaflet's minified script (without its source-map comment)."""
    return _SOURCE_MAP.sub("", _read("leaflet", "leaflet.js"))


@cache
def leaflet_css() -> str:
    """Leaflet's stylesheet, with its image references removed."""
    return _IMAGE_URL.sub("none", _read("leaflet", "leaflet.css"))


@cache
def jquery_js() -> str:
    """jQuery's minified script (without its source-map comment)."""
    return _SOURCE_MAP.sub("", _read("jquery", "jquery.min.js"))


def leaflet_version() -> str:
    """The Leaflet version that will be inlined."""
    import xstatic.pkg.leaflet as module

    return str(module.VERSION)


def script_tag(code: str) -> str:
    """``code`` as an inline ``<script>``; a ``</script`` inside cannot end it early."""
    return "<script>" + re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE) + "</script>"


def style_tag(css: str) -> str:
    """``css`` as an inline ``<style>``; a ``</style`` inside cannot end it early."""
    return "<style>" + re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE) + "</style>"
