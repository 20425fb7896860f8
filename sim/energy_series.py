"""The energy, carbon, coal and power blocks as IAMC series (called by sim.model.project).

Series are (draws, years) views, the base year first, like the rest of the model's output.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from . import energy, power
from .baseline import Baseline
from .growth import COAL, CONS, OIND, PRI, TER
from .side_inputs import fallback

# Without a power-coal row the plants' coal is generation x this coal rate, gce/kWh: the
# [[fallback]] row of params/parameters.toml (the rate the Liupanshui defaults give).
FALLBACK_COAL_RATE = "fallback.coal_rate"
SUB_ROWS = (COAL, OIND, CONS, PRI, TER)  # activity rows for energy.SECTOR_NAMES


RULE_IDS = ("energy.accounting", "energy.deduct_feedstock", "energy.deduct_nonfossil")


def energy_rule(x: Mapping[str, np.ndarray]) -> dict[str, str]:
    """The accounting rule of draw 0 as choice values ({id: choice}), for the checks."""
    from .metadata import load_parameters

    pset = load_parameters()
    return {pid: pset[pid].choices[int(x[pid][0])] for pid in RULE_IDS}


def _base_row(framed: np.ndarray, base_value: float) -> np.ndarray:
    """A framed (T+1, D) array as a public (D, T+1) series with base_value in the base year."""
    framed[0] = base_value
    return framed.T


def plant_energy(x: Mapping[str, np.ndarray], base: Baseline, gen: np.ndarray) -> np.ndarray:
    """(T+1, D) coal burned by the city's plants, 10k tce: supplied power coal moved with
    generation and the coal rate (sim.power.plant_coal_path) x local share x standard-coal
    factor; without a power-coal row, coal-fired generation x the fallback coal rate."""
    if base.has("Supply|Coal|Power Plants"):
        coal = power.plant_coal_path(
            base.values["Supply|Coal|Power Plants"], gen, x["energy.eff_power"]
        )
        return coal * (x["energy.plant_coal_local"] / 100 * x["energy.coal_calorific"])[None, :]
    steps = np.arange(gen.shape[0])[:, None]
    rate = fallback(FALLBACK_COAL_RATE) * (1 - x["energy.eff_power"] / 100)[None, :] ** steps
    return gen * (x["energy.thermal_share"] / 100)[None, :] * rate / 100


def energy_series(
    x: Mapping[str, np.ndarray],
    base: Baseline,
    factor: np.ndarray,
    gdp_growth: np.ndarray,
    gen: np.ndarray | None,
) -> dict[str, np.ndarray]:
    """Energy balance (10k tce), intensity and carbon series.

    factor: (6, T, D) 1 + real growth / 100 of each sub-sector's activity; gdp_growth: framed
    (T+1, D) real GDP growth %; gen: (T+1, D) generation, 100m kWh (None without a power block:
    no plants, no exports)."""
    _, n, d = factor.shape
    d0 = np.stack(
        [
            x["energy.base_coal_mining"],
            x["energy.base_other_industry"],
            x["energy.base_construction"],
            x["energy.base_primary"],
            x["energy.base_tertiary"],
        ]
    )
    eff = np.stack(
        [
            x["energy.eff_coal"],
            x["energy.eff_industry"],
            x["energy.eff_industry"],
            x["energy.eff_other"],
            x["energy.eff_other"],
        ]
    )
    direct = energy.direct_use(d0, factor[list(SUB_ROWS)], eff)
    if gen is None:
        gen = np.zeros((n + 1, d))
        plant = np.zeros((n + 1, d))
    else:
        plant = plant_energy(x, base, gen)
    bal = energy.balance(
        plant,
        gen,
        x["energy.thermal_share"],
        direct,
        x["energy.local_power_use"],
        x["energy.feedstock_share"],
        x["energy.accounting"],
        1 - x["energy.deduct_feedstock"],  # choices ["on", "off"]: index 0 = on
        1 - x["energy.deduct_nonfossil"],
    )
    real = energy.chained(gdp_growth[1:])
    en = energy.intensity_change(bal["total"], real)
    intensity = bal["total"] / real
    intensity /= base.gdp
    s = {
        "Energy|Consumption": bal["total"].T,
        "Energy|Consumption|Growth": en["growth"].T,
        "Energy Intensity": intensity.T,
        "Energy Intensity|Change": _base_row(en["change"], base.get("Energy Intensity|Change")),
        "Energy Intensity|Cumulative Change": _base_row(en["cumulative"], 0.0),
    }
    for name, part in bal["parts"].items():
        s[f"Energy|Consumption|{name}"] = part.T
    if base.blocks.get("power", False):
        s["Electricity|Consumption"] = bal["local"].T
        s["Electricity|Exports"] = bal["exports"].T
        s["Energy|Power Plants|Coal Rate"] = bal["coal_rate"].T
    co2 = energy.carbon(
        bal,
        direct,
        x["energy.thermal_share"],
        x["carbon.ef_coal"],
        x["carbon.ef_industry"],
        x["carbon.ef_other"],
    )
    c = energy.intensity_change(co2["total"], real, cumulative=False)
    s["Emissions|CO2"] = co2["total"].T
    s["Emissions|CO2|Intensity Change"] = c["change"].T
    s["Emissions|CO2|Power Plants|Share"] = co2["plant_share"].T
    for name, part in co2["parts"].items():
        s[f"Emissions|CO2|{name}"] = part.T
    return s


def coal_power_series(
    x: Mapping[str, np.ndarray],
    base: Baseline,
    coal_q: np.ndarray,
    gen: np.ndarray,
    coal_growth: np.ndarray,
    gen_growth: np.ndarray,
    capacity: np.ndarray | None,
) -> dict[str, np.ndarray]:
    """Coal and power block series: output, generation, capacity, hours and plant coal.

    coal_q: (T+1, D) raw coal output, 10k t; gen: (T+1, D) generation (capped), 100m kWh;
    coal_growth, gen_growth: framed (T+1, D) their growth %; capacity: (T+1, D) 10k kW."""
    has_coal, has_power = base.blocks.get("coal", False), base.blocks.get("power", False)
    s: dict[str, np.ndarray] = {}
    if has_coal:
        growth = coal_growth.copy()
        growth[0] = base.get("Production|Coal|Growth")
        s["Production|Coal"] = coal_q.T
        s["Production|Coal|Growth"] = growth.T
    if has_power:
        growth = gen_growth.copy()
        growth[0] = base.get("Electricity|Generation|Growth")
        s["Electricity|Generation"] = gen.T
        s["Electricity|Generation|Growth"] = growth.T
        pw = power.project_power(
            gen,
            capacity,
            base.get("Supply|Coal|Power Plants", 0.0),
            x["energy.eff_power"],
            coal_q,
        )
        s["Capacity|Electricity"] = pw["capacity"].T
        added = np.empty_like(gen)
        added[0] = base.get("Capacity|Electricity|Added")
        added[1:] = x["power.new_capacity"]
        s["Capacity|Electricity|Added"] = added.T
        s["Electricity|Utilisation Hours"] = pw["hours"].T
        if base.has("Supply|Coal|Power Plants"):
            s["Supply|Coal|Power Plants"] = pw["power_coal"].T
            s["Supply|Coal|Power Plants|Per Generation"] = pw["coal_rate"].T
            burned = pw["power_coal"] * (x["energy.plant_coal_local"] / 100)[None, :]
            s["Supply|Coal|Power Plants|Burned Locally"] = burned.T
            if has_coal:
                s["Supply|Coal|Other Uses"] = pw["coal_other"].T
                s["Supply|Coal|Inflow"] = pw["inflow"].T
    return s
