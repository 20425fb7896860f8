"""Growth block: real and nominal value added by sub-sector, headline growth and contributions.

Sub-sectors (size 6): primary, coal mining, power and heat, other industry, construction,
tertiary. Sectors (size 3): primary, secondary (= the middle four), tertiary. China aggregates
real growth at previous-year prices, so the weights of year t are the nominal value-added shares
of year t-1. All growth rates are in percent; value added in 100m CNY.

Layout (for speed; ``sim.model.project`` turns it into the public (draws, years) arrays by
transposed views): arrays are (sub-sector, year, draw), so each sub-sector's path over the draws
is one contiguous block and every sum over sub-sectors is a sequence of whole-row additions in
sub-sector order. Year axes that carry a growth rate are often *framed*: they have T + 1 rows
like the levels, and row 0 (the base year, where the model does not compute a rate) is left NaN
for the caller to fill with the baseline's stated figure.
"""

from __future__ import annotations

import numpy as np

SUBSECTORS = ("primary", "coal", "power", "other_industry", "construction", "tertiary")
PRI, COAL, POWER, OIND, CONS, TER = range(6)
SECTOR_OF = np.array([0, 1, 1, 1, 1, 2])
SECTORS = ("Primary", "Secondary", "Tertiary")
INDUSTRY = [COAL, POWER, OIND]
SECONDARY = [COAL, POWER, OIND, CONS]


def framed(*lead: int, n_years: int, draws: int) -> np.ndarray:
    """An array (*lead, T + 1, draws) whose base-year row is NaN; rows 1.. are to be filled."""
    out = np.empty((*lead, n_years + 1, draws))
    out[..., 0, :] = np.nan
    return out


def base_value_added(
    gdp: float,
    shares: np.ndarray,
    industry_share: float | None,
    coal_share: np.ndarray,
    power_share: np.ndarray,
) -> np.ndarray:
    """Base-year nominal value added by sub-sector, shape (6, draws), in 100m CNY.

    gdp: 100m CNY. shares: (3,) sector shares in % (primary, secondary, tertiary).
    industry_share: industry in % of GDP, or None when the baseline lacks it (then secondary is
    one block and coal, power and construction are zero). coal_share, power_share: (draws,) % of
    industry (zero where the coal or power block is absent).
    """
    va = np.empty((6, coal_share.shape[0]))
    va[PRI] = gdp * shares[0] / 100
    va[TER] = gdp * shares[2] / 100
    sec = gdp * shares[1] / 100
    ind = sec if industry_share is None else gdp * industry_share / 100
    va[CONS] = sec - ind
    va[COAL] = ind * coal_share / 100
    va[POWER] = ind * power_share / 100
    va[OIND] = ind - va[COAL] - va[POWER]
    return va


def decay(persistence: np.ndarray, n_years: int) -> np.ndarray:
    """persistence (draws,) fraction 0-1 raised to the years since year 1: (T, draws)."""
    return persistence[None, :] ** np.arange(n_years)[:, None]


def glide(
    first: np.ndarray, longrun: np.ndarray, decay: np.ndarray, out: np.ndarray | None = None
) -> np.ndarray:
    """Rates over the horizon: year 1 is ``first``; later years close the gap to ``longrun``,
    keeping a fraction (persistence) of it each year. first, longrun: (draws,); decay: (T, draws)
    from ``decay``. Returns (T, draws), written into ``out`` when given."""
    out = np.multiply(first - longrun, decay, out=out)
    out += longrun
    return out


def volume_path(
    base: float, first: np.ndarray, later_growth: np.ndarray, n_years: int
) -> np.ndarray:
    """A physical volume (coal 10k t, generation 100m kWh): base year, then ``first`` in year 1,
    then growing ``later_growth`` % a year: (draws,), or (T, draws) whose row t-1 is year t's
    growth (Monte Carlo shocks; row 0 unused). Output (T+1, draws)."""
    out = np.empty((n_years + 1, first.shape[0]))
    out[0] = base
    out[1] = first
    step = 1 + later_growth / 100
    for t in range(2, n_years + 1):
        np.multiply(out[t - 1], step[t - 1] if step.ndim == 2 else step, out=out[t])
    return out


def rate_of_change(level: np.ndarray, out: np.ndarray) -> np.ndarray:
    """100 * (level[t] / level[t-1] - 1) along the year axis (second last) into ``out``."""
    np.divide(level[..., 1:, :], level[..., :-1, :], out=out)
    out -= 1
    out *= 100
    return out


def project_value_added(
    va0: np.ndarray,
    g: np.ndarray,
    drivers_mode: np.ndarray,
    g_secondary: np.ndarray,
    p: np.ndarray,
    fixed_va: dict[int, np.ndarray] | None = None,
) -> dict[str, np.ndarray]:
    """Roll value added forward year by year.

    va0: (6, D) base nominal value added, 100m CNY.
    g: (6, T, D) real growth % of each sub-sector as given; in target mode the other-industry
      row is replaced (in place) by the residual that makes secondary grow g_secondary.
    drivers_mode: (D,) bool; True = secondary is derived from its sub-sectors.
    g_secondary: (T, D) secondary real growth % (used in target mode).
    p: (6, T, D) deflator change %, turning real into nominal value added.
    fixed_va: {sub-sector: (T+1, D) nominal value added} for rows whose nominal value added is
      computed elsewhere (coal and power by double deflation, sim.prices); their p is unused.
    Returns g (the same array, now the real growth used), factor (6,T,D) = 1 + g/100,
    w (6,T,D) previous-year nominal weights (fractions of GDP), va (6,T+1,D) nominal value
    added, total (T+1,D) its sum over sub-sectors, and real_total (T+1,D) GDP at base-year
    prices (the sum of each sub-sector's real value added; only one year of those is held).
    """
    _, n, d = g.shape
    va = np.empty((6, n + 1, d))
    w = np.empty((6, n, d))
    total = np.empty((n + 1, d))
    real_total = np.empty((n + 1, d))
    va[:, 0] = va0
    real = va0.copy()
    np.sum(real, axis=0, out=real_total[0])
    factor = g / 100
    factor += 1
    price = np.empty((6, d))
    every_driver = bool(drivers_mode.all())
    some_driver = bool(drivers_mode.any())
    for t in range(n):
        prev = va[:, t]
        np.sum(prev, axis=0, out=total[t])
        w_t = w[:, t]
        np.divide(prev, total[t], out=w_t)
        if not every_driver:
            w_sec = w_t[COAL] + w_t[POWER]
            w_sec += w_t[OIND]
            w_sec += w_t[CONS]
            others = w_t[COAL] * g[COAL, t]
            others += w_t[POWER] * g[POWER, t]
            others += w_t[CONS] * g[CONS, t]
            with np.errstate(divide="ignore", invalid="ignore"):
                resid = np.where(
                    w_t[OIND] > 0,
                    (w_sec * g_secondary[t] - others) / w_t[OIND],
                    g_secondary[t],
                )
            g[OIND, t] = np.where(drivers_mode, g[OIND, t], resid) if some_driver else resid
            np.divide(g[OIND, t], 100, out=factor[OIND, t])
            factor[OIND, t] += 1
        np.divide(p[:, t], 100, out=price)
        price += 1
        np.multiply(prev, factor[:, t], out=va[:, t + 1])
        va[:, t + 1] *= price
        for k, nominal in (fixed_va or {}).items():
            va[k, t + 1] = nominal[t + 1]
        real *= factor[:, t]
        np.sum(real, axis=0, out=real_total[t + 1])
    np.sum(va[:, n], axis=0, out=total[n])
    return {"g": g, "factor": factor, "w": w, "va": va, "total": total, "real_total": real_total}


def _sector_sums(a: np.ndarray, industry: np.ndarray) -> np.ndarray:
    """(3, ...) primary, secondary, tertiary from (6, ...) and its precomputed industry sum."""
    out = np.empty((3, *a.shape[1:]))
    out[0] = a[PRI]
    np.add(industry, a[CONS], out=out[1])
    out[2] = a[TER]
    return out


def aggregate(g: np.ndarray, w: np.ndarray, va: np.ndarray) -> dict[str, np.ndarray]:
    """Sector and headline figures from sub-sector growth g (6,T,D) %, weights w (6,T,D)
    (fractions) and nominal value added va (6,T+1,D).

    Returns gdp_growth (T+1,D) %, sector_growth (3,T+1,D) %, pulls (3,T+1,D) percentage points
    (拉动, they add up to gdp_growth) and industry_growth (T+1,D) %, all framed (base-year row
    NaN); sector_va (3,T+1,D), gdp (T+1,D) and shares (3,T+1,D) in %.
    """
    _, n, d = g.shape
    pulls = framed(3, n_years=n, draws=d)
    np.multiply(w[PRI], g[PRI], out=pulls[0, 1:])
    np.multiply(w[TER], g[TER], out=pulls[2, 1:])
    ind_pull = w[COAL] * g[COAL]
    ind_pull += w[POWER] * g[POWER]
    ind_pull += w[OIND] * g[OIND]
    np.add(ind_pull, w[CONS] * g[CONS], out=pulls[1, 1:])
    ind_w = w[COAL] + w[POWER]
    ind_w += w[OIND]
    sec_w = ind_w + w[CONS]
    sector_growth = framed(3, n_years=n, draws=d)
    industry_growth = framed(n_years=n, draws=d)
    with np.errstate(divide="ignore", invalid="ignore"):
        for i, weight in enumerate((w[PRI], sec_w, w[TER])):
            np.divide(pulls[i, 1:], weight, out=sector_growth[i, 1:])
            np.copyto(sector_growth[i, 1:], 0.0, where=~(weight > 0))
        np.divide(ind_pull, ind_w, out=industry_growth[1:])
        np.copyto(industry_growth[1:], 0.0, where=~(ind_w > 0))
    ind_va = va[COAL] + va[POWER]
    ind_va += va[OIND]
    sector_va = _sector_sums(va, ind_va)
    gdp = sector_va[0] + sector_va[1]
    gdp += sector_va[2]
    gdp_growth = framed(n_years=n, draws=d)
    np.add(pulls[0, 1:], pulls[1, 1:], out=gdp_growth[1:])
    gdp_growth[1:] += pulls[2, 1:]
    shares = 100 * sector_va
    shares /= gdp
    return {
        "gdp_growth": gdp_growth,
        "sector_growth": sector_growth,
        "pulls": pulls,
        "industry_growth": industry_growth,
        "sector_va": sector_va,
        "industry_va": ind_va,
        "gdp": gdp,
        "shares": shares,
    }
