"""Building variants: --vary/--scale syntax, proportional head counts, deep merge, files."""

from __future__ import annotations

import json

import pytest

from eventplan.errors import InputError
from eventplan.whatif.sweep import axes_of, variants_of
from eventplan.whatif.variants import (
    allocate,
    head_counts,
    load_variants,
    merge,
    parse_scale,
    parse_vary,
    with_counts,
)


def test_vary_range_includes_stop() -> None:
    axis = parse_vary("police=2:6:2")
    assert (axis.kind, axis.name, axis.values) == ("count", "police", (2.0, 4.0, 6.0))
    assert axis.column == "count:police"


def test_vary_list_and_scale() -> None:
    assert parse_vary("guards=1,5").values == (1.0, 5.0)
    assert parse_scale("guard=0.5").values == (0.5,)
    assert parse_scale("guard=0.5,1.25").values == (0.5, 1.25)


@pytest.mark.parametrize(
    "text",
    [
        "police",
        "police=",
        "=1:2:1",
        "police=1:2",
        "police=1:2:3:4",
        "police=a:b:c",
        "police=1:5:0",
        "police=1:5:-1",
        "police=5:1:1",
        "police=1.5:3:1",
        "police=-2:3:1",
        "pol ice=1:2:1",
        "police=1:nan:1",
    ],
)
def test_bad_vary_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        parse_vary(text)


@pytest.mark.parametrize("text", ["guard", "guard=x", "guard=-1", "guard=inf"])
def test_bad_scale_is_an_input_error(text: str) -> None:
    with pytest.raises(InputError):
        parse_scale(text)


def test_allocate_largest_remainder() -> None:
    # 5 x 3/4 = 3.75 and 5 x 1/4 = 1.25: floors 3 + 1, the one left goes to the larger remainder.
    assert allocate(5, [3, 1]) == [4, 1]
    assert allocate(3, [10, 10]) == [2, 1]  # a tie goes to the pool listed first
    assert allocate(0, [4, 2]) == [0, 0]
    assert sum(allocate(97, [13, 29, 31])) == 97


def test_role_total_scales_its_pools(micro_doc) -> None:
    from eventplan.scenario import from_document

    document = micro_doc()
    document["pools"][0]["id"] = "police-a"
    document["pools"].append({"id": "police-b", "role": "police", "count": 2})
    scenario = from_document(document)
    assert head_counts(scenario, "police", 4) == {"police-a": 3, "police-b": 1}
    assert head_counts(scenario, "police-b", 7) == {"police-b": 7}
    with pytest.raises(InputError, match="neither a pool nor a role"):
        head_counts(scenario, "drones", 3)


def test_a_name_both_pool_and_role_must_be_clear(micro_doc) -> None:
    from eventplan.scenario import from_document

    document = micro_doc()
    document["pools"].append({"id": "police-b", "role": "police", "count": 2})
    with pytest.raises(InputError, match="both a pool and a role"):
        head_counts(from_document(document), "police", 4)


def test_count_zero_drops_the_pool(micro) -> None:
    changed = with_counts(micro(), {"police": 0})
    assert [p.id for p in changed.pools] == ["guards"]


def test_scale_and_grid(micro) -> None:
    axes = axes_of(["police=2:4:2"], {"guards": [0.5, 1.0]})
    found = variants_of(micro(police=6, guards=6), axes, None)
    counts = [(v.scenario.pool("police").count, v.scenario.pool("guards").count) for v in found]
    assert counts == [(2, 3), (2, 6), (4, 3), (4, 6)]
    assert found[0].params == {"scenario": "base", "count:police": 2.0, "scale:guards": 0.5}


def test_one_pool_set_twice_is_refused(micro) -> None:
    with pytest.raises(InputError, match="both"):
        variants_of(micro(), axes_of(["police=1:2:1"], {"police": 2.0}), None)


def test_merge_rules() -> None:
    base = {
        "a": {"x": 1, "y": 2},
        "items": [{"id": "p", "v": 1, "w": 1}, {"id": "q", "v": 2}],
        "plain": [1, 2, 3],
        "edges": [{"a": "n1", "b": "n2"}],
    }
    patch = {
        "a": {"y": 3},
        "items": [{"id": "q", "v": 5}, {"id": "r", "v": 7}],
        "plain": [9],
        "edges": [{"a": "n2", "b": "n3"}],
    }
    assert merge(base, patch) == {
        "a": {"x": 1, "y": 3},
        "items": [{"id": "p", "v": 1, "w": 1}, {"id": "q", "v": 5}, {"id": "r", "v": 7}],
        "plain": [9],
        "edges": [{"a": "n2", "b": "n3"}],  # items without ids: the list is replaced
    }


def test_variants_file(tmp_path, micro) -> None:
    path = tmp_path / "variants.json"
    path.write_text(
        json.dumps(
            {
                "stage-critical": {"posts": [{"id": "stage", "priority": "critical"}]},
                "bigger-crowd": {"event": {"attendance": 5000}},
            }
        )
    )
    found = load_variants(path, micro())
    assert [name for name, _ in found] == ["stage-critical", "bigger-crowd"]
    stage = next(p for p in found[0][1].posts if p.id == "stage")
    assert stage.priority == "critical" and stage.needs[0].min == 2  # merged, not replaced
    assert found[1][1].event.attendance == 5000


def test_invalid_variant_names_itself(tmp_path, micro) -> None:
    path = tmp_path / "variants.json"
    path.write_text(json.dumps({"typo": {"posts": [{"id": "stage", "priorty": "high"}]}}))
    with pytest.raises(InputError) as caught:
        load_variants(path, micro())
    assert "[typo]" in str(caught.value) and "priorty" in str(caught.value)
