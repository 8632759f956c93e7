"""``eventplan sheet`` on the command line: the outputs, the errors (exit 2, no traceback), and
a start-up that imports nothing heavy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from eventplan.sheet import pdf
from tests.sheet.conftest import run_cli

ROOT = Path(__file__).resolve().parents[2]


def test_writes_the_workbook_and_the_page(solved: Path, tmp_path: Path, capsys):
    xlsx, html = tmp_path / "out" / "duty.xlsx", tmp_path / "duty.html"
    from eventplan import cli

    assert cli.main(["sheet", str(solved), "-o", str(xlsx), "--html", str(html)]) == 0
    assert f"sheet written to {xlsx}" in capsys.readouterr().out
    assert load_workbook(xlsx).sheetnames[0] == "Cover"
    assert html.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert not list(tmp_path.glob("**/.*.tmp")), "no temporary file left behind"


@pytest.mark.parametrize(
    ("words", "message"),
    [
        (["{missing}", "-o", "{out}/a.xlsx"], "no such folder"),
        (["{tmp}", "-o", "{out}/a.xlsx"], "no plan.json here"),
        (["{plan}", "-o", "{out}/a.xlsx", "--lang", "fr"], "--lang: unknown language 'fr'"),
        (["{plan}", "-o", "{out}/a.xls"], "must end in .xlsx"),
        (["{plan}", "-o", "{file}/a.xlsx"], "cannot write"),
        (["{plan}"], "say what to write"),
    ],
)
def test_bad_input_exits_2_with_a_message(solved, tmp_path, capsys, words, message):
    (tmp_path / "file").write_text("a file, not a folder")
    (tmp_path / "out").mkdir()
    names = {
        "missing": tmp_path / "missing",
        "tmp": tmp_path,
        "out": tmp_path / "out",
        "plan": solved,
        "file": tmp_path / "file",
    }
    assert run_cli("sheet", *(w.format(**names) for w in words)) == 2
    said = capsys.readouterr().err
    assert message in said and "Traceback" not in said


def test_pdf_without_chromium_says_how_to_install_it(solved, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(pdf, "CANDIDATES", ("/nonexistent/chromium",))
    monkeypatch.delenv("EVENTPLAN_CHROMIUM", raising=False)
    assert run_cli("sheet", str(solved), "--pdf", str(tmp_path / "duty.pdf")) == 2
    assert "apt-get install chromium" in capsys.readouterr().err
    assert not (tmp_path / "duty.pdf").exists()


def test_the_command_imports_nothing_heavy_until_it_runs():
    code = (
        "import sys\n"
        "from eventplan.cli import build_parser\n"
        "build_parser('sheet').parse_args(['sheet', 'plan', '-o', 'x.xlsx'])\n"
        "heavy = ('openpyxl', 'jinja2', 'eventplan.sheet', 'eventplan.scenario', 'pydantic')\n"
        "print(sorted(m for m in heavy if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"
