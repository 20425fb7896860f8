"""Energy block: the city's energy balance in 万吨标准煤 (10k tce), counted by a chosen rule.

Power plants burn coal (supplied power coal x the share burned locally x a standard-coal factor);
the plants' coal rate is that energy over coal-fired generation. Non-fossil generation counts as
primary electricity at the same coal rate (China's equivalent-value method). The other sectors'
direct fuel use (electricity excluded: it is in the plants' coal) grows with their activity and
falls with their efficiency gain. Local electricity use follows the other sectors' energy use;
generation minus local use is power sent out.

Counted total = plant coal + non-fossil power + direct use of the sectors
              - exported power x k          (k: 0 gross, 122.9 g/kWh calorific, the coal rate
                                              equivalent; net imports are always counted at the
                                              coal rate)
              - feedstock (switch, 发改环资〔2022〕803号)
              - non-fossil energy left in the total (switch, 发改环资〔2024〕113号)
The parts (deductions negative) add up to the total. Energy intensity (tce per 万元) is the
total over real GDP at base-year prices; its change is energy growth over real GDP growth.

Units: energy 10k tce; electricity 100m kWh; coal 10k t; coal rate gce/kWh (10k tce x 100 /
100m kWh). Arrays are (year, draw) with the base year first, as in sim.power.
"""

from __future__ import annotations

import numpy as np

from .growth import COAL, CONS, OIND, PRI, TER

# 1 kWh = 3.6 MJ; 1 kgce = 29.3076 MJ (7000 kcal x 4.1868 kJ/kcal): 3.6 / 29.3076 = 0.1228 kgce,
# written 0.1229 in GB/T 2589 and the statistics (电力当量值).
CALORIFIC_G_PER_KWH = 122.9
RULES = ("gross", "net_calorific", "net_equivalent")
# direct-use sectors in the order of the balance (rows of `direct`), their sub-sector index
DIRECT = {"Coal Mining": COAL, "Other Industry": OIND, "Construction": CONS, "Primary": PRI}
DIRECT_TERTIARY = ("Tertiary", TER)
SECTOR_NAMES = (*DIRECT, DIRECT_TERTIARY[0])


def direct_use(d0: np.ndarray, factor: np.ndarray, eff: np.ndarray) -> np.ndarray:
    """Direct fuel use by sector, (5, T+1, D) 10k tce. d0: (5, D) base year, rows as
    SECTOR_NAMES; factor: (5, T, D) 1 + activity growth / 100; eff: (5, D) % saved a year."""
    _, n, d = factor.shape
    out = np.empty((d0.shape[0], n + 1, d))
    out[:, 0] = d0
    step = out[:, 1:]
    np.multiply(factor, (1 - eff / 100)[:, None, :], out=step)
    for t in range(1, n):
        step[:, t] *= step[:, t - 1]
    step *= d0[:, None, :]
    return out


def balance(
    plant: np.ndarray,
    gen: np.ndarray,
    thermal: np.ndarray,
    direct: np.ndarray,
    local0: np.ndarray,
    feedstock_share: np.ndarray,
    rule: np.ndarray,
    feed_on: np.ndarray,
    nonfossil_on: np.ndarray,
) -> dict[str, np.ndarray]:
    """The counted balance. plant: (T+1, D) plant coal burned, 10k tce; gen: (T+1, D) 100m kWh;
    thermal: (D,) coal-fired share of generation, %; direct: (5, T+1, D) from direct_use;
    local0: (D,) base-year local electricity use, 100m kWh; feedstock_share: (D,) % of other
    industry's use; rule: (D,) index into RULES; feed_on, nonfossil_on: (D,) 1 = deduct.

    Returns parts (each (T+1, D), 10k tce; deductions negative), total, coal_rate (gce/kWh),
    local use and exports (100m kWh) and the pieces carbon needs."""
    th = thermal / 100
    rate = np.zeros_like(gen)  # gce/kWh = 100 x 10k tce / (100m kWh of coal-fired power)
    coal_gen = gen * th[None, :]
    np.divide(plant, coal_gen, out=rate, where=coal_gen > 0)
    rate *= 100
    # non-fossil kWh at the coal rate: (1 - θ) G r / 100 = plant (1 - θ) / θ
    nonfossil = plant * ((1 - th) / np.maximum(th, 1e-12))[None, :]
    d_total = direct.sum(axis=0)
    scale = np.divide(local0, d_total[0], out=np.zeros_like(local0), where=d_total[0] > 0)
    local = d_total * scale[None, :]
    local[:, ~(d_total[0] > 0)] = local0[~(d_total[0] > 0)]
    exports = gen - local
    # exports deducted at the rule's factor, net imports counted at the coal rate; a kWh cannot
    # hold more than the coal burned for it, so the calorific deduction is capped at the rate
    # (below 122.9 g/kWh the inputs are unphysical: the checks say so)
    adjust = exports * rate
    adjust /= 100
    for code, cols in ((0, np.flatnonzero(rule == 0)), (1, np.flatnonzero(rule == 1))):
        if cols.size:
            e, a = exports[:, cols], adjust[:, cols]
            k = 0.0 if code == 0 else np.minimum(a, e * (CALORIFIC_G_PER_KWH / 100))
            adjust[:, cols] = np.where(e > 0, k, a)
    feedstock = direct[1] * (feedstock_share / 100)[None, :]
    feed = feedstock * (feed_on > 0)[None, :]
    # non-fossil energy still in the total: all of it less the non-fossil part of the exports
    nf = np.maximum(adjust, 0)
    nf *= -(1 - th)[None, :]
    nf += nonfossil
    nf *= (nonfossil_on > 0)[None, :]
    parts = {"Power Plants": plant, "Non-Fossil Power": nonfossil}
    for j, name in enumerate(SECTOR_NAMES):
        parts[name] = direct[j]
    parts["Exported Electricity"] = -adjust
    parts["Feedstock"] = -feed
    parts["Non-Fossil Deduction"] = -nf
    total = plant + nonfossil
    total += d_total
    total -= adjust
    total -= feed
    total -= nf
    return {
        "parts": parts,
        "total": total,
        "coal_rate": rate,
        "local": local,
        "exports": exports,
        "export_adjust": adjust,
        "feedstock": feedstock,
    }


def carbon(
    bal: dict[str, np.ndarray],
    direct: np.ndarray,
    thermal: np.ndarray,
    ef_coal: np.ndarray,
    ef_industry: np.ndarray,
    ef_other: np.ndarray,
) -> dict[str, np.ndarray]:
    """Energy-related CO2, 10k t, counted like energy: the plants' coal (all of it) less the
    coal-fired part of the export deduction, the sectors' fuel (feedstock carbon is stored, not
    emitted); non-fossil power emits none. ef_*: (D,) t CO2 per tce."""
    coal_ef = (thermal / 100 * ef_coal)[None, :]
    plants = bal["parts"]["Power Plants"] * ef_coal[None, :]
    parts = {"Power Plants": plants, "Exported Electricity": bal["export_adjust"] * -coal_ef}
    total = plants + parts["Exported Electricity"]
    gross = plants.copy()
    for j, name in enumerate(SECTOR_NAMES):
        if name == "Other Industry":
            use = direct[j] - bal["feedstock"]
            use *= ef_industry[None, :]
        else:
            ef = ef_industry if name == "Coal Mining" else ef_other
            use = direct[j] * ef[None, :]
        parts[name] = use
        total += use
        gross += use
    share = np.zeros_like(gross)
    np.divide(plants, gross, out=share, where=gross > 0)
    share *= 100
    return {"parts": parts, "total": total, "plant_share": share}


def chained(growth: np.ndarray) -> np.ndarray:
    """(T, D) growth % -> (T+1, D) index, base year 1."""
    out = np.empty((growth.shape[0] + 1, growth.shape[1]))
    out[0] = 1.0
    np.divide(growth, 100, out=out[1:])
    out[1:] += 1
    np.cumprod(out, axis=0, out=out)
    return out


def intensity_change(
    level: np.ndarray, real_gdp: np.ndarray, *, cumulative: bool = True
) -> dict[str, np.ndarray]:
    """level: (T+1, D) energy or CO2; real_gdp: (T+1, D) chained index. Returns framed
    (T+1, D) arrays, row 0 NaN: growth % of the level, change of the level per unit of GDP %
    and (if asked) the cumulative change per unit of GDP since the base year %."""
    shape = level.shape
    growth, change = np.full(shape, np.nan), np.full(shape, np.nan)
    with np.errstate(divide="ignore", invalid="ignore"):
        np.divide(level[1:], level[:-1], out=growth[1:])
        np.divide(growth[1:], real_gdp[1:] / real_gdp[:-1], out=change[1:])
        out = {"growth": growth, "change": change}
        if cumulative:
            cum = np.full(shape, np.nan)
            np.divide(level[1:], level[:1], out=cum[1:])
            cum[1:] /= real_gdp[1:]
            cum[1:] -= 1
            cum[1:] *= 100
            out["cumulative"] = cum
    for arr in (growth, change):
        arr[1:] -= 1
        arr[1:] *= 100
    return out


def allowed_energy_growth(intensity_target: float, gdp_growth: np.ndarray) -> np.ndarray:
    """Energy-use growth (%) that an intensity change of ``intensity_target`` % permits at the
    given real GDP growth (%): (1 + target)(1 + g) - 1. -2.8% with 5.5% gives 2.55%."""
    return 100 * ((1 + intensity_target / 100) * (1 + gdp_growth / 100) - 1)
