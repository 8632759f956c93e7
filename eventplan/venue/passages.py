"""The edges of a venue as walkers see them: kinds, speed factors, default widths.

Planning figures (people walk about 1.2 to 1.34 m/s on the level and roughly half that on
stairs; IMO MSC.1/Circ.1533 for the stairs and ramp factors):

========  ============  ===================
kind      speed factor  width when not given
========  ============  ===================
walkway   1.0           3.0 m
road      1.0           6.0 m
ramp      0.9           2.0 m
stairs    0.5           2.0 m
========  ============  ===================

A walker covers a flight of stairs at about half their level speed, so a 40 m stair costs as
much time as 80 m of level walkway; ramps cost about 10 % more than level ways. The default
widths are deliberately modest so that a venue file without widths does not overstate egress
capacity; results that rest on a default width say so.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Walking speed on an edge kind relative to level walking.
SPEED_FACTOR: dict[str, float] = {"walkway": 1.0, "road": 1.0, "ramp": 0.9, "stairs": 0.5}
#: Clear width assumed for an edge kind when the venue file gives none, in metres.
DEFAULT_WIDTH_M: dict[str, float] = {"walkway": 3.0, "road": 6.0, "ramp": 2.0, "stairs": 2.0}


@dataclass(frozen=True, slots=True)
class Passage:
    """One edge of the venue file, as the analyses see it.

    Parameters
    ----------
    a, b
        The node ids it joins (it is walked both ways).
    kind
        ``walkway``, ``stairs``, ``ramp`` or ``road``.
    length_m
        Given length, or the great-circle distance between its ends.
    width_m
        Given clear width, or the default of its kind (see ``width_assumed``).
    width_assumed
        Whether ``width_m`` is the default of the kind rather than a figure from the file.
    """

    a: str
    b: str
    kind: str
    length_m: float
    width_m: float
    width_assumed: bool

    @property
    def cost_m(self) -> float:
        """Level-equivalent length: the length a walker covers in the same time on the level."""
        return self.length_m / SPEED_FACTOR[self.kind]
