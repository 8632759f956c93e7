"""CSV that Excel opens: a byte-order mark on every CSV, and no formula from a name.

A micro event whose six police are all named in a people CSV, four of them with names that a
spreadsheet would run as formulas; one post needs all six, so every name reaches the roster.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from eventplan.cli import main
from eventplan.io.spreadsheet import BYTE_ORDER_MARK, FORMULA_STARTS, csv_bytes, neutralise
from eventplan.render import load_bundle
from eventplan.whatif.table import write_table
from tests.staffing import micro

HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+SUM(1+1)",
    "@SUM(A1)",
    '=HYPERLINK("http://x")',
    "-2+3",
]
NAMES = [*HOSTILE, "李伟"]


def _micro_yaml(folder: Path, people: object) -> Path:
    """Six police of one pool, all needed at one post 08:00-16:00 (one 8-hour shift each)."""
    doc = micro.document(
        pools=[{"id": "p", "role": "police", "count": 6}],
        posts=[
            {
                "id": "post",
                "node": "g",
                "priority": "critical",
                "needs": [{"phases": ["main"], "roles": ["police"], "min": 6}],
            }
        ],
    )
    doc["people"] = people
    path = folder / "micro.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _people_csv(folder: Path, names: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["id", "name", "role", "pool"])
    writer.writerows([f"cop-{i}", name, "police", "p"] for i, name in enumerate(names, 1))
    (folder / "people.csv").write_text(buffer.getvalue(), encoding="utf-8")
    return "people.csv"


def _solve(scenario: Path, out: Path) -> None:
    assert main(["solve", str(scenario), "-o", str(out), "--no-map", "--seed", "1"]) == 0


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as stream:
        return list(csv.DictReader(stream))


@pytest.fixture(scope="module")
def hostile_plan(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("hostile")
    scenario = _micro_yaml(folder, _people_csv(folder, NAMES))
    _solve(scenario, folder / "plan")
    return scenario, folder / "plan"


def test_every_csv_of_the_plan_starts_with_a_byte_order_mark(hostile_plan, capsys) -> None:
    _, plan = hostile_plan
    for name in ("roster.csv", "coverage.csv"):
        data = (plan / name).read_bytes()
        assert data.startswith(BYTE_ORDER_MARK.encode("utf-8")), name
        assert data.decode("utf-8-sig").splitlines()[0].startswith(("person,", "post,"))


def test_names_from_the_people_file_are_written_neutralised(hostile_plan) -> None:
    _, plan = hostile_plan
    written = {row["person"]: row["name"] for row in _rows(plan / "roster.csv")}
    assert written == {f"cop-{i}": neutralise(n) for i, n in enumerate(NAMES, 1)}
    assert written["cop-1"] == "'=cmd|' /C calc'!A0" and written["cop-6"] == "李伟"
    for name in ("roster.csv", "coverage.csv"):
        for row in _rows(plan / name):
            assert not any(cell.startswith(FORMULA_STARTS) for cell in row.values()), row


def test_the_checker_and_the_map_read_the_neutralised_plan_back(hostile_plan, capsys) -> None:
    scenario, plan = hostile_plan
    assert main(["check", str(scenario), str(plan)]) == 0
    assert "plan holds: 6 people" in capsys.readouterr().out
    bundle = load_bundle(plan)
    assert {row.name for row in bundle.roster} == {neutralise(n) for n in NAMES}


def test_names_led_by_a_tab_or_a_return_are_neutralised(tmp_path: Path) -> None:
    # (the people CSV trims its cells; a scenario's own people list keeps them)
    names = ["\tTab Li", "\rReturn Wang", "=1+1", "Zhao", "Qian", "Sun"]
    people = [
        {"id": f"cop-{i}", "name": n, "role": "police", "pool": "p"} for i, n in enumerate(names, 1)
    ]
    scenario = _micro_yaml(tmp_path, people)
    _solve(scenario, tmp_path / "plan")
    written = {row["person"]: row["name"] for row in _rows(tmp_path / "plan" / "roster.csv")}
    assert written["cop-1"] == "'\tTab Li" and written["cop-2"] == "'\rReturn Wang"
    assert written["cop-3"] == "'=1+1" and written["cop-4"] == "Zhao"
    assert main(["check", str(scenario), str(tmp_path / "plan")]) == 0


def test_what_if_table_neutralises_variant_names_but_not_numbers(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "variant": ["base", '=HYPERLINK("http://x")', "-10%", "@rain"],
            "delta": [0, -5, -10, 3],
            "cost": [1.5, -2.25, 0.0, 4.0],
        }
    )
    out = tmp_path / "sweep.csv"
    write_table(frame, out)
    assert out.read_bytes().startswith(BYTE_ORDER_MARK.encode("utf-8"))
    back = pd.read_csv(out, encoding="utf-8-sig")
    assert back["variant"].tolist() == ["base", '\'=HYPERLINK("http://x")', "'-10%", "'@rain"]
    assert back["delta"].tolist() == [0, -5, -10, 3]
    assert back["cost"].tolist() == [1.5, -2.25, 0.0, 4.0]


def test_what_if_command_writes_variant_names_neutralised(tmp_path: Path, capsys) -> None:
    scenario = tmp_path / "micro.json"
    scenario.write_text(json.dumps(micro.document()), encoding="utf-8")
    variants = tmp_path / "variants.json"
    variants.write_text(json.dumps({"=2*3": {"event": {"name": "+evil"}}}), encoding="utf-8")
    out = tmp_path / "variants.csv"
    code = main(
        ["whatif", str(scenario), "--variants", str(variants), "-o", str(out), "--workers", "1"]
    )
    assert code == 0
    rows = _rows(out)
    assert [row["variant"] for row in rows] == ["base", "'=2*3"]
    assert all(not c.startswith(FORMULA_STARTS) for row in rows for c in row.values())


def test_csv_bytes_leave_numbers_and_plain_text_alone() -> None:
    frame = pd.DataFrame({"name": ["王芳", "a=b", "'=x"], "n": [-1, 2, -3]})
    text = csv_bytes(frame).decode("utf-8")
    assert text == f"{BYTE_ORDER_MARK}name,n\r\n王芳,-1\r\na=b,2\r\n'=x,-3\r\n"
