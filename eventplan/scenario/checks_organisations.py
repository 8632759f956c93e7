"""Organisations and command data across a scenario: who belongs where, where they muster.

Pools may name an organisation (a police station, a brigade, a security company, a volunteer
team) and a muster node; units may name a muster node. Call signs and radio channels are free
text, checked only for their length by the model.
"""

from __future__ import annotations

from collections.abc import Iterator

from eventplan.scenario.checks_common import duplicates, ids, unknown
from eventplan.scenario.findings import Finding
from eventplan.scenario.model import Scenario


def organisation_checks(s: Scenario) -> Iterator[Finding]:
    """Unique organisation ids, known organisations of pools, known muster nodes."""
    yield from duplicates([o.id for o in s.organisations], ("organisations",), "organisation")
    known = ids(s.organisations)
    for i, pool in enumerate(s.pools):
        if pool.organisation is not None:
            found = unknown(("pools", i, "organisation"), pool.organisation, known, "organisation")
            if found:
                yield found
    node_ids = ids(s.venue.nodes)
    places = [(("pools", i), p.muster) for i, p in enumerate(s.pools)]
    places += [(("units", i), u.muster) for i, u in enumerate(s.units)]
    for path, muster in places:
        if muster is not None:
            found = unknown((*path, "muster", "node"), muster.node, node_ids, "node")
            if found:
                yield found
