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
3. Drivers mode (secondary growth is built from coal, power, other industry and construction):
   coal output and generation keep their stated spreads (about 4% of output each, the size of
   2023's moves; their growth spread is 100 x sd(level) / base-year level), and the spreads of
   other industry and construction are scaled by one factor so that the four together give
   w_s x sd(secondary) from step 2: GDP growth then has the same spread in both modes. This also
   matches target mode, where other industry is the residual and inherits a spread of about
   w_s x sd(secondary) / w_other. Scaling coal and generation instead would widen the spread of
   energy intensity far beyond the city's record, because draws are independent and in target
   mode coal and power would swing without moving GDP.

4. Long-run growth (horizon.longrun_growth, the rate later years glide to): the standard error
   of the 2019-2023 mean growth, sd / sqrt(5) = 1.4 pp (``longrun_sd``), so the paths after 2024
   carry the uncertainty about the city's trend rate.

Prices, public finance and energy-efficiency spreads are not covered by any city series and stay
stated assumptions.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from ..baseline import Baseline
from ..growth import COAL, CONS, OIND, POWER, PRI, TER
from ..metadata import ParamSet, load_parameters
from ..model import ALL_SUB_NAMES, project, to_arrays

HISTORY_VARIABLE = "GDP|Real Growth"
SECTOR_INPUTS = {PRI: "growth.primary", TER: "growth.tertiary"}
DRIVER_INPUTS = {
    COAL: "coal.output",
    POWER: "power.generation",
    OIND: "industry.other_growth",
    CONS: "construction.growth",
}
# In drivers mode coal output and generation keep their stated spreads (physical outputs with
# their own record); other industry and construction take up the rest of the secondary spread.
PHYSICAL = {COAL: "coal.output", POWER: "power.generation"}
SCALED = {OIND: "industry.other_growth", CONS: "construction.growth"}
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


def growth_sd(pid: str, sd: float, base: Baseline) -> float:
    """Spread of the growth rate an input implies: levels (coal, generation) become % growth."""
    if pid in LEVEL_BASE:
        return 100 * sd / base.values[LEVEL_BASE[pid]]
    return sd


def implied_gdp_sd(
    sds: Mapping[str, float], base: Baseline, values: Mapping[str, object], mode: str
) -> float:
    """sd of first-year GDP growth implied by independent input spreads (target or drivers)."""
    w = base_weights(base, values)
    terms = [w[k] * growth_sd(pid, sds[pid], base) for k, pid in SECTOR_INPUTS.items()]
    if mode == "target":
        w_sec = w[[COAL, POWER, OIND, CONS]].sum()
        terms.append(w_sec * sds["growth.secondary"])
    else:
        terms += [w[k] * growth_sd(pid, sds[pid], base) for k, pid in DRIVER_INPUTS.items()]
    return float(np.sqrt(np.sum(np.square(terms))))


def calibrated_sd(
    base: Baseline, values: Mapping[str, object], pset: ParamSet | None = None
) -> dict[str, float]:
    """New mc_sd for the growth inputs (see the module docstring), from the current ones."""
    pset = pset or load_parameters()
    target_sd, _ = history_sd(base)
    cur = {p.id: p.mc_sd for p in pset.params}
    k = target_sd / implied_gdp_sd(cur, base, values, "target")
    out = {pid: cur[pid] * k for pid in ("growth.primary", "growth.secondary", "growth.tertiary")}
    w = base_weights(base, values)
    w_sec = w[[COAL, POWER, OIND, CONS]].sum()
    fixed = sum((w[k] * growth_sd(pid, cur[pid], base)) ** 2 for k, pid in PHYSICAL.items())
    free = sum((w[k] * growth_sd(pid, cur[pid], base)) ** 2 for k, pid in SCALED.items())
    room = (w_sec * out["growth.secondary"]) ** 2 - fixed
    if room <= 0 or free <= 0:
        raise ValueError("coal and generation spreads alone exceed the secondary-sector spread")
    kd = float(np.sqrt(room / free))
    out.update({pid: cur[pid] * kd for pid in SCALED.values()})
    return out
