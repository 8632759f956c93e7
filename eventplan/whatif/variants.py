"""Scenario variants: head counts set or scaled, and partial scenarios merged into the base.

A *head-count name* is a pool id or a role id. Setting a role to a total scales all its pools
in proportion to their counts in the base scenario (largest remainder, ties to the pool listed
first), so ``--vary police=100:200:20`` keeps the mix of police pools the planner wrote. A pool
whose count becomes 0 is left out of the variant (a pool of nobody is not a valid pool).

Every variant is a new, validated :class:`~eventplan.scenario.Scenario`; the base is never
changed.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from eventplan.errors import InputError, Problem
from eventplan.scenario import Scenario, from_document
from eventplan.scenario.findings import LineMap, Place
from eventplan.scenario.loader import Locator
from eventplan.scenario.reader import read_document

#: At most this many variants in one sweep (a typo in a range should not start a week of work).
MAX_VARIANTS = 10_000
_NAME = r"[\w][\w.:+-]*"


@dataclass(frozen=True)
class Axis:
    """One varied quantity: a head count (``count``) or a scale factor (``scale``) of a name."""

    kind: str  # "count" | "scale"
    name: str
    values: tuple[float, ...]

    @property
    def column(self) -> str:
        """Column of the sweep table that holds this axis' value."""
        return f"{self.kind}:{self.name}"


@dataclass(frozen=True)
class Variant:
    """One scenario to solve, with the parameters that made it."""

    index: int
    name: str
    params: dict[str, Any]
    scenario: Scenario = field(repr=False)


def parse_vary(text: str) -> Axis:
    """``NAME=START:STOP:STEP`` (STOP included) or ``NAME=V1,V2,...`` as a head-count axis."""
    name, values = _split(text, "--vary", "NAME=START:STOP:STEP")
    if ":" in values:
        parts = values.split(":")
        if len(parts) != 3:
            raise _usage("--vary", text, "give NAME=START:STOP:STEP, e.g. police=100:200:20")
        start, stop, step = (_int(p, "--vary", text) for p in parts)
        if step <= 0:
            raise _usage("--vary", text, "STEP must be a positive whole number")
        if stop < start:
            raise _usage("--vary", text, "STOP is below START")
        counts = tuple(float(v) for v in range(start, stop + 1, step))
    else:
        counts = tuple(float(_int(p, "--vary", text)) for p in values.split(","))
    if any(c < 0 for c in counts):
        raise _usage("--vary", text, "head counts cannot be negative")
    return Axis("count", name, counts)


def parse_scale(text: str) -> Axis:
    """``NAME=FACTOR`` or ``NAME=F1,F2,...``: multiply the head count of a pool or role."""
    name, values = _split(text, "--scale", "NAME=FACTOR")
    factors = []
    for part in values.split(","):
        try:
            factor = float(part)
        except ValueError:
            raise _usage("--scale", text, f"'{part}' is not a number") from None
        if not math.isfinite(factor) or factor < 0:
            raise _usage("--scale", text, "a factor is a number of 0 or more")
        factors.append(factor)
    return Axis("scale", name, tuple(factors))


def _split(text: str, option: str, form: str) -> tuple[str, str]:
    match = re.fullmatch(rf"\s*({_NAME})\s*=\s*(\S+)\s*", text)
    if not match:
        raise _usage(option, text, f"give {form}")
    return match.group(1), match.group(2)


def _int(part: str, option: str, text: str) -> int:
    try:
        value = Decimal(part)
    except InvalidOperation:
        raise _usage(option, text, f"'{part}' is not a number") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise _usage(option, text, f"'{part}' is not a whole number of people")
    return int(value)


def _usage(option: str, text: str, message: str) -> InputError:
    return InputError(Problem(option, repr(text), message))


# -- head counts ------------------------------------------------------------------------------


def pools_of(scenario: Scenario, name: str) -> list[str]:
    """Pool ids a head-count name stands for (the pool itself, or every pool of a role)."""
    by_role = [p.id for p in scenario.pools if p.role == name]
    is_pool = any(p.id == name for p in scenario.pools)
    if is_pool and by_role and by_role != [name]:
        raise InputError(
            Problem(
                "",
                name,
                f"'{name}' is both a pool and a role with other "
                "pools; rename the pool to vary one or the other",
            )
        )
    if is_pool:
        return [name]
    if by_role:
        return by_role
    known = [p.id for p in scenario.pools] + sorted({p.role for p in scenario.pools})
    listed = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
    raise InputError(
        Problem("", name, f"'{name}' is neither a pool nor a role with pools (known: {listed})")
    )


def allocate(total: int, counts: Sequence[int]) -> list[int]:
    """Split ``total`` in proportion to ``counts`` (largest remainder, ties to the first)."""
    whole = sum(counts)
    if total < 0:
        raise ValueError("total must not be negative")
    if whole <= 0:
        return [0] * len(counts)
    exact = [Decimal(total) * c / whole for c in counts]
    shares = [int(e) for e in exact]
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


def head_counts(scenario: Scenario, name: str, total: int) -> dict[str, int]:
    """New counts of the pools behind ``name`` so that they hold ``total`` people."""
    pools = pools_of(scenario, name)
    base = [scenario.pool(p).count for p in pools]
    return dict(zip(pools, allocate(total, base), strict=True))


def with_counts(scenario: Scenario, counts: Mapping[str, int], *, file: str = "") -> Scenario:
    """A copy of the scenario with some pool counts changed (count 0 drops the pool)."""
    document = scenario.to_document()
    pools = []
    for pool in document["pools"]:
        count = counts.get(pool["id"], pool["count"])
        if count > 0:
            pools.append({**pool, "count": int(count)})
    if not pools:
        raise InputError(Problem(file or scenario.source, "pools", "every pool would be empty"))
    document["pools"] = pools
    return from_document(document, file=file or scenario.source or "<scenario>")


def counts_for(scenario: Scenario, axes: Sequence[Axis], point: Sequence[float]) -> dict[str, int]:
    """Pool counts of one grid point: head counts first, then scale factors on top."""
    counts: dict[str, int] = {}
    owner: dict[str, str] = {}
    for axis, value in sorted(zip(axes, point, strict=True), key=lambda a: a[0].kind):
        pools = pools_of(scenario, axis.name)
        for pool in pools:
            if pool in owner and owner[pool] != axis.column:
                raise InputError(
                    Problem(
                        "",
                        axis.name,
                        f"pool '{pool}' is set both by {owner[pool]} and {axis.column}",
                    )
                )
            owner[pool] = axis.column
        if axis.kind == "count":
            counts.update(head_counts(scenario, axis.name, int(value)))
        else:
            total = sum(scenario.pool(p).count for p in pools)
            counts.update(head_counts(scenario, axis.name, round(total * value)))
    return counts


# -- partial scenarios ------------------------------------------------------------------------


def merge(base: Any, patch: Any) -> Any:
    """Deep merge: mappings merge, lists of items with ids merge by id, other lists replace."""
    if isinstance(base, dict) and isinstance(patch, dict):
        out = dict(base)
        for key, value in patch.items():
            out[key] = merge(base[key], value) if key in base else value
        return out
    if _by_id(base) and _by_id(patch):
        out = list(base)
        where = {item["id"]: i for i, item in enumerate(out)}
        for item in patch:
            if item["id"] in where:
                out[where[item["id"]]] = merge(out[where[item["id"]]], item)
            else:
                where[item["id"]] = len(out)
                out.append(item)
        return out
    return patch


def _by_id(value: Any) -> bool:
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(item, dict) and isinstance(item.get("id"), str) for item in value)
    )


def load_variants(path: str | Path, base: Scenario) -> list[tuple[str, Scenario]]:
    """Named variants from a YAML/JSON file: ``{name: partial scenario, ...}``.

    Each partial scenario is merged deep into the base (see :func:`merge`) and validated;
    every problem names the variant it comes from and, in a YAML file, the line of the
    variant's own text nearest to it (the variant's first line for a problem in what it
    leaves as the base has it).
    """
    path = Path(path)
    document, lines = read_document(path, str(path))
    if not isinstance(document, dict) or not document:
        raise InputError(
            Problem(
                str(path), "", "give a mapping of variant name to the scenario sections it changes"
            )
        )
    variants, problems = [], []
    for name, patch in document.items():
        if not isinstance(patch, dict):
            problems.append(
                Problem(
                    str(path),
                    str(name),
                    "a variant is a mapping of the scenario sections it changes",
                )
            )
            continue
        merged = merge(base.to_document(), patch)
        locator = Locator(str(path), merged_lines(merged, patch, lines, (name,)))
        try:
            scenario = from_document(merged, file=f"{path} [{name}]", locator=locator)
        except InputError as error:
            problems += [_named(problem, str(name)) for problem in error.problems]
            continue
        variants.append((str(name), scenario))
    if problems:
        raise InputError(problems)
    return variants


def merged_lines(merged: Any, patch: Any, lines: LineMap, at: Place) -> LineMap:
    """Lines of the variants file by place in the merged document: a patch's items merged by
    id sit at their base item's index, not at their own."""
    found: LineMap = {}
    stack: list[tuple[Any, Any, Place, Place]] = [(merged, patch, at, ())]
    while stack:
        whole, part, source, place = stack.pop()
        if source in lines:
            found[place] = lines[source]
        if isinstance(whole, dict) and isinstance(part, dict):
            stack += [
                (whole[k], v, (*source, k), (*place, k)) for k, v in part.items() if k in whole
            ]
        elif isinstance(whole, list) and isinstance(part, list):
            where = {item["id"]: i for i, item in enumerate(whole)} if _by_id(whole) else {}
            for j, item in enumerate(part):
                i = where.get(item["id"], j) if _by_id(part) and where else j
                if i < len(whole):
                    stack.append((whole[i], item, (*source, j), (*place, i)))
    return found


def _named(problem: Problem, variant: str) -> Problem:
    """A problem of a merged variant, its place prefixed with the variant's name."""
    where = f"[{variant}] {problem.path}".strip()
    return Problem(problem.file, where, problem.message, problem.line, problem.severity)


def build_variants(
    base: Scenario,
    axes: Sequence[Axis] = (),
    named: Sequence[tuple[str, Scenario]] = (),
) -> list[Variant]:
    """Every combination of the named variants (with the base first) and the grid of axes."""
    scenarios = [("base", base), *named]
    if len({n for n, _ in scenarios}) != len(scenarios):
        raise InputError("variant names must be unique (and 'base' is the unchanged scenario)")
    grid = list(itertools.product(*(a.values for a in axes)))
    if len(scenarios) * len(grid) > MAX_VARIANTS:
        raise InputError(f"{len(scenarios) * len(grid)} variants; at most {MAX_VARIANTS}")
    for axis in axes:
        pools_of(base, axis.name)
    out: list[Variant] = []
    for name, scenario in scenarios:
        for point in grid:
            params = {a.column: v for a, v in zip(axes, point, strict=True)}
            counts = counts_for(scenario, axes, point) if axes else {}
            label = (
                name
                if not axes
                else (
                    name
                    + " "
                    + " ".join(
                        f"{a.name}{'=' if a.kind == 'count' else '×'}{v:g}"
                        for a, v in zip(axes, point, strict=True)
                    )
                ).strip()
            )
            changed = (
                with_counts(scenario, counts, file=f"{scenario.source} [{label}]")
                if (counts)
                else scenario
            )
            out.append(Variant(len(out), label, {"scenario": name, **params}, changed))
    return out
