"""From inputs to the rates the value-added block rolls forward: base-year value added,
physical volumes, real growth and deflators by sub-sector (with the demand block) and the
nominal value added of coal and power (with the price block).

Every function takes the input arrays ``x`` ({parameter id: (D,)}) and the baseline, and
returns plain arrays in the layouts of sim.growth: (sub-sector, year, draw), rates in %.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from . import demand, growth, power, prices
from .baseline import Baseline
from .growth import COAL, CONS, OIND, POWER, PRI, SECTORS, TER

SHOCK = "shock|"  # a Monte Carlo path shock (T, D) of an input, sim.analysis.shocks


def _has(base: Baseline, block: str) -> bool:
    return bool(base.blocks.get(block, False))


def _shocked(x: Mapping[str, np.ndarray], pid: str, path: np.ndarray) -> np.ndarray:
    """A glided path (T, D) of input ``pid`` plus its Monte Carlo shock when ``x`` carries one
    (row 0, the first year, is the input itself and carries none). In place; returns path."""
    shock = x.get(SHOCK + pid)
    if shock is not None:
        path += shock
    return path


def _later(x: Mapping[str, np.ndarray], pid: str, growth_after: np.ndarray) -> np.ndarray:
    """Growth of a volume after the first year: the horizon rate (D,), or (T, D) with the
    Monte Carlo shocks of ``pid`` added (row t-1 is year t's growth)."""
    shock = x.get(SHOCK + pid)
    return growth_after if shock is None else growth_after + shock


def base_value_added(x: Mapping[str, np.ndarray], base: Baseline, d: int) -> np.ndarray:
    """(6, D) base-year nominal value added, 100m CNY (sim.growth.base_value_added)."""
    zero = np.zeros(d)
    has_ind = _has(base, "industry")
    shares = np.array([base.values[f"Share|{s}"] for s in SECTORS])
    return growth.base_value_added(
        base.gdp,
        shares,
        base.values["Share|Industry"] if has_ind else None,
        x["struct.coal_share"] if _has(base, "coal") and has_ind else zero,
        x["struct.power_share"] if _has(base, "power") and has_ind else zero,
    )


def volumes(x: Mapping[str, np.ndarray], base: Baseline, n: int, d: int) -> dict[str, np.ndarray]:
    """Raw coal (10k t) and generation (100m kWh), (T+1, D); ones where a block is absent.

    A year has 8,760 hours: generation beyond end-of-year capacity x 8,760 h is capped before it
    drives power's value added (``hours_capped`` marks the capped (year, draw) cells; None
    without a power block). ``capacity`` (T+1, D) 10k kW, or None."""
    ones = np.ones(d)
    has_coal, has_power = _has(base, "coal"), _has(base, "power")
    gen = growth.volume_path(
        base.get("Electricity|Generation", 1.0) if has_power else 1.0,
        x["power.generation"] if has_power else ones,
        _later(x, "power.generation", x["horizon.power_growth"]),
        n,
    )
    capacity = capped = None
    if has_power:
        capacity = power.capacity_path(
            base.values["Capacity|Electricity"], x["power.new_capacity"], n + 1
        )
        gen, capped = power.cap_generation(gen, capacity)
    return {
        "coal": growth.volume_path(
            base.get("Production|Coal", 1.0) if has_coal else 1.0,
            x["coal.output"] if has_coal else ones,
            _later(x, "coal.output", x["horizon.coal_growth"]),
            n,
        ),
        "gen": gen,
        "capacity": capacity,
        "hours_capped": capped,
    }


def sector_rates(
    x: Mapping[str, np.ndarray], base: Baseline, n: int, d: int, vol: Mapping[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """Real growth g (6, T, D) and deflator changes p (6, T, D) by sub-sector, %.

    Year 1 takes the inputs; later years glide to the long-run rates (growth.glide). Coal and
    power grow with their volumes, construction with investment, services from retail sales and
    other services (drivers mode) or as given (target mode, the rest of services the residual).
    Other industry is the input in drivers mode; in target mode sim.growth replaces it by the
    residual of g_secondary. Coal and power's deflators are set by sim.prices instead of p."""
    decay = growth.decay(x["horizon.persistence"] / 100, n)
    lr, lri = x["horizon.longrun_growth"], x["horizon.longrun_inflation"]
    lr_nom = demand.nominal_longrun(lr, lri)
    # Without an industry split secondary is one block (other industry, sim.growth): the
    # drivers mode then grows it at other industry's rate (coal and power carry no value added).
    drivers = x["industry.mode"] == 1
    g_full = growth.framed(6, n_years=n, draws=d)
    g = g_full[:, 1:]
    _shocked(x, "growth.primary", growth.glide(x["growth.primary"], lr, decay, out=g[PRI]))
    _shocked(
        x,
        "industry.other_growth",
        growth.glide(x["industry.other_growth"], lr, decay, out=g[OIND]),
    )
    growth.rate_of_change(vol["coal"], g[COAL])
    growth.rate_of_change(vol["gen"], g[POWER])
    cpi = growth.framed(n_years=n, draws=d)
    growth.glide(x["price.consumer"], lri, decay, out=cpi[1:])
    p = np.empty((6, n, d))
    p[PRI] = p[TER] = cpi[1:]
    _shocked(x, "price.coal", growth.glide(x["price.coal"], lri, decay, out=p[COAL]))
    growth.glide(x["price.power"], lri, decay, out=p[POWER])
    growth.glide(x["price.industry"], lri, decay, out=p[OIND])
    p[CONS] = p[OIND]
    investment = _shocked(
        x, "demand.investment_growth", growth.glide(x["demand.investment_growth"], lr_nom, decay)
    )
    retail = _shocked(
        x, "demand.retail_growth", growth.glide(x["demand.retail_growth"], lr_nom, decay)
    )
    g[CONS] = demand.construction_growth(investment, p[OIND], x["demand.construction_elasticity"])
    g_trade = demand.deflate(retail, cpi[1:])
    share0 = x["struct.trade_share"] / 100
    split = _services(x, g_trade, share0, drivers, lr, decay)
    g[TER] = split["g_tertiary"]
    return {
        "g": g,
        "g_full": g_full,
        "p": p,
        "cpi": cpi,
        "drivers": drivers,
        "g_secondary": _shocked(
            x, "growth.secondary", growth.glide(x["growth.secondary"], lr, decay)
        ),
        "investment": investment,
        "retail": retail,
        "g_trade": g_trade,
        "services": split,
    }


def _services(x, g_trade, share0, drivers, lr, decay) -> dict[str, np.ndarray]:
    """Tertiary growth from its parts (drivers) or the rest of services as residual (target);
    both computed only where some draw needs them."""
    every, some = bool(drivers.all()), bool(drivers.any())
    if every:
        other = growth.glide(x["services.other_growth"], lr, decay)
        other = _shocked(x, "services.other_growth", other)
        return demand.services_split(share0, g_trade, g_other=other)
    given = _shocked(x, "growth.tertiary", growth.glide(x["growth.tertiary"], lr, decay))
    target = demand.services_split(share0, g_trade, g_tertiary=given)
    if not some:
        return target
    other = growth.glide(x["services.other_growth"], lr, decay)
    other = _shocked(x, "services.other_growth", other)
    built = demand.services_split(share0, g_trade, g_other=other)
    return {k: np.where(drivers, built[k], target[k]) for k in built}


def coal_power_prices(
    x: Mapping[str, np.ndarray],
    base: Baseline,
    va0: np.ndarray,
    vol: Mapping[str, np.ndarray],
    r: Mapping[str, np.ndarray],
) -> dict:
    """Nominal value added of coal mining and power by double deflation (sim.prices), with
    the plants' coal bill from the power-coal row (zero when the baseline lacks it or the coal
    block). ``fixed`` maps the two sub-sectors to their (T+1, D) nominal value added."""
    power_coal0 = base.get("Supply|Coal|Power Plants", 0.0) if _has(base, "coal") else 0.0
    bill0 = prices.coal_bill(
        power_coal0 if np.isfinite(power_coal0) else 0.0,
        x["energy.plant_coal_local"],
        x["struct.thermal_coal_price"],
    )
    if not (_has(base, "power") and _has(base, "industry")):
        bill0 = np.zeros_like(bill0)
    p = r["p"]
    out = prices.double_deflation(
        va0[COAL],
        va0[POWER],
        vol["coal"],
        vol["gen"],
        p[COAL],
        p[POWER],
        p[OIND],
        x["struct.coal_va_ratio"],
        bill0,
        x["struct.power_other_inputs"],
    )
    out["fixed"] = {COAL: out["coal_va"], POWER: out["power_va"]}
    return out
