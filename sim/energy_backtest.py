"""Energy calibration: the 2023 replay, a 2022 -> 2023 back-test of the energy block, and each
accounting rule's result side by side (the README's rule table; docs/energy.md).

The back-test starts from a 2022 base built from the published figures the baseline CSV holds
for 2022 (GDP level and growth; plant coal, generation, raw coal and capacity derived from the
2023 levels and growth rates; revenue and tax share) and runs 2023 with 2023's actual inputs.
What was not found for 2022 (the sector structure, the energy balance) is taken from the 2023
assumptions: the sector shares as in 2023, and each energy-balance level divided by the 2023
step the model itself makes, so that the 2022 balance is the one the 2023 assumptions imply.
The general 2022 baseline and back-test harness is the economy block's (it may replace this
base when merged); this module tests only what the energy block adds.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import replace

import pandas as pd

from . import model
from .baseline import Baseline
from .energy import RULES
from .metadata import load_parameters

REPORTED_2023 = -2.8  # 单位地区生产总值能耗预计下降2.8％ (data/baseline_2023.csv)
# Tolerance the default rule must meet in the replay and the back-test (percentage points):
# the figure is an estimate (预计) given to one decimal, and the balance's levels are
# assumptions; 1.0 point is the distance we commit to (tests/test_energy_backtest.py).
TOLERANCE_PP = 1.0
# 2023's plant coal grew 11.95% on generation +3.69%: coal per kWh rose by this much (%).
COAL_RATE_2023 = 100 * (1.1195 / 1.0369 - 1)
# Construction's 2023 growth was not published; the rate that makes industry grow as 规上工业
# did (+1.3%) with secondary +0.6%: (0.6 x 686.92 - 1.3 x 616.83) / 70.09 = -5.56% (the
# report's investment shares imply fixed-asset investment fell about 14.8% in 2023).
CONSTRUCTION_2023 = -5.56
LEVELS = (
    "energy.base_coal_mining",
    "energy.base_other_industry",
    "energy.base_construction",
    "energy.base_primary",
    "energy.base_tertiary",
)
BALANCE_PARTS = ("Coal Mining", "Other Industry", "Construction", "Primary", "Tertiary")


def inputs_2023() -> dict[str, object]:
    """2023's actual rates as inputs (the report's 2023 review; prices at the implied GDP
    deflator +0.38%, as the repeat_2023 preset does; the plants' coal rate as the report's
    plant coal and generation imply)."""
    return {
        "growth.primary": 3.3,
        "growth.secondary": 0.6,
        "growth.tertiary": 5.7,
        "price.coal": 0.38,
        "price.power": 0.38,
        "price.industry": 0.38,
        "price.consumer": 0.38,
        "power.new_capacity": 119.11,
        "construction.growth": CONSTRUCTION_2023,
        "energy.eff_power": round(-COAL_RATE_2023, 2),
    }


def _history(base: Baseline, variable: str, year: int) -> float:
    h = base.history(variable)
    return float(h.loc[year]) if year in h.index else math.nan


def baseline_2022(base: Baseline) -> Baseline:
    """The 2022 base: the baseline's 2022 rows where it has them, else 2023's (structure)."""
    y = base.year - 1
    values = dict(base.values)
    for var in (
        "GDP",
        "Production|Coal",
        "Electricity|Generation",
        "Capacity|Electricity",
        "Supply|Coal|Power Plants",
        "Revenue|General Public Budget",
        "Revenue|Tax|Share",
    ):
        v = _history(base, var, y)
        if math.isfinite(v):
            values[var] = v
    values["GDP|Real Growth"] = _history(base, "GDP|Real Growth", y)
    for var in (
        "Production|Coal|Growth",
        "Electricity|Generation|Growth",
        "Capacity|Electricity|Added",
        "Supply|Coal|Power Plants|Growth",
        "Energy Intensity|Change",
    ):
        values[var] = math.nan
    return replace(base, year=y, values=values)


def _run(values: Mapping[str, object], base: Baseline) -> model.Projection:
    return model.project(model.to_arrays(values), base, 1)


def backtest_values(base: Baseline, overrides: Mapping[str, object]) -> dict[str, object]:
    """Inputs of the 2022 -> 2023 run: 2023's rates and outputs, and the energy-balance levels
    scaled to 2022 (each level over the 2023 step the model makes from it)."""
    pset = load_parameters()
    values = {**pset.defaults(), **inputs_2023(), **overrides}
    values["coal.output"] = base.values["Production|Coal"]
    values["power.generation"] = base.values["Electricity|Generation"]
    b22 = baseline_2022(base)
    first = _run(values, b22).series
    total23, total22 = 0.0, 0.0
    for pid, part in zip(LEVELS, BALANCE_PARTS, strict=True):
        s = first[f"Energy|Consumption|{part}"][0]
        ratio = float(s[1] / s[0]) if s[0] > 0 else 1.0
        total23 += float(values[pid])
        values[pid] = float(values[pid]) / ratio
        total22 += float(values[pid])
    if total23 > 0:
        values["energy.local_power_use"] = float(values["energy.local_power_use"]) * (
            total22 / total23
        )
    return values


def backtest(base: Baseline, overrides: Mapping[str, object] | None = None) -> model.Projection:
    """Project 2023 from the 2022 base with 2023's inputs (``overrides`` on top)."""
    return _run(backtest_values(base, overrides or {}), baseline_2022(base))


def replay(base: Baseline, overrides: Mapping[str, object] | None = None) -> model.Projection:
    """The repeat_2023 preset (2023's rates on the 2023 base) with ``overrides``."""
    from .scenarios import load_scenario

    pset = load_parameters()
    values = {**pset.defaults(), **load_scenario("repeat_2023").values, **(overrides or {})}
    return model.run(values, base, pset)


def rule_table(base: Baseline) -> pd.DataFrame:
    """Each accounting rule (deduction switches on and off): intensity change in the 2023
    replay, the 2022 -> 2023 back-test (plant coal as reported, and following generation), and
    the official 2024 targets, % ; the distance of replay and back-test from -2.8%."""
    pset = load_parameters()
    rows = []
    for rule in RULES:
        for switches in ("on", "off"):
            o = {
                "energy.accounting": rule,
                "energy.deduct_feedstock": switches,
                "energy.deduct_nonfossil": switches,
            }
            ei = "Energy Intensity|Change"
            rep = replay(base, o).value(ei)
            bt = backtest(base, o).value(ei)
            bt_gen = backtest(base, {**o, "energy.eff_power": 1.0}).value(ei)
            off = model.run({**pset.defaults(), **o}, base, pset).value(ei)
            rows.append(
                {
                    "rule": rule,
                    "deductions": switches,
                    "replay_2023": rep,
                    "backtest_2023": bt,
                    "backtest_2023_coal_follows_generation": bt_gen,
                    "official_2024": off,
                    "distance": max(abs(rep - REPORTED_2023), abs(bt - REPORTED_2023)),
                }
            )
    return pd.DataFrame(rows)
