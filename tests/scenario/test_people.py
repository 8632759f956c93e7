"""The people CSV: columns, rows and their lines, and the file-level refusals."""

from __future__ import annotations

import pytest

from eventplan.errors import InputError
from eventplan.scenario import people
from eventplan.scenario.people import read_people

from .documents import write

HEADER = "id,name,role,pool\n"


def read(folder, text: str | bytes, name: str = "people.csv"):
    path = write(folder, name, text)
    return read_people(path, path.name)


def refusal(folder, text: str | bytes, name: str = "people.csv") -> list[str]:
    with pytest.raises(InputError) as caught:
        read(folder, text, name)
    return [str(p) for p in caught.value.problems]


def test_records_keep_required_cells_and_drop_empty_optional_ones(tmp_path):
    text = (
        "id,name,role,pool,available_from,available_to\n"
        "p1,,police,district-police,,\n"
        " p2 , Bo Li ,guard,guards,2025-07-12T14:00,\n"
    )
    records, lines = read(tmp_path, text)
    assert records == [
        {"id": "p1", "name": "", "role": "police", "pool": "district-police"},
        {
            "id": "p2",
            "name": "Bo Li",
            "role": "guard",
            "pool": "guards",
            "available_from": "2025-07-12T14:00",
        },
    ]
    assert lines == [2, 3]


def test_tags_are_split_at_semicolons_and_trimmed(tmp_path):
    text = "id,name,role,pool,tags\np1,,police,p, first-aid ;k9;;\np2,,police,p,\np3,,police,p,;\n"
    records, _ = read(tmp_path, text)
    assert [r.get("tags") for r in records] == [["first-aid", "k9"], None, []]


def test_columns_may_come_in_any_order(tmp_path):
    records, _ = read(tmp_path, "pool,role,name,id\nguards,guard,Ann,p1\n")
    assert records == [{"pool": "guards", "role": "guard", "name": "Ann", "id": "p1"}]


def test_lines_follow_blank_lines_and_cells_that_span_lines(tmp_path):
    text = HEADER + 'p1,"Ann\nLee",police,p\n\n,,,\np2,Bo,police,p\n'
    records, lines = read(tmp_path, text)
    assert [r["id"] for r in records] == ["p1", "p2"]
    assert lines == [2, 6]


def test_byte_order_mark_is_accepted(tmp_path):
    records, _ = read(tmp_path, "\ufeff" + HEADER + "p1,Ann,police,p\n")
    assert records[0]["id"] == "p1"


def test_missing_columns(tmp_path):
    assert refusal(tmp_path, "id,name,role\np1,Ann,police\n") == [
        "people.csv:1: missing column(s): pool "
        "(columns are id,name,role,pool[,available_from,available_to,tags])"
    ]


def test_unknown_and_repeated_columns(tmp_path):
    assert refusal(tmp_path, "id,name,role,pool,phone,role\n") == [
        "people.csv:1: unknown column(s): 'phone' "
        "(columns are id,name,role,pool[,available_from,available_to,tags])",
        "people.csv:1: column(s) given twice: role",
    ]


def test_rows_with_the_wrong_number_of_cells_are_all_named(tmp_path):
    assert refusal(tmp_path, HEADER + "p1,Ann,police\np2,Bo,police,p\np3,Cy,police,p,x\n") == [
        "people.csv:2: this row has 3 cells, the header 4",
        "people.csv:4: this row has 5 cells, the header 4",
    ]


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("people.csv", "", "file is empty; the first line must name the columns"),
        ("people.csv", "\n\n", "file is empty"),
        ("people.txt", HEADER, "the people file must be a .csv file"),
        ("people.csv", b"id,name\x00\x01", "binary data"),
        ("people.csv", b"id,name,role,pool\np1,Z\xfcri,police,p\n", "not valid UTF-8"),
        ("people.csv", HEADER + 'p1,"Ann,police,p\n', "not a valid CSV file"),
    ],
)
def test_files_that_are_not_people_files(tmp_path, name, text, message):
    [problem] = refusal(tmp_path, text, name)
    assert message in problem


def test_too_many_people(tmp_path, monkeypatch):
    monkeypatch.setattr(people, "MAX_PEOPLE", 2)
    rows = "".join(f"p{i},,police,p\n" for i in range(3))
    assert refusal(tmp_path, HEADER + rows) == ["people.csv: more than 2 people"]


def test_a_people_file_that_is_not_a_file(tmp_path):
    (tmp_path / "people.csv").mkdir()
    with pytest.raises(InputError, match="not a regular file"):
        read_people(tmp_path / "people.csv", "people.csv")
    with pytest.raises(InputError, match="no such file"):
        read_people(tmp_path / "other.csv", "other.csv")
