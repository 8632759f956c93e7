"""Organisations, muster points, call signs and radio channels: references and bounds."""

from __future__ import annotations

from tests.scenario.documents import errors, problems, small


def organised() -> dict:
    doc = small()
    doc["organisations"] = [
        {
            "id": "psb",
            "name": "District PSB",
            "kind": "police-station",
            "commander": "Wang",
            "phone": "0471-1",
        },
        {"id": "guards-co", "name": "Guard company", "kind": "security-company"},
    ]
    doc["pools"][0] |= {"organisation": "psb", "muster": {"node": "plaza-N", "minutes_before": 30}}
    doc["pools"][3] |= {"organisation": "guards-co"}
    doc["posts"][0] |= {"call_sign": "North 1", "radio_channel": "3"}
    doc["units"][0] |= {"call_sign": "Rapid", "muster": {"node": "gate-N"}}
    return doc


def test_an_organised_document_is_valid():
    assert [p for p in problems(organised()) if p.severity == "error"] == []


def test_a_pool_of_an_unknown_organisation():
    doc = organised()
    doc["pools"][1]["organisation"] = "traffic-dept"
    (problem,) = errors(doc)
    assert problem.path == "pools[1].organisation"
    assert problem.message == "unknown organisation 'traffic-dept' (known: psb, guards-co)"


def test_a_muster_at_an_unknown_node():
    doc = organised()
    doc["units"][0]["muster"] = {"node": "station", "minutes_before": 20}
    (problem,) = errors(doc)
    assert problem.path == "units[0].muster.node"
    assert problem.message.startswith("unknown node 'station'")


def test_organisation_ids_are_unique():
    doc = organised()
    doc["organisations"][1]["id"] = "psb"
    found = [p for p in errors(doc) if p.path == "organisations[1].id"]
    assert found and "duplicate organisation id 'psb'" in found[0].message


def test_a_call_sign_longer_than_a_radio_can_say():
    doc = organised()
    doc["posts"][0]["call_sign"] = "x" * 61
    (problem,) = errors(doc)
    assert problem.path == "posts[0].call_sign"
