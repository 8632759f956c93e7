"""The map's HTML without a browser: offline assets, escaping, redaction, languages, data."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from eventplan.errors import InputError
from eventplan.render import render_map
from eventplan.render.i18n import texts
from eventplan.render.mapview import script_json
from tests.render import render_synth as synth


class _Page(HTMLParser):
    """Collects URL attributes, text outside scripts and the JSON data block."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[str] = []
        self.data = ""
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        self._in_data = values.get("id") == "eventplan-data"
        for name in ("src", "href", "action", "poster", "data"):
            if values.get(name):
                self.urls.append((tag, name, values[name] or ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_data = False

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.data += data


def parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def data_of(html: str) -> dict:
    return json.loads(parse(html).data)


@pytest.fixture(scope="module")
def mini(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = synth.scenario_from(synth.small_document())
    return synth.write_plan(scenario, tmp_path_factory.mktemp("mini") / "plan")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Path:
    scenario = synth.scenario_from(synth.small_document(hostile=True))
    return synth.write_plan(scenario, tmp_path_factory.mktemp("hostile") / "plan")


def test_page_names_no_remote_asset(mini: Path) -> None:
    html = render_map(mini)
    page = parse(html)
    assert page.urls == []
    assert "link" not in page.tags
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    assert "cdn." not in html and "bootstrap" not in html.lower()
    assert "font-awesome" not in html and "fontawesome" not in html
    assert html.count("<title>") == 1


def test_leaflet_is_inlined_and_no_unused_library(mini: Path) -> None:
    import xstatic.pkg.leaflet

    html = render_map(mini)
    leaflet = (Path(xstatic.pkg.leaflet.BASE_DIR) / "leaflet.js").read_text("utf-8")
    assert leaflet.splitlines()[0] in html
    assert "jquery" not in html.lower()  # the page script never calls it
    assert "sourceMappingURL" not in html
    assert "images/layers.png" not in html


def test_head_declares_utf8_first_and_a_strict_policy(mini: Path) -> None:
    html = render_map(mini)
    head = html[: html.index("</head>")]
    assert head.index('<meta charset="utf-8">') < head.index("<script")
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy is not None
    assert "default-src 'none'" in policy.group(1)
    scripts = parse(html).tags.count("script") - 1  # all but the JSON data block
    assert policy.group(1).count("'sha256-") == scripts
    assert "unsafe-eval" not in policy.group(1)


def test_osm_tiles_bring_only_their_attribution(mini: Path) -> None:
    html = render_map(mini, tiles="osm")
    assert parse(html).urls == []
    assert "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    assert "OpenStreetMap\\u003c/a\\u003e contributors" in html or (
        "OpenStreetMap</a> contributors" in html
    )
    assert "img-src data: https://tile.openstreetmap.org" in html
    markup = re.sub(
        r"<(script|style).*?</\1>|<meta http-equiv=\"Content-Security[^>]*>",
        "",
        html,
        flags=re.DOTALL,
    )
    assert "http://" not in markup and "https://" not in markup


def test_intranet_tiles_escape_their_attribution(mini: Path) -> None:
    html = render_map(
        mini, tiles="https://tiles.example.internal/{z}/{x}/{y}.png", attribution="<b>City GIS</b>"
    )
    assert "https://tiles.example.internal/{z}/{x}/{y}.png" in html
    assert "<b>City GIS</b>" not in html
    assert "img-src data: https://tiles.example.internal" in html


@pytest.mark.parametrize(
    "tiles", ["https://tiles.example/{z}/{x}.png", "ftp://x/{z}/{x}/{y}", "stamen"]
)
def test_bad_tile_templates_are_input_errors(mini: Path, tiles: str) -> None:
    with pytest.raises(InputError, match="--tiles"):
        render_map(mini, tiles=tiles)


def test_hostile_names_are_escaped_everywhere(hostile: Path) -> None:
    html = render_map(hostile)
    assert synth.HOSTILE not in html
    assert "<img" not in html
    assert synth.SCRIPT_BREAK not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html  # the title, escaped
    page = parse(html)
    assert "img" not in page.tags
    data = json.loads(page.data)
    assert any(synth.HOSTILE in p["name"] for p in data["posts"])
    assert any(synth.SCRIPT_BREAK in n[3] for n in data["nodes"])
    assert any(synth.HOSTILE in z["name"] for z in data["zones"])
    assert synth.HOSTILE in data["command"]["name"]
    assert synth.HOSTILE in data["sectors"][0]["name"]
    assert synth.HOSTILE in data["reserves"][0]["name"]
    leaders = [data["people"][s[0]][0] for w in data["sectors"][0]["lead"].values() for s in w]
    assert leaders and all(synth.HOSTILE in name for name in leaders)


def test_script_json_cannot_close_its_element() -> None:
    text = script_json({"a": "</script><!-- & \u2028"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><!-- & \u2028"}


def test_redacted_map_has_no_names(mini: Path) -> None:
    roster = (mini / "roster.csv").read_text("utf-8").splitlines()[1:]
    names = {row.split(",")[1] for row in roster}
    plain, redacted = render_map(mini), render_map(mini, redact=True)
    assert any(name in plain for name in names)
    assert not any(name in redacted for name in names)
    data = data_of(redacted)
    assert data["redact"] is True and data["people"] == []
    counts = [c for window in data["staff"] for c in window.values()]
    assert counts and all(isinstance(c, dict) for c in counts)
    assert all(isinstance(n, int) for c in counts for n in c.values())


def test_chinese_interface_keeps_names_as_written(mini: Path) -> None:
    html = render_map(mini, lang="zh")
    assert '<html lang="zh-CN">' in html
    data = data_of(html)
    assert data["text"]["phase"] == "阶段" and data["text"]["legend"] == "图例"
    assert "北门 1号岗" in [p["name"] for p in data["posts"]]
    assert "夏日音乐会" in html
    assert "方案状态 可行 · 间隙" in html  # the title line, with the status in words


def test_languages_translate_every_string() -> None:
    english, chinese = texts("en"), texts("zh")
    assert set(english) == set(chinese)
    assert all(chinese[k] for k in chinese)
    for key, text in english.items():
        assert set(re.findall(r"\{\w+\}", text)) == set(re.findall(r"\{\w+\}", chinese[key])), key
    with pytest.raises(InputError, match="language"):
        texts("fr")


def test_title_shows_event_status_and_gap(mini: Path) -> None:
    html = render_map(mini)
    title = re.search(r'<div class="ep-title".*?</div></div>', html, re.DOTALL)
    assert title is not None
    assert "Mini concert 夏日音乐会" in title.group(0)
    assert "feasible" in title.group(0).lower() and "gap 2.8%" in title.group(0)


def test_map_is_written_atomically_as_utf8(mini: Path, tmp_path: Path) -> None:
    from eventplan.render import write_map

    target = write_map(mini, tmp_path / "maps" / "m.html", lang="zh")
    assert target.read_bytes().decode("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in target.parent.iterdir()] == ["m.html"]
