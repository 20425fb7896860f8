"""Energy block: energy use by sub-sector as an index (base year total counted = 100).

Each sub-sector's energy use grows with its activity (real value added; tonnes of coal for
mining; kWh for power plants) and falls with its efficiency gain. Power plants' use is counted
at the share set by the accounting rule. Energy intensity (万元GDP能耗) change = energy growth
over real GDP growth; intensity is energy use per unit of GDP at comparable prices.

Arrays are laid out (sub-sector, year, draw) as in sim.growth.
"""

from __future__ import annotations

import numpy as np

from .growth import CONS, OIND, POWER, framed, rate_of_change


def base_energy_shares(
    power: np.ndarray, coal: np.ndarray, industry: np.ndarray, primary: np.ndarray, va0: np.ndarray
) -> np.ndarray:
    """Base-year energy use by sub-sector in % of the gross total, shape (6, D).

    power, coal, industry (other industry + construction, split by value added), primary: (D,)
    % of the gross total. Tertiary and households take the remainder. va0: (6, D) for the split.
    """
    e = np.empty((6, power.shape[0]))
    e[0] = primary
    e[1] = coal
    e[2] = power
    oind_frac = va0[OIND] / np.maximum(va0[OIND] + va0[CONS], 1e-12)
    e[3] = industry * oind_frac
    e[4] = industry * (1 - oind_frac)
    e[5] = np.maximum(100 - power - coal - industry - primary, 0.0)
    return e


def project_energy(
    e0: np.ndarray,
    activity_factor: np.ndarray,
    efficiency: np.ndarray,
    power_counted: np.ndarray,
    gdp_growth: np.ndarray,
) -> dict[str, np.ndarray]:
    """Energy use and intensity.

    e0: (6, D) base energy shares, %. activity_factor: (6, T, D) 1 + growth/100 of each
    sub-sector's activity. efficiency: (6, D) % fall in energy per unit of activity, each year.
    power_counted: (D,) % of power-plant use counted. gdp_growth: (T, D) real GDP growth %.
    Returns use (6, T+1, D) counted energy by sub-sector (base total = 100), total (T+1, D),
    intensity (T+1, D) index (base = 100), and framed (T+1, D, base-year row NaN): growth %,
    intensity_change % and cumulative intensity change since the base year %.
    """
    _, n, d = activity_factor.shape
    e_counted = e0.copy()
    e_counted[POWER] = e0[POWER] * (power_counted / 100)
    base_total = e_counted.sum(axis=0)
    base_total = np.where(base_total > 0, base_total, 1.0)
    use = np.empty((6, n + 1, d))
    use[:, 0] = e_counted
    factor = use[:, 1:]
    np.multiply(activity_factor, (1 - efficiency / 100)[:, None, :], out=factor)
    for t in range(1, n):  # running product over the years, in place
        factor[:, t] *= factor[:, t - 1]
    factor *= e_counted[:, None, :]
    use *= 100
    use /= base_total
    total = use.sum(axis=0)
    growth = framed(n_years=n, draws=d)
    rate_of_change(total, growth[1:])
    real_gdp = np.empty((n + 1, d))
    real_gdp[0] = 1.0
    np.divide(gdp_growth, 100, out=real_gdp[1:])
    real_gdp[1:] += 1
    for t in range(2, n + 1):
        real_gdp[t] *= real_gdp[t - 1]
    intensity = total / real_gdp
    change = framed(n_years=n, draws=d)
    rate_of_change(intensity, change[1:])
    cumulative = framed(n_years=n, draws=d)
    np.divide(intensity[1:], intensity[:1], out=cumulative[1:])
    cumulative[1:] -= 1
    cumulative[1:] *= 100
    return {
        "use": use,
        "total": total,
        "growth": growth,
        "intensity_change": change,
        "intensity": intensity,
        "cumulative": cumulative,
    }


def allowed_energy_growth(intensity_target: float, gdp_growth: np.ndarray) -> np.ndarray:
    """Energy-use growth (%) that an intensity change of ``intensity_target`` % permits at the
    given real GDP growth (%): (1 + target)(1 + g) - 1. -2.8% with 5.5% gives 2.55%."""
    return 100 * ((1 + intensity_target / 100) * (1 + gdp_growth / 100) - 1)
