"""Writing micro instances in the benchmark's text format."""

from __future__ import annotations

from collections.abc import Sequence

from eventplan.rostering.instance import Instance, parse

#: One person, generous limits: ID, MaxShifts, MaxMin, MinMin, MaxRun, MinRun, MinOff, MaxWkd.
LOOSE = "A,D=99,99999,0,99,1,1,99"


def text(
    days: int,
    staff: Sequence[str] = (LOOSE,),
    shifts: Sequence[str] = ("D,480,",),
    covers: Sequence[str] = (),
    on: Sequence[str] = (),
    off: Sequence[str] = (),
    days_off: Sequence[str] = (),
) -> str:
    """An instance file's text from its sections' lines."""
    parts = [
        ("SECTION_HORIZON", [str(days)]),
        ("SECTION_SHIFTS", list(shifts)),
        ("SECTION_STAFF", list(staff)),
        ("SECTION_DAYS_OFF", list(days_off)),
        ("SECTION_SHIFT_ON_REQUESTS", list(on)),
        ("SECTION_SHIFT_OFF_REQUESTS", list(off)),
        ("SECTION_COVER", list(covers)),
    ]
    return "\n\n".join("\n".join([name, *lines]) for name, lines in parts if lines) + "\n"


def instance(**sections: object) -> tuple[Instance, str]:
    written = text(**sections)  # type: ignore[arg-type]
    return parse(written, "micro.txt", name="micro"), written
