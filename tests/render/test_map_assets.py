"""The map's front end as package files: found through importlib.resources, installed as
package data, and (where ``node`` is on PATH) each script file valid JavaScript that defines
exactly its one function."""

from __future__ import annotations

import fnmatch
import json
import shutil
import subprocess
import tomllib
from importlib.resources import as_file, files
from pathlib import Path

import pytest

from eventplan.render import assets
from eventplan.render.i18n import LANGUAGES
from tests.render.render_synth import ROOT

RENDER = ROOT / "eventplan" / "render"
DATA_FOLDERS = ("static", "templates", "i18n")
# The function each script file defines (its head says the same).
DEFINES = {
    "dom.js": "makeDom",
    "colors.js": "makeColors",
    "plan.js": "readPlan",
    "crew.js": "makeCrewView",
    "queues.js": "makeQueueView",
    "command.js": "makeCommandPopups",
    "popups.js": "makePopups",
    "ground.js": "makeGround",
    "sectors.js": "makeSectors",
    "venue.js": "makeVenueLayers",
    "layers.js": "makeLayers",
    "legend.js": "makeLegend",
    "controls.js": "addControls",
    "map.js": "startMap",
}


def resource_names() -> list[tuple[str, str]]:
    """Every front-end file the map reads, as (package, file name)."""
    static = [*assets.SCRIPT_FILES, assets.STYLE_FILE]
    return (
        [("eventplan.render", f"static/{name}") for name in static]
        + [("eventplan.render", f"templates/{assets.TEMPLATE_FILE}")]
        + [("eventplan.render.i18n", f"{lang}.json") for lang in LANGUAGES]
    )


@pytest.mark.parametrize(("package", "name"), resource_names())
def test_front_end_files_are_package_resources(package: str, name: str) -> None:
    resource = files(package)
    for part in name.split("/"):
        resource = resource / part
    assert resource.is_file(), f"{package}: {name}"
    assert resource.read_text(encoding="utf-8").strip()


def test_every_front_end_file_is_read_and_installed() -> None:
    """No stray file in the data folders, and pyproject's package data names each one.

    The tests run on the checkout; this keeps a non-editable ``pip install .`` complete.
    """
    read = {
        RENDER / package.removeprefix("eventplan.render").lstrip(".") / name
        for package, name in resource_names()
    }
    on_disk = {
        path
        for folder in DATA_FOLDERS
        for path in (RENDER / folder).iterdir()
        if path.is_file() and path.suffix not in (".py", ".pyc")
    }
    assert on_disk == read
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    package_data = pyproject["tool"]["setuptools"]["package-data"]
    for path in on_disk:
        assert packaged(path, package_data), f"{path.relative_to(ROOT)} is not package data"


def packaged(path: Path, package_data: dict[str, list[str]]) -> bool:
    """Whether a pattern of ``[tool.setuptools.package-data]`` takes ``path`` in."""
    for package, patterns in package_data.items():
        folder = ROOT.joinpath(*package.split("."))
        if path.is_relative_to(folder):
            name = path.relative_to(folder).as_posix()
            if any(fnmatch.fnmatch(name, pattern) for pattern in patterns):
                return True
    return False


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.skip("the JavaScript checks need node on PATH")
    return found


def run_node(name: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run node with ``args`` and then the path of the script file ``name``."""
    with as_file(files("eventplan.render") / "static" / name) as path:
        return subprocess.run(
            [node(), *args, str(path)], capture_output=True, text=True, timeout=60
        )


@pytest.mark.parametrize("name", assets.SCRIPT_FILES)
def test_script_file_is_valid_javascript(name: str) -> None:
    result = run_node(name, "--check")
    assert result.returncode == 0, result.stderr


# Runs one file in an empty global scope and prints the globals it left behind.
_GLOBALS = (
    "const vm = require('vm'), fs = require('fs'); const context = vm.createContext({});"
    "vm.runInContext(fs.readFileSync(process.argv[1], 'utf8'), context);"
    "console.log(JSON.stringify(Object.keys(context)));"
)


@pytest.mark.parametrize("name", assets.SCRIPT_FILES)
def test_script_file_shares_nothing_but_its_function(name: str) -> None:
    result = run_node(name, "-e", _GLOBALS)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [DEFINES[name]]
