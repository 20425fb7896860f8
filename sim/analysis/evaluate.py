"""SALib-style ``evaluate(X) -> Y`` over the projection core.

X is an N x D array: row i is one set of values for the D inputs named in ``names``; every other
input keeps its value in ``fixed_values``. All N rows go through ``sim.model.project`` in one
vectorized call (no Python loop over draws). Outputs are IAMC variable names read in the first
projected year, or (variable, year) pairs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..baseline import Baseline
from ..errors import InputError
from ..metadata import MODE_ID, Param, ParamSet, cross_field_issues, load_parameters
from ..model import Projection, n_years_of, project
from ..targets import Target, TargetSet

Output = str | tuple[str, int]


def float_params(pset: ParamSet | None = None) -> list[Param]:
    """The continuous inputs: the ones goal seeking, sampling and sensitivity may move."""
    pset = pset or load_parameters()
    return [p for p in pset.params if p.type == "float"]


def check_names(
    names: Sequence[str], pset: ParamSet, values: Mapping[str, object] | None = None
) -> None:
    """Every name must be a float parameter (choices and the horizon year cannot be varied)
    used in the industry mode of ``values`` (growth.secondary only in target mode, ...)."""
    for name in names:
        if name not in pset.by_id:
            raise InputError("no such parameter; `python -m sim params` lists them", field=name)
        if pset[name].type != "float":
            raise InputError("is not a continuous input and cannot be varied", field=name)
        p = pset[name]
        if values is not None and not p.active(values):
            raise InputError(key="err_mode", field=name, mode=values.get(MODE_ID), needs=p.mode)


def active_float_params(values: Mapping[str, object], pset: ParamSet | None = None) -> list[Param]:
    """The continuous inputs the model uses in the industry mode of ``values``."""
    return [p for p in float_params(pset) if p.active(values)]


def inputs_from_matrix(
    X: np.ndarray, names: Sequence[str], fixed_values: Mapping[str, object], pset: ParamSet
) -> dict[str, np.ndarray]:
    """{parameter id: (N,) array}: the columns of X for ``names``, fixed values elsewhere."""
    X = np.asarray(X, dtype=float)
    if X.ndim == 1:
        X = X[:, None]
    if X.ndim != 2 or X.shape[1] != len(names):
        raise InputError(f"X has shape {X.shape}; expected (N, {len(names)})", field="X")
    check_names(names, pset, fixed_values)
    n = X.shape[0]
    x = {p.id: np.full(n, p.encode(fixed_values[p.id])) for p in pset.params}
    for j, name in enumerate(names):
        x[name] = X[:, j].copy()
    return x


def project_matrix(
    X: np.ndarray,
    names: Sequence[str],
    base: Baseline,
    fixed_values: Mapping[str, object],
    pset: ParamSet | None = None,
    shocks: Mapping[str, np.ndarray] | None = None,
) -> Projection:
    """The full projection for every row of X (draws = rows). ``shocks``: Monte Carlo path
    shocks {sim.rates.SHOCK + id: (T, N)} added to the later years of those inputs."""
    pset = pset or load_parameters()
    x = inputs_from_matrix(X, names, fixed_values, pset)
    x.update(shocks or {})
    return project(x, base, n_years_of(fixed_values, base))


def column(proj: Projection, output: Output) -> np.ndarray:
    """One output for every draw: (N,)."""
    var, year = (output, None) if isinstance(output, str) else output
    if var not in proj.series:
        raise InputError(f"the model does not project '{var}' for this baseline", field=var)
    if year is not None and year not in proj.years:
        span = f"{proj.years[1]}-{proj.years[-1]}"
        raise InputError(f"year {year} is outside the projection {span}", field=var)
    col = proj.years.index(year) if year is not None else 1
    return proj.series[var][:, col]


def evaluate(
    X: np.ndarray,
    names: Sequence[str],
    base: Baseline,
    fixed_values: Mapping[str, object],
    outputs: Output | Sequence[Output],
    pset: ParamSet | None = None,
) -> np.ndarray:
    """Y for every row of X: (N,) for a single output, (N, K) for a list of K outputs."""
    proj = project_matrix(X, names, base, fixed_values, pset)
    if isinstance(outputs, str | tuple):
        return column(proj, outputs)
    return np.stack([column(proj, o) for o in outputs], axis=1)


def effective_bounds(
    pid: str, values: Mapping[str, object], pset: ParamSet | None = None
) -> tuple[float, float]:
    """The parameter's [min, max], narrowed where a cross-field rule (sim.metadata) would break
    with the other inputs at ``values`` (for example coal + power shares of industry <= 95%).

    The rule is evaluated, not restated: the feasible end is found by bisection on
    ``cross_field_issues``. The current value must itself be feasible.
    """
    pset = pset or load_parameters()
    p = pset[pid]
    lo, hi = float(p.min), float(p.max)
    cur = float(values[pid])

    def ok(v: float) -> bool:
        trial = dict(values)
        trial[pid] = v
        return not cross_field_issues(trial)

    if not ok(cur):
        return lo, hi

    def edge(good: float, bad: float) -> float:
        for _ in range(60):
            mid = 0.5 * (good + bad)
            good, bad = (mid, bad) if ok(mid) else (good, mid)
        return good

    return (lo if ok(lo) else edge(cur, lo)), (hi if ok(hi) else edge(cur, hi))


def resolve_output(name: str, targets: TargetSet, proj: Projection) -> tuple[str, Target | None]:
    """A target id (gdp_growth) or an IAMC variable (GDP|Real Growth) -> (variable, target)."""
    name = name.strip()
    tg = next((x for x in targets.targets if x.id == name), None)
    var = tg.variable if tg else name
    if var not in proj.series:
        known = ", ".join(x.id for x in targets.covered if x.variable in proj.series)
        raise InputError(
            f"'{name}' is neither a projected variable nor a covered target id ({known})",
            field="--target",
        )
    return var, tg or targets.by_variable(var)
