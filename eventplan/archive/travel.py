"""travel.csv: the travel a plan folder pays beside its roster.

A district calendar plans duty from the station: the way from the station to the site and back
is working time on duty, and paid, but a roster row holds the time at the post only. So a
calendar's day folder lists, per person and post, the minutes of travel of that day (both
ways, every trip). The archive spreads them evenly over that person's roster rows at that post
(a split duty's morning and afternoon are two rows and two trips) and counts them in the hours
worked. A plan folder without the file travels nowhere: its hours are its roster's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from pathlib import Path

from eventplan.archive.roster import MAX_PROBLEMS, BadCell, Stint, parsed_rows, text_cell
from eventplan.errors import InputError, Problem

#: The file's name in a plan folder; plan.json lists its SHA-256 like every other file's.
TRAVEL_CSV = "travel.csv"
COLUMNS = ("person", "post", "travel_minutes")
#: Most bytes read: a day of 10,000 people on duty writes about 400 kB.
MAX_BYTES = 20 * 1024 * 1024
#: Most minutes of travel one person has at one post in a day.
MOST_MINUTES = 24 * 60


def read_travel(path: Path, raw: bytes) -> dict[tuple[str, str], int]:
    """Minutes of travel by ``(person, post)``; an :class:`InputError` naming every bad row
    (its line and column) at once."""
    where = str(path)
    rows, problems = parsed_rows(raw, where, COLUMNS, _row)
    found: dict[tuple[str, str], int] = {}
    for line, (key, minutes) in rows:
        if key in found:
            problems.append(Problem(where, "post", f"{key[0]} at {key[1]} twice", line))
        found[key] = minutes
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.line or 0)[:MAX_PROBLEMS])
    return found


def _row(record: Mapping[str, str]) -> tuple[tuple[str, str], int]:
    person, post = text_cell(record, "person"), text_cell(record, "post")
    if not person:
        raise BadCell("person", "empty person id")
    text = (record.get("travel_minutes") or "").strip()
    if not (text.isascii() and text.isdigit()) or int(text) > MOST_MINUTES:
        raise BadCell(
            "travel_minutes", f"expected whole minutes, 0 to {MOST_MINUTES}: {text[:20]!r}"
        )
    return (person, post), int(text)


def travel_hours(
    path: Path, travel: Mapping[tuple[str, str], int], stints: Iterable[Stint]
) -> list[float]:
    """Each stint's hours of travel: a person's minutes at a post spread evenly over their
    rows there (briefings travel nowhere); travel for a person and post with no row is an
    :class:`InputError`."""
    stints = list(stints)
    rows = Counter((s.person, s.post) for s in stints if not s.is_briefing)
    stray = [key for key in travel if key not in rows]
    if stray:
        raise InputError(
            [
                Problem(str(path), "", f"travel for {person} at {post}, who has no row there")
                for person, post in stray[:MAX_PROBLEMS]
            ]
        )
    return [
        0.0 if s.is_briefing else travel.get((s.person, s.post), 0) / 60 / rows[s.person, s.post]
        for s in stints
    ]
