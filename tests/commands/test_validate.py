"""``eventplan validate``: summaries, exit codes, and hostile files through the whole CLI.

Every broken or hostile input must end in exit code 2 and a message naming the file, never a
traceback or a hang.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventplan.cli import main
from eventplan.scenario.reader import MAX_FILE_BYTES
from tests.scenario.documents import SMALL_YAML, multi_day, write


def validate(capsys, *files: Path | str) -> tuple[int, str, str]:
    code = main(["validate", *map(str, files)])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_valid_file_is_summarised(tmp_path, capsys):
    path = write(tmp_path, "cup.yaml", SMALL_YAML)
    code, out, err = validate(capsys, path)
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"{path}: valid",
        "  event    Cup final, Stade Louis II [cup-final], match, 9,000 attendees, Europe/Monaco",
        "  days     1 (2025-07-12), 15-minute slots",
        "  phases   ingress 16:00-18:00, match 18:00-20:00, egress 20:00-21:00",
        "  posts    4: 1 critical, 1 high, 1 normal, 1 low",
        "  people   280: 40 police, 30 auxiliary, 10 traffic, 120 guard, 80 volunteer",
        "  forces   2 unit(s), 1 patrol(s), 1 drone(s)",
        "  venue    Stade Louis II: 4 nodes, 3 edges, 1 zones",
    ]


def test_a_multi_day_file_is_summarised_per_day(tmp_path, capsys):
    code, out, _ = validate(capsys, write(tmp_path, "days.json", json.dumps(multi_day())))
    assert code == 0
    assert "9,000 attendees per day" in out
    assert "  days     2 (2025-07-12, 2025-07-13), 15-minute slots" in out
    assert "egress 20:00-24:00" in out


def test_warnings_go_to_stderr_and_the_file_stays_valid(tmp_path, capsys):
    path = write(tmp_path, "s.yaml", SMALL_YAML.replace("per_attendees: 100", "per_attendees: 10"))
    code, out, err = validate(capsys, path)
    assert code == 0
    assert "rules.ratios[0]: warning: asks for 900 on duty" in err
    assert "  warnings 1 (listed above)" in out


def test_an_invalid_file_lists_every_problem_and_exits_2(tmp_path, capsys):
    text = SMALL_YAML.replace("roles: [traffic]", "roles: [trafic]").replace(
        "count: 10}", "count: 0}"
    )
    path = write(tmp_path, "s.yaml", text)
    code, out, err = validate(capsys, path)
    assert (code, out) == (2, "")
    assert err.splitlines()[-1] == f"{path}: invalid (2 errors)"
    assert "pools[2].count: must be greater than 0, got 0" in err
    assert "posts[2].needs[0].roles[0]: unknown role 'trafic'" in err


def test_one_invalid_file_among_valid_ones(tmp_path, capsys):
    good = write(tmp_path, "good.yaml", SMALL_YAML)
    bad = write(tmp_path, "bad.yaml", "eventplan: 1\n")
    code, out, err = validate(capsys, good, bad)
    assert code == 2
    assert f"{good}: valid" in out and f"{bad}: invalid" in err


def test_no_file_is_a_usage_error(capsys):
    assert main(["validate"]) == 2
    assert "the following arguments are required: FILE" in capsys.readouterr().err


def _bomb() -> str:
    text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
    for i in range(1, 10):
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    return text


def _big() -> str:
    return SMALL_YAML + "#" * (MAX_FILE_BYTES - len(SMALL_YAML)) + "\n"


def edit(old: str, new: str) -> str:
    """The small scenario with one piece of text replaced (which must be there)."""
    assert old in SMALL_YAML
    return SMALL_YAML.replace(old, new, 1)


DEEP_BLOCK = "a:\n" + "".join("  " * i + "- b:\n" for i in range(1, 3000))
HOSTILE = [
    ("empty.yaml", "", "file is empty"),
    ("junk.yaml", bytes(range(256)) * 4, "binary data, not a text file"),
    ("scenario.txt", SMALL_YAML, "unsupported file type '.txt'"),
    ("scenario", SMALL_YAML, "unsupported file type '(none)'"),
    ("latin1.yaml", edit("Cup final", "Coupe été").encode("latin-1"), "not valid UTF-8"),
    ("bomb.yaml", _bomb(), "too many values through YAML aliases"),
    ("deep.yaml", "a: " + "[" * 5000 + "]" * 5000, "nesting is too deep (limit 64 levels)"),
    ("deep-block.yaml", DEEP_BLOCK, "nesting is too deep"),
    ("deep.json", '{"a": ' + "[" * 100_000 + "]" * 100_000 + "}", "nesting is too deep"),
    ("deep.toml", "a = " + "[" * 5000 + "]" * 5000, "nesting is too deep"),
    ("deep-tables.toml", "a = " + "{b = " * 3000 + "1" + "}" * 3000, "nesting is too deep"),
    ("list.json", json.dumps([1, 2, 3]), "a scenario is a mapping of sections"),
    ("tabs.yaml", edit("  id: cup-final", "\tid: cup-final"), "YAML indents with spaces"),
    ("syntax.yaml", edit("[4, 12]}", "[4, 12}"), "not valid YAML"),
    ("nan.yaml", edit("cost: 10,", "cost: .nan,"), "roles.police.cost: expected a finite number"),
    ("inf.yaml", edit("lat: 43.7276", "lat: .inf"), "nodes[0].lat: expected a finite number"),
    ("nan.json", '{"eventplan": 1, "x": NaN}', "NaN is not a number JSON allows"),
    ("inf.toml", "eventplan = inf\n", "eventplan: this is format 1"),
    ("bool.yaml", edit("count: 40", "count: yes"), "pools[0].count: expected a whole number"),
    ("huge.yaml", edit("count: 40", "count: " + "9" * 5000), "number is too long"),
    ("huge.json", '{"eventplan": ' + "9" * 5000 + "}", "a number is too long"),
    ("big-int.yaml", edit("count: 40", "count: " + "9" * 40), "count: must be at most 10000000"),
    ("twice.yaml", edit("  kind: match\n", "  kind: match\n  kind: expo\n"), "given twice"),
    ("int-key.yaml", edit("  traffic:  ", "  3:  "), "roles: key '3' is read as a number"),
    ("bool-key.yaml", edit("response:", "on:"), "key 'on' is read as true or false"),
    ("list-key.yaml", SMALL_YAML + "? [a, b]\n: 1\n", "a key must be text"),
    ("python.yaml", "a: !!python/object/apply:os.system [echo]\n", "YAML tags such as"),
    ("tag.yaml", edit("kind: match", "kind: !!bool maybe"), "YAML tags such as !!bool"),
]


@pytest.mark.parametrize(("name", "content", "expected"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_files_exit_2_with_a_message(tmp_path, capsys, name, content, expected):
    path = write(tmp_path, name, content)
    code, out, err = validate(capsys, path)
    assert code == 2 and out == ""
    assert expected in err
    assert str(path) in err and "Traceback" not in err


def test_a_file_over_the_size_limit(tmp_path, capsys):
    path = write(tmp_path, "big.yaml", _big())
    code, _, err = validate(capsys, path)
    assert code == 2
    assert f"{path}: file is larger than 20 MB, the limit for scenario files" in err


def test_missing_files_and_folders(tmp_path, capsys):
    assert "no such file" in validate(capsys, tmp_path / "none.yaml")[2]
    (tmp_path / "folder.yaml").mkdir()
    code, _, err = validate(capsys, tmp_path / "folder.yaml")
    assert code == 2 and "not a regular file" in err


@pytest.mark.parametrize(
    ("csv", "expected"),
    [
        ("id,name,role\np1,Ann,police\n", "people.csv:1: missing column(s): pool"),
        ("id,name,role,pool\np1,Ann,gaurd,guards\n", "people.csv:2: role: unknown role 'gaurd'"),
        ("id,name,role,pool\np1,Ann,guard,guards,extra\n", "people.csv:2: this row has 5 cells"),
        ("", "people.csv: file is empty"),
    ],
)
def test_broken_people_files(tmp_path, capsys, csv, expected):
    write(tmp_path, "people.csv", csv)
    code, _, err = validate(capsys, write(tmp_path, "s.yaml", SMALL_YAML + "people: people.csv\n"))
    assert code == 2
    assert f"{tmp_path / expected}" in err
