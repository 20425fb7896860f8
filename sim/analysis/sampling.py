"""One chunk of Monte Carlo draws: the first year's inputs (a matrix X, one column per drawn
input) and the later years' path shocks, from a calibrated plan (sim.analysis.shocks).

Four kinds of input are drawn:
- the growth drivers, through the common year factor (shocks.first_year, later_years);
- in target mode the secondary and tertiary sliders, as the sum of their parts' shocks;
- the coal price: its own AR(1) shock every year (no loading on the year factor);
- every other input with an mc_sd (other prices, public finance, efficiency, long-run growth):
  once per draw, independent, a normal cut to [min, max] by inverse CDF;
- with ``structural``: the structural unknowns (assumptions with a plausible range and no
  mc_sd, horizon aside: coal and power shares, the energy balance and plant assumptions, tax
  weights, construction elasticity, carbon factors), once per draw, uniform over the
  plausible range (all that is known is the range).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.special import ndtr, ndtri

from ..metadata import Param, ParamSet
from ..rates import SHOCK
from .evaluate import active_float_params, float_params
from .shocks import DRIVERS, LEVELS, SECTOR_SUM, YEARLY_OWN, Plan, first_year, later_years

_TINY = 1e-12


def uncertain_params(
    pset: ParamSet | None = None, values: Mapping[str, object] | None = None
) -> list[Param]:
    """Float inputs with a positive mc_sd (used in the mode of ``values`` when given)."""
    params = float_params(pset) if values is None else active_float_params(values, pset)
    return [p for p in params if p.mc_sd > 0]


def structural_params(values: Mapping[str, object], pset: ParamSet) -> list[Param]:
    """The structural unknowns sampled on request (see the module docstring)."""
    return [
        p
        for p in active_float_params(values, pset)
        if p.kind == "assumption"
        and p.plausible is not None
        and p.mc_sd <= 0
        and not p.id.startswith("horizon.")
    ]


def independent_params(values: Mapping[str, object], pset: ParamSet) -> list[Param]:
    skip = {*DRIVERS, *YEARLY_OWN, *SECTOR_SUM}
    return [p for p in uncertain_params(pset, values) if p.id not in skip]


def truncated_normal(mu, sd, lo, hi, u):
    """Inverse CDF of N(mu, sd^2) cut to [lo, hi] at uniforms u (arrays broadcast)."""
    if sd <= 0 or hi <= lo:
        return np.full(np.shape(u), float(mu))
    pa, pb = ndtr((lo - mu) / sd), ndtr((hi - mu) / sd)
    q = np.clip(pa + u * (pb - pa), _TINY, 1 - _TINY)
    return np.clip(mu + sd * ndtri(q), lo, hi)


def draw_chunk(
    plan: Plan,
    values: Mapping[str, object],
    pset: ParamSet,
    n: int,
    rng: np.random.Generator,
    n_years: int,
    spread: float = 1.0,
    structural: bool = False,
) -> tuple[list[str], np.ndarray, dict[str, np.ndarray]]:
    """(names, X (n, len(names)), path shocks {SHOCK + id: (n_years, n)})."""
    names: list[str] = []
    cols: list[np.ndarray] = []
    dev, z, f = first_year(plan, rng, n)
    for j, pid in enumerate(DRIVERS):
        if plan.active[j]:
            names.append(pid)
            cols.append(plan.mu[j] + dev[j])
    sector_dev: dict[str, np.ndarray] = {}
    for pid in SECTOR_SUM:
        p = pset[pid]
        if not p.active(values):
            continue
        mu = float(values[pid])
        x1 = np.clip(mu + plan.sector_grad[pid] @ dev, p.min, p.max)
        sector_dev[pid] = x1 - mu
        names.append(pid)
        cols.append(x1)
    own_z, own_dev = {}, {}
    for pid in YEARLY_OWN:
        p, mu, sd = pset[pid], float(values[pid]), plan.own_sigma[pid]
        own_z[pid] = rng.standard_normal(n)
        x1 = truncated_normal(mu, sd, p.min, p.max, ndtr(own_z[pid]))
        own_dev[pid] = x1 - mu
        names.append(pid)
        cols.append(x1)
    for p in independent_params(values, pset):
        names.append(p.id)
        cols.append(
            truncated_normal(float(values[p.id]), p.mc_sd * spread, p.min, p.max, rng.random(n))
        )
    if structural:
        for p in structural_params(values, pset):
            lo, hi = p.plausible
            names.append(p.id)
            cols.append(lo + (hi - lo) * rng.random(n))
    X = np.column_stack(cols) if cols else np.empty((n, 0))
    paths = _paths(plan, rng, dev, z, f, sector_dev, own_z, own_dev, n_years) if n_years > 1 else {}
    return names, X, paths


def _paths(plan, rng, dev, z, f, sector_dev, own_z, own_dev, n_years):
    zs = later_years(plan, rng, z, f, n_years)  # (T, J, n)
    decay = plan.glide ** np.arange(n_years)
    devs = {}

    def deviation(j: int) -> np.ndarray:  # (T, n) in input units, skewed for coal
        if j not in devs:
            d = zs[:, j] * plan.sigma[j]
            if plan.up[j] != 1.0:
                np.multiply(d, plan.up[j], out=d, where=zs[:, j] > 0)
            devs[j] = d
        return devs[j]

    out = {}
    for j, pid in enumerate(DRIVERS):
        if not plan.active[j]:
            continue
        if pid in LEVELS:  # a volume: a shock to its later growth (pp)
            sh = deviation(j) * plan.growth_per_unit[j]
        else:  # a rate: net of what the glide carries of the first year's deviation
            sh = deviation(j) - np.multiply.outer(decay, dev[j])
        sh[0] = 0.0
        out[SHOCK + pid] = sh
    for pid, d1 in sector_dev.items():
        sh = -np.multiply.outer(decay, d1)
        for j, w in enumerate(plan.sector_grad[pid]):
            if w:
                sh += w * deviation(j)
        sh[0] = 0.0
        out[SHOCK + pid] = sh
    c = np.sqrt(1 - plan.rho**2)
    for pid, zz in own_z.items():
        sh = np.empty((n_years, zz.shape[0]))
        sh[0] = 0.0
        for t in range(1, n_years):
            zz = plan.rho * zz + c * rng.standard_normal(zz.shape[0])
            sh[t] = plan.own_sigma[pid] * zz - decay[t] * own_dev[pid]
        out[SHOCK + pid] = sh
    return out
