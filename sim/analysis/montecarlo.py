"""Monte Carlo ("how likely is it?"): many draws of the inputs through the same vectorized core.

Distribution: every float input with ``mc_sd`` > 0 in params/parameters.toml is drawn
independently from a normal distribution centred on the chosen value with that standard deviation
(times ``spread``), truncated to the input's [min, max] (scipy.stats.truncnorm, so no draw piles
up at a bound); every other input stays at its chosen value. Draws come from a seeded
numpy Generator, so a seed reproduces a run exactly. Independence is an assumption: sector shocks
are in reality correlated, which the calibrated spreads partly absorb (see calibration.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy.stats import truncnorm

from .. import limits
from ..baseline import Baseline
from ..iamc import variable_meta
from ..metadata import Param, ParamSet, load_parameters
from ..targets import Target, TargetSet, load_targets, status_of
from . import HEADLINE
from .evaluate import active_float_params, float_params, project_matrix

PERCENTILES = (5, 25, 50, 75, 95)
CHUNK = 25_000  # draws per projection call: bounds peak memory for 100k draws and long horizons
KEEP = (
    *HEADLINE,
    "GDP",
    "GDP|Constant Prices",
    "GDP|Nominal Growth",
    "Revenue|General Public Budget",
    "Energy|Consumption|Growth",
    "Energy Intensity|Cumulative Change",
    "Value Added|Primary|Real Growth",
    "Value Added|Secondary|Real Growth",
    "Value Added|Tertiary|Real Growth",
    "Value Added|Industry Above Scale|Real Growth",
    "Production|Coal",
    "Production|Coal|Growth",
    "Electricity|Generation",
    "Electricity|Generation|Growth",
    "Electricity|Utilisation Hours",
    "Price|Consumer|Change",
    "Capacity|Electricity|Added",
)


def uncertain_params(
    pset: ParamSet | None = None, values: Mapping[str, object] | None = None
) -> list[Param]:
    """Inputs that Monte Carlo draws: float parameters with a positive ``mc_sd`` (used in the
    industry mode of ``values`` when given: no draws of an input the model ignores)."""
    params = float_params(pset) if values is None else active_float_params(values, pset)
    return [p for p in params if p.mc_sd > 0]


def draw_inputs(
    values: Mapping[str, object],
    n: int,
    rng: np.random.Generator,
    pset: ParamSet | None = None,
    spread: float = 1.0,
) -> tuple[list[str], np.ndarray]:
    """(names, X): n draws (rows) of every uncertain input, truncated normal around ``values``."""
    params = uncertain_params(pset, values)
    X = np.empty((n, len(params)))
    for j, p in enumerate(params):
        mu, sd = float(values[p.id]), p.mc_sd * spread
        if sd <= 0 or p.max <= p.min:
            X[:, j] = mu
            continue
        a, b = (p.min - mu) / sd, (p.max - mu) / sd
        X[:, j] = truncnorm.rvs(a, b, loc=mu, scale=sd, size=n, random_state=rng)
    return [p.id for p in params], X


@dataclass
class TargetOdds:
    target: Target
    p_met: float  # share of draws that meet the target
    p_met_or_near: float  # ... or miss an 'about' target by at most the tolerance
    median: float


@dataclass
class MCResult:
    years: list[int]
    draws: int
    seed: int | None
    names: list[str]  # inputs drawn
    series: dict[str, np.ndarray]  # kept variables, (draws, years + 1)
    odds: list[TargetOdds] = field(default_factory=list)

    def percentiles(self, variable: str) -> np.ndarray:
        """(5, years + 1): the 5th, 25th, 50th, 75th and 95th percentile in each year."""
        return _percentiles(self.series[variable])

    def mean(self, variable: str) -> np.ndarray:
        a = self.series[variable]
        out = np.full(a.shape[1], np.nan)
        ok = np.isfinite(a).all(axis=0)
        out[ok] = a[:, ok].mean(axis=0)
        fixed = ok & (np.ptp(np.where(np.isfinite(a), a, 0.0), axis=0) == 0)
        out[fixed] = a[0, fixed]  # a column every draw shares (the base year) stays exact
        return out

    def summary(self) -> pd.DataFrame:
        """Long table: variable, unit, year, mean and the five percentiles."""
        meta = variable_meta()
        rows = []
        for var in self.series:
            pc, mean = self.percentiles(var), self.mean(var)
            for j, year in enumerate(self.years):
                if not np.isfinite(mean[j]) and not np.isfinite(pc[:, j]).any():
                    continue
                row = {"variable": var, "unit": meta[var]["unit"], "year": year}
                row["mean"] = mean[j]
                row.update({f"p{q}": pc[k, j] for k, q in enumerate(PERCENTILES)})
                rows.append(row)
        return pd.DataFrame(rows)


def _percentiles(a: np.ndarray) -> np.ndarray:
    out = np.full((len(PERCENTILES), a.shape[1]), np.nan)
    finite = np.isfinite(a)
    full = finite.all(axis=0)
    if full.any():
        out[:, full] = np.percentile(a[:, full], PERCENTILES, axis=0)
    part = finite.any(axis=0) & ~full
    if part.any():
        out[:, part] = np.nanpercentile(a[:, part], PERCENTILES, axis=0)
    return out


def target_odds(
    series: Mapping[str, np.ndarray], years: list[int], targets: TargetSet
) -> list[TargetOdds]:
    """Share of draws meeting each covered target (sim.targets.status_of), in the targets' year
    (or the first projected year when the projection does not reach it)."""
    col = years.index(targets.year) if targets.year in years[1:] else 1
    out = []
    for tg in targets.covered:
        if tg.variable not in series:
            continue
        vals = series[tg.variable][:, col]
        st = status_of(vals, tg, targets.tolerance)
        out.append(
            TargetOdds(
                tg,
                float((st == "met").mean()),
                float(np.isin(st, ("met", "near")).mean()),
                float(np.median(vals)),
            )
        )
    return out


def run_montecarlo(
    values: Mapping[str, object],
    base: Baseline,
    draws: int = 10_000,
    seed: int | None = 2024,
    pset: ParamSet | None = None,
    targets: TargetSet | None = None,
    spread: float = 1.0,
    keep: Sequence[str] | None = KEEP,
) -> MCResult:
    """Draw the uncertain inputs, project every draw, keep ``keep`` variables (None: all) and
    score the targets. ``spread`` scales every mc_sd (1 = as calibrated)."""
    limits.check_draws(draws, 0, 1)  # the sizes are checked again below, once they are known
    limits.check_spread(spread)
    if seed is not None:
        limits.check_seed(seed)
    pset = pset or load_parameters()
    targets = targets or load_targets()
    rng = np.random.default_rng(seed)
    names, X = draw_inputs(values, draws, rng, pset, spread)
    want = (
        None
        if keep is None
        else list(dict.fromkeys([*keep, *(x.variable for x in targets.covered)]))
    )
    parts: dict[str, list[np.ndarray]] = {}
    years: list[int] = []
    for start in range(0, draws, CHUNK):
        proj = project_matrix(X[start : start + CHUNK], names, base, values, pset)
        if not years:
            kept = proj.series if want is None else [v for v in want if v in proj.series]
            limits.check_draws(draws, len(proj.years) - 1, len(kept))
        years = proj.years
        for var in proj.series if want is None else [v for v in want if v in proj.series]:
            parts.setdefault(var, []).append(proj.series[var])
    series = {v: np.concatenate(a, axis=0) for v, a in parts.items()}
    res = MCResult(years, draws, seed, names, series)
    res.odds = target_odds(series, years, targets)
    return res
