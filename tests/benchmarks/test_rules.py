"""The rules benchmark's scenario editing: the concert without its rules, a generated event
with supervision and no-handover windows; both stay valid scenarios."""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:  # benchmarks/ sits beside the package, not inside it
    sys.path.insert(0, str(ROOT))

from benchmarks.bench_rules import CONCERT, with_rules, without_rules  # noqa: E402
from eventplan.generate import Spec, generate  # noqa: E402
from eventplan.scenario import from_document  # noqa: E402


def test_the_concert_without_its_rules_is_valid_and_has_none():
    plain = from_document(without_rules(yaml.safe_load(CONCERT.read_text())))
    assert plain.rules.supervision == () and plain.rules.no_handover == ()
    assert plain.sectors == () and plain.reserves == () and plain.event.windows == ()
    assert not any(u.standing for u in plain.units)
    assert all(r.briefing is None for r in plain.roles.values())
    assert all(p.screening is None or p.screening.tagged is None for p in plain.posts)


def test_a_generated_event_takes_the_rules():
    ruled = from_document(with_rules(generate(Spec(staff=200, posts=20, seed=2)).to_document()))
    assert [w.id for w in ruled.event.windows] == ["ingress-peak", "show-start"]
    assert ruled.rules.no_handover == ("ingress-peak", "show-start")
    assert [s.roles for s in ruled.rules.supervision] == [("auxiliary",), ("volunteer",)]
