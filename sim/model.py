"""The projection: inputs (one array of draws per parameter) in, IAMC-named series out.

``project`` is the vectorized core every tool calls (single run, Monte Carlo, sensitivity, goal
seeking): arrays shaped (draws,) per parameter in, series shaped (draws, years + 1) out, the
base year first. ``run`` is the convenience wrapper for one scenario given as plain values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from . import growth, rates, series
from .baseline import Baseline, Note
from .energy_series import coal_power_series, energy_rule, energy_series
from .growth import COAL, POWER
from .metadata import ParamSet, load_parameters
from .series import ALL_SUB_NAMES, SUB_NAMES, framed_series  # noqa: F401 (re-exported)


@dataclass
class Projection:
    """Model output. ``series`` maps an IAMC variable to an array (draws, years) whose first
    column is the base year (NaN where the baseline does not state that figure)."""

    region: str
    years: list[int]
    series: dict[str, np.ndarray]
    detail: dict[str, np.ndarray] = field(default_factory=dict)
    notes: tuple[Note, ...] = ()
    # Series set directly by an input (a slider), not derived by the model: a target on one of
    # them is met or missed by the planner's choice, and the scoreboard says so.
    inputs: frozenset[str] = frozenset()

    @property
    def draws(self) -> int:
        return next(iter(self.series.values())).shape[0]

    @property
    def mode(self) -> str:
        """ "drivers", "target" or "mixed": how secondary and tertiary growth were set."""
        dm = np.asarray(self.detail.get("drivers_mode", [False]), dtype=bool)
        return "drivers" if dm.all() else "target" if not dm.any() else "mixed"

    def mode_label(self, lang: str = "zh") -> str:
        """ "产业增速口径：由驱动因素推算" etc.: which mode produced the numbers."""
        from .i18n import t

        return t("mode_label", lang, mode=t(f"mode_{self.mode}", lang))

    def value(self, variable: str, year: int | None = None, draw: int = 0) -> float:
        """One number: the variable in ``year`` (default: the first projected year)."""
        col = self.years.index(year) if year is not None else 1
        return float(self.series[variable][draw, col])


def to_arrays(values: Mapping[str, object], pset: ParamSet | None = None, draws: int = 1):
    """Plain values {id: value} (all parameters) to {id: array (draws,)}, choices encoded."""
    pset = pset or load_parameters()
    return {p.id: np.full(draws, p.encode(values[p.id])) for p in pset.params}


def n_years_of(values: Mapping[str, object], base: Baseline) -> int:
    return max(1, int(values["horizon.end_year"]) - base.year)


def run(values: Mapping[str, object], base: Baseline, pset: ParamSet | None = None) -> Projection:
    """Project one scenario given as validated plain values (see metadata.validate_adjustment)."""
    return project(to_arrays(values, pset), base, n_years_of(values, base))


def project(x: Mapping[str, np.ndarray], base: Baseline, n_years: int) -> Projection:
    """The core. x: {parameter id: (draws,) array} in the parameters' units (choices as index).
    n_years: projected years after the base year. Returns a Projection.

    A short list of block calls: volumes and rates (sim.rates: growth, demand), nominal value
    added of coal and power by double deflation (sim.prices), value added and its aggregates
    (sim.growth), revenue by tax (sim.fiscal), energy, and coal and power. The blocks work on
    (sub-sector, year, draw) arrays; every series handed out is a transposed view of one of
    them, so the arrays are (draws, years) but not C-contiguous, and several may share memory:
    treat them as read-only."""
    d = next(iter(x.values())).shape[0]
    va0 = rates.base_value_added(x, base, d)
    vol = rates.volumes(x, base, n_years, d)
    r = rates.sector_rates(x, base, n_years, d, vol)
    pr = rates.coal_power_prices(x, base, va0, vol, r)
    vp = growth.project_value_added(
        va0, r["g"], r["drivers"], r["g_secondary"], r["p"], fixed_va=pr["fixed"]
    )
    agg = growth.aggregate(r["g"], vp["w"], vp["va"])
    s = series.growth_series(base, r, vp, agg)
    s.update(series.demand_series(base, r, agg))
    s.update(series.price_series(base, vol, pr))
    rev = series.fiscal_series(x, base, r, vp, agg, pr, s)
    has_power = base.blocks.get("power", False)
    s.update(
        energy_series(x, base, vp["factor"], agg["gdp_growth"], vol["gen"] if has_power else None)
    )
    s.update(
        coal_power_series(
            x,
            base,
            vol["coal"],
            vol["gen"],
            r["g_full"][COAL],
            r["g_full"][POWER],
            vol["capacity"],
        )
    )
    detail = {
        "g": r["g"].transpose(2, 1, 0),
        "w": vp["w"].transpose(2, 1, 0),
        "va": vp["va"].transpose(2, 1, 0),
        "p": r["p"].transpose(2, 1, 0),
        "drivers_mode": r["drivers"],
        **rev,
        "energy_rule": energy_rule(x),
    }
    if vol["hours_capped"] is not None:
        detail["hours_capped"] = vol["hours_capped"].T
    years = [base.year + i for i in range(n_years + 1)]
    return Projection(
        base.region, years, s, detail, tuple(base.notes), series.input_series(base, r["drivers"])
    )
