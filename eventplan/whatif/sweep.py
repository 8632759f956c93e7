"""Sweeps: build the variants, run them on an executor, gather one tidy table.

The functions here are the notebook API; the ``eventplan whatif`` command is a thin layer over
:func:`run_sweep`. Each returns a :class:`pandas.DataFrame` with one row per variant (per no-show
rate, per confirming solve of a smallest-force search); ``frame.attrs["interrupted"]`` tells
whether the sweep was stopped early (Ctrl-C, or ``interrupt`` set), in which case the frame
holds the rows finished by then.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from eventplan.errors import InputError
from eventplan.scenario import Scenario, from_document
from eventplan.whatif.executors import Executor, executor_for
from eventplan.whatif.jobs import Job
from eventplan.whatif.minforce import MinForceSettings
from eventplan.whatif.noshow import NoShowSettings
from eventplan.whatif.table import kpi_columns, to_frame
from eventplan.whatif.variants import (
    Axis,
    Variant,
    build_variants,
    load_variants,
    merge,
    parse_scale,
    parse_vary,
)
from eventplan.whatif.warm import Base, SolveOptions

#: Called with (jobs done, jobs in all, label of the last one finished); (0, n, "base") first.
Progress = Callable[[int, int, str], None]
VaryArg = Mapping[str, Iterable[float]] | Iterable[str | Axis]
ScaleArg = Mapping[str, float | Iterable[float]] | Iterable[str | Axis]
VariantsArg = str | Path | Mapping[str, Mapping[str, Any]] | None


def axes_of(vary: VaryArg = (), scale: ScaleArg = ()) -> list[Axis]:
    """Axes from API arguments: ``{"police": range(2, 9)}`` or ``["police=2:8:1"]`` forms."""
    axes: list[Axis] = []
    if isinstance(vary, Mapping):
        for k, values in vary.items():
            counts = tuple(float(v) for v in values)
            if any(c < 0 or not c.is_integer() for c in counts):
                raise InputError(f"head counts of {k} must be whole numbers of 0 or more")
            axes.append(Axis("count", str(k), counts))
    else:
        axes += [a if isinstance(a, Axis) else parse_vary(a) for a in vary]
    if isinstance(scale, Mapping):
        for k, values in scale.items():
            factors = (values,) if isinstance(values, int | float) else tuple(values)
            axes.append(Axis("scale", str(k), tuple(float(f) for f in factors)))
    else:
        axes += [a if isinstance(a, Axis) else parse_scale(a) for a in scale]
    columns = [a.column for a in axes]
    if len(set(columns)) != len(columns):
        raise InputError("a name is varied twice the same way; give one range per name")
    return axes


def variants_of(scenario: Scenario, axes: Sequence[Axis], variants: VariantsArg) -> list[Variant]:
    """Every variant of a sweep: the base and the named ones, each over the grid of axes."""
    named: list[tuple[str, Scenario]] = []
    if isinstance(variants, str | Path):
        named = load_variants(variants, scenario)
    elif variants:
        for name, patch in variants.items():
            merged = merge(scenario.to_document(), dict(patch))
            named.append((str(name), from_document(merged, file=f"<variant {name}>")))
    return build_variants(scenario, axes, named)


def run_jobs(
    jobs: Sequence[Job],
    executor: Executor,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
) -> tuple[list[dict[str, Any]], bool]:
    """Run every job; return the rows and whether the run was stopped early.

    Ctrl-C (KeyboardInterrupt) or ``interrupt`` stops the run: the executor is closed at once
    and the rows finished so far are returned. (The staffing solver turns a Ctrl-C during its
    search into an ``interrupted`` plan; such a job counts as unfinished, and stops the run.)
    """
    rows: list[dict[str, Any]] = []
    stopped = True
    done = 0
    try:
        for result in executor.results(jobs):
            if any(row.get("status") == "interrupted" for row in result):
                break  # Ctrl-C reached a solve in this process: that row is not finished
            rows += result
            done += 1
            if progress is not None:
                progress(done, len(jobs), str(result[0].get("variant", "")) if result else "")
            if interrupt is not None and interrupt.is_set():
                break
        else:
            stopped = False
    except KeyboardInterrupt:
        pass
    finally:
        executor.close(abort=stopped)
    return rows, stopped


def sweep(
    scenario: Scenario,
    *,
    vary: VaryArg = (),
    scale: ScaleArg = (),
    variants: VariantsArg = None,
    no_show: NoShowSettings | None = None,
    min_force: MinForceSettings | None = None,
    options: SolveOptions | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
) -> pd.DataFrame:
    """Solve every variant of a scenario and tabulate its KPIs.

    Parameters
    ----------
    vary
        Head counts per pool or role id: ``{"police": range(4, 12, 2)}`` or
        ``["police=4:10:2"]``; several form a grid.
    scale
        Factors per pool or role id: ``{"guards": 0.8}`` or ``{"guards": [0.6, 0.8, 1.0]}``.
    variants
        A YAML/JSON file, or a mapping, of named partial scenarios merged into the base.
    no_show, min_force
        Also test each variant against no-shows (one row per rate), or find its smallest
        force instead of solving it once.
    options
        Time limit, seed, solver threads per variant, warm start.
    workers, scheduler
        Local processes, or the address of a Dask scheduler to use instead.
    progress, interrupt
        Called after each finished variant; set to stop early keeping finished rows.
    """
    if no_show is not None and min_force is not None:
        raise InputError("choose either a no-show test or a smallest-force search")
    return run_sweep(
        scenario,
        lambda v: Job(v, no_show=no_show, min_force=min_force),
        vary=vary,
        scale=scale,
        variants=variants,
        options=options,
        workers=workers,
        scheduler=scheduler,
        progress=progress,
        interrupt=interrupt,
    )


def min_force(scenario: Scenario, name: str, **kwargs: Any) -> pd.DataFrame:
    """The smallest head count of a role or pool that covers every critical need.

    Two rows per variant: the answer (``answer`` true) and one below it, each with the KPIs of
    its confirming solve, the optimisation's ``lower_bound`` and ``mip_status``. Takes the
    keyword arguments of :func:`sweep` but ``no_show`` and ``min_force``.
    """
    return sweep(scenario, min_force=MinForceSettings(name), **kwargs)


def no_show(
    scenario: Scenario,
    rate: float | Sequence[float],
    trials: int,
    *,
    seed: int = 0,
    replan: bool = False,
    per_trial: bool = True,
    **kwargs: Any,
) -> pd.DataFrame:
    """Coverage kept when people stay away at random (and, with ``replan``, after re-solving).

    One row per variant, rate and trial (``per_trial``), or per variant and rate with the mean
    and worst trial. Takes the keyword arguments of :func:`sweep` but ``no_show`` and
    ``min_force``.
    """
    rates = (float(rate),) if isinstance(rate, int | float) else tuple(float(r) for r in rate)
    settings = NoShowSettings(rates, trials, seed, replan)
    return run_sweep(scenario, lambda v: Job(v, no_show=settings, per_trial=per_trial), **kwargs)


def run_sweep(
    scenario: Scenario,
    make_job: Callable[[Variant], Job],
    *,
    vary: VaryArg = (),
    scale: ScaleArg = (),
    variants: VariantsArg = None,
    options: SolveOptions | None = None,
    workers: int = 1,
    scheduler: str | None = None,
    progress: Progress | None = None,
    interrupt: threading.Event | None = None,
    in_process: bool = True,
) -> pd.DataFrame:
    """The sweep behind :func:`sweep`: ``make_job`` says what to do with each variant.

    ``in_process=False`` runs even a single worker in a child process, so that Ctrl-C stops a
    running solve at once instead of after it (the command line does this).
    """
    axes = axes_of(vary, scale)
    found = variants_of(scenario, axes, variants)
    base = Base(scenario, options or SolveOptions())
    jobs = [make_job(v) for v in found]
    if progress is not None:
        progress(0, len(jobs), "base")
    base.prepare(interrupt)
    executor = executor_for(base, workers, scheduler, in_process)
    rows, stopped = run_jobs(jobs, executor, progress, interrupt)
    first = ["index", "variant", "scenario", *(a.column for a in axes)]
    frame = to_frame(rows, first, [*kpi_columns(scenario), "error"])
    frame.attrs.update(interrupted=stopped, variants=len(found), axes=[a.column for a in axes])
    return frame
