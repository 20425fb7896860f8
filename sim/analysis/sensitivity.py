"""Sensitivity ("what matters most?"): a one-at-a-time tornado and global Sobol indices.

Tornado: each float input in turn goes to the low and the high end of its span while every other
input keeps its chosen value; the swing is the difference of an output between the two ends.
Span "range" is the input's [min, max] (narrowed where a cross-field rule would break, see
evaluate.effective_bounds); span "sd" is the chosen value +- k x mc_sd within that range. All
2 x D rows go through the core in one call.

Sobol: first-order (S1) and total (ST) indices with SALib (``SALib.sample.sobol`` sampling,
``SALib.analyze.sobol`` analysis, no second-order terms), over the inputs Monte Carlo draws that
move at least one output, each with its Monte Carlo distribution (normal with mc_sd, truncated to
the range). ``sobol_indices`` takes any ``f(X) -> Y`` so a synthetic model can be checked against
analytic values through the same path.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np
import pandas as pd
from SALib.analyze import sobol as sobol_analyze
from SALib.sample import sobol as sobol_sample

from .. import limits
from ..baseline import Baseline
from ..metadata import ParamSet, load_parameters
from . import HEADLINE
from .evaluate import active_float_params, effective_bounds, evaluate
from .montecarlo import plan_for
from .sampling import structural_params
from .shocks import DRIVERS

SOBOL_N = 1024  # base samples (a power of 2); N x (D + 2) model rows
SWING_EPS = 1e-9  # an input whose tornado swing is below this on every output "does not matter"


def spans(
    values: Mapping[str, object], pset: ParamSet, span: str = "range", k: float = 2.0
) -> dict[str, tuple[float, float]]:
    """{input: (low, high)} for the tornado; 'sd' skips inputs without a Monte Carlo spread,
    'plausible' inputs without a plausible range (targets, policy switches)."""
    out = {}
    for p in active_float_params(values, pset):
        lo, hi = effective_bounds(p.id, values, pset)
        if span == "sd":
            if p.mc_sd <= 0:
                continue
            v = float(values[p.id])
            lo, hi = max(lo, v - k * p.mc_sd), min(hi, v + k * p.mc_sd)
        elif span == "plausible":  # an assumption across the range it plausibly lies in
            if p.plausible is None:
                continue
            lo, hi = max(lo, p.plausible[0]), min(hi, p.plausible[1])
        elif span != "range":
            raise ValueError(f"span must be 'range', 'sd' or 'plausible', not {span!r}")
        out[p.id] = (lo, hi)
    return out


def tornado(
    values: Mapping[str, object],
    base: Baseline,
    outputs: Sequence[str] = HEADLINE,
    pset: ParamSet | None = None,
    span: str = "range",
    k: float = 2.0,
) -> pd.DataFrame:
    """One row per input and output: low/high input values, the output at each end and at the
    chosen values, and the swing |y_high - y_low|; sorted by output, then swing (largest first)."""
    pset = pset or load_parameters()
    sp = spans(values, pset, span, k)
    names = list(sp)
    center = np.array([float(values[n]) for n in names])
    X = np.tile(center, (2 * len(names) + 1, 1))
    for j, n in enumerate(names):
        X[2 * j, j], X[2 * j + 1, j] = sp[n]
    Y = evaluate(X, names, base, values, list(outputs), pset)
    rows = []
    for j, n in enumerate(names):
        for o, out in enumerate(outputs):
            y_lo, y_hi = Y[2 * j, o], Y[2 * j + 1, o]
            rows.append(
                {
                    "input": n,
                    "output": out,
                    "low": sp[n][0],
                    "high": sp[n][1],
                    "value": center[j],
                    "y_low": y_lo,
                    "y_high": y_hi,
                    "y_base": Y[-1, o],
                    "swing": abs(y_hi - y_lo),
                }
            )
    df = pd.DataFrame(rows)
    order = {o: i for i, o in enumerate(outputs)}
    df["_o"] = df["output"].map(order)
    df = df.sort_values(["_o", "swing"], ascending=[True, False]).drop(columns="_o")
    return df.reset_index(drop=True)


def sobol_indices(
    func: Callable[[np.ndarray], np.ndarray],
    names: Sequence[str],
    bounds: Sequence[Sequence[float]],
    dists: Sequence[str] | None = None,
    output_names: Sequence[str] | None = None,
    n: int = SOBOL_N,
    seed: int = 2024,
) -> pd.DataFrame:
    """S1, S1_conf, ST, ST_conf per output and input for Y = func(X) (Y (M,) or (M, K)).

    ``bounds`` and ``dists`` follow SALib: 'unif' takes [low, high]; 'truncnorm' takes
    [low, high, mean, sd]. An output that does not vary gets zeros (no 0/0)."""
    problem = {"num_vars": len(names), "names": list(names), "bounds": [list(b) for b in bounds]}
    if dists is not None:
        problem["dists"] = list(dists)
    X = sobol_sample.sample(problem, n, calc_second_order=False, seed=seed)
    Y = np.asarray(func(X), dtype=float)
    Y = Y[:, None] if Y.ndim == 1 else Y
    output_names = list(output_names or [f"y{k}" for k in range(Y.shape[1])])
    frames = []
    for k, out in enumerate(output_names):
        y = Y[:, k]
        if np.ptp(y) <= 1e-12 * max(1.0, float(np.abs(y).max())):
            si = {key: np.zeros(len(names)) for key in ("S1", "S1_conf", "ST", "ST_conf")}
        else:
            si = sobol_analyze.analyze(
                problem, y, calc_second_order=False, num_resamples=100, seed=seed
            )
        frames.append(
            pd.DataFrame(
                {
                    "output": out,
                    "input": list(names),
                    "S1": si["S1"],
                    "S1_conf": si["S1_conf"],
                    "ST": si["ST"],
                    "ST_conf": si["ST_conf"],
                }
            )
        )
    return pd.concat(frames, ignore_index=True)


def inputs_that_matter(
    values: Mapping[str, object],
    base: Baseline,
    outputs: Sequence[str] = HEADLINE,
    pset: ParamSet | None = None,
) -> list[str]:
    """Inputs with a Monte Carlo spread whose +-2 sd tornado swing moves some output."""
    pset = pset or load_parameters()
    tor = tornado(values, base, outputs, pset, span="sd")
    swing = tor.groupby("input", sort=False)["swing"].max()
    return [pid for pid, s in swing.items() if s > SWING_EPS]


def model_sobol(
    values: Mapping[str, object],
    base: Baseline,
    outputs: Sequence[str] = HEADLINE,
    pset: ParamSet | None = None,
    n: int = SOBOL_N,
    seed: int = 2024,
    spread: float = 1.0,
    structural: bool = False,
) -> pd.DataFrame:
    """Sobol indices of the model's ``outputs`` (first projected year) over the inputs that
    matter, each drawn as in Monte Carlo: a normal truncated to its range, with the odds'
    calibrated sd for the growth drivers (sim.analysis.shocks; coal with its lower sd) and
    mc_sd x spread for the rest. With ``structural`` the structural unknowns that move an
    output are added, uniform over their plausible ranges. Sobol indices assume independent
    inputs: the common year factor that links the drivers in Monte Carlo is left out here."""
    limits.check_sobol_n(n)
    limits.check_seed(seed)
    pset = pset or load_parameters()
    names = inputs_that_matter(values, base, outputs, pset)
    plan = plan_for(values, base, pset, spread)
    sd = {p.id: p.mc_sd * spread for p in pset.params}
    sd.update({pid: float(s) for pid, s in zip(DRIVERS, plan.sigma, strict=True)})
    bounds = [[pset[n].min, pset[n].max, float(values[n]), sd[n]] for n in names]
    dists = ["truncnorm"] * len(names)
    if structural:
        sp = spans(values, pset, "plausible")
        tor = tornado(values, base, outputs, pset, span="plausible")
        moving = set(tor.loc[tor["swing"] > SWING_EPS, "input"])
        for p in structural_params(values, pset):
            if p.id in moving and p.id not in names:
                names.append(p.id)
                bounds.append(list(sp[p.id]))
                dists.append("unif")

    def func(X: np.ndarray) -> np.ndarray:
        return evaluate(X, names, base, values, list(outputs), pset)

    df = sobol_indices(func, names, bounds, dists, outputs, n, seed)
    return df.sort_values(["output", "ST"], ascending=[True, False]).reset_index(drop=True)
