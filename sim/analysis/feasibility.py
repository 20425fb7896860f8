"""Feasibility map: a grid over two inputs, marking where every chosen target holds at once.

All nx x ny cells go through the core in one vectorized call. A target "holds" in a cell when
its status (sim.targets.status_of) is in ``accept`` (default: met or, for an 'about' target,
missed by at most the about-tolerance). Cells where the two inputs together break a cross-field
rule (sim.metadata.cross_field_issues) are marked invalid and never count as feasible.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..baseline import Baseline
from ..errors import InputError
from ..metadata import ParamSet, cross_field_issues, load_parameters
from ..targets import TargetSet, load_targets, status_of
from .evaluate import check_names, project_matrix


@dataclass
class FeasibilityMap:
    x_id: str
    y_id: str
    xs: np.ndarray  # (nx,)
    ys: np.ndarray  # (ny,)
    ok: np.ndarray  # (ny, nx) bool: every chosen target holds
    by_target: dict[str, np.ndarray]  # target id -> (ny, nx) bool
    valid: np.ndarray  # (ny, nx) bool: no cross-field rule broken
    current: tuple[float, float]

    @property
    def share_ok(self) -> float:
        return float(self.ok.mean())


def feasibility_map(
    values: Mapping[str, object],
    base: Baseline,
    x_id: str,
    y_id: str,
    target_ids: Sequence[str],
    n: int = 41,
    x_range: tuple[float, float] | None = None,
    y_range: tuple[float, float] | None = None,
    accept: Sequence[str] = ("met", "near"),
    pset: ParamSet | None = None,
    targets: TargetSet | None = None,
) -> FeasibilityMap:
    """Grid of n x n points over (x_id, y_id), default ranges their [min, max]."""
    pset = pset or load_parameters()
    targets = targets or load_targets()
    if x_id == y_id:
        raise InputError("choose two different inputs", field="feasibility")
    check_names([x_id, y_id], pset, values)
    chosen = [tg for tg in targets.covered if tg.id in set(target_ids)]
    unknown = set(target_ids) - {tg.id for tg in chosen}
    if unknown or not chosen:
        raise InputError(f"unknown or uncovered target(s): {sorted(unknown)}", field="targets")
    xs = np.linspace(*(x_range or (pset[x_id].min, pset[x_id].max)), n)
    ys = np.linspace(*(y_range or (pset[y_id].min, pset[y_id].max)), n)
    gx, gy = np.meshgrid(xs, ys)
    X = np.column_stack([gx.ravel(), gy.ravel()])
    proj = project_matrix(X, [x_id, y_id], base, values, pset)
    col = proj.years.index(targets.year) if targets.year in proj.years else 1
    by_target = {}
    ok = np.ones(X.shape[0], dtype=bool)
    for tg in chosen:
        if tg.variable not in proj.series:
            raise InputError(f"'{tg.id}' is not projected for this baseline", field="targets")
        holds = np.isin(status_of(proj.series[tg.variable][:, col], tg, targets.tolerance), accept)
        by_target[tg.id] = holds.reshape(gx.shape)
        ok &= holds
    valid = _valid_cells(values, x_id, y_id, xs, ys)
    cur = (float(values[x_id]), float(values[y_id]))
    return FeasibilityMap(x_id, y_id, xs, ys, ok.reshape(gx.shape) & valid, by_target, valid, cur)


def _valid_cells(values, x_id, y_id, xs, ys) -> np.ndarray:
    """Cross-field rules checked cell by cell (plain arithmetic, about 2 ms for 41 x 41)."""
    out = np.empty((len(ys), len(xs)), dtype=bool)
    trial = dict(values)
    for i, y in enumerate(ys):
        for j, x in enumerate(xs):
            trial[x_id], trial[y_id] = float(x), float(y)
            out[i, j] = not cross_field_issues(trial)
    return out
