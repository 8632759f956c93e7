"""The printable page in a real Chromium: no request, inert names, a printed page per part,
A4 landscape, and Chinese text drawn with a CJK font rather than boxes."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventplan.sheet import build_sheet
from tests.sheet.conftest import run_cli
from tests.sheet.sheet_scenarios import FORMULA, LONG_NAME, SCRIPT

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


class Page:
    """A page in a fresh context; every request is recorded, and refused unless a file."""

    def __init__(self, browser: Any, html: Path, bypass_csp: bool = False) -> None:
        self.context = browser.new_context(
            bypass_csp=bypass_csp, viewport={"width": 1400, "height": 900}
        )
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on(
            "dialog", lambda dialog: (self.dialogs.append(dialog.message), dialog.dismiss())
        )
        self.page.goto(html.as_uri())

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)


@pytest.fixture
def opened(browser: Any) -> Iterator[Any]:
    pages: list[Page] = []

    def open_page(html: Path, bypass_csp: bool = False) -> Page:
        pages.append(Page(browser, html, bypass_csp))
        return pages[-1]

    yield open_page
    for page in pages:
        page.context.close()


def test_the_page_makes_no_request_and_shows_hostile_names_as_text(opened, outputs):
    html = outputs["html-en"]
    # The policy is switched off here, so that the escaping itself is what keeps names inert.
    page = opened(html, bypass_csp=True)
    assert [url for url in page.requests if url != html.as_uri()] == []
    assert page.js("document.scripts.length") == 0
    assert page.dialogs == []
    cells = page.js("[...document.querySelectorAll('td')].map(td => td.textContent)")
    for name in (SCRIPT, FORMULA, LONG_NAME):
        assert name in cells
    assert page.js("document.title") == "Duty sheet: Evening show 夏日晚会 <b>&amp;</b>"
    policy = page.js("document.querySelector('meta[http-equiv=Content-Security-Policy]').content")
    assert "default-src 'none'" in policy and "script-src" not in policy


def test_print_layout_breaks_before_every_part_and_repeats_table_headers(opened, outputs, solved):
    page = opened(outputs["html-en"])
    page.page.emulate_media(media="print")
    parts = page.js(
        "[...document.querySelectorAll('section.part')]"
        ".map(s => [s.dataset.key, getComputedStyle(s).breakBefore])"
    )
    keys = [section.key for section in build_sheet(solved).sections]
    assert [key for key, _ in parts] == keys
    assert [brk for _, brk in parts] == ["auto"] + ["page"] * (len(keys) - 1)
    heads = page.js("[...document.querySelectorAll('thead')].map(t => getComputedStyle(t).display)")
    assert set(heads) == {"table-header-group"}


def test_pdf_has_a_page_per_part_in_a4_landscape(solved: Path, tmp_path: Path, browser):
    pdf = tmp_path / "duty.pdf"
    assert run_cli("sheet", str(solved), "--pdf", str(pdf), "--lang", "zh") == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    parts = len(build_sheet(solved).sections)
    assert parts <= pages <= parts + 3  # each part on its own page(s); this plan's are short
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert sizes and all(abs(float(w) - 841.9) < 1 and abs(float(h) - 595) < 1 for w, h in sizes)


def test_chinese_text_is_drawn_with_a_cjk_font_not_boxes(opened, outputs):
    page = opened(outputs["html-zh"])
    cdp = page.context.new_cdp_session(page.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "th"})["nodeId"]
    fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading})["fonts"]
    assert any(f["familyName"].startswith("Noto Sans CJK") for f in fonts), fonts
    # Boxes ("tofu") look alike whatever the character: real glyphs differ from one another
    # and from the box of a character no font has (U+E000, private use).
    page.js(
        """for (const [id, text] of [["min", "民"], ["jing", "警"], ["box", "\\uE000"]]) {
             const span = document.createElement("span");
             span.id = id; span.textContent = text; span.style.fontSize = "48px";
             document.body.prepend(span);
           }"""
    )
    shots = {id_: page.page.locator(f"#{id_}").screenshot() for id_ in ("min", "jing", "box")}
    assert len(set(shots.values())) == 3
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.page.screenshot(path=str(ARTIFACTS / "sheet-zh.png"))
