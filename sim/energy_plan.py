"""The five-year plan check of energy intensity (for Liupanshui the 14th plan's, with its
binding target and its stretch goal: the ``fyp_energy_intensity`` row of params/targets.toml,
with source and sentence): what the plan's remaining years need, given the intensity changes
published for the years before and the projection.

Liupanshui's 2021 and 2022 changes were not found (the city's communiqués were not found;
only Guizhou's 2021 -3.7% was): each missing year is taken across a band, the assumptions
check.fyp_missing_low / check.fyp_missing_high of params/parameters.toml ([[check]], editable),
and the result is the range of what the remaining years then need.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from .baseline import Baseline
from .model import Projection
from .side_inputs import band
from .targets import TargetSet

FYP_ID = "fyp_energy_intensity"
MISSING_LOW = "check.fyp_missing_low"  # with its high end: a missing year's change, % ([[check]])


@dataclass
class PlanNeed:
    start: int
    end: int
    target: float
    stretch: float | None  # the plan's stretch goal (力争), when the targets row gives one
    known: dict[int, float]  # published (baseline rows) intensity changes, %
    missing: list[int]  # plan years before the projection with no published figure
    band: tuple[float, float]  # the change, %, each missing year is taken between
    remaining: list[int]  # the years still to come (the projection's), whose average is asked
    projected: dict[int, float]  # the projection's changes in the remaining years, %
    need: tuple[float, float]  # average change a year the remaining years need, across the band
    need_stretch: tuple[float, float] | None

    @property
    def projected_average(self) -> float:
        f = np.prod([1 + v / 100 for v in self.projected.values()])
        if not f > 0:
            return float("nan")
        return float(100 * (f ** (1 / max(len(self.projected), 1)) - 1))


def _need(target: float, factor: float, missing: int, remaining: int, band: float) -> float:
    f = factor * (1 + band / 100) ** missing
    if not f > 0:
        return float("nan")
    return float(100 * (((1 + target / 100) / f) ** (1 / remaining) - 1))


def plan_need(
    proj: Projection,
    targets: TargetSet,
    base: Baseline | None = None,
    draw: int = 0,
    checks: Mapping[str, float] | None = None,
) -> PlanNeed:
    """What the plan needs: published changes are the baseline's rows (``base``) and the
    projection's base-year value; the remaining years are those after the base year. ``targets``
    must hold the plan's target (FYP_ID); a target without its years means the 14th plan's.
    ``checks``: the [[check]] inputs (sim.side_inputs.check_values; defaults when None)."""
    tg = targets.by_id(FYP_ID)  # the caller checks it is there (sim.checks_energy)
    start, end, target = tg.start_year or 2020, tg.end_year or 2025, tg.value
    s = proj.series["Energy Intensity|Change"][draw]
    y0 = proj.years[0]
    hist = base.history("Energy Intensity|Change") if base is not None else {}
    known = {int(y): float(v) for y, v in dict(hist).items() if start < int(y) <= y0}
    if np.isfinite(s[0]):
        known[y0] = float(s[0])
    known = {y: v for y, v in known.items() if np.isfinite(v)}
    missing = [y for y in range(start + 1, y0 + 1) if y not in known]
    remaining = list(range(y0 + 1, end + 1))
    projected = {y: float(s[j]) for j, y in enumerate(proj.years) if y in remaining}
    factor = float(np.prod([1 + v / 100 for v in known.values()]))
    m, r = len(missing), max(len(remaining), 1)
    lo_hi = band(checks, MISSING_LOW)

    def both(t: float) -> tuple[float, float]:
        a, b = (_need(t, factor, m, r, change) for change in lo_hi)
        return (min(a, b), max(a, b))

    return PlanNeed(
        start,
        end,
        target,
        tg.stretch,
        known,
        missing,
        lo_hi,
        remaining,
        projected,
        both(target),
        None if tg.stretch is None else both(tg.stretch),
    )
