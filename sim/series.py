"""The public IAMC series of each model block, built from the block arrays.

Each ``*_series`` function returns {variable: (draws, years + 1) array}, the base year first,
mostly as transposed views of the block arrays (read-only by convention). Base-year cells the
baseline does not state are NaN; rates the model computes are framed (see sim.growth).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from . import fiscal, growth, prices
from .baseline import Baseline
from .growth import COAL, CONS, OIND, POWER, PRI, SECTORS, TER

SUB_NAMES = {
    COAL: "Coal Mining",
    POWER: "Power",
    OIND: "Other Industry",
    CONS: "Construction",
}
ALL_SUB_NAMES = {PRI: "Primary", **SUB_NAMES, TER: "Tertiary"}
TAX_NAMES = {
    "vat": "VAT",
    "cit": "Corporate Income",
    "resource": "Resource",
    "other": "Other",
}


def framed_series(base_value: float, framed: np.ndarray, copy: bool = False) -> np.ndarray:
    """A framed (T+1, D) array as a public (D, T+1) series, its base-year row set to
    ``base_value`` (in place unless ``copy``)."""
    if copy:
        framed = framed.copy()
    framed[0] = base_value
    return framed.T


def _framed_rate(base_value: float, rate: np.ndarray) -> np.ndarray:
    """(T, D) rates as a (D, T+1) series with ``base_value`` in the base year."""
    out = np.empty((rate.shape[0] + 1, rate.shape[1]))
    out[0] = base_value
    out[1:] = rate
    return out.T


def growth_series(base: Baseline, r: Mapping, vp: Mapping, agg: Mapping) -> dict[str, np.ndarray]:
    """GDP, its growth and deflator, sectors (levels, shares, growth, pulls, contribution
    rates) and the industry sub-sectors."""
    gdp_growth = agg["gdp_growth"]
    n1, d = gdp_growth.shape
    s: dict[str, np.ndarray] = {
        "GDP": agg["gdp"].T,
        "GDP|Constant Prices": vp["real_total"].T,
        "GDP|Real Growth": framed_series(base.get("GDP|Real Growth"), gdp_growth),
    }
    ngdp = growth.framed(n_years=n1 - 1, draws=d)
    growth.rate_of_change(agg["gdp"], ngdp[1:])
    deflator = growth.framed(n_years=n1 - 1, draws=d)
    step = deflator[1:]
    np.divide(ngdp[1:], 100, out=step)
    step += 1
    step /= gdp_growth[1:] / 100 + 1
    step -= 1
    step *= 100
    s["GDP|Nominal Growth"] = framed_series(np.nan, ngdp)
    s["Price|GDP Deflator|Change"] = framed_series(base.get("Price|GDP Deflator|Change"), deflator)
    s["Price|Consumer|Change"] = framed_series(np.nan, r["cpi"])
    no_growth = ~(np.abs(gdp_growth[1:]) > 1e-9)
    for i, sec in enumerate(SECTORS):
        s[f"Value Added|{sec}"] = agg["sector_va"][i].T
        s[f"Share|{sec}"] = agg["shares"][i].T
        s[f"Value Added|{sec}|Real Growth"] = framed_series(
            base.get(f"Value Added|{sec}|Real Growth"), agg["sector_growth"][i]
        )
        s[f"Value Added|{sec}|Contribution"] = framed_series(np.nan, agg["pulls"][i])
        rate = growth.framed(n_years=n1 - 1, draws=d)
        with np.errstate(divide="ignore", invalid="ignore"):
            np.multiply(agg["pulls"][i, 1:], 100, out=rate[1:])
            rate[1:] /= gdp_growth[1:]
        np.copyto(rate[1:], np.nan, where=no_growth)
        s[f"Value Added|{sec}|Contribution Rate"] = framed_series(np.nan, rate)
    if not base.blocks.get("industry", False):
        return s
    ind_va = agg["industry_va"]
    s["Value Added|Industry"] = ind_va.T
    s["Share|Industry"] = (100 * ind_va / agg["gdp"]).T
    s["Value Added|Industry|Real Growth"] = framed_series(np.nan, agg["industry_growth"])
    s["Value Added|Industry Above Scale|Real Growth"] = framed_series(
        base.get("Value Added|Industry Above Scale|Real Growth"), agg["industry_growth"], copy=True
    )
    for k, name in SUB_NAMES.items():
        if (k == COAL and not base.blocks.get("coal")) or (
            k == POWER and not base.blocks.get("power")
        ):
            continue
        s[f"Value Added|{name}"] = vp["va"][k].T
        s[f"Value Added|{name}|Real Growth"] = framed_series(np.nan, r["g_full"][k])
    return s


def demand_series(base: Baseline, r: Mapping, agg: Mapping) -> dict[str, np.ndarray]:
    """Investment and retail-sales growth, trade and catering and the rest of services, and
    disposable-income growth."""
    split = r["services"]
    ter = agg["sector_va"][2]
    s = {
        "Investment|Fixed Assets|Growth": _framed_rate(
            base.get("Investment|Fixed Assets|Growth"), r["investment"]
        ),
        "Retail Sales|Growth": _framed_rate(np.nan, r["retail"]),
        "Value Added|Trade and Catering": (ter * split["share"]).T,
        "Value Added|Trade and Catering|Real Growth": _framed_rate(np.nan, r["g_trade"]),
        "Value Added|Other Services": (ter * (1 - split["share"])).T,
        "Value Added|Other Services|Real Growth": _framed_rate(np.nan, split["g_other"]),
    }
    return s


def income_series(base: Baseline, x, ngdp: np.ndarray) -> dict[str, np.ndarray]:
    """Disposable income per capita growth: nominal GDP growth plus a gap (ngdp: (D, T+1))."""
    out = {}
    gaps = {"Urban": x["demand.urban_income_gap"], "Rural": x["demand.rural_income_gap"]}
    for area, gap in gaps.items():
        var = f"Income|Disposable|{area}|Growth"
        arr = ngdp + gap[:, None]
        arr[:, 0] = base.get(var)
        out[var] = arr
    return out


def price_series(base: Baseline, vol: Mapping, pr: Mapping) -> dict[str, np.ndarray]:
    """Double deflation of coal and power: gross output, the coal bill, implied prices and
    value-added deflators."""
    if not base.blocks.get("industry", False):
        return {}
    s = {}
    if base.blocks.get("coal", False):
        s["Gross Output|Coal Mining"] = pr["coal_gross"].T
        s["Price|Coal"] = (pr["coal_gross"] / vol["coal"] * 1e4).T  # 1e8 CNY / 1e4 t
        s["Price|Value Added|Coal Mining"] = prices.value_added_price(pr["coal_va"], vol["coal"]).T
    if base.blocks.get("power", False):
        s["Gross Output|Power"] = pr["power_gross"].T
        s["Intermediate Inputs|Power|Coal"] = pr["coal_bill"].T
        s["Price|Electricity"] = (pr["power_gross"] / vol["gen"]).T  # 1e8 CNY / 1e8 kWh
        s["Price|Value Added|Power"] = prices.value_added_price(pr["power_va"], vol["gen"]).T
    return s


def fiscal_series(
    x, base: Baseline, r: Mapping, vp: Mapping, agg: Mapping, pr: Mapping, s: dict
) -> dict[str, np.ndarray]:
    """Revenue by tax type, non-tax revenue and their growth (adds to ``s``; also the income
    series, which need nominal GDP growth). Returns the revenue arrays for ``detail``."""
    s.update(income_series(base, x, s["GDP|Nominal Growth"]))
    if not base.blocks.get("fiscal", False):
        return {}
    total0 = base.values["Revenue|General Public Budget"]
    tax0 = round(total0 * base.values["Revenue|Tax|Share"] / 100, 2)
    p = {
        "buoyancy": x["fiscal.tax_buoyancy"],
        "nontax_elasticity": x["fiscal.nontax_elasticity"],
        "vat_share": x["fiscal.vat_share"],
        "cit_share": x["fiscal.cit_share"],
        "resource_share": x["fiscal.resource_tax_share"],
        "profit_share": x["fiscal.profit_share"],
    }
    coal_sales = pr["coal_gross"] if base.blocks.get("coal") else np.zeros_like(agg["gdp"])
    rev = fiscal.project_revenue(
        vp["va"],
        agg["gdp"],
        vp["factor"],
        r["cpi"][1:],
        coal_sales,
        x["struct.trade_share"] / 100,
        tax0,
        total0 - tax0,
        p,
    )
    s["Revenue|General Public Budget"] = rev["total"].T
    s["Revenue|General Public Budget|Growth"] = framed_series(
        base.get("Revenue|General Public Budget|Growth"), rev["growth"]
    )
    s["Revenue|Tax"] = rev["tax"].T
    s["Revenue|Tax|Growth"] = framed_series(base.get("Revenue|Tax|Growth"), rev["tax_growth"])
    s["Revenue|Tax|Share"] = (100 * rev["tax"] / rev["total"]).T
    s["Revenue|Non-Tax"] = rev["nontax"].T
    for part, name in TAX_NAMES.items():
        s[f"Revenue|Tax|{name}"] = rev[part].T
    s["Profit|Non-Farm"] = rev["profits"].T
    return {f"revenue_{k}": rev[k] for k in fiscal.PARTS}


def input_series(base: Baseline, drivers: np.ndarray) -> frozenset[str]:
    """Series set directly by an input (a slider), not derived by the model."""
    inputs = {"Value Added|Primary|Real Growth", "Price|Consumer|Change"}
    if not drivers.any():
        inputs |= {"Value Added|Secondary|Real Growth", "Value Added|Tertiary|Real Growth"}
    inputs |= {"Investment|Fixed Assets|Growth", "Retail Sales|Growth"}
    if base.blocks.get("coal", False):
        inputs |= {"Production|Coal", "Production|Coal|Growth"}
    if base.blocks.get("power", False):
        inputs |= {
            "Electricity|Generation",
            "Electricity|Generation|Growth",
            "Capacity|Electricity|Added",
        }
    return frozenset(inputs)
