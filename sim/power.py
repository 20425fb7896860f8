"""Coal and power block: capacity, utilisation hours, power-plant coal use, coal balance.

Units: capacity 10k kW (万千瓦), generation 100m kWh (亿千瓦时), coal 10k t (万吨), hours h,
coal rate g of raw coal per kWh. Arrays are (year, draw), the base year first.

Physical limits (checked every year): a year has 8,760 hours, so generation is capped at
capacity x 8,760 h (``cap_generation``; the checks name the years capped), and coal for uses
other than power cannot be negative: what the plants need beyond the city's output is coal
brought in from outside (``inflow``), named by the checks.
"""

from __future__ import annotations

import numpy as np

HOURS_PER_YEAR = 8760.0


def capacity_path(capacity0: float, new_capacity: np.ndarray, n1: int) -> np.ndarray:
    """(T+1, D) end-of-year capacity, 10k kW: the base plus new_capacity (D,) each year."""
    steps = np.arange(n1)[:, None]
    capacity = new_capacity[None, :] * steps
    capacity += capacity0
    return capacity


def cap_generation(gen: np.ndarray, capacity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Generation (T+1, D) capped at capacity x 8,760 h (100m kWh = 10k kW x h / 1e4) in the
    projected years; returns the capped array (a copy only where needed) and the mask of
    (year, draw) cells that were capped (the base year is never capped)."""
    most = capacity * (HOURS_PER_YEAR / 1e4)
    over = gen > most
    over[0] = False
    if over.any():
        gen = np.where(over, most, gen)
    return gen, over


def plant_coal_path(coal0: float, gen: np.ndarray, coal_rate_gain: np.ndarray) -> np.ndarray:
    """(T+1, D) power-plant coal, 10k t: the base amount moved with generation and a coal rate
    that falls by coal_rate_gain (D,) % a year (negative: rises)."""
    steps = np.arange(gen.shape[0])[:, None]
    coal = coal0 * gen
    coal /= gen[:1]
    coal *= (1 - coal_rate_gain / 100)[None, :] ** steps
    return coal


def project_power(
    generation: np.ndarray,
    capacity: np.ndarray,
    power_coal0: float,
    coal_rate_gain: np.ndarray,
    coal_output: np.ndarray,
) -> dict[str, np.ndarray]:
    """generation: (T+1, D) 100m kWh with the base year first (already capped). capacity:
    (T+1, D) 10k kW (capacity_path). power_coal0: base power-plant coal, 10k t.
    coal_rate_gain: (D,) % fall in coal per kWh each year. coal_output: (T+1, D) 10k t.

    Hours use end-of-year capacity (as the base-year figure 3603 h does): gen x 1e8 / (cap x 1e4).
    """
    hours = generation * 1e4
    hours /= capacity
    power_coal = plant_coal_path(power_coal0, generation, coal_rate_gain)
    coal_rate = power_coal * 100
    coal_rate /= generation
    rest = coal_output - power_coal
    return {
        "capacity": capacity,
        "hours": hours,
        "power_coal": power_coal,
        "coal_rate": coal_rate,
        "coal_other": np.maximum(rest, 0.0),
        "inflow": np.maximum(-rest, 0.0),
    }
