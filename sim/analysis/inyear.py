"""In-year updating of the Monte Carlo odds: the year-to-date figures of the tracking view
condition the annual distribution (a simple conditional update).

The year is the period to date (share s of the base year's total, growth Y) and the rest (share
1 - s, growth R): annual growth G = s Y + (1 - s) R (sim.analysis.tracking.annual_growth).
Before any data, Y and R are taken to have the same mean m and sd sigma_h and correlation rho
(odds.ytd_corr), so the Monte Carlo's annual draws G_i (mean m, sd sigma_G) fix
sigma_h = sigma_G / sqrt(s^2 + (1 - s)^2 + 2 rho s (1 - s)). Given Y = y:

    R | y  has mean m + rho (y - m) and sd sigma_h sqrt(1 - rho^2),

and each draw keeps its standardised position (so the record's skew survives):

    R_i = m + rho (y - m) + sigma_h sqrt(1 - rho^2) (G_i - m) / sigma_G,   G_i' = s y + (1 - s) R_i.

Only the variables of the targets given are updated (GDP growth does not move revenue here).
Level targets (coal output, generation) are handled as growth over the base-year level.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from .. import limits
from ..baseline import Baseline
from ..errors import InputError
from ..targets import TargetSet
from .montecarlo import MCResult, target_odds
from .tracking import LEVEL_OF, TRACKED, annual_growth


def conditional_growth(draws: np.ndarray, ytd: float, share: float, corr: float) -> np.ndarray:
    """Annual growth draws (%) given growth ``ytd`` (%) over the share ``share`` of the year."""
    s = limits.check_period_share(share)
    g = np.asarray(draws, dtype=float)
    m, sd = float(g.mean()), float(g.std())
    if sd <= 0:
        return np.asarray(annual_growth(ytd, m, s), dtype=float) + 0 * g
    sd_h = sd / np.sqrt(s * s + (1 - s) ** 2 + 2 * corr * s * (1 - s))
    rest = m + corr * (ytd - m) + sd_h * np.sqrt(1 - corr * corr) * (g - m) / sd
    return np.asarray(annual_growth(ytd, rest, s), dtype=float)


def update(
    res: MCResult,
    ytd: Mapping[str, float],
    share: float,
    targets: TargetSet,
    base: Baseline,
    corr: float | None = None,
) -> MCResult:
    """A copy of ``res`` whose target-year draws of each tracked target in ``ytd`` {target id:
    year-to-date growth %} are conditioned on it, with the odds scored again."""
    corr = float(res.odds_inputs.get("odds.ytd_corr", 0.7) if corr is None else corr)
    col = res.years.index(targets.year) if targets.year in res.years else 1
    series = dict(res.series)
    for tid, y in ytd.items():
        if tid not in TRACKED:
            raise InputError(
                key="err_track_target", field="--ytd", got=str(tid)[:40], allowed=", ".join(TRACKED)
            )
        tg = next((x for x in targets.targets if x.id == tid), None)
        if tg is None or tg.variable not in series:
            continue
        y = limits.check_ytd_growth(float(y), tid)
        a = series[tg.variable].copy()
        level = base.get(LEVEL_OF[tid]) if tid in LEVEL_OF else None
        g = 100 * (a[:, col] / level - 1) if level else a[:, col]
        new = conditional_growth(g, y, share, corr)
        a[:, col] = level * (1 + new / 100) if level else new
        series[tg.variable] = a
    out = replace(res, series=series)
    out.odds = target_odds(series, res.years, targets)
    return out
