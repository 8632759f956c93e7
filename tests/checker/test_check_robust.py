"""Any damage to a plan's files gives violations, never an exception."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan.checker import check_plan
from eventplan.scenario import from_document
from tests.checker.drill import cover, document, stint, write

NAMES = ("roster.csv", "coverage.csv", "plan.json")
# Text an edit may insert: pieces that matter to the readers, and anything else.
PIECES = st.one_of(
    st.sampled_from(
        [",", "\n", '"', "T", ":", "-", "#", "+", "ratio:0", "9999", "1999-01-01T00:00", "null"]
    ),
    st.text(max_size=8),
)
EDIT = st.tuples(st.sampled_from(NAMES), st.floats(0, 1), st.integers(0, 12), PIECES)


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(edits=st.lists(EDIT, min_size=1, max_size=4))
def test_damaged_files_give_violations_not_exceptions(scenario, make_plan, tmp_path, edits):
    folder = make_plan()
    for name, where, cut, insert in edits:
        path = folder / name
        text = path.read_text(encoding="utf-8")
        at = int(where * len(text))
        path.write_text(text[:at] + insert + text[at + cut :], encoding="utf-8")
    report = check_plan(scenario, folder)
    assert all(v.rule and v.subject and v.message for v in report.violations)
    shutil.rmtree(Path(folder))


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
SECTION = st.sampled_from(["queues", "sectors", "reserves", "command", "assignments"])
ENTRY = st.fixed_dictionaries(
    {
        "post": st.sampled_from(["gate", "north", 3]),
        "id": st.sampled_from(["north", "standby", None]),
    },
    optional={"slots": JSON, "leaders": JSON, "members": JSON, "posts": JSON, "roles": JSON},
)


@settings(max_examples=100, deadline=None)
@given(section=SECTION, value=JSON | st.lists(ENTRY, max_size=3))
def test_odd_command_sections_give_violations_not_exceptions(section, value):
    # A plan for a drill with a screening post with a wait target, a sector and a reserve:
    # whatever plan.json holds in its command sections, the checker answers with violations.
    doc = document(
        posts=[
            {
                "id": "gate",
                "node": "gate-node",
                "screening": {
                    "lanes": 2,
                    "persons_per_lane_per_minute": 4.0,
                    "staff_per_lane": 1,
                    "arrival_share": 1.0,
                    "roles": ["guard"],
                    "max_wait_minutes": 5.0,
                },
            }
        ],
        sectors=[{"id": "north", "posts": ["gate"], "leader": {"role": "police"}}],
        reserves=[
            {
                "id": "standby",
                "roles": ["police"],
                "phases": ["show"],
                "min": 1,
                "node": "command-node",
            }
        ],
        command={"node": "command-node"},
    )
    with tempfile.TemporaryDirectory() as folder:
        plan = write(
            Path(folder), [stint("guards-0001", "gate", 16, 18)], [cover("gate", 16, "guard", 1, 1)]
        )
        path = plan / "plan.json"
        written = json.loads(path.read_text())
        written[section] = value
        path.write_text(json.dumps(written))
        report = check_plan(from_document(doc), plan)
    assert report.violations
    assert all(v.rule and v.subject and v.message for v in report.violations)
