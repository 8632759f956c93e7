"""``--lang zh`` and ``EVENTPLAN_LANG`` through the whole command line: every line printed by
``validate``, ``check`` and ``solve`` is scanned for English left over (ids, numbers, file
names and values from the file excepted), the size refusals and the plan folder's errors
included."""

from __future__ import annotations

import csv
import json
import os
import re
import socket
from pathlib import Path

import pytest
import yaml

from eventplan.cli import main
from eventplan.io.folder import folder_lock, lock_path
from eventplan.render import render_map
from eventplan.staffing import size
from tests.hardening.folders import rehash
from tests.i18n.leftovers import english_left, source_words, tokens
from tests.scenario.documents import SMALL_YAML, small, write
from tests.staffing import micro

ROOT = Path(__file__).resolve().parents[2]
BUNDLED = ROOT / "scenarios"


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, [line for line in (out + err).splitlines() if line.strip()]


def _left(lines: list[str], allowed: set[str], free_text: tuple[str, ...] = ()) -> list:
    """(line, English words) for every line with some; ``free_text`` (names from the file
    with spaces in them) is taken out of the lines first."""
    found = []
    for line in lines:
        for text in free_text:
            line = line.replace(text, " ")
        left = english_left(line, allowed)
        if left:
            found.append((line, left))
    return found


def _broken_documents(folder: Path) -> list[Path]:
    """Files with many mistakes of many kinds, one document each."""
    doc = small()
    doc["posts"][3]["needs"][0]["roles"][1] = "gaurd"
    doc["pools"][2]["count"] = 0
    doc["pools"][0]["colour"] = "blue"
    doc["event"]["phases"][1]["end"] = "2025-07-12T17:00"
    doc["venue"]["edges"].append({"a": "gate-N", "b": "gate-N"})
    doc["units"][0]["composition"]["swat"] = 1
    doc["sectors"][0]["posts"].append("plaza-watch")
    doc["reserves"][0]["share"] = 0.1
    doc["rules"]["ratios"][0]["per_attendees"] = 10
    doc["event"]["timezone"] = "Mars/Olympus"
    files = [write(folder, "many.yaml", yaml.safe_dump(doc, allow_unicode=True))]
    files.append(write(folder, "tabs.yaml", "eventplan: 1\nevent:\n\tid: x\n"))
    files.append(write(folder, "comma.json", '{"eventplan": 1,, "event": {}}'))
    files.append(write(folder, "bad.toml", "eventplan = 1\nevent = \n"))
    files.append(write(folder, "text.txt", "eventplan: 1\n"))
    files.append(write(folder, "list.yaml", "- 1\n- 2\n"))
    people = SMALL_YAML.replace("\nroles:\n", "\npeople: people.csv\n\nroles:\n", 1)
    write(folder, "people.csv", "id,name,role,pool,phone\np1,Li,police,district-police,1\n")
    files.append(write(folder, "people.yaml", people))
    return files


def test_validate_in_chinese_names_every_problem_without_english(tmp_path, capsys) -> None:
    files = _broken_documents(tmp_path)
    code, lines = _run(capsys, "validate", "--lang", "zh", *map(str, files))
    assert code == 2
    allowed = set().union(*(source_words(f.read_text(encoding="utf-8")) for f in files))
    for line in lines:  # the place in the document: keys of the file
        allowed |= set(tokens(line.split(": ")[1] if line.count(": ") > 1 else ""))
    assert _left(lines, allowed) == []
    assert any("未知的角色 'gaurd'" in line for line in lines)
    assert f"{files[0]}：无效（" in "\n".join(lines)
    assert len(lines) >= 20


def test_validate_in_chinese_summarises_a_valid_file(tmp_path, capsys) -> None:
    path = write(
        tmp_path, "cup.yaml", SMALL_YAML.replace("per_attendees: 100", "per_attendees: 10")
    )
    code, lines = _run(capsys, "validate", "--lang", "zh", str(path))
    assert code == 0
    assert f"{path}：有效" in lines
    assert any("rules.ratios[0]: 警告：要求 900 人在岗" in line for line in lines)
    assert (
        "  人员      280 人：民警 40 人，辅警 30 人，交警 10 人，保安员 120 人，志愿者 80 人"
        in lines
    )
    assert "  岗位      4 个：关键 1 个，高 1 个，一般 1 个，低 1 个" in lines
    names = ("Cup final, Stade Louis II", "Stade Louis II")
    assert _left(lines, source_words(path.read_text()), names) == []


def test_eventplan_lang_sets_the_default_and_lang_overrides_it(tmp_path, capsys, monkeypatch):
    path = write(tmp_path, "cup.yaml", SMALL_YAML)
    monkeypatch.setenv("EVENTPLAN_LANG", "zh_CN.UTF-8")
    assert _run(capsys, "validate", str(path))[1][0] == f"{path}：有效"
    assert _run(capsys, "validate", "--lang", "en", str(path))[1][0] == f"{path}: valid"
    monkeypatch.setenv("EVENTPLAN_LANG", "fr")
    code, lines = _run(capsys, "validate", str(path))
    assert code == 2 and "unknown language 'fr'" in lines[-1] and "EVENTPLAN_LANG" in lines[-1]


def _micro_plan(folder: Path) -> tuple[Path, Path]:
    """A solved micro event: six police, one gate, 08:00-16:00."""
    need = {"phases": ["main"], "roles": ["police"], "min": 3}
    doc = micro.document(
        posts=[{"id": "gate", "node": "g", "priority": "critical", "needs": [need]}]
    )
    scenario = write(folder, "micro.json", json.dumps(doc))
    assert main(["solve", str(scenario), "-o", str(folder / "plan"), "--no-map"]) == 0
    return scenario, folder / "plan"


def test_check_in_chinese_names_every_violation_without_english(tmp_path, capsys) -> None:
    scenario, plan = _micro_plan(tmp_path)
    capsys.readouterr()
    roster = plan / "roster.csv"
    with roster.open(encoding="utf-8-sig", newline="") as stream:
        rows = list(csv.DictReader(stream))
    rows[0]["end"] = rows[0]["end"].replace("T", "T0")  # an unreadable time
    rows[1]["pool"] = "polize"
    rows[2]["start"] = "2025-07-12T09:00"  # a short shift, and the gate short-handed
    rows.append(dict(rows[2], start="2025-07-12T12:00", end="2025-07-12T16:00", post="nowhere"))
    with roster.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.DictWriter(stream, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    document = json.loads((plan / "plan.json").read_text(encoding="utf-8"))
    document["kpis"]["cost"] += 100
    document["scenario"] = "other"
    (plan / "plan.json").write_text(json.dumps(document), encoding="utf-8")
    rehash(plan)  # tampered files that still belong together: violations, not a mixed folder
    code, lines = _run(capsys, "check", str(scenario), str(plan), "--lang", "zh")
    assert code == 1
    assert lines[-1].startswith("方案未通过检查：")
    allowed = source_words(scenario.read_text()) | source_words(roster.read_text("utf-8-sig"))
    assert _left(lines, allowed | {"polize", "nowhere", "other"}) == []
    assert len(lines) >= 5


@pytest.mark.parametrize("name", ["concert", "monaco-match"])
def test_solve_in_chinese_prints_a_chinese_summary(name: str, tmp_path, capsys) -> None:
    path = BUNDLED / f"{name}.yaml"
    out = tmp_path / "plan"
    code, lines = _run(capsys, "solve", str(path), "-o", str(out), "--lang", "zh",
                       "--time-limit", "10")  # fmt: skip
    assert code == 0
    assert re.match(r"  求解      方案状态 (最优|可行)，目标值 ", lines[1]), lines[1]
    assert any(line.startswith("  成本      ") and "投入力量" in line for line in lines)
    assert any("巡逻组" in line and "最长巡查间隔" in line for line in lines)
    scenario = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = (scenario["event"]["name"], scenario["venue"].get("name", ""))
    assert _left(lines, source_words(json.dumps(scenario, default=str)), names) == []
    # The map written beside the plan speaks Chinese too: roles by the built-in vocabulary.
    html = (out / "map.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in html and "方案状态 " in html
    block = re.search(r'id="eventplan-data">(.*?)</script>', html, re.S)
    data = json.loads(block.group(1))
    assert set(data["roles"].values()) <= {"民警", "辅警", "交警", "保安员", "志愿者"}
    assert "班组" not in json.dumps(data, ensure_ascii=False)
    assert "方案状态 " in render_map(out, lang="zh")  # and drawn again from the folder


@pytest.fixture
def oversized(monkeypatch: pytest.MonkeyPatch) -> None:
    """Limits of the size estimate so low that the small scenario breaks every one of them."""
    monkeypatch.setattr(size, "MAX_PEOPLE_AT_ONCE", 1)
    monkeypatch.setattr(size, "MAX_SORTIES", 1)
    monkeypatch.setattr(size, "BYTES_PER_ROW", 2**30)
    monkeypatch.setattr(size, "ROWS_ALWAYS_SOLVED", 0)
    monkeypatch.setattr(size, "ROWS_PER_SECOND", 0.01)
    monkeypatch.setattr(size, "available_memory", lambda: 2**30)


@pytest.mark.usefixtures("oversized")
def test_size_refusals_in_chinese(tmp_path, capsys) -> None:
    coarse = write(tmp_path, "cup.yaml", SMALL_YAML)
    fine = write(tmp_path, "fine.yaml", SMALL_YAML.replace("slot_minutes: 15", "slot_minutes: 5"))
    code, warned = _run(capsys, "validate", "--lang", "zh", str(coarse))
    assert code == 0
    code, refused = _run(capsys, "solve", str(fine), "-o", str(tmp_path / "plan"), "--lang", "zh")
    assert code == 2 and not (tmp_path / "plan").exists()
    lines = [line for line in warned + refused if "GiB" in line or "eventplan 最多" in line]
    lines += [line for line in warned + refused if "--time-limit" in line]
    assert len(lines) == 8, warned + refused  # people, sorties, memory and time, twice
    assert any("请缩短活动时间" in line for line in warned)
    assert any("把 event.slot_minutes 设为 15" in line for line in refused)
    assert _left(lines, source_words(SMALL_YAML)) == []


def test_plan_folder_errors_in_chinese(tmp_path, capsys) -> None:
    scenario = write(tmp_path, "cup.yaml", SMALL_YAML)
    out, a_file = tmp_path / "plan", write(tmp_path, "notes.txt", "keep me")
    lines = []
    with folder_lock(out):  # another run is writing the folder
        lines += _run(capsys, "solve", str(scenario), "-o", str(out), "--lang", "zh")[1]
        lock_path(out).write_text("")  # one that left no name in the lock
        lines += _run(capsys, "solve", str(scenario), "-o", str(out), "--lang", "zh")[1]
    stale = "eventplan (process 99999 on elsewhere, started 2026-01-01T08:00:00+08:00)\n"
    lock_path(out).write_text(stale)
    out.mkdir()
    (out / "letter.txt").write_text("keep me")  # a folder that is not a plan's
    lines += _run(capsys, "solve", str(scenario), "-o", str(out), "--lang", "zh")[1]
    lines += _run(capsys, "solve", str(scenario), "-o", str(a_file), "--lang", "zh")[1]
    said = "\n".join(lines)
    assert f"eventplan：错误：{out}：eventplan（进程 {os.getpid()}，主机 " in said
    assert f"eventplan：错误：{out}：另一个 eventplan 进程正在写入这个方案文件夹" in said
    assert (
        "：接管了 eventplan（进程 99999，主机 elsewhere，启动于 2026-01-01T08:00:00+08:00）" in said
    )
    assert f"eventplan：错误：{out}：已存在，且其中没有 plan.json" in said
    assert f"eventplan：错误：{a_file}：已存在，但不是文件夹；请另选一个输出文件夹" in said
    host = set(tokens(socket.gethostname())) | {socket.gethostname()}
    assert _left(lines, source_words(SMALL_YAML) | host | {"elsewhere"}) == []
    assert (out / "letter.txt").read_text() == "keep me"
    # English as it was
    code, english = _run(capsys, "solve", str(scenario), "-o", str(a_file), "--lang", "en")
    assert code == 1
    assert (
        english[-1]
        == f"eventplan: error: {a_file}: exists and is not a folder; choose another output folder"
    )
