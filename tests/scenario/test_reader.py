"""Reading files into plain documents: formats, line numbers, and the bounds on hostile input.

Each hostile input also goes through the CLI in tests/commands/test_validate.py; here the
mechanisms are tested at their edges (exactly at a limit, one past it).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventplan.errors import InputError
from eventplan.scenario import limits
from eventplan.scenario.findings import format_path
from eventplan.scenario.limits import MAX_DEPTH
from eventplan.scenario.reader import MAX_FILE_BYTES, read_document

from .documents import write


def read(folder: Path, name: str, text: str | bytes) -> dict:
    return read_document(write(folder, name, text))[0]


def refusal(folder: Path, name: str, text: str | bytes) -> str:
    with pytest.raises(InputError) as caught:
        read_document(write(folder, name, text))
    return str(caught.value)


def test_the_three_formats_read_to_the_same_document(tmp_path):
    expected = {"event": {"id": "x", "phases": [{"start": "16:00", "share": 0.5}]}, "n": 3}
    yaml_text = 'event:\n  id: x\n  phases:\n    - {start: "16:00", share: 0.5}\nn: 3\n'
    toml_text = 'n = 3\n[event]\nid = "x"\nphases = [{start = "16:00", share = 0.5}]\n'
    assert read(tmp_path, "a.yaml", yaml_text) == expected
    assert read(tmp_path, "a.yml", yaml_text) == expected
    assert read(tmp_path, "a.json", json.dumps(expected)) == expected
    assert read(tmp_path, "a.toml", toml_text) == expected


def test_yaml_times_and_dates_stay_text_for_the_time_parser(tmp_path):
    # YAML 1.1 would read 16:00 as the base-60 number 960 and 2025-07-12 as a date.
    text = "a: 16:00\nb: 2025-07-12\nc: 2025-07-12 16:00:00\nd: 0x10\ne: 1_000\nf: .5\n"
    assert read(tmp_path, "t.yaml", text) == {
        "a": "16:00",
        "b": "2025-07-12",
        "c": "2025-07-12 16:00:00",
        "d": 16,
        "e": 1000,
        "f": 0.5,
    }


def test_yaml_line_map_names_keys_and_list_items(tmp_path):
    text = "event:\n  id: x\n  phases:\n    - id: a\n    - {id: b}\nposts: []\n"
    _, lines = read_document(write(tmp_path, "l.yaml", text))
    assert lines[("event",)] == 1
    assert lines[("event", "id")] == 2
    assert lines[("event", "phases", 0)] == 4
    assert lines[("event", "phases", 1, "id")] == 5
    assert lines[("posts",)] == 6


def test_utf8_with_byte_order_mark_is_read(tmp_path):
    assert read(tmp_path, "b.yaml", "\ufeffname: Stade\n") == {"name": "Stade"}


def test_duplicate_yaml_key_is_an_error_naming_both_lines(tmp_path):
    message = refusal(tmp_path, "d.yaml", "event:\n  id: a\n  name: x\n  id: b\n")
    assert message == (
        f"{tmp_path / 'd.yaml'}:4: event.id: key 'id' is given twice (first on line 2); "
        "only one may stay"
    )


def test_duplicate_key_inside_a_flow_mapping_of_a_list(tmp_path):
    message = refusal(
        tmp_path, "d.yaml", "posts:\n  - {id: a, min: 1}\n  - {id: b, min: 1, min: 2}\n"
    )
    assert ":3: posts[1].min: key 'min' is given twice" in message


def test_every_duplicate_is_reported_at_once(tmp_path):
    message = refusal(tmp_path, "d.yaml", "a: 1\na: 2\nb:\n  c: 1\n  c: 2\n")
    assert ":2: a: key 'a'" in message
    assert ":5: b.c: key 'c'" in message


def test_merge_keys_are_allowed_and_explicit_keys_override_them(tmp_path):
    text = "base: &b {cost: 1, shift_hours: [4, 8]}\nrole:\n  <<: *b\n  cost: 3\n"
    assert read(tmp_path, "m.yaml", text)["role"] == {"cost": 3, "shift_hours": [4, 8]}


@pytest.mark.parametrize(
    ("key", "read_as"),
    [("1", "a number"), ("2.5", "a number"), ("on", "true or false"), ("~", "empty (null)")],
)
def test_keys_that_are_not_text_are_errors(tmp_path, key, read_as):
    message = refusal(tmp_path, "k.yaml", f"roles:\n  police: {{cost: 1}}\n  {key}: {{cost: 2}}\n")
    assert f":3: roles: key '{key}' is read as {read_as}, not as text: put it in quotes" in message


def test_a_list_as_key_is_an_error(tmp_path):
    message = refusal(tmp_path, "k.yaml", "a: 1\n? [x]\n: 2\n")
    assert message.endswith(":2: a key must be text, not a list or mapping")


def test_alias_bomb_is_refused_before_it_expands(tmp_path):
    text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
    for i in range(1, 9):  # 10^9 values once expanded
        text += f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]\n"
    message = refusal(tmp_path, "bomb.yaml", text)
    assert "too many values through YAML aliases (over 2,000,000)" in message


def test_an_alias_that_contains_itself_is_refused(tmp_path):
    assert "nesting is too deep" in refusal(tmp_path, "r.yaml", "a: &a [1, *a]\n")


def test_many_aliases_of_a_small_value_are_fine(tmp_path):
    text = "x: &x {a: 1}\nitems: [" + ", ".join(["*x"] * 500) + "]\n"
    assert len(read(tmp_path, "ok.yaml", text)["items"]) == 500


def _nested(kind: str, depth: int) -> str:
    """A document whose innermost list sits ``depth`` mappings and lists deep."""
    if kind == "yaml":
        return "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"
    if kind == "json":
        return '{"a": ' + "[" * (depth - 1) + "]" * (depth - 1) + "}"
    return "a = " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_nesting_up_to_the_limit_is_read_and_one_more_is_refused(tmp_path, kind):
    read(tmp_path, f"ok.{kind}", _nested(kind, MAX_DEPTH))
    assert "nesting is too deep (limit 64 levels)" in refusal(
        tmp_path, f"deep.{kind}", _nested(kind, MAX_DEPTH + 1)
    )


@pytest.mark.parametrize("kind", ["yaml", "json", "toml"])
def test_nesting_thousands_deep_is_refused_quickly(tmp_path, kind):
    assert "nesting is too deep" in refusal(tmp_path, f"deep.{kind}", _nested(kind, 50_000))


@pytest.mark.parametrize(("kind", "text"), [("yaml", "a: [{}]\n"), ("json", '{"a": [{}]}')])
def test_value_count_limit_applies_to_every_format(tmp_path, monkeypatch, kind, text):
    monkeypatch.setattr(limits, "MAX_VALUES", 4)
    read(tmp_path, f"ok.{kind}", text)  # the mapping, the key a, the list, the inner mapping
    monkeypatch.setattr(limits, "MAX_VALUES", 3)
    assert "too many values (over 3)" in refusal(tmp_path, f"big.{kind}", text)


def test_file_at_the_size_limit_is_read_and_one_byte_more_is_refused(tmp_path):
    body = "a: 1\n"
    padding = "#" * (MAX_FILE_BYTES - len(body) - 1) + "\n"
    assert read(tmp_path, "edge.yaml", body + padding) == {"a": 1}
    message = refusal(tmp_path, "big.yaml", body + padding + "\n")
    assert "file is larger than 20 MB" in message


def test_long_numbers_are_refused_with_their_place(tmp_path):
    assert ":2: pools[0].count: number is too long (101 characters, at most 100)" in refusal(
        tmp_path, "n.yaml", "pools:\n  - {count: " + "9" * 101 + "}\n"
    )
    assert "a number is too long (101 digits" in refusal(
        tmp_path, "n.json", '{"n": ' + "9" * 101 + "}"
    )
    assert "a number is too long" in refusal(tmp_path, "n.toml", "n = " + "9" * 5000 + "\n")
    assert "a number is too long" in refusal(tmp_path, "m.toml", "n = " + "9" * 101 + "\n")
    assert read(tmp_path, "ok.yaml", "n: " + "9" * 100 + "\n") == {"n": int("9" * 100)}


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_json_refuses_nan_and_infinity(tmp_path, constant):
    assert f"{constant} is not a number JSON allows" in refusal(
        tmp_path, "n.json", f'{{"x": {constant}}}'
    )


def test_json_duplicate_keys_are_refused(tmp_path):
    assert "key 'id' is given twice" in refusal(tmp_path, "d.json", '{"a": {"id": 1, "id": 2}}')


def test_toml_duplicate_keys_are_refused_by_the_parser(tmp_path):
    assert "not valid TOML" in refusal(tmp_path, "d.toml", "a = 1\na = 2\n")


def test_syntax_errors_name_the_line(tmp_path):
    assert f"{tmp_path / 'y.yaml'}:3: not valid YAML" in refusal(
        tmp_path, "y.yaml", "a:\n  b: [1,\n"
    )
    assert f"{tmp_path / 'j.json'}:2: not valid JSON" in refusal(tmp_path, "j.json", '{"a": 1,\n}')
    assert "not valid TOML" in refusal(tmp_path, "t.toml", "a = \n")


def test_yaml_tabs_get_a_hint(tmp_path):
    message = refusal(tmp_path, "tab.yaml", "event:\n\tid: x\n")
    assert ":2: not valid YAML" in message and "never tabs" in message


def test_python_tags_are_not_executed(tmp_path):
    text = "a: !!python/object/apply:os.system ['touch pwned']\n"
    assert "YAML tags such as !!python/object/apply:os.system are not used" in refusal(
        tmp_path, "p.yaml", text
    )
    assert not Path("pwned").exists()


@pytest.mark.parametrize("value", ["!!bool maybe", "!!binary aGk=", "!!set {a}", "!local x"])
def test_explicit_tags_are_refused_with_their_line(tmp_path, value):
    message = refusal(tmp_path, "t.yaml", f"a: 1\nb: {value}\n")
    assert ":2: YAML tags such as" in message


def test_a_str_tag_only_forces_text(tmp_path):
    assert read(tmp_path, "s.yaml", "a: !!str 12\n") == {"a": "12"}


def test_only_one_yaml_document_per_file(tmp_path):
    assert "expected a single document" in refusal(tmp_path, "two.yaml", "a: 1\n---\nb: 2\n")


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("e.yaml", "", "file is empty"),
        ("e.json", "  \n\n", "file is empty"),
        ("c.yaml", "# only a comment\n", "file holds no YAML document"),
        ("l.json", "[1, 2]", "not a list"),
        ("s.yaml", "just text\n", "not a single text"),
        ("n.yaml", "~\n", "not an empty document"),
        ("i.json", "3", "not a single int value"),
    ],
)
def test_documents_that_are_not_a_mapping(tmp_path, name, text, expected):
    assert expected in refusal(tmp_path, name, text)


def test_files_that_are_not_scenarios(tmp_path):
    assert "unsupported file type '.txt'" in refusal(tmp_path, "a.txt", "a: 1\n")
    assert "binary data" in refusal(tmp_path, "b.yaml", b"a: 1\x00\x01\x02")
    message = refusal(tmp_path, "u.yaml", b"a: 1\nname: caf\xe9\n")
    assert f"{tmp_path / 'u.yaml'}:2: not valid UTF-8 (byte 0xE9 at column 10)" in message
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.yaml")
    (tmp_path / "dir.yaml").mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        read_document(tmp_path / "dir.yaml")


def test_format_path():
    assert format_path(("posts", 3, "needs", 0, "roles", 1)) == "posts[3].needs[0].roles[1]"
    assert format_path(()) == ""
