"""``eventplan whatif`` through its command module: files written, offline chart, bad input."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from eventplan.commands import whatif as command
from eventplan.errors import InputError


def _run(*argv: str) -> int:
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    return command.run(parser.parse_args(list(argv)))


@pytest.fixture
def scenario_file(tmp_path: Path, micro_doc) -> Path:
    path = tmp_path / "micro.json"
    path.write_text(json.dumps(micro_doc()))
    return path


def test_sweep_writes_table_and_chart(scenario_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "out" / "police.csv"
    assert _run(str(scenario_file), "--vary", "police=0:4:2", "-o", str(out), "--workers", "1") == 0
    table = pd.read_csv(out)
    assert table["count:police"].tolist() == [0, 2, 4]
    assert table["coverage_critical"].tolist() == [0.0, 1.0, 1.0]
    page = out.with_suffix(".html").read_text()
    assert "<svg" in page and "Coverage of required person-hours" in page
    captured = capsys.readouterr()
    assert "wrote" in captured.out and "3/3 variants" in captured.err


def test_chart_is_offline_and_escaped(scenario_file: Path, tmp_path: Path) -> None:
    variants = tmp_path / "variants.json"
    variants.write_text(
        json.dumps(
            {"<script>alert(1)</script>": {"event": {"name": "<img src=x onerror=alert(1)>"}}}
        )
    )
    out = tmp_path / "variants.csv"
    assert (
        _run(str(scenario_file), "--variants", str(variants), "-o", str(out), "--workers", "1") == 0
    )
    page = out.with_suffix(".html").read_text()
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    # Nothing that would make a browser fetch anything: no sources, links, imports or urls.
    # (The SVG namespace is an identifier, never fetched.)
    without_namespace = page.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert not re.search(r"(src|href)\s*=|url\(|@import|https?:", without_namespace)


def test_parquet_output(scenario_file: Path, tmp_path: Path) -> None:
    pytest.importorskip("pyarrow")
    out = tmp_path / "grid.parquet"
    assert (
        _run(
            str(scenario_file),
            "--vary",
            "police=1:2:1",
            "--scale",
            "guards=0.5,1",
            "-o",
            str(out),
            "--workers",
            "1",
        )
        == 0
    )
    table = pd.read_parquet(out)
    assert len(table) == 4 and {"count:police", "scale:guards"} <= set(table.columns)


def test_min_force_reports_the_answer(scenario_file: Path, tmp_path: Path, capsys) -> None:
    out = tmp_path / "least.csv"
    assert _run(str(scenario_file), "--min-force", "police", "-o", str(out), "--workers", "1") == 0
    assert "smallest police count covering every critical need: 2" in capsys.readouterr().out
    assert pd.read_csv(out)["count:police"].tolist() == [1, 2]


def test_no_show_table(scenario_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "noshow.csv"
    assert (
        _run(
            str(scenario_file),
            "--no-show",
            "0,0.5",
            "--trials",
            "3",
            "--replan",
            "-o",
            str(out),
            "--workers",
            "1",
        )
        == 0
    )
    table = pd.read_csv(out)
    assert table["no_show_rate"].tolist() == [0.0, 0.5]
    assert "replan_coverage_critical_mean" in table.columns


@pytest.mark.parametrize(
    "argv",
    [
        ["--vary", "police=1:2"],
        ["--vary", "police=a:b:1"],
        ["--vary", "nobody=1:2:1"],
        ["--scale", "police"],
        ["--replan"],
    ],
)
def test_bad_input_is_an_input_error(scenario_file: Path, tmp_path: Path, argv) -> None:
    with pytest.raises(InputError):
        _run(str(scenario_file), *argv, "-o", str(tmp_path / "t.csv"), "--workers", "1")


def test_unknown_table_format_is_refused(scenario_file: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="csv"):
        _run(str(scenario_file), "-o", str(tmp_path / "t.xlsx"))
