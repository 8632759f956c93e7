"""Archives holding hand-written work, for the tests of a period that starts from the ledger.

Each archive holds one plan: the evening event's plan folder (``tests/archive``) with its
roster replaced by the stints a test names (local times of Asia/Shanghai, the event's zone;
the archive takes a roster's times as they are). The calendars of these tests are on the
same clock.
"""

from __future__ import annotations

from pathlib import Path

from eventplan.archive import add_plan
from tests.archive.conftest import edited_copy

HEADER = "person,name,role,pool,unit,post,start,end,leads\n"
POOLS = {"li": "police,police", "wang": "guard,guards"}
ZONE = "Asia/Shanghai"


def archive_with(db: str, plan: Path, folder: Path, stints: dict[str, list[str]]) -> str:
    """``db`` holding ``plan`` with a roster of ``stints``: per person, ``"START END"``."""
    rows = [
        f"{person},{person},{POOLS[person]},,gate,{start},{end},\n"
        for person, spans in stints.items()
        for start, end in (span.split() for span in spans)
    ]
    add_plan(db, edited_copy(plan, folder, roster=lambda _: HEADER + "".join(rows)))
    return db


def daily(first_day: int, last_day: int, start: str, end: str, month: str = "2027-03") -> list[str]:
    """One stint a day of ``month``, days ``first_day`` to ``last_day``."""
    return [
        f"{month}-{day:02}T{start} {month}-{day:02}T{end}" for day in range(first_day, last_day + 1)
    ]
