"""Benchmark: render the commander's map of a large plan and time it in Chromium.

Protocol: a generated event (a 48 x 48 grid venue of 2,304 nodes, 2,000 posts, 50 patrol
loops, 20 standby units, 4 phases) gets a fabricated but consistent plan folder (see
``tests/render/render_synth.py``); the map is rendered ``--runs`` times, and opened as many
times in Debian's Chromium (headless, through Playwright, a fresh context each time). Reported
medians: render seconds, file size, time from navigation to ``window.__eventplanReady`` (as
the page measures it, and as seen from outside), and the time to switch to a phase not shown
yet. Targets: at most 10 MB, interactive within 3 s.

Run from the repository root: ``python benchmarks/bench_map.py [--posts N] [--patrols N]``.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from eventplan.render import render_map  # noqa: E402
from tests.render import render_synth as synth  # noqa: E402
from tests.render.conftest import CHROMIUM_ARGS  # noqa: E402

SIZE_LIMIT_MB = 10.0
READY_LIMIT_S = 3.0


def build_plan(folder: Path, posts: int, patrols: int) -> Path:
    scenario = synth.scenario_from(synth.grid_document(posts=posts, patrols=patrols))
    return synth.write_plan(scenario, folder / "plan", seed=1)


def time_render(plan: Path, runs: int) -> tuple[list[float], str]:
    times, html = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        html = render_map(plan)
        times.append(time.perf_counter() - start)
    return times, html


def _local_only(route, seen: list[str]) -> None:
    """Let ``file:`` and ``data:`` through; record and block anything else."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        seen.append(route.request.url)
        route.abort()


def time_browser(html_file: Path, runs: int) -> dict[str, list[float]]:
    from playwright.sync_api import sync_playwright

    out: dict[str, list[float]] = {"page": [], "outside": [], "switch": [], "requests": []}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1400, "height": 900})
            page = context.new_page()
            remote: list[str] = []
            page.route("**/*", lambda route, seen=remote: _local_only(route, seen))
            start = time.perf_counter()
            page.goto(html_file.as_uri(), wait_until="commit")
            while not page.evaluate("window.__eventplanReady === true"):
                time.sleep(0.005)
            out["outside"].append(time.perf_counter() - start)
            out["page"].append(page.evaluate("window.__eventplanReadyMs") / 1000)
            out["switch"].append(
                page.evaluate(
                    "(() => { var t = performance.now(); window.__eventplan.showPhase(0);"
                    " return performance.now() - t; })()"
                )
                / 1000
            )
            out["requests"].append(len(remote))
            context.close()
        browser.close()
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=2000)
    parser.add_argument("--patrols", type=int, default=50)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        plan = build_plan(folder, args.posts, args.patrols)
        print(
            f"plan generated in {time.perf_counter() - start:.1f} s "
            f"({args.posts} posts, {args.patrols} patrol loops)"
        )
        render_times, html = time_render(plan, args.runs)
        html_file = folder / "map.html"
        html_file.write_text(html, encoding="utf-8")
        size_mb = html_file.stat().st_size / 1e6
        print(f"render        median {statistics.median(render_times):6.2f} s")
        print(f"file size            {size_mb:6.2f} MB (limit {SIZE_LIMIT_MB:.0f} MB)")
        browser = time_browser(html_file, args.runs)
        ready = statistics.median(browser["page"])
        print(f"ready (page)  median {ready:6.2f} s (limit {READY_LIMIT_S:.0f} s)")
        print(f"ready (outside) med. {statistics.median(browser['outside']):6.2f} s")
        print(f"phase switch  median {statistics.median(browser['switch']):6.2f} s")
        print(f"remote requests      {max(browser['requests'])}")
        ok = size_mb <= SIZE_LIMIT_MB and ready <= READY_LIMIT_S and not max(browser["requests"])
        print("within targets" if ok else "OUTSIDE TARGETS")
        return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
