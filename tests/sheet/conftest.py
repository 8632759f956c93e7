"""Fixtures of the duty-sheet tests: a plan solved once by the real solver, a plan folder
written by hand, the workbooks and pages made from them, and a real Chromium.

Browser tests drive Debian's Chromium through Playwright (in a thread of its own, see
:class:`ChromiumThread`) and are skipped, with the reason, only where ``/usr/bin/chromium``
or the ``playwright`` package is missing (CI installs both, and the CJK font, with
``.ci/browser``).
"""

from __future__ import annotations

import contextlib
import importlib.util
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, TypeVar

import pytest

from eventplan import cli
from eventplan.scenario import dump, from_document
from tests.dst.events import AUTUMN, SPRING, long_night
from tests.sheet.sheet_scenarios import changeover_night, handmade_folder, solved_document

T = TypeVar("T")
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def run_cli(*words: str) -> int:
    """``eventplan WORDS...`` in this process, its output dropped; the exit code."""
    with contextlib.redirect_stdout(None):
        return cli.main(list(words))


@pytest.fixture(scope="session")
def solved(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan folder of :func:`solved_document`, from the real solver (once per session)."""
    base = tmp_path_factory.mktemp("sheet-plan")
    scenario_file = base / "sheet-test.yaml"
    dump(from_document(solved_document()), scenario_file)
    folder = base / "plan"
    code = run_cli(
        "solve", str(scenario_file), "-o", str(folder),
        "--time-limit", "20", "--seed", "1", "--workers", "1", "--no-map",
    )  # fmt: skip
    assert code == 0, f"eventplan solve exited {code}"
    return folder


@pytest.fixture(scope="session")
def outputs(solved: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The workbook and the page of the solved plan in both languages (``xlsx-en``,
    ``html-zh``, ...), made by the command."""
    base = tmp_path_factory.mktemp("sheet-out")
    made = {}
    for lang in ("en", "zh"):
        xlsx, html = base / f"duty-{lang}.xlsx", base / f"duty-{lang}.html"
        code = run_cli("sheet", str(solved), "-o", str(xlsx), "--html", str(html), "--lang", lang)
        assert code == 0
        made[f"xlsx-{lang}"], made[f"html-{lang}"] = xlsx, html
    return made


@pytest.fixture(scope="session")
def nights(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Plan folders of the long night across a change of the clocks, from the real solver
    (once per session): ``autumn`` and ``spring`` as ``tests.dst.events`` has them, and
    ``changeover`` (see :func:`changeover_night`)."""
    from eventplan.planning.output import write_plan
    from eventplan.planning.stages import solve

    documents = {
        "autumn": long_night(AUTUMN),
        "spring": long_night(SPRING),
        "changeover": changeover_night(),
    }
    folders = {}
    for name, document in documents.items():
        folder = tmp_path_factory.mktemp(f"night-{name}")
        write_plan(solve(from_document(document), time_limit=30, seed=1, workers=1), folder)
        folders[name] = folder
    return folders


@pytest.fixture
def handmade(tmp_path: Path) -> Path:
    """The plan folder written by hand (see :data:`HANDMADE_ROSTER`)."""
    return handmade_folder(tmp_path / "handmade")


class ChromiumThread:
    """Chromium under Playwright in a thread of its own.

    Playwright's synchronous API allows one instance per thread, and the map tests keep theirs
    open in the main thread for the whole session; these tests hand their work to this thread
    with :meth:`run` instead.
    """

    def __init__(self) -> None:
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sheet-chromium")
        self._driver: Any = None
        self._browser: Any = None
        self._thread.submit(self._start).result()

    def _start(self) -> None:
        from playwright.sync_api import sync_playwright

        self._driver = sync_playwright().start()
        self._browser = self._driver.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS
        )

    def run(self, work: Callable[..., T], *args: Any) -> T:
        """``work(browser, *args)`` in the browser's thread; its result, or its exception."""
        return self._thread.submit(work, self._browser, *args).result()

    def close(self) -> None:
        def stop() -> None:
            self._browser.close()
            self._driver.stop()

        self._thread.submit(stop).result()
        self._thread.shutdown()


@pytest.fixture(scope="session")
def chromium() -> Path:
    """Debian's Chromium (the tests are skipped without it)."""
    if not CHROMIUM.exists():
        pytest.skip("browser tests need /usr/bin/chromium (apt-get install chromium)")
    return CHROMIUM


@pytest.fixture(scope="session")
def browser(chromium: Path) -> Iterator[ChromiumThread]:
    """Chromium under Playwright, driven from a thread of its own."""
    if importlib.util.find_spec("playwright") is None:
        pytest.skip("browser tests need the playwright package (pip install playwright)")
    driven = ChromiumThread()
    yield driven
    driven.close()
