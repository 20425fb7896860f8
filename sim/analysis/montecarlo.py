"""Monte Carlo ("how likely is it?"): many draws of the inputs through the same vectorized core,
with the odds given the record of meeting targets (按以往目标完成情况测算的可能性).

Distribution (sim.analysis.shocks, sim.analysis.sampling): the growth drivers share a common
year factor shaped like the record of outcome minus target (sim.analysis.record: a mixture of
ordinary and shock years), coal output is skewed down, the coal price has its own yearly shock,
and every year has shocks, persistent as AR(1). First-year GDP growth is calibrated to the
record: its mean lies odds.bias from the deterministic run and its sd is odds.spread, the cut
of every input at its [min, max] included. Other inputs with an mc_sd are drawn once,
independently; structural unknowns are drawn over their plausible ranges when asked. Draws come
from a seeded numpy Generator in chunks, so a seed reproduces a run exactly.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from .. import limits
from ..baseline import Baseline
from ..iamc import variable_meta
from ..metadata import ParamSet, load_parameters
from ..targets import MET, MISSED, Target, TargetSet, load_targets, status_codes
from . import HEADLINE
from .evaluate import project_matrix
from .odds_inputs import odds_values
from .odds_region import RegionOdds, odds_of
from .record import RecordBasis, record_basis
from .sampling import draw_chunk, uncertain_params  # noqa: F401 (re-exported)
from .shocks import Plan, calibrate

PERCENTILES = (5, 25, 50, 75, 95)
CHUNK = 5_000  # draws per projection call: small arrays stay in cache and are reused by malloc
# (measured: 100k x 7 years projected in 5,000-draw chunks took 0.22-0.40 s against 0.75-1.1 s
# in 25,000-draw chunks, same process, interleaved, on a busy 2-core box)
BLOCK = 25_000  # draws sampled at a time (fixed, so a seed gives the same draws for any CHUNK)
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


def plan_for(
    values: Mapping[str, object],
    base: Baseline,
    pset: ParamSet | None = None,
    spread: float = 1.0,
    odds: Mapping[str, object] | None = None,
) -> Plan:
    """The calibrated plan of one run (sim.analysis.shocks.calibrate on the record), kept for
    the last few (inputs, baseline, odds inputs, spread): a calibration takes about 20 ms.
    Treat the plan as read-only."""
    pset = pset or load_parameters()
    ov = odds_values(odds, pset)
    key = (
        tuple(sorted(values.items())),
        base.region,
        base.year,
        tuple(sorted(base.values.items())),
        tuple(sorted(ov.items())),
        float(spread),
        id(pset),
    )
    if key not in _PLANS:
        if len(_PLANS) >= 16:
            _PLANS.pop(next(iter(_PLANS)))
        _PLANS[key] = calibrate(values, base, pset, ov, record_basis().mixture, spread)
    return _PLANS[key]


_PLANS: dict[tuple, Plan] = {}


def draw_inputs(
    values: Mapping[str, object],
    n: int,
    rng: np.random.Generator,
    pset: ParamSet | None = None,
    spread: float = 1.0,
    *,
    base: Baseline,
    odds: Mapping[str, object] | None = None,
    structural: bool = False,
    n_years: int = 1,
) -> tuple[list[str], np.ndarray, dict[str, np.ndarray]]:
    """(names, X, path shocks): n draws as run_montecarlo makes them, in one chunk."""
    pset = pset or load_parameters()
    plan = plan_for(values, base, pset, spread, odds)
    return draw_chunk(plan, values, pset, n, rng, n_years, spread, structural)


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
    X: np.ndarray | None = None  # first-year inputs drawn, (draws, len(names))
    plan: Plan | None = None
    basis: RecordBasis | None = None
    odds_inputs: dict[str, float] = field(default_factory=dict)
    structural: bool = False
    calibration: RegionOdds | None = None  # the record subsets the odds defaults come from

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
        st = status_codes(vals, tg, targets.tolerance)
        out.append(
            TargetOdds(
                tg,
                float((st == MET).mean()),
                float((st != MISSED).mean()),
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
    odds: Mapping[str, object] | None = None,
    structural: bool = False,
) -> MCResult:
    """Draw the inputs, project every draw, keep ``keep`` variables (None: all) and score the
    targets. ``spread`` scales every spread (1 = as calibrated); ``odds`` overrides the
    [[odds]] inputs ({id: value}; their defaults are ``pset``'s region's, sim.analysis.odds_region); ``structural`` also draws the structural unknowns."""
    limits.check_draws(draws, 0, 1)  # the sizes are checked again below, once they are known
    limits.check_spread(spread)
    if seed is not None:
        limits.check_seed(seed)
    pset = pset or load_parameters()
    targets = targets or load_targets()
    ov = odds_values(odds, pset)
    plan = plan_for(values, base, pset, spread, ov) if spread > 0 else None
    rng = np.random.default_rng(seed)
    n_years = max(1, int(values["horizon.end_year"]) - base.year)
    want = (
        None
        if keep is None
        else list(dict.fromkeys([*keep, *(x.variable for x in targets.covered)]))
    )
    series: dict[str, np.ndarray] = {}  # filled chunk by chunk (a chunk's blocks are freed)
    xs: list[np.ndarray] = []
    years: list[int] = []
    names: list[str] = []
    for block in range(0, draws, BLOCK):  # draws in fixed blocks: the same for any CHUNK
        n = min(BLOCK, draws - block)
        if plan is None:
            names, X, paths = [], np.empty((n, 0)), {}
        else:
            names, X, paths = draw_chunk(plan, values, pset, n, rng, n_years, spread, structural)
        xs.append(X)
        for start in range(0, n, CHUNK):
            cut = slice(start, start + CHUNK)
            sub = {k: v[:, cut] for k, v in paths.items()}
            proj = project_matrix(X[cut], names, base, values, pset, sub)
            if not years:
                kept = list(proj.series) if want is None else [v for v in want if v in proj.series]
                limits.check_draws(draws, len(proj.years) - 1, len(kept))
                series = {v: np.empty((draws, len(proj.years))) for v in kept}
            years = proj.years
            at = block + start
            for var, out in series.items():
                out[at : at + proj.draws] = proj.series[var]
    res = MCResult(
        years,
        draws,
        seed,
        names,
        series,
        X=np.concatenate(xs, axis=0),
        plan=plan,
        basis=record_basis(),
        odds_inputs=ov,
        structural=structural,
        calibration=odds_of(pset),
    )
    res.odds = target_odds(series, years, targets)
    return res
