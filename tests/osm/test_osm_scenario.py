"""An imported venue pasted into a minimal scenario passes the scenario loader."""

from __future__ import annotations

from pathlib import Path

from eventplan.osm import import_venue, venue_yaml
from eventplan.scenario import load

EXTRACT = Path(__file__).parents[1] / "data" / "osm" / "monaco_stade_louis_ii.osm.pbf"

SCENARIO = """\
eventplan: 1
event:
  id: monaco-match
  name: Match at Stade Louis-II
  kind: match
  timezone: Europe/Monaco
  attendance: 15000
  slot_minutes: 15
  phases:
    - {id: ingress, start: 2025-05-10T18:00, end: 2025-05-10T21:00}
roles:
  police: {label: Police officer, cost: 10, shift_hours: [2, 8]}
pools:
  - {id: police, role: police, count: 50}
posts:
  - id: gate-1-watch
    node: gate-1
    needs:
      - {phases: [ingress], roles: [police], min: 2}
  - id: bus-stop
    node: transit-stade-louis-ii
    needs:
      - {phases: [ingress], roles: [police], min: 1}
"""


def test_imported_venue_validates_in_a_scenario(tmp_path):
    result = import_venue(EXTRACT, around="Stade Louis II", radius_m=250)
    path = tmp_path / "match.yaml"
    path.write_text(SCENARIO + venue_yaml(result), encoding="utf-8")
    scenario = load(path)
    assert len(scenario.venue.nodes) == len(result.venue["nodes"])
    assert len(scenario.venue.edges) == len(result.venue["edges"])
    (zone,) = scenario.venue.zones
    assert zone.capacity == 18523
    assert set(zone.exits) <= {n.id for n in scenario.venue.nodes if n.kind == "gate"}
