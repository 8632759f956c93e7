"""Bad calendar files: every problem at once, each with its file, line and place."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from eventplan.calendar.loader import load_calendar
from eventplan.errors import InputError

BAD = """\
eventplan_calendar: 1
roles:
  police: {cost: 1}
contracts:
  c: {hours_per_week: 40, hours_per_month: 170}
stations:
  - {id: st, lat: 40.8, lon: 111.6}
sites:
  - {id: s1, lat: 40.8, lon: 111.6, travel: {nowhere: 5}}
people:
  - {id: p1, organisation: o, station: st9, role: police, contract: c}
  - {id: p2, organisation: o, station: st, role: gaurd, contract: c}
duties:
  - id: d
    site: s1
    windows: [{id: w, start: "7:3", end: "08:00"}]
    needs: [{roles: [police], count: 1}]
"""


def test_every_problem_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith(f"{path}:16: duties[0].windows[0].start:") for s in shown), shown


def test_cross_references_all_at_once(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD.replace('"7:3"', '"07:30"'))
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    shown = [str(p) for p in caught.value.problems]
    assert f"{path}:9: sites[0].travel.nowhere: unknown station 'nowhere'" in shown
    assert f"{path}:11: people[0].station: unknown station 'st9'" in shown
    assert f"{path}:12: people[1].role: unknown role 'gaurd'" in shown


def test_an_unknown_timezone_is_named(tmp_path: Path) -> None:
    # The day folders are written in the calendar's zone: a zone that does not exist is an
    # error of the file, at its line, beside the others.
    path = tmp_path / "bad.yaml"
    text = BAD.replace('"7:3"', '"07:30"').replace(
        "roles:\n", "settings: {timezone: Mars/Base}\nroles:\n", 1
    )
    path.write_text(text)
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    shown = [str(p) for p in caught.value.problems]
    assert any(s.startswith(f"{path}:2: settings.timezone: unknown timezone") for s in shown)
    assert f"{path}:12: people[0].station: unknown station 'st9'" in shown


def test_unknown_key_and_missing_section(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("eventplan_calendar: 1\nroles: {police: {cost: 1}}\nstaions: []\n")
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    shown = [str(p) for p in caught.value.problems]
    assert f"{path}:3: staions: is not a known key" in shown
    assert any("contracts: is required" in s for s in shown)


def test_the_command_exits_2_without_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    out = tmp_path / "out"
    done = subprocess.run(
        [sys.executable, "-m", "eventplan", "calendar", "plan", str(path),
         "--from", "2026-09-07", "--to", "2026-09-13", "-o", str(out)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and "duties[0].windows[0].start" in done.stderr
    assert not out.exists()


GOOD = BAD.replace('"7:3"', '"07:30"').replace("st9", "st").replace("gaurd", "police")
VENUE = """\
venue:
  nodes:
    - {id: east, kind: gate, lat: 40.80, lon: 111.60}
    - {id: west, kind: gate, lat: 40.82, lon: 111.62}
    - {id: hall, kind: plaza, lat: 41.00, lon: 112.00}
"""


def test_a_site_given_by_its_venue_file_stands_at_its_gates(tmp_path: Path) -> None:
    # The two gates' centre: (40.80 + 40.82) / 2 = 40.81, (111.60 + 111.62) / 2 = 111.61; the
    # hall is not a gate and does not count.
    (tmp_path / "stadium.yaml").write_text(VENUE)
    path = tmp_path / "calendar.yaml"
    site = "{id: s1, venue: stadium.yaml, travel: {st: 5}}"
    path.write_text(GOOD.replace("{id: s1, lat: 40.8, lon: 111.6, travel: {nowhere: 5}}", site))
    loaded = load_calendar(path)
    (found,) = loaded.calendar.sites
    assert (round(found.lat, 6), round(found.lon, 6)) == (40.81, 111.61)


def test_a_bad_venue_file_is_named_at_its_site(tmp_path: Path) -> None:
    # A node without its longitude, and a site whose file is missing: both named at the
    # site's line, with the venue file's own place; no complaint of a missing point.
    (tmp_path / "stadium.yaml").write_text(VENUE.replace(", lon: 111.62", ""))
    path = tmp_path / "calendar.yaml"
    sites = "{id: s1, venue: stadium.yaml}\n  - {id: s2, venue: nowhere.yaml}"
    path.write_text(GOOD.replace("{id: s1, lat: 40.8, lon: 111.6, travel: {nowhere: 5}}", sites))
    with pytest.raises(InputError) as caught:
        load_calendar(path)
    shown = [str(p) for p in caught.value.problems]
    assert f"{path}:9: sites[0].venue: stadium.yaml: venue.nodes[1].lon: Field required" in shown
    assert (
        f"{path}:10: sites[1].venue: nowhere.yaml: no such venue file (relative to the calendar)"
        in shown
    )
    assert len(shown) == 2, shown
