"""One station block's MIP as arrays, its fingerprint, and its independent parts.

A station's block often falls apart: on a multi-day event no row of the station spans two
days, and a role no supervision rule ties to another shares no row with it. Solved whole, such
a block costs its MIP the product of its parts' searches; solved part by part it costs their
sum, and parts alike across stations and days are solved once. Measured on the expo's 25
distinct station blocks: 3 to 9 parts each.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import numpy as np
from scipy.sparse import coo_array
from scipy.sparse.csgraph import connected_components

from eventplan.staffing.highs_model import ColumnArrays, entry_arrays
from eventplan.staffing.model import Column


@dataclass
class StationBlock:
    """A station's MIP (or a part of one): its candidate shifts and own rows, local indexes
    throughout."""

    columns: list[Column]
    cost: np.ndarray  # coupling reduced cost per column
    upper: np.ndarray
    short_cost: np.ndarray  # shortfall variables of the station's coverage rows
    short_upper: np.ndarray
    row_lower: np.ndarray
    row_upper: np.ndarray
    #: entries (local row, local column, value); shortfall variables follow the shifts
    rows: np.ndarray
    cols: np.ndarray
    vals: np.ndarray
    #: the LP's duals of the block's rows (None: unknown); not part of the fingerprint, since
    #: any duals of the right signs price alike blocks validly
    row_dual: np.ndarray | None = None

    def key(self) -> bytes:
        """A fingerprint: two blocks with the same one have the same MIP."""
        return _fingerprint((*self._figures(), self.rows, self.cols, self.vals))

    def shape_key(self) -> bytes:
        """A fingerprint of the block's sizes, prices and bounds only: blocks with different
        ones differ; blocks with the same one may still differ in their entries."""
        sizes = np.array([len(self.columns), len(self.row_lower), len(self.rows)], np.int64)
        return _fingerprint((sizes, *self._figures()))

    def _figures(self) -> tuple[np.ndarray, ...]:
        """Prices and bounds (prices rounded, so that round-off does not tell blocks apart)."""
        return (
            np.round(self.cost, 9),
            self.upper,
            np.round(self.short_cost, 9),
            self.short_upper,
            self.row_lower,
            self.row_upper,
        )

    def arrays(self) -> ColumnArrays:
        """The MIP for HiGHS: shift counts (integer), then the shortfalls."""
        return entry_arrays(
            (self.cost, self.upper),
            (self.short_cost, self.short_upper),
            (self.row_lower, self.row_upper),
            (self.rows, self.cols, self.vals),
            integral=True,
        )

    def parts(self) -> list[StationBlock]:
        """The block's independent parts (the block itself when it has one).

        Variables without a row of the block (a shift priced alone) go together in one part:
        they are independent of each other as well.
        """
        shifts = len(self.columns)
        n, m = shifts + len(self.short_cost), len(self.row_lower)
        graph = coo_array(
            (np.ones(len(self.rows)), (self.rows, self.cols + m)), shape=(m + n, m + n)
        )
        count, label = connected_components(graph, directed=False)
        if count <= 1:
            return [self]
        var_label, row_label = label[m:], label[:m]
        loose = np.bincount(self.rows, minlength=m)  # a row with no entry stays where it is
        isolated = np.bincount(self.cols, minlength=n) == 0
        var_label = np.where(isolated, -1, var_label)
        found = []
        for group in np.unique(var_label):
            held = np.flatnonzero(var_label == group)
            rows = np.flatnonzero((row_label == group) & (loose > 0)) if group >= 0 else held[:0]
            found.append(self._part(held, rows))
        return found

    def _part(self, held: np.ndarray, rows: np.ndarray) -> StationBlock:
        shifts = len(self.columns)
        own_shifts, own_shorts = held[held < shifts], held[held >= shifts] - shifts
        keep = np.isin(self.cols, held)
        return StationBlock(
            [self.columns[j] for j in own_shifts],
            self.cost[own_shifts],
            self.upper[own_shifts],
            self.short_cost[own_shorts],
            self.short_upper[own_shorts],
            self.row_lower[rows],
            self.row_upper[rows],
            np.searchsorted(rows, self.rows[keep]).astype(np.int32),
            np.searchsorted(held, self.cols[keep]).astype(np.int32),
            self.vals[keep],
            None if self.row_dual is None else self.row_dual[rows],
        )


def _fingerprint(parts: tuple[np.ndarray, ...]) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(np.ascontiguousarray(part).tobytes())
        digest.update(b"|")
    return digest.digest()
