"""Any damage to a plan's files gives violations, never an exception."""

from __future__ import annotations

import shutil
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eventplan.checker import check_plan

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
