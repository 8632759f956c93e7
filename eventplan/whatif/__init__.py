"""What-if analysis: sweeps over head counts and scenario variants, the smallest force that
covers every critical need, and robustness to no-shows; run locally or on a Dask cluster.

Notebook use::

    from eventplan.scenario import load
    from eventplan import whatif

    concert = load("scenarios/concert.yaml")
    table = whatif.sweep(concert, vary={"police": range(150, 260, 10)}, workers=2)
    least = whatif.min_force(concert, "police")
    robust = whatif.no_show(concert, rate=0.1, trials=20, replan=True)
"""

from eventplan.whatif.minforce import MinForceSettings
from eventplan.whatif.noshow import NoShowSettings
from eventplan.whatif.sweep import min_force, no_show, run_sweep, sweep
from eventplan.whatif.variants import Axis, merge, parse_scale, parse_vary
from eventplan.whatif.warm import SolveOptions

__all__ = [
    "Axis",
    "MinForceSettings",
    "NoShowSettings",
    "SolveOptions",
    "merge",
    "min_force",
    "no_show",
    "parse_scale",
    "parse_vary",
    "run_sweep",
    "sweep",
]
