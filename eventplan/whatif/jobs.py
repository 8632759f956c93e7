"""One unit of sweep work: a variant, and what to do with it; run anywhere, returns plain rows.

A job needs nothing but the :class:`~eventplan.whatif.warm.Base` and itself, so the same
function runs in this process, in a process pool and on a Dask worker, and gives the same rows.
A variant that fails (an invalid head count, a solver error) becomes a row with ``status``
``error`` and the message, so one bad variant never loses the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eventplan.whatif.minforce import MinForceSettings, confirm
from eventplan.whatif.noshow import NoShowSettings, summarise, trials
from eventplan.whatif.table import kpi_row
from eventplan.whatif.variants import Variant
from eventplan.whatif.warm import Base


@dataclass(frozen=True)
class Job:
    """Solve a variant; or also test it against no-shows; or find its smallest force."""

    variant: Variant
    no_show: NoShowSettings | None = None
    min_force: MinForceSettings | None = None
    #: no-show rows one per trial instead of one per rate
    per_trial: bool = False


def run_job(base: Base, job: Job) -> list[dict[str, Any]]:
    """The table rows of one job (``index`` and ``row`` keep them in a stable order)."""
    variant = job.variant
    ident = {"index": variant.index, "variant": variant.name, **variant.params}
    try:
        return [{**ident, "row": i, **row} for i, row in enumerate(_rows(base, job))]
    except Exception as error:  # one failed variant must not end the sweep
        return [{**ident, "row": 0, "status": "error", "error": _message(error)}]


def _rows(base: Base, job: Job) -> list[dict[str, Any]]:
    scenario = job.variant.scenario
    if job.min_force is not None:
        _found, rows = confirm(base, scenario, job.min_force)
        return [
            {**{k: v for k, v in row.items() if k != "_plan"}, **kpi_row(row["_plan"])}
            for row in rows
        ]
    plan = base.plan(scenario)
    kpis = kpi_row(plan)
    if job.no_show is None:
        return [kpis]
    found = trials(base, plan, job.variant.index, job.no_show)
    if job.per_trial:
        return [{**kpis, **row} for row in found]
    return [{**kpis, **row} for row in summarise(found, job.no_show.replan)]


def _message(error: Exception) -> str:
    text = str(error).strip() or type(error).__name__
    return text.splitlines()[0] if len(text) > 300 else text
