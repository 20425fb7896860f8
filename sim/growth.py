"""Growth block: real and nominal value added by sub-sector, headline growth and contributions.

Sub-sectors (last axis, size 6): primary, coal mining, power and heat, other industry,
construction, tertiary. Sectors (size 3): primary, secondary (= the middle four), tertiary.
China aggregates real growth at previous-year prices, so the weights of year t are the nominal
value-added shares of year t-1. All growth rates are in percent; value added in 100m CNY.
"""

from __future__ import annotations

import numpy as np

SUBSECTORS = ("primary", "coal", "power", "other_industry", "construction", "tertiary")
PRI, COAL, POWER, OIND, CONS, TER = range(6)
SECTOR_OF = np.array([0, 1, 1, 1, 1, 2])
SECTORS = ("Primary", "Secondary", "Tertiary")
INDUSTRY = [COAL, POWER, OIND]
SECONDARY = [COAL, POWER, OIND, CONS]


def base_value_added(
    gdp: float,
    shares: np.ndarray,
    industry_share: float | None,
    coal_share: np.ndarray,
    power_share: np.ndarray,
) -> np.ndarray:
    """Base-year nominal value added by sub-sector, shape (draws, 6), in 100m CNY.

    gdp: 100m CNY. shares: (3,) sector shares in % (primary, secondary, tertiary).
    industry_share: industry in % of GDP, or None when the baseline lacks it (then secondary is
    one block and coal, power and construction are zero). coal_share, power_share: (draws,) % of
    industry (zero where the coal or power block is absent).
    """
    d = coal_share.shape[0]
    va = np.zeros((d, 6))
    va[:, PRI] = gdp * shares[0] / 100
    va[:, TER] = gdp * shares[2] / 100
    sec = gdp * shares[1] / 100
    ind = sec if industry_share is None else gdp * industry_share / 100
    va[:, CONS] = sec - ind
    va[:, COAL] = ind * coal_share / 100
    va[:, POWER] = ind * power_share / 100
    va[:, OIND] = ind - va[:, COAL] - va[:, POWER]
    return va


def glide(
    first: np.ndarray, longrun: np.ndarray, persistence: np.ndarray, n_years: int
) -> np.ndarray:
    """Rates over the horizon: year 1 is ``first``; later years close the gap to ``longrun``,
    keeping ``persistence`` (fraction 0-1) of it each year. Inputs (draws,), output (draws, T)."""
    k = np.arange(n_years)
    return longrun[:, None] + (first - longrun)[:, None] * persistence[:, None] ** k[None, :]


def volume_path(
    base: float, first: np.ndarray, later_growth: np.ndarray, n_years: int
) -> np.ndarray:
    """A physical volume (coal 10k t, generation 100m kWh): base year, then ``first`` in year 1,
    then growing ``later_growth`` % a year. Output (draws, T+1)."""
    d = first.shape[0]
    out = np.empty((d, n_years + 1))
    out[:, 0] = base
    out[:, 1] = first
    for t in range(2, n_years + 1):
        out[:, t] = out[:, t - 1] * (1 + later_growth / 100)
    return out


def project_value_added(
    va0: np.ndarray,
    g_given: np.ndarray,
    drivers_mode: np.ndarray,
    g_secondary: np.ndarray,
    p: np.ndarray,
) -> dict[str, np.ndarray]:
    """Roll value added forward year by year.

    va0: (D, 6) base nominal value added, 100m CNY.
    g_given: (D, T, 6) real growth % of each sub-sector as given; in target mode the
      other-industry column is replaced by the residual that makes secondary grow g_secondary.
    drivers_mode: (D,) bool; True = secondary is derived from its sub-sectors.
    g_secondary: (D, T) secondary real growth % (used in target mode).
    p: (D, T, 6) deflator change %, turning real into nominal value added.
    Returns g (D,T,6) real growth used, w (D,T,6) previous-year nominal weights (fractions of
    GDP), va (D,T+1,6) nominal value added, and real (D,T+1,6) value added at base-year prices.
    """
    d, n, _ = g_given.shape
    va = np.empty((d, n + 1, 6))
    real = np.empty((d, n + 1, 6))
    w = np.empty((d, n, 6))
    g = g_given.copy()
    va[:, 0] = va0
    real[:, 0] = va0
    for t in range(n):
        prev = va[:, t]
        w_t = prev / prev.sum(axis=1, keepdims=True)
        w[:, t] = w_t
        w_sec = w_t[:, SECONDARY].sum(axis=1)
        others = sum(w_t[:, k] * g[:, t, k] for k in (COAL, POWER, CONS))
        with np.errstate(divide="ignore", invalid="ignore"):
            resid = np.where(
                w_t[:, OIND] > 0,
                (w_sec * g_secondary[:, t] - others) / w_t[:, OIND],
                g_secondary[:, t],
            )
        g[:, t, OIND] = np.where(drivers_mode, g[:, t, OIND], resid)
        va[:, t + 1] = prev * (1 + g[:, t] / 100) * (1 + p[:, t] / 100)
        real[:, t + 1] = real[:, t] * (1 + g[:, t] / 100)
    return {"g": g, "w": w, "va": va, "real": real}


def aggregate(g: np.ndarray, w: np.ndarray, va: np.ndarray) -> dict[str, np.ndarray]:
    """Sector and headline figures from sub-sector growth g (D,T,6) %, weights w (D,T,6)
    (fractions) and nominal value added va (D,T+1,6).

    Returns gdp_growth (D,T) %, sector_growth (D,T,3) %, pulls (D,T,3) percentage points (拉动,
    they add up to gdp_growth), industry_growth (D,T) %, sector_va (D,T+1,3), gdp (D,T+1) and
    shares (D,T+1,3) in %.
    """
    wg = w * g
    _d, _n, _ = g.shape
    pulls = np.stack([wg[..., s == SECTOR_OF].sum(axis=-1) for s in range(3)], axis=-1)
    sec_w = np.stack([w[..., s == SECTOR_OF].sum(axis=-1) for s in range(3)], axis=-1)
    with np.errstate(divide="ignore", invalid="ignore"):
        sector_growth = np.where(sec_w > 0, pulls / sec_w, 0.0)
        ind_w = w[..., INDUSTRY].sum(axis=-1)
        industry_growth = np.where(ind_w > 0, wg[..., INDUSTRY].sum(axis=-1) / ind_w, 0.0)
    sector_va = np.stack([va[..., s == SECTOR_OF].sum(axis=-1) for s in range(3)], axis=-1)
    gdp = sector_va.sum(axis=-1)
    return {
        "gdp_growth": pulls.sum(axis=-1),
        "sector_growth": sector_growth,
        "pulls": pulls,
        "industry_growth": industry_growth,
        "sector_va": sector_va,
        "gdp": gdp,
        "shares": 100 * sector_va / gdp[..., None],
    }
