"""The calendar's map of sites: a layer per site, popups of who stood there, names as text."""

from __future__ import annotations

import importlib.util
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from eventplan.calendar.sitemap import sites_map
from tests.calendar.micro import calendar, duty, plan

CHROMIUM = Path("/usr/bin/chromium")
HOSTILE = '<img src=x onerror="document.title=1">'


def _page(tmp_path: Path) -> str:
    # One officer with a hostile name stands a daily 09:00-10:00 duty at s1 for two days
    # (need 2: one short each day); s2 has no duty, so it is not drawn.
    document = calendar(
        [{"id": "li", "name": HOSTILE}],
        [duty("gate", needs=[{"roles": ["police"], "count": 2}])],
    )
    document["sites"][0].update(name="<b>School</b>", lat=40.81)
    loaded, result = plan(tmp_path, document, days=2)
    return sites_map(loaded, result)


def _data(page: str) -> dict[str, Any]:
    found = re.search(r'id="eventplan-sites">(.*?)</script>', page, re.DOTALL)
    assert found is not None
    data: dict[str, Any] = json.loads(found.group(1))
    return data


def test_each_site_lists_its_days_and_people(tmp_path: Path) -> None:
    page = _page(tmp_path)
    (site,) = _data(page)["sites"]
    assert site["label"] == "<b>School</b>" and site["short"] == 2
    assert [row[0] for row in site["days"]] == ["2026-09-07", "2026-09-08"]
    assert site["days"][0][2:] == [[HOSTILE], 1]
    assert HOSTILE not in page and "<b>School" not in page  # only inside the escaped JSON
    assert "Content-Security-Policy" in page and "https://" not in page.split("<body>")[1]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists() or importlib.util.find_spec("playwright") is None:
        pytest.skip("browser tests need /usr/bin/chromium and the playwright package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


def test_the_page_draws_a_layer_per_site_with_names_as_text(tmp_path: Path, browser: Any) -> None:
    path = tmp_path / "sites.html"
    path.write_text(_page(tmp_path), encoding="utf-8")
    page = browser.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    labels = page.locator(".leaflet-control-layers-overlays label").all_inner_texts()
    assert [label.strip() for label in labels] == ["Stations", "<b>School</b>"]
    point = page.evaluate(
        """() => {
            const map = Object.values(window).find((v) => v instanceof L.Map);
            const at = map.latLngToContainerPoint([40.81, 111.6]);
            const box = map.getContainer().getBoundingClientRect();
            return [box.left + at.x, box.top + at.y];
        }"""
    )
    page.mouse.click(*point)
    popup = page.locator(".ep-site").inner_text()
    assert HOSTILE in popup and "1 short" in popup
    assert page.locator(".ep-site img").count() == 0 and page.title() != "1"
    assert errors == []
