"""``eventplan sheet`` on the command line: the outputs, the errors (exit 2, no traceback), and
a start-up that imports nothing heavy."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from eventplan.sheet import pdf
from tests.i18n.leftovers import english_left
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


def test_bad_input_is_reported_in_chinese(solved, tmp_path, capsys, monkeypatch):
    (tmp_path / "file").write_text("a file, not a folder")
    (tmp_path / "out").mkdir()
    monkeypatch.setattr(pdf, "CANDIDATES", ("/nonexistent/chromium",))
    monkeypatch.delenv("EVENTPLAN_CHROMIUM", raising=False)
    cases = [
        [str(tmp_path / "missing"), "-o", f"{tmp_path}/out/a.xlsx"],
        [str(tmp_path), "-o", f"{tmp_path}/out/a.xlsx"],
        [str(solved), "-o", f"{tmp_path}/out/a.xls"],
        [str(solved), "-o", f"{tmp_path}/file/a.xlsx"],
        [str(solved), "--pdf", f"{tmp_path}/out/a.pdf"],
        [str(solved)],
    ]
    said = []
    for words in cases:
        assert run_cli("sheet", *words, "--lang", "zh") == 2
        said += capsys.readouterr().err.splitlines()
    assert len(said) == len(cases)
    assert [line for line in said if english_left(line, {"chromium", "fonts-noto-cjk"})] == []
    assert any("这里没有 plan.json：不是方案文件夹" in line for line in said)
    assert any("无法写入：已有同名的文件或文件夹" in line for line in said)


def test_eventplan_lang_sets_the_sheets_language(solved, tmp_path, capsys, monkeypatch):
    xlsx = tmp_path / "duty.xlsx"
    monkeypatch.setenv("EVENTPLAN_LANG", "zh_CN.UTF-8")
    assert run_cli("sheet", str(solved), "-o", str(xlsx)) == 0
    assert load_workbook(xlsx).sheetnames[0] == "总览"
    from eventplan import cli

    assert cli.main(["sheet", str(solved), "-o", str(xlsx), "--lang", "en"]) == 0
    assert capsys.readouterr().out == f"sheet written to {xlsx}\n"
    assert load_workbook(xlsx).sheetnames[0] == "Cover"


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
