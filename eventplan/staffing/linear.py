"""A mixed-integer linear model held as sparse arrays, ready for any solver backend.

Variables carry bounds, an objective coefficient and an integrality flag; rows carry bounds;
the constraint matrix is a list of (row, column, value) entries. Building appends, so a model
of hundreds of thousands of variables costs little to make, and a copy is independent of its
original (the smallest-force search and the fixed-station MIP change copies, never the model
the search is growing).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import numpy as np


@dataclass
class LinearModel:
    """Variables, rows and matrix entries of a minimisation model."""

    var_lb: list[float] = field(default_factory=list)
    var_ub: list[float] = field(default_factory=list)
    var_obj: list[float] = field(default_factory=list)
    var_int: list[bool] = field(default_factory=list)
    row_lb: list[float] = field(default_factory=list)
    row_ub: list[float] = field(default_factory=list)
    #: matrix entries: ``vals[k]`` at row ``rows[k]``, column ``cols[k]``
    rows: list[int] = field(default_factory=list)
    cols: list[int] = field(default_factory=list)
    vals: list[float] = field(default_factory=list)

    @property
    def num_vars(self) -> int:
        return len(self.var_lb)

    @property
    def num_rows(self) -> int:
        return len(self.row_lb)

    @property
    def num_entries(self) -> int:
        return len(self.vals)

    def add_var(self, lb: float, ub: float, obj: float, integer: bool) -> int:
        """A new variable; returns its index."""
        self.var_lb.append(lb)
        self.var_ub.append(ub)
        self.var_obj.append(obj)
        self.var_int.append(integer)
        return len(self.var_lb) - 1

    def add_row(self, terms: Iterable[tuple[int, float]], lb: float, ub: float) -> int:
        """A new row ``lb <= sum(coef * var) <= ub``; returns its index."""
        row = len(self.row_lb)
        self.row_lb.append(lb)
        self.row_ub.append(ub)
        for var, coef in terms:
            self.add_term(row, var, coef)
        return row

    def add_term(self, row: int, var: int, coef: float) -> None:
        """Add ``coef * var`` to an existing row."""
        self.rows.append(row)
        self.cols.append(var)
        self.vals.append(coef)

    def add_entries(self, var: int, rows: np.ndarray, coefs: np.ndarray) -> None:
        """Enter ``var`` into several rows: ``rows`` and their ``coefs``, as arrays."""
        self.rows.extend(rows.tolist())
        self.cols.extend([var] * len(rows))
        self.vals.extend(coefs.tolist())

    def copy(self) -> LinearModel:
        """An independent copy: changing it leaves this model as it is."""
        return LinearModel(
            list(self.var_lb),
            list(self.var_ub),
            list(self.var_obj),
            list(self.var_int),
            list(self.row_lb),
            list(self.row_ub),
            list(self.rows),
            list(self.cols),
            list(self.vals),
        )

    def set_var_bounds(self, var: int, lb: float, ub: float) -> None:
        self.var_lb[var], self.var_ub[var] = lb, ub

    def set_row_bounds(self, row: int, lb: float, ub: float) -> None:
        self.row_lb[row], self.row_ub[row] = lb, ub

    def set_objective(self, coefficients: Mapping[int, float]) -> None:
        """Replace the objective: the given coefficients, every other variable at 0."""
        self.var_obj = [0.0] * self.num_vars
        for var, coef in coefficients.items():
            self.var_obj[var] = coef
