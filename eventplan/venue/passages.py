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

Egress may walk stairs at another factor (``egress.stair_speed_factor``, or the SFPE factor of
a stair geometry, :func:`sfpe_stair_factor`); every other analysis keeps these.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

#: Walking speed on an edge kind relative to level walking.
SPEED_FACTOR: dict[str, float] = {"walkway": 1.0, "road": 1.0, "ramp": 0.9, "stairs": 0.5}

#: The SFPE hydraulic model's speed constant k of level ways (corridor, aisle, ramp, doorway),
#: in m/s: the speed at density D persons/m^2 is S = k - 0.266 k D.
SFPE_K_LEVEL = 1.40
#: The SFPE constant k of stairs by riser and tread in mm (7.5/10, 7/11, 6.5/12, 6.5/13 in).
SFPE_K_STAIRS: tuple[tuple[float, float, float], ...] = (
    (191.0, 254.0, 1.00),
    (178.0, 279.0, 1.08),
    (165.0, 305.0, 1.16),
    (165.0, 330.0, 1.23),
)
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
    speed_factor
        Walking speed on it relative to level walking (of its kind, see
        :data:`SPEED_FACTOR`).
    """

    a: str
    b: str
    kind: str
    length_m: float
    width_m: float
    width_assumed: bool
    speed_factor: float

    @property
    def cost_m(self) -> float:
        """Level-equivalent length: the length a walker covers in the same time on the level."""
        return self.length_m / self.speed_factor


def sfpe_stair_factor(riser_mm: float, tread_mm: float) -> float:
    """Walking speed on stairs relative to level ways by the SFPE hydraulic model.

    The factor is k_stairs / k_level (the density term cancels: both speeds fall by the same
    0.266 k D). k_stairs is interpolated linearly in the slope riser / tread between the rows
    of :data:`SFPE_K_STAIRS` (slopes 0.500, 0.541, 0.638 and 0.752); a slope outside the table
    takes the k of its nearer end (stairs steeper than 191/254 mm walk as 191/254, shallower
    than 165/330 mm as 165/330).
    """
    rows = sorted(SFPE_K_STAIRS, key=lambda row: row[0] / row[1])
    slopes = [riser / tread for riser, tread, _ in rows]
    k_stairs = float(np.interp(riser_mm / tread_mm, slopes, [k for _, _, k in rows]))
    return k_stairs / SFPE_K_LEVEL


def speed_factors(stairs: float | None = None) -> Mapping[str, float]:
    """The factors of :data:`SPEED_FACTOR`, with ``stairs`` for stairs when given."""
    if stairs is None:
        return SPEED_FACTOR
    return {**SPEED_FACTOR, "stairs": stairs}
