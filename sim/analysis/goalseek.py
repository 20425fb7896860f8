"""Goal seeking ("what would it take?"): choose inputs so outputs hit their targets.

One target, one input: the input's range is scanned on a grid in one vectorized call, every sign
change is bracketed and solved with ``scipy.optimize.brentq`` (the root nearest the current value
is kept). When no value within [min, max] hits the target the result says so and names the end
(or grid point) that comes closest, with the output it gives.

Several targets, as many inputs: ``scipy.optimize.least_squares`` (trust-region reflective, which
keeps every input within its bounds) from the current values, then from the middle and the
quarter points of the box if needed. "Found" means every output is within ``tol`` of its target.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import brentq, least_squares

from ..baseline import Baseline
from ..errors import InputError
from ..i18n import t, unit_label
from ..iamc import variable_meta
from ..metadata import ParamSet, load_parameters
from ..model import run
from . import HEADLINE
from .evaluate import check_names, effective_bounds, evaluate

GRID = 81  # scan points over an input's range (one vectorized projection)
TOL = 1e-6  # an output counts as hitting its target within this many of its units


@dataclass
class SeekResult:
    inputs: list[str]
    goals: list[tuple[str, float]]  # (variable, target value)
    solution: dict[str, float]  # input id -> value found (or closest)
    achieved: dict[str, float]  # goal variable -> value at the solution
    found: bool
    bounds: dict[str, tuple[float, float]]
    where: dict[str, str] = field(default_factory=dict)  # input -> "min" | "max" | "inside"
    outputs: dict[str, float] = field(default_factory=dict)  # headline outputs at the solution
    at_ends: dict[str, tuple[float, float]] = field(default_factory=dict)  # 1-D: goal at min, max

    def describe(self, lang: str = "zh", pset: ParamSet | None = None) -> list[str]:
        """Plain sentences: the solved inputs, or why no solution exists within the ranges."""
        pset = pset or load_parameters()
        lines = []
        if self.found:
            for pid, v in self.solution.items():
                unit = _unit(pset[pid].unit, lang)
                lines.append(
                    t(
                        "an_gs_solved",
                        lang,
                        input=pset[pid].label(lang),
                        value=f"{v:.4f}",
                        unit=unit,
                    )
                )
        else:
            for pid, v in self.solution.items():
                lo, hi = self.bounds[pid]
                key = "an_gs_none_end" if self.where.get(pid) in ("min", "max") else "an_gs_none"
                lines.append(
                    t(
                        key,
                        lang,
                        input=pset[pid].label(lang),
                        lo=f"{lo:g}",
                        hi=f"{hi:g}",
                        end=t(f"an_gs_{self.where.get(pid, 'inside')}", lang),
                        value=f"{v:.4f}",
                        unit=_unit(pset[pid].unit, lang),
                    )
                )
        for var, target in self.goals:
            lines.append(
                t(
                    "an_gs_gives",
                    lang,
                    variable=variable_meta().get(var, {}).get(f"label_{lang}", var),
                    value=f"{self.achieved[var]:.4f}",
                    target=f"{target:g}",
                    unit=_unit(variable_meta().get(var, {}).get("unit", ""), lang),
                )
            )
        return lines


def _unit(unit: str, lang: str) -> str:
    """'%' right after the number, other units after a space ('6.5420%', '7700.0000 万吨')."""
    label = unit_label(unit, lang)
    return label if unit == "%" or not label else f" {label}"


def seek(
    values: Mapping[str, object],
    base: Baseline,
    goals: Sequence[tuple[str, float]],
    inputs: Sequence[str],
    pset: ParamSet | None = None,
    tol: float = TOL,
) -> SeekResult:
    """Find values of ``inputs`` (float parameter ids) that make each goal variable (first
    projected year) equal its value, every other input held at ``values``."""
    pset = pset or load_parameters()
    if not goals or len(goals) != len(inputs):
        raise InputError(
            f"{len(goals)} target(s) and {len(inputs)} input(s): give one input to vary per target",
            field="--vary",
        )
    if len(set(inputs)) != len(inputs):
        raise InputError("each input may be varied only once", field="--vary")
    check_names(inputs, pset, values)
    if len(inputs) == 1:
        res = _seek_one(values, base, goals[0], inputs[0], pset, tol)
    else:
        res = _seek_many(values, base, goals, inputs, pset, tol)
    row = np.array([[res.solution[i] for i in inputs]])
    shown = [v for v in HEADLINE if v in run(values, base, pset).series]  # e.g. no revenue rows
    outs = list(dict.fromkeys([*shown, *(g[0] for g in goals)]))
    y = evaluate(row, inputs, base, values, outs, pset)[0]
    res.outputs = dict(zip(outs, map(float, y), strict=True))
    res.achieved = {g[0]: res.outputs[g[0]] for g in goals}
    return res


def _seek_one(values, base, goal, pid, pset, tol) -> SeekResult:
    var, target = goal
    lo, hi = effective_bounds(pid, values, pset)
    xs = np.linspace(lo, hi, GRID)
    gap = evaluate(xs, [pid], base, values, var, pset) - target
    finite = np.isfinite(gap)

    def f(v: float) -> float:
        return float(evaluate(np.array([v]), [pid], base, values, var, pset)[0]) - target

    roots = list(xs[finite & (np.abs(gap) <= tol)])
    sign = np.where(finite, np.sign(np.where(finite, gap, 0.0)), 0.0)
    for i in np.flatnonzero(sign[:-1] * sign[1:] < 0):
        roots.append(brentq(f, xs[i], xs[i + 1], xtol=1e-13, rtol=1e-14, maxiter=200))
    at_ends = (float(gap[0] + target), float(gap[-1] + target))
    bounds = {pid: (lo, hi)}
    cur = float(values[pid])
    if roots:
        v = float(min(roots, key=lambda r: abs(r - cur)))
        return SeekResult([pid], [goal], {pid: v}, {}, True, bounds, {pid: "inside"}, {}, {})
    if not finite.any():
        raise InputError(f"'{var}' is not defined over the range of {pid}", field=var)
    i = int(np.argmin(np.where(finite, np.abs(np.where(finite, gap, 0.0)), np.inf)))
    where = "min" if i == 0 else "max" if i == GRID - 1 else "inside"
    res = SeekResult([pid], [goal], {pid: float(xs[i])}, {}, False, bounds, {pid: where})
    res.at_ends = {var: at_ends}
    return res


def _seek_many(values, base, goals, inputs, pset, tol) -> SeekResult:
    variables = [g[0] for g in goals]
    target = np.array([g[1] for g in goals], dtype=float)
    b = [effective_bounds(pid, values, pset) for pid in inputs]
    lo, hi = np.array([x[0] for x in b]), np.array([x[1] for x in b])
    width = np.where(hi > lo, hi - lo, 1.0)

    def fun(v: np.ndarray) -> np.ndarray:
        return evaluate(v[None, :], inputs, base, values, variables, pset)[0] - target

    cur = np.array([float(values[pid]) for pid in inputs])
    starts = [cur, lo + 0.5 * width, lo + 0.25 * width, lo + 0.75 * width]
    best = None
    for x0 in starts:
        x0 = np.clip(x0, lo + 1e-9 * width, hi - 1e-9 * width)
        r = least_squares(fun, x0, bounds=(lo, hi), x_scale=width, xtol=1e-12, ftol=1e-12)
        if best is None or r.cost < best.cost:
            best = r
        if np.max(np.abs(r.fun)) <= tol:
            break
    sol = np.clip(best.x, lo, hi)
    found = bool(np.max(np.abs(fun(sol))) <= tol)
    near = 1e-6 * width
    where = {
        pid: "min" if v <= lo[k] + near[k] else "max" if v >= hi[k] - near[k] else "inside"
        for k, (pid, v) in enumerate(zip(inputs, sol, strict=True))
    }
    return SeekResult(
        list(inputs),
        list(goals),
        {pid: float(v) for pid, v in zip(inputs, sol, strict=True)},
        {},
        found,
        {pid: (float(lo[k]), float(hi[k])) for k, pid in enumerate(inputs)},
        where,
    )
