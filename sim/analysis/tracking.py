"""In-year tracking: given growth to date, the growth the rest of the year needs for each target.

Arithmetic. Let s be the share of the base year's annual total that fell in the period to date
(for example January-June), g the year-to-date growth over the same period of the base year and
G the annual target growth. The year's total is the period's total plus the rest's, so

    1 + G = s (1 + g) + (1 - s) (1 + r)   =>   r = ((1 + G) - s (1 + g)) / (1 - s) - 1.

Weighting assumption: unless the planner gives the base-year share s, the base year is taken to
be spread evenly over the year, s = k / 12 for k months or k / 4 for k quarters. That is a
simplification: in China the first quarter usually carries less than a quarter of annual GDP and
coal output dips around the Spring Festival, so enter the true base-year share when it is known.
With an even split, January-June growth of 4% and an annual target of 5.5% need 7% in July-December.

For cumulative growth rates of flows (GDP at comparable prices, coal output, generation, revenue)
the same formula holds. Level targets (coal 8000万吨, generation 520亿千瓦时) are turned into growth
over the base-year level first; a year-to-date level can be given instead of a growth rate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import limits
from ..baseline import Baseline
from ..errors import InputError
from ..targets import TargetSet

PERIODS = {"month": 12, "quarter": 4}
# Targets a planner can track during the year (ids in params/targets.toml).
TRACKED = (
    "gdp_growth",
    "industry_above_scale_growth",
    "revenue_growth",
    "coal_output",
    "power_generation",
)
# Level targets: the base-year variable whose level the target is compared with.
LEVEL_OF = {"coal_output": "Production|Coal", "power_generation": "Electricity|Generation"}


def even_share(k: int, unit: str = "month") -> float:
    """Share of the year in the first k months (of 12) or quarters (of 4), assuming an even year."""
    if unit not in PERIODS:
        raise InputError(key="err_period_unit", field="period", allowed=", ".join(PERIODS))
    n = PERIODS[unit]
    if not 1 <= k < n:
        zh = {"month": "个月", "quarter": "个季度"}[unit]
        raise InputError(
            key="err_period_k", field="period", k=k, unit_zh=zh, unit_en=unit, hi=n - 1
        )
    return k / n


def needed_rest_growth(ytd_growth, annual_target, share):
    """Growth (%) the rest of the year needs; arrays broadcast. share in (0, 1)."""
    s = np.asarray(share, dtype=float)
    if np.any((s <= 0) | (s >= 1)):
        raise InputError("the base-year share of the period must be between 0 and 1", "share")
    g, big_g = np.asarray(ytd_growth, dtype=float), np.asarray(annual_target, dtype=float)
    return 100 * ((1 + big_g / 100) - s * (1 + g / 100)) / (1 - s) - 100


def annual_growth(ytd_growth, rest_growth, share):
    """The inverse: annual growth from the period's and the rest's growth (%)."""
    s = np.asarray(share, dtype=float)
    return (
        100
        * (s * (1 + np.asarray(ytd_growth) / 100) + (1 - s) * (1 + np.asarray(rest_growth) / 100))
        - 100
    )


def growth_from_level(ytd_level: float, base_annual: float, share: float) -> float:
    """Year-to-date growth (%) from a year-to-date level, the base year's period being
    ``share`` of its annual level."""
    if base_annual <= 0:
        raise InputError("the base-year level must be positive", field="base")
    return 100 * (ytd_level / (share * base_annual) - 1)


@dataclass
class TrackRow:
    target_id: str
    label_zh: str
    label_en: str
    annual_target: float  # growth %, the level targets converted
    ytd_growth: float
    share: float
    needed: float  # growth % the rest of the year needs
    gap: float  # needed minus year-to-date growth (pp): > 0 means the pace must pick up

    @property
    def secured(self) -> bool:
        """The target is met even if the rest of the year produced nothing (needed <= -100%):
        the formula's number is then not a growth rate anyone can have."""
        return self.needed <= -100.0

    def label(self, lang: str = "zh") -> str:
        return self.label_zh if lang == "zh" else self.label_en


def annual_target_growth(target_id: str, targets: TargetSet, base: Baseline) -> float:
    """The target as growth (%): level targets over their base-year level."""
    tg = next((x for x in targets.targets if x.id == target_id), None)
    if tg is None:
        raise InputError(f"unknown target '{target_id}'", field="target")
    if target_id in LEVEL_OF:
        level = base.get(LEVEL_OF[target_id])
        if not np.isfinite(level) or level <= 0:
            raise InputError(f"the baseline has no {LEVEL_OF[target_id]} level", field=target_id)
        return 100 * (tg.value / level - 1)
    return tg.value


def track(
    ytd: dict[str, float],
    share: float | dict[str, float],
    targets: TargetSet,
    base: Baseline,
) -> list[TrackRow]:
    """One row per target with a year-to-date growth in ``ytd`` {target id: growth %}.
    ``share``: the base-year share of the period (one for all, or per target id)."""
    rows = []
    for tid, g in ytd.items():
        tg = next((x for x in targets.targets if x.id == tid), None)
        if tg is None:
            raise InputError(f"unknown target '{tid}'", field="target")
        s = limits.check_period_share(share[tid] if isinstance(share, dict) else share)
        g = limits.check_ytd_growth(float(g), tid)
        big_g = annual_target_growth(tid, targets, base)
        r = float(needed_rest_growth(g, big_g, s))
        rows.append(TrackRow(tid, tg.label_zh, tg.label_en, big_g, float(g), float(s), r, r - g))
    return rows
