"""The printable page in a real Chromium: no request, inert names, a printed page per part,
A4 landscape, and Chinese text drawn with a CJK font rather than boxes.

The browser work of each test is a function run in the browser's own thread
(``browser.run``); its assertions fail the test as usual.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

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
        self.page.on("dialog", self._dialog)
        self.page.goto(html.as_uri())

    def _route(self, route: Any) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def __enter__(self) -> Page:
        return self

    def __exit__(self, *_: object) -> None:
        self.context.close()


def test_the_page_makes_no_request_and_shows_hostile_names_as_text(browser, outputs):
    html = outputs["html-en"]

    def check(chromium: Any) -> None:
        # The policy is off here, so that the escaping itself is what keeps names inert.
        with Page(chromium, html, bypass_csp=True) as page:
            assert [url for url in page.requests if url != html.as_uri()] == []
            assert page.js("document.scripts.length") == 0
            assert page.dialogs == []
            cells = page.js("[...document.querySelectorAll('td')].map(td => td.textContent)")
            for name in (SCRIPT, FORMULA, LONG_NAME):
                assert name in cells
            assert page.js("document.title") == "Duty sheet: Evening show 夏日晚会 <b>&amp;</b>"
            policy = page.js(
                "document.querySelector('meta[http-equiv=Content-Security-Policy]').content"
            )
            assert "default-src 'none'" in policy and "script-src" not in policy

    browser.run(check)


def test_print_layout_breaks_before_every_part_and_repeats_table_headers(browser, outputs, solved):
    keys = [section.key for section in build_sheet(solved).sections]

    def check(chromium: Any) -> None:
        with Page(chromium, outputs["html-en"]) as page:
            page.page.emulate_media(media="print")
            parts = page.js(
                "[...document.querySelectorAll('section.part')]"
                ".map(s => [s.dataset.key, getComputedStyle(s).breakBefore])"
            )
            assert [key for key, _ in parts] == keys
            assert [brk for _, brk in parts] == ["auto"] + ["page"] * (len(keys) - 1)
            heads = page.js(
                "[...document.querySelectorAll('thead')].map(t => getComputedStyle(t).display)"
            )
            assert set(heads) == {"table-header-group"}

    browser.run(check)


def test_pdf_has_a_page_per_part_in_a4_landscape(solved: Path, tmp_path: Path, chromium):
    pdf = tmp_path / "duty.pdf"
    assert run_cli("sheet", str(solved), "--pdf", str(pdf), "--lang", "zh") == 0
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    parts = len(build_sheet(solved).sections)
    assert parts <= pages <= parts + 3  # each part on its own page(s); this plan's are short
    sizes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert sizes and all(abs(float(w) - 841.9) < 1 and abs(float(h) - 595) < 1 for w, h in sizes)


def test_chinese_text_is_drawn_with_a_cjk_font_not_boxes(browser, outputs):
    def check(chromium: Any) -> None:
        with Page(chromium, outputs["html-zh"]) as page:
            cdp = page.context.new_cdp_session(page.page)
            cdp.send("DOM.enable")
            cdp.send("CSS.enable")
            root = cdp.send("DOM.getDocument")["root"]["nodeId"]
            heading = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "th"})
            fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": heading["nodeId"]})
            families = [font["familyName"] for font in fonts["fonts"]]
            assert any(family.startswith("Noto Sans CJK") for family in families), families
            # Boxes ("tofu") look alike whatever the character: real glyphs differ from one
            # another and from the box of a character no font has (U+E000, private use).
            page.js(
                """for (const [id, text] of [["min", "民"], ["jing", "警"], ["box", "\\uE000"]]) {
                     const span = document.createElement("span");
                     span.id = id; span.textContent = text; span.style.fontSize = "48px";
                     document.body.prepend(span);
                   }"""
            )
            shots = {
                key: page.page.locator(f"#{key}").screenshot() for key in ("min", "jing", "box")
            }
            assert len(set(shots.values())) == 3
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.page.screenshot(path=str(ARTIFACTS / "sheet-zh.png"))

    browser.run(check)
