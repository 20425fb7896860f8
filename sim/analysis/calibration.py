"""Calibrating the Monte Carlo spread of the growth inputs to the city's record.

Method (the numbers in params/parameters.toml come from ``calibrated_sd``):

1. Spread of GDP growth: the sample standard deviation (ddof = 1) of the city's real GDP growth
   in the baseline's history rows, 2019-2023: 7.5, 4.5, 8.2, 0.7, 3.2 -> 3.09 percentage points.
   These years include the 2020 and 2022 shocks; the figure is a deliberately cautious spread for
   a one-year outcome, and the app and CLI can scale all spreads (``spread``).
2. Target mode (secondary growth is the slider): GDP growth in the first year is
   w_p g_p + w_s g_s + w_t g_t with the base-year nominal weights, so with independent draws
   sd(GDP)^2 = sum (w_i sd_i)^2. The relative sizes of the sector spreads already in the file
   (industry swings most, farming least) are kept and all three are scaled by one factor so that
   sd(GDP) equals the historical figure.
3. Drivers mode (secondary growth is built from coal, power, other industry and construction,
   which follows investment; tertiary from trade and catering, which follows retail sales, and
   other services): coal output, generation, investment and retail sales keep their stated
   spreads (coal and generation about 4% of output, the size of 2023's moves, as growth
   100 x sd(level) / base-year level; investment and retail sales from the city's record), and
   other industry and other services are scaled so that the secondary part of GDP growth has
   the spread w_s x sd(secondary) and the tertiary part w_t x sd(tertiary) of step 2: GDP growth
   then has the same spread in both modes. Construction's spread is the investment elasticity
   times investment's; trade's is real retail growth's. Scaling coal and generation instead
   would widen the spread of energy intensity far beyond the city's record.

4. Long-run growth (horizon.longrun_growth, the rate later years glide to): the standard error
   of the 2019-2023 mean growth, sd / sqrt(5) = 1.4 pp (``longrun_sd``), so the paths after 2024
   carry the uncertainty about the city's trend rate.

Prices, public finance and energy-efficiency spreads are not covered by any city series and stay
stated assumptions.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from scipy.optimize import brentq
from scipy.stats import truncnorm

from ..baseline import Baseline
from ..growth import COAL, CONS, OIND, POWER, PRI, TER
from ..metadata import ParamSet, load_parameters
from ..model import ALL_SUB_NAMES, project, to_arrays

HISTORY_VARIABLE = "GDP|Real Growth"
SECTOR_INPUTS = {PRI: "growth.primary"}
# Drivers mode: inputs with their own record keep their spread; the open parts are scaled.
STATED = ("coal.output", "power.generation", "demand.investment_growth", "demand.retail_growth")
LEVEL_BASE = {"coal.output": "Production|Coal", "power.generation": "Electricity|Generation"}


def history_sd(base: Baseline, first_year: int = 2019) -> tuple[float, list[float]]:
    """Sample sd (ddof 1) of real GDP growth from ``first_year`` to the base year, and the data.
    2019 is the first year on the post-census basis (the fourth economic census revision)."""
    h = base.history(HISTORY_VARIABLE)
    data = [float(v) for y, v in h.items() if first_year <= int(y) <= base.year]
    if len(data) < 3:
        raise ValueError(f"need at least 3 years of {HISTORY_VARIABLE} history, got {len(data)}")
    return float(np.std(data, ddof=1)), data


def longrun_sd(base: Baseline) -> float:
    """Standard error of the mean real growth over the history years (step 4)."""
    sd, data = history_sd(base)
    return sd / np.sqrt(len(data))


def base_weights(base: Baseline, values: Mapping[str, object]) -> np.ndarray:
    """Base-year nominal value-added weights of the six sub-sectors (fractions of GDP), read
    from the projection's public series (sub-sector order of sim.growth)."""
    s = project(to_arrays(values), base, 1).series
    gdp = s["GDP"][0, 0]
    return np.array([s[f"Value Added|{ALL_SUB_NAMES[k]}"][0, 0] / gdp for k in range(6)])


def effective_sd(pid: str, sigma: float, values: Mapping[str, object], pset: ParamSet) -> float:
    """The spread an input's draws really have: the sd of its normal (sigma) truncated to the
    input's [min, max] around its value (sim.analysis.montecarlo draws exactly that)."""
    p, mu = pset[pid], float(values[pid])
    if sigma <= 0:
        return 0.0
    return float(truncnorm.std((p.min - mu) / sigma, (p.max - mu) / sigma, loc=mu, scale=sigma))


def sigma_for(pid: str, want: float, values: Mapping[str, object], pset: ParamSet) -> float:
    """The mc_sd whose truncated draws have the spread ``want`` (inverse of effective_sd)."""
    p = pset[pid]
    most = effective_sd(pid, 1e4 * (p.max - p.min), values, pset)  # about uniform
    if want >= most:
        raise ValueError(f"{pid}: a spread of {want:.2f} is more than its range allows")
    return float(brentq(lambda s: effective_sd(pid, s, values, pset) - want, 1e-9, 1e4 * most))


def growth_sd(pid: str, sd: float, base: Baseline) -> float:
    """Spread of the growth rate an input implies: levels (coal, generation) become % growth."""
    if pid in LEVEL_BASE:
        return 100 * sd / base.values[LEVEL_BASE[pid]]
    return sd


def driver_terms(
    sds: Mapping[str, float],
    base: Baseline,
    values: Mapping[str, object],
    pset: ParamSet | None = None,
) -> dict[str, list[float]]:
    """Drivers mode, first year, linearised: each input's contribution to the spread of GDP
    growth (weight x truncated spread of the sub-sector growth it sets), grouped by sector."""
    pset = pset or load_parameters()
    w = base_weights(base, values)
    e = float(values["demand.construction_elasticity"])
    share = float(values["struct.trade_share"]) / 100

    def sd(pid: str) -> float:
        return growth_sd(pid, effective_sd(pid, sds[pid], values, pset), base)

    return {
        "primary": [w[PRI] * sd("growth.primary")],
        "secondary": [
            w[COAL] * sd("coal.output"),
            w[POWER] * sd("power.generation"),
            w[CONS] * e * sd("demand.investment_growth"),
            w[OIND] * sd("industry.other_growth"),
        ],
        "tertiary": [
            w[TER] * share * sd("demand.retail_growth"),
            w[TER] * (1 - share) * sd("services.other_growth"),
        ],
    }


def implied_gdp_sd(
    sds: Mapping[str, float],
    base: Baseline,
    values: Mapping[str, object],
    mode: str,
    pset: ParamSet | None = None,
) -> float:
    """sd of first-year GDP growth implied by independent, truncated input draws (target or
    drivers mode), linearised at ``values``."""
    pset = pset or load_parameters()
    w = base_weights(base, values)
    if mode == "target":
        w_sec = w[[COAL, POWER, OIND, CONS]].sum()
        terms = [
            w[PRI] * effective_sd("growth.primary", sds["growth.primary"], values, pset),
            w_sec * effective_sd("growth.secondary", sds["growth.secondary"], values, pset),
            w[TER] * effective_sd("growth.tertiary", sds["growth.tertiary"], values, pset),
        ]
    else:
        terms = [x for part in driver_terms(sds, base, values, pset).values() for x in part]
    return float(np.sqrt(np.sum(np.square(terms))))


def calibrated_sd(
    base: Baseline, values: Mapping[str, object], pset: ParamSet | None = None
) -> dict[str, float]:
    """New mc_sd for the growth inputs (see the module docstring), from the current ones."""
    pset = pset or load_parameters()
    target_sd, _ = history_sd(base)
    cur = {p.id: p.mc_sd for p in pset.params}
    sector = ("growth.primary", "growth.secondary", "growth.tertiary")

    def gap(k: float) -> float:
        scaled = {**cur, **{pid: cur[pid] * k for pid in sector}}
        return implied_gdp_sd(scaled, base, values, "target", pset) - target_sd

    k = brentq(gap, 0.05, 20.0)
    out = {pid: cur[pid] * k for pid in sector}
    w = base_weights(base, values)
    w_sec = w[[COAL, POWER, OIND, CONS]].sum()
    want = {
        "secondary": w_sec
        * effective_sd("growth.secondary", out["growth.secondary"], values, pset),
        "tertiary": w[TER] * effective_sd("growth.tertiary", out["growth.tertiary"], values, pset),
    }
    weight = {
        "secondary": ("industry.other_growth", w[OIND]),
        "tertiary": ("services.other_growth", w[TER] * (1 - values["struct.trade_share"] / 100)),
    }
    terms = driver_terms({**cur, **out}, base, values, pset)
    for part, (pid, wt) in weight.items():
        room = want[part] ** 2 - sum(x**2 for x in terms[part][:-1])
        if room <= 0:
            raise ValueError(f"the stated spreads alone exceed the {part} spread")
        out[pid] = sigma_for(pid, float(np.sqrt(room)) / wt, values, pset)
    return out
