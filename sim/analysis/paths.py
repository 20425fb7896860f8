"""Multi-year paths: cumulative outcomes over the horizon and the 14th five-year plan.

The core already projects every year to horizon.end_year (2024 from the sliders, later years
gliding to the long-run rates). This module turns a projection into cumulative figures: real
GDP growth since the base year (annual growth rates chained, as comparable-price indices are;
GDP at fixed base-year prices drifts from that as the structure shifts), average annual growth
and the cumulative change of energy intensity against a plan-period target (for Liupanshui the
14th five-year plan's intensity target, which params/targets.toml holds with its source).
Intensity changes for years the baseline lacks (2021 and 2022) may be entered by the planner;
otherwise the result names the missing years and the average they would need.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..baseline import Baseline
from ..model import Projection

FYP_TARGET_ID = "fyp_energy_intensity"  # in params/targets.toml, with its source and period


def cumulative_table(proj: Projection, draw: int = 0) -> pd.DataFrame:
    """Per projected year: real GDP growth that year, cumulative real growth since the base year,
    average annual growth, intensity change that year and cumulative since the base year (%)."""
    s = proj.series
    growth = s["GDP|Real Growth"][draw, 1:]
    index = np.cumprod(1 + growth / 100)  # chained, as China's comparable-price indices are
    rows = []
    for j, year in enumerate(proj.years[1:]):
        rows.append(
            {
                "year": year,
                "gdp_growth": float(growth[j]),
                "gdp_cumulative": float(100 * (index[j] - 1)),
                "gdp_average": float(100 * (index[j] ** (1 / (j + 1)) - 1)),
                "intensity_change": float(s["Energy Intensity|Change"][draw, j + 1]),
                "intensity_cumulative": float(s["Energy Intensity|Cumulative Change"][draw, j + 1]),
            }
        )
    return pd.DataFrame(rows)


@dataclass
class PlanCheck:
    start: int
    end: int
    target: float
    changes: dict[int, float]  # year -> intensity change %, known or projected
    missing: list[int]  # plan years with no figure
    cumulative: float  # over the years with a figure, %
    needed_missing: float | None  # average change the missing years need to reach the target

    @property
    def met(self) -> bool | None:
        return None if self.missing else self.cumulative <= self.target + 1e-9


def fyp_intensity(
    proj: Projection,
    base: Baseline,
    prior: Mapping[int, float] | None = None,
    *,
    target: float,
    start: int,
    end: int,
    draw: int = 0,
) -> PlanCheck:
    """Cumulative energy-intensity change over the plan (years start+1 .. end): history rows of
    the baseline, then ``prior`` {year: %} entered by the planner, then the projection.
    target: % over the whole plan (e.g. -13 for Liupanshui's 14th plan, params/targets.toml)."""
    changes: dict[int, float] = {}
    hist = base.history("Energy Intensity|Change")
    for y, v in hist.items():
        changes[int(y)] = float(v)
    changes.update({int(k): float(v) for k, v in (prior or {}).items()})
    series = proj.series["Energy Intensity|Change"][draw]
    for j, y in enumerate(proj.years[1:], start=1):
        changes[y] = float(series[j])
    years = range(start + 1, end + 1)
    known = {y: changes[y] for y in years if y in changes and np.isfinite(changes[y])}
    missing = [y for y in years if y not in known]
    factor = float(np.prod([1 + v / 100 for v in known.values()]))
    needed = None
    if missing:
        needed = 100 * (((1 + target / 100) / factor) ** (1 / len(missing)) - 1)
    return PlanCheck(start, end, target, known, missing, 100 * (factor - 1), needed)
