"""The projection: inputs (one array of draws per parameter) in, IAMC-named series out.

``project`` is the vectorized core every tool calls (single run, Monte Carlo, sensitivity, goal
seeking): arrays shaped (draws,) per parameter in, series shaped (draws, years + 1) out, the
base year first. ``run`` is the convenience wrapper for one scenario given as plain values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from . import energy, fiscal, growth, power
from .baseline import Baseline, Note
from .growth import COAL, CONS, OIND, POWER, PRI, SECTORS, TER
from .metadata import ParamSet, load_parameters

SUB_NAMES = {
    COAL: "Coal Mining",
    POWER: "Power",
    OIND: "Other Industry",
    CONS: "Construction",
}
ALL_SUB_NAMES = {PRI: "Primary", **SUB_NAMES, TER: "Tertiary"}


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


def framed_series(base_value: float, framed: np.ndarray, copy: bool = False) -> np.ndarray:
    """A framed (T+1, D) array as a public (D, T+1) series, its base-year row set to
    ``base_value`` (in place unless ``copy``)."""
    if copy:
        framed = framed.copy()
    framed[0] = base_value
    return framed.T


def project(x: Mapping[str, np.ndarray], base: Baseline, n_years: int) -> Projection:
    """The core. x: {parameter id: (draws,) array} in the parameters' units (choices as index).
    n_years: projected years after the base year. Returns a Projection.

    The blocks work on (sub-sector, year, draw) arrays (see sim.growth); every series handed
    out is a transposed view of one of them, so the arrays are (draws, years) but not
    C-contiguous, and several may share memory: treat them as read-only."""
    d = next(iter(x.values())).shape[0]
    n = n_years
    blocks = base.blocks
    has_coal, has_power = blocks.get("coal", False), blocks.get("power", False)
    has_industry = blocks.get("industry", False)
    zero = np.zeros(d)
    shares = np.array([base.values[f"Share|{s}"] for s in SECTORS])
    va0 = growth.base_value_added(
        base.gdp,
        shares,
        base.values["Share|Industry"] if has_industry else None,
        x["struct.coal_share"] if has_coal and has_industry else zero,
        x["struct.power_share"] if has_power and has_industry else zero,
    )
    decay = growth.decay(x["horizon.persistence"] / 100, n)
    lr = x["horizon.longrun_growth"]
    coal_q = growth.volume_path(
        base.get("Production|Coal", 1.0) if has_coal else 1.0,
        x["coal.output"] if has_coal else np.ones(d),
        x["horizon.coal_growth"],
        n,
    )
    gen = growth.volume_path(
        base.get("Electricity|Generation", 1.0) if has_power else 1.0,
        x["power.generation"] if has_power else np.ones(d),
        x["horizon.power_growth"],
        n,
    )
    # real growth, framed: row 0 of each sub-sector is the base year (NaN)
    g_full = growth.framed(6, n_years=n, draws=d)
    g = g_full[:, 1:]
    growth.glide(x["growth.primary"], lr, decay, out=g[PRI])
    growth.glide(x["growth.tertiary"], lr, decay, out=g[TER])
    growth.glide(x["construction.growth"], lr, decay, out=g[CONS])
    growth.glide(x["industry.other_growth"], lr, decay, out=g[OIND])
    growth.rate_of_change(coal_q, g[COAL])
    growth.rate_of_change(gen, g[POWER])
    g_sec = growth.glide(x["growth.secondary"], lr, decay)
    lri = x["horizon.longrun_inflation"]
    p = np.empty((6, n, d))
    cpi = growth.framed(n_years=n, draws=d)
    growth.glide(x["price.consumer"], lri, decay, out=cpi[1:])
    p[PRI] = p[TER] = cpi[1:]
    growth.glide(x["price.coal"], lri, decay, out=p[COAL])
    growth.glide(x["price.power"], lri, decay, out=p[POWER])
    growth.glide(x["price.industry"], lri, decay, out=p[OIND])
    p[CONS] = p[OIND]
    drivers = (x["industry.mode"] == 1) & has_industry
    vp = growth.project_value_added(va0, g, drivers, g_sec, p)
    agg = growth.aggregate(g, vp["w"], vp["va"])
    gdp_growth = agg["gdp_growth"]  # framed (T+1, D)

    years = [base.year + i for i in range(n + 1)]
    s: dict[str, np.ndarray] = {}

    def put(name: str, base_value: float, framed: np.ndarray) -> None:
        s[name] = framed_series(base_value, framed)

    def put_copy(name: str, base_value: float, framed: np.ndarray) -> None:
        s[name] = framed_series(base_value, framed, copy=True)

    s["GDP"] = agg["gdp"].T
    s["GDP|Constant Prices"] = vp["real_total"].T
    put("GDP|Real Growth", base.get("GDP|Real Growth"), gdp_growth)
    ngdp_growth = growth.framed(n_years=n, draws=d)
    growth.rate_of_change(agg["gdp"], ngdp_growth[1:])
    deflator = growth.framed(n_years=n, draws=d)
    step = deflator[1:]
    np.divide(ngdp_growth[1:], 100, out=step)
    step += 1
    step /= gdp_growth[1:] / 100 + 1
    step -= 1
    step *= 100
    put("GDP|Nominal Growth", np.nan, ngdp_growth)
    put("Price|GDP Deflator|Change", base.get("Price|GDP Deflator|Change"), deflator)
    put("Price|Consumer|Change", np.nan, cpi)
    no_growth = ~(np.abs(gdp_growth[1:]) > 1e-9)
    for i, sec in enumerate(SECTORS):
        s[f"Value Added|{sec}"] = agg["sector_va"][i].T
        s[f"Share|{sec}"] = agg["shares"][i].T
        put(
            f"Value Added|{sec}|Real Growth",
            base.get(f"Value Added|{sec}|Real Growth"),
            agg["sector_growth"][i],
        )
        put(f"Value Added|{sec}|Contribution", np.nan, agg["pulls"][i])
        rate = growth.framed(n_years=n, draws=d)
        with np.errstate(divide="ignore", invalid="ignore"):
            np.multiply(agg["pulls"][i, 1:], 100, out=rate[1:])
            rate[1:] /= gdp_growth[1:]
        np.copyto(rate[1:], np.nan, where=no_growth)
        put(f"Value Added|{sec}|Contribution Rate", np.nan, rate)
    if has_industry:
        ind_va = agg["industry_va"]
        s["Value Added|Industry"] = ind_va.T
        s["Share|Industry"] = (100 * ind_va / agg["gdp"]).T
        put("Value Added|Industry|Real Growth", np.nan, agg["industry_growth"])
        put_copy(
            "Value Added|Industry Above Scale|Real Growth",
            base.get("Value Added|Industry Above Scale|Real Growth"),
            agg["industry_growth"],
        )
        for k, name in SUB_NAMES.items():
            if (k == COAL and not has_coal) or (k == POWER and not has_power):
                continue
            s[f"Value Added|{name}"] = vp["va"][k].T
            put(f"Value Added|{name}|Real Growth", np.nan, g_full[k])

    notes = list(base.notes)
    if blocks.get("fiscal", False):
        total0 = base.values["Revenue|General Public Budget"]
        tax0 = round(total0 * base.values["Revenue|Tax|Share"] / 100, 2)
        weights = fiscal.tax_weights(x["fiscal.coal_tax_weight"], x["fiscal.primary_tax_weight"])
        rev = fiscal.project_revenue(
            vp["va"],
            vp["total"],
            weights,
            tax0,
            total0 - tax0,
            x["fiscal.tax_buoyancy"],
            x["fiscal.nontax_growth"],
        )
        s["Revenue|General Public Budget"] = rev["total"].T
        put(
            "Revenue|General Public Budget|Growth",
            base.get("Revenue|General Public Budget|Growth"),
            rev["growth"],
        )
        s["Revenue|Tax"] = rev["tax"].T
        put("Revenue|Tax|Growth", base.get("Revenue|Tax|Growth"), rev["tax_growth"])
        s["Revenue|Tax|Share"] = (100 * rev["tax"] / rev["total"]).T
        s["Revenue|Non-Tax"] = rev["nontax"].T
        for k, name in ALL_SUB_NAMES.items():
            if f"Value Added|{name}" in s or k in (PRI, TER):
                s[f"Revenue|Tax|{name}"] = rev["tax_by_sector"][k].T

    s.update(energy_series(x, base, va0, vp["factor"], gdp_growth))
    s.update(coal_power_series(x, base, coal_q, gen, g_full[COAL], g_full[POWER]))

    detail = {
        "g": g.transpose(2, 1, 0),
        "w": vp["w"].transpose(2, 1, 0),
        "va": vp["va"].transpose(2, 1, 0),
        "p": p.transpose(2, 1, 0),
        "drivers_mode": drivers,
    }
    inputs = {
        "Value Added|Primary|Real Growth",
        "Value Added|Tertiary|Real Growth",
        "Price|Consumer|Change",
    }
    if not drivers.any():
        inputs.add("Value Added|Secondary|Real Growth")
    if has_coal:
        inputs |= {"Production|Coal", "Production|Coal|Growth"}
    if has_power:
        inputs |= {
            "Electricity|Generation",
            "Electricity|Generation|Growth",
            "Capacity|Electricity|Added",
        }
    return Projection(base.region, years, s, detail, tuple(notes), frozenset(inputs))


def energy_series(
    x: Mapping[str, np.ndarray],
    base: Baseline,
    va0: np.ndarray,
    factor: np.ndarray,
    gdp_growth: np.ndarray,
) -> dict[str, np.ndarray]:
    """Energy block series: use by sub-sector, its growth and the intensity change.

    va0: (6, D) base nominal value added; factor: (6, T, D) 1 + real growth / 100 of each
    sub-sector's activity; gdp_growth: framed (T+1, D) real GDP growth %."""
    has_coal, has_power = base.blocks.get("coal", False), base.blocks.get("power", False)
    zero = np.zeros(va0.shape[1])
    e0 = energy.base_energy_shares(
        x["struct.energy_power"] if has_power else zero,
        x["struct.energy_coal"] if has_coal else zero,
        x["struct.energy_industry"],
        x["struct.energy_primary"],
        va0,
    )
    eff = np.stack(
        [
            x["energy.eff_other"],
            x["energy.eff_coal"],
            x["energy.eff_power"],
            x["energy.eff_industry"],
            x["energy.eff_industry"],
            x["energy.eff_other"],
        ]
    )
    en = energy.project_energy(e0, factor, eff, x["energy.power_counted"], gdp_growth[1:])
    s = {
        "Energy Intensity|Change": framed_series(
            base.get("Energy Intensity|Change"), en["intensity_change"]
        ),
        "Energy Intensity|Cumulative Change": framed_series(0.0, en["cumulative"]),
        "Energy|Use": en["total"].T,
        "Energy|Use|Growth": framed_series(np.nan, en["growth"]),
    }
    for k, name in ALL_SUB_NAMES.items():
        s[f"Energy|Use|{name}"] = en["use"][k].T
    return s


def coal_power_series(
    x: Mapping[str, np.ndarray],
    base: Baseline,
    coal_q: np.ndarray,
    gen: np.ndarray,
    coal_growth: np.ndarray,
    gen_growth: np.ndarray,
) -> dict[str, np.ndarray]:
    """Coal and power block series: output, generation, capacity, hours and plant coal.

    coal_q: (T+1, D) raw coal output, 10k t; gen: (T+1, D) generation, 100m kWh;
    coal_growth, gen_growth: framed (T+1, D) their growth %."""
    has_coal, has_power = base.blocks.get("coal", False), base.blocks.get("power", False)
    s: dict[str, np.ndarray] = {}
    if has_coal:
        s["Production|Coal"] = coal_q.T
        s["Production|Coal|Growth"] = framed_series(
            base.get("Production|Coal|Growth"), coal_growth, copy=True
        )
    if has_power:
        s["Electricity|Generation"] = gen.T
        s["Electricity|Generation|Growth"] = framed_series(
            base.get("Electricity|Generation|Growth"), gen_growth, copy=True
        )
        pw = power.project_power(
            gen,
            base.values["Capacity|Electricity"],
            x["power.new_capacity"],
            base.get("Supply|Coal|Power Plants", 0.0),
            x["energy.eff_power"],
            coal_q,
        )
        s["Capacity|Electricity"] = pw["capacity"].T
        added = np.empty_like(gen)
        added[1:] = x["power.new_capacity"]
        s["Capacity|Electricity|Added"] = framed_series(
            base.get("Capacity|Electricity|Added"), added
        )
        s["Electricity|Utilisation Hours"] = pw["hours"].T
        if base.has("Supply|Coal|Power Plants"):
            s["Supply|Coal|Power Plants"] = pw["power_coal"].T
            s["Supply|Coal|Power Plants|Per Generation"] = pw["coal_rate"].T
            if has_coal:
                s["Supply|Coal|Other Uses"] = pw["coal_other"].T
    return s
