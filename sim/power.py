"""Coal and power block: capacity, utilisation hours, power-plant coal use, coal balance.

Units: capacity 10k kW (万千瓦), generation 100m kWh (亿千瓦时), coal 10k t (万吨), hours h,
coal rate g of raw coal per kWh. Arrays are (year, draw), the base year first.
"""

from __future__ import annotations

import numpy as np


def project_power(
    generation: np.ndarray,
    capacity0: float,
    new_capacity: np.ndarray,
    power_coal0: float,
    coal_rate_gain: np.ndarray,
    coal_output: np.ndarray,
) -> dict[str, np.ndarray]:
    """generation: (T+1, D) 100m kWh with the base year first. capacity0: base capacity, 10k kW.
    new_capacity: (D,) 10k kW added each projected year. power_coal0: base power-plant coal,
    10k t. coal_rate_gain: (D,) % fall in coal per kWh each year. coal_output: (T+1, D) 10k t.

    Hours use end-of-year capacity (as the base-year figure 3603 h does): gen x 1e8 / (cap x 1e4).
    """
    n1 = generation.shape[0]
    steps = np.arange(n1)[:, None]
    capacity = new_capacity[None, :] * steps
    capacity += capacity0
    hours = generation * 1e4
    hours /= capacity
    power_coal = power_coal0 * generation
    power_coal /= generation[:1]
    power_coal *= (1 - coal_rate_gain / 100)[None, :] ** steps
    coal_rate = power_coal * 100
    coal_rate /= generation
    return {
        "capacity": capacity,
        "hours": hours,
        "power_coal": power_coal,
        "coal_rate": coal_rate,
        "coal_other": coal_output - power_coal,
    }
