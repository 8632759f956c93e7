"""A map opened in Chromium, with every request, error and dialog recorded.

Every request other than ``file:`` and ``data:`` is blocked and recorded; the tests then
assert there was none. Console errors, uncaught exceptions and dialogs (``alert``) are kept.
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

from eventplan.render.phases import phase_windows
from eventplan.scenario import load

READY_SECONDS = 15.0


class MapPage:
    """One map in a fresh browser context.

    ``bypass_csp`` switches off the page's Content-Security-Policy, so that a test shows the
    escaping itself keeps hostile names inert (the policy would otherwise hide a mistake).
    """

    def __init__(
        self,
        browser: Any,
        html: Path,
        *,
        bypass_csp: bool = True,
        size: tuple[int, int] = (1400, 900),
    ) -> None:
        self.html = html
        self.context = browser.new_context(
            bypass_csp=bypass_csp, viewport={"width": size[0], "height": size[1]}
        )
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.route("**/*", self._route)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.on("dialog", self._dialog)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "data:")):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    def open(self) -> MapPage:
        """Load the map and wait until the page says it is built."""
        self.page.goto(self.html.as_uri())
        deadline = time.monotonic() + READY_SECONDS
        while not self.js("window.__eventplanReady === true"):
            if time.monotonic() > deadline or self.errors:
                raise AssertionError(f"map not ready: {self.errors}")
            time.sleep(0.05)
        return self

    def js(self, expression: str) -> Any:
        """Evaluate an expression in the page (``page.evaluate`` works under the page's CSP)."""
        return self.page.evaluate(expression)

    def count(self, kind: str) -> int:
        return int(self.js(f"window.__eventplan.count({json.dumps(kind)})"))

    def show_phase(self, index: int) -> None:
        """Switch phase through the control (the day list first, for another day)."""
        day = self.js(f"window.__eventplan.data.phases[{index}].day")
        if day and self.page.locator(".ep-day select").count():
            self.page.select_option(".ep-day select", day)
        self.page.check(f"input[name=ep-phase][value='{index}']")
        assert self.js("window.__eventplan.phase()") == index

    def click_marker(self, kind: str, marker_id: str) -> None:
        """Centre a marker and click it where it is drawn."""
        assert self.js(f"window.__eventplan.focus({json.dumps(kind)}, {json.dumps(marker_id)})")
        point = self.js(f"window.__eventplan.point({json.dumps(kind)}, {json.dumps(marker_id)})")
        self.page.mouse.click(point[0], point[1])
        self.page.wait_for_selector(".leaflet-popup-content .ep-pop", timeout=5000)

    def popup_text(self) -> str:
        return self.page.inner_text(".leaflet-popup-content")

    def open_popup(self, kind: str, marker_id: str, selector: str) -> str:
        """Close any popup, click a marker and return the text of the popup ``selector``
        (inside ``.leaflet-popup-content``) once it is shown."""
        self.js("void window.__eventplan.map.closePopup()")
        self.page.wait_for_selector(".leaflet-popup", state="detached", timeout=5000)
        self.click_marker(kind, marker_id)
        found = self.page.wait_for_selector(f".leaflet-popup-content {selector}", timeout=5000)
        return str(found.inner_text())

    def marker_options(self, kind: str, marker_id: str, *names: str) -> list:
        """Options of a drawn marker (its style, or the page's own ``ep`` options)."""
        keys = json.dumps(list(names))
        return self.js(
            "(() => { let found = null; window.__eventplan.map.eachLayer(l => {"
            f" if (l.options && l.options.epKind === {json.dumps(kind)} &&"
            f" l.options.epId === {json.dumps(marker_id)}) {{ found = l; }} }});"
            f" return found && {keys}.map(k => found.options[k]); }})()"
        )

    def close(self) -> None:
        self.context.close()


class Expected:
    """What a plan folder should put on the map, worked out from its files alone."""

    def __init__(self, folder: Path) -> None:
        self.plan = json.loads((folder / "plan.json").read_text("utf-8"))
        self.scenario = load(folder / "scenario.json")
        self.windows = phase_windows(self.scenario, self.plan)

    def _phases_of(self, item_id: str, specs: dict[str, Any]) -> tuple[str, ...] | None:
        for spec_id, spec in specs.items():
            if item_id == spec_id or item_id.startswith(spec_id + "#"):
                return tuple(spec.phases)
        return None

    def routes(self, window: int) -> int:
        specs = {p.id: p for p in self.scenario.patrols}
        phase = self.windows[window].id
        return sum(
            1
            for p in self.plan.get("patrols") or ()
            if phase in (self._phases_of(p["id"], specs) or (phase,))
        )

    def standby(self, window: int) -> int:
        specs = {u.id: u for u in self.scenario.units}
        phase = self.windows[window].id
        return sum(
            1
            for s in self.plan.get("standby") or ()
            if phase in (self._phases_of(s["unit"], specs) or (phase,))
        )

    def posts(self) -> int:
        return len(self.scenario.posts)

    def windows_on(self, day: str) -> int:
        return sum(1 for w in self.windows if w.day == day)
