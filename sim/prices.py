"""Price block: nominal value added of coal mining and power by double deflation.

China derives an industry's current-price value added from its gross output less its
intermediate inputs, and its real growth from the volume of output (for coal tonnes, for power
kWh). With fixed input coefficients:

    gross output_t   = gross output_{t-1} x volume factor x (1 + output price change)
    inputs_t         = inputs_{t-1}       x volume factor x (1 + input price change)
    value added_t    = gross output_t - inputs_t

so an output-price change moves value added by the price change divided by the value-added
ratio (-10% at a ratio of 47% is about -21%). Power's inputs are split into the coal it buys
(priced at the coal price) and the rest (priced like other industry): at a given tariff a
cheaper coal widens its margin.

Units: value added, gross output and costs in 100m CNY; prices as % change a year; tonnes in
10k t; coal prices in CNY per tonne. Arrays are (year, draw), the base year first.
"""

from __future__ import annotations

import numpy as np


def coal_base(va0: np.ndarray, ratio_pct: np.ndarray) -> dict[str, np.ndarray]:
    """Base-year gross output and intermediate inputs of coal mining from its value added.

    va0: (D,) 100m CNY; ratio_pct: (D,) value added in % of gross output."""
    gross = va0 / np.maximum(ratio_pct / 100, 1e-9)
    return {"gross": gross, "inputs": gross - va0}


def power_base(
    va0: np.ndarray, coal_bill0: np.ndarray, other_pct: np.ndarray
) -> dict[str, np.ndarray]:
    """Base-year gross output, coal bill and other inputs of power (100m CNY).

    gross = (value added + coal bill) / (1 - other inputs share), so the three add up."""
    gross = (va0 + coal_bill0) / np.maximum(1 - other_pct / 100, 1e-9)
    return {"gross": gross, "coal_bill": coal_bill0, "other": gross * other_pct / 100}


def volume_steps(volume: np.ndarray) -> np.ndarray:
    """volume[t] / volume[t-1], (T, D); 0 where last year's volume is not positive."""
    with np.errstate(divide="ignore", invalid="ignore"):
        step = np.divide(volume[1:], volume[:-1])
    np.copyto(step, 0.0, where=~(volume[:-1] > 0))
    return step


def roll(level0: np.ndarray, steps: np.ndarray, price_change: np.ndarray) -> np.ndarray:
    """A nominal flow moved by volume and price: level0 (D,) in the base year, steps (T, D)
    the volume ratios year on year (volume_steps), price_change (T, D) % a year.
    Returns (T+1, D)."""
    n, d = steps.shape
    out = np.empty((n + 1, d))
    out[0] = level0
    factor = price_change / 100
    factor += 1
    factor *= steps
    for t in range(1, n + 1):
        np.multiply(out[t - 1], factor[t - 1], out=out[t])
    return out


def double_deflation(
    va_coal0: np.ndarray,
    va_power0: np.ndarray,
    coal_q: np.ndarray,
    gen: np.ndarray,
    p_coal: np.ndarray,
    p_tariff: np.ndarray,
    p_inputs: np.ndarray,
    coal_ratio_pct: np.ndarray,
    coal_bill0: np.ndarray,
    power_other_pct: np.ndarray,
) -> dict[str, np.ndarray]:
    """Nominal value added of coal mining and power, year by year.

    va_coal0, va_power0: (D,) base-year value added. coal_q: (T+1, D) raw coal, 10k t; gen:
    (T+1, D) generation, 100m kWh. p_coal, p_tariff, p_inputs: (T, D) % change of the coal
    price, the power tariff and other input prices. coal_ratio_pct: (D,) coal mining's value
    added in % of gross output. coal_bill0: (D,) the plants' base-year coal bill;
    power_other_pct: (D,) power's other inputs in % of its gross output.

    Returns (T+1, D) arrays: coal_va, coal_gross, coal_inputs, power_va, power_gross,
    coal_bill, power_other."""
    cb = coal_base(va_coal0, coal_ratio_pct)
    pb = power_base(va_power0, coal_bill0, power_other_pct)
    coal_steps, gen_steps = volume_steps(coal_q), volume_steps(gen)
    coal_gross = roll(cb["gross"], coal_steps, p_coal)
    coal_inputs = roll(cb["inputs"], coal_steps, p_inputs)
    power_gross = roll(pb["gross"], gen_steps, p_tariff)
    coal_bill = roll(coal_bill0, gen_steps, p_coal)
    power_other = roll(pb["other"], gen_steps, p_inputs)
    return {
        "coal_va": coal_gross - coal_inputs,
        "coal_gross": coal_gross,
        "coal_inputs": coal_inputs,
        "power_va": power_gross - coal_bill - power_other,
        "power_gross": power_gross,
        "coal_bill": coal_bill,
        "power_other": power_other,
    }


def coal_bill(power_coal0: float, local_pct: np.ndarray, price_cny_t: np.ndarray) -> np.ndarray:
    """The city's plants' base-year coal bill, 100m CNY: power coal supplied (10k t) x the share
    burned by the city's plants (%) x the thermal coal price (CNY/t)."""
    return power_coal0 * 1e4 * (local_pct / 100) * price_cny_t / 1e8


def value_added_price(va: np.ndarray, volume: np.ndarray) -> np.ndarray:
    """Implicit value-added price index (base year = 100), (T+1, D): nominal value added over
    value added at base-year prices (base value added x volume index). Finite whenever the
    base value added and the volumes are positive (100 where they are not); negative if value
    added turns negative."""
    real = volume / volume[0]
    real *= va[0]
    ok = real > 0
    out = np.divide(va, real, out=np.full_like(va, 1.0), where=ok)
    out *= 100
    return out
