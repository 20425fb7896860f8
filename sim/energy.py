"""Energy block: energy use by sub-sector as an index (base year total counted = 100).

Each sub-sector's energy use grows with its activity (real value added; tonnes of coal for
mining; kWh for power plants) and falls with its efficiency gain. Power plants' use is counted
at the share set by the accounting rule. Energy intensity (万元GDP能耗) change = energy growth
over real GDP growth; intensity is energy use per unit of GDP at comparable prices.
"""

from __future__ import annotations

import numpy as np

from .growth import CONS, OIND, POWER


def base_energy_shares(
    power: np.ndarray, coal: np.ndarray, industry: np.ndarray, primary: np.ndarray, va0: np.ndarray
) -> np.ndarray:
    """Base-year energy use by sub-sector in % of the gross total, shape (D, 6).

    power, coal, industry (other industry + construction, split by value added), primary: (D,)
    % of the gross total. Tertiary and households take the remainder. va0: (D, 6) for the split.
    """
    d = power.shape[0]
    e = np.zeros((d, 6))
    e[:, 0] = primary
    e[:, 1] = coal
    e[:, 2] = power
    oind_frac = va0[:, OIND] / np.maximum(va0[:, OIND] + va0[:, CONS], 1e-12)
    e[:, 3] = industry * oind_frac
    e[:, 4] = industry * (1 - oind_frac)
    e[:, 5] = np.maximum(100 - power - coal - industry - primary, 0.0)
    return e


def project_energy(
    e0: np.ndarray,
    activity_growth: np.ndarray,
    efficiency: np.ndarray,
    power_counted: np.ndarray,
    gdp_growth: np.ndarray,
) -> dict[str, np.ndarray]:
    """Energy use and intensity.

    e0: (D, 6) base energy shares, %. activity_growth: (D, T, 6) % growth of each sub-sector's
    activity. efficiency: (D, 6) % fall in energy per unit of activity, each year.
    power_counted: (D,) % of power-plant use counted. gdp_growth: (D, T) real GDP growth %.
    Returns use (D, T+1, 6) counted energy by sub-sector (base total = 100), total (D, T+1),
    growth (D, T) %, intensity_change (D, T) %, intensity (D, T+1) index (base = 100) and
    cumulative intensity change since the base year (D, T) %.
    """
    counted = np.ones_like(e0)
    counted[:, POWER] = power_counted / 100
    e_counted = e0 * counted
    base_total = e_counted.sum(axis=1, keepdims=True)
    base_total = np.where(base_total > 0, base_total, 1.0)
    factor = (1 + activity_growth / 100) * (1 - efficiency[:, None, :] / 100)
    use = np.concatenate(
        [e_counted[:, None, :], e_counted[:, None, :] * np.cumprod(factor, axis=1)], axis=1
    )
    use = 100 * use / base_total[:, None, :]
    total = use.sum(axis=-1)
    growth = 100 * (total[:, 1:] / total[:, :-1] - 1)
    real_gdp = np.concatenate(
        [np.ones((gdp_growth.shape[0], 1)), np.cumprod(1 + gdp_growth / 100, axis=1)], axis=1
    )
    intensity = total / real_gdp
    return {
        "use": use,
        "total": total,
        "growth": growth,
        "intensity_change": 100 * (intensity[:, 1:] / intensity[:, :-1] - 1),
        "intensity": intensity,
        "cumulative": 100 * (intensity[:, 1:] / intensity[:, :1] - 1),
    }


def allowed_energy_growth(intensity_target: float, gdp_growth: np.ndarray) -> np.ndarray:
    """Energy-use growth (%) that an intensity change of ``intensity_target`` % permits at the
    given real GDP growth (%): (1 + target)(1 + g) - 1. -2.8% with 5.5% gives 2.55%."""
    return 100 * ((1 + intensity_target / 100) * (1 + gdp_growth / 100) - 1)
