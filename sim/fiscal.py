"""Public-finance block: general public budget revenue = tax by type + non-tax, in 100m CNY.

Tax is split into the four parts a Chinese city budget collects, each on a base the model
computes, calibrated so the base year reproduces its tax exactly (70.28 for Liupanshui 2023 =
110.33 x 63.7%):

- VAT (local 50% share): base = sum of nominal value added weighted by the statutory VAT rate
  of each sub-sector (13% industry, 9% construction, 13% trade and 6% other services, farm
  produce exempt); tax grows with the base to the power ``buoyancy``.
- Corporate income tax (local 40% share): on the previous year's profits, so a fall in profits
  reaches revenue a year later. Profits = nominal value added less the other factor incomes
  (compensation, depreciation, production taxes), which move with real output and consumer
  prices; profits cannot go below zero. The base year's tax stands for the tax on the year
  before (no earlier profits are known), so the first projected year repeats it.
- Resource tax (local): ad valorem, rate x share kept in the city x coal sales (gross output
  of coal mining), in the same year.
- Other taxes (personal income, city maintenance, land and property related, stamp, ...): the
  rest of base-year tax, growing with nominal GDP to the power ``buoyancy``.

Non-tax revenue grows with nominal GDP times an elasticity.

Arrays are laid out (sub-sector, year, draw) as in sim.growth.
"""

from __future__ import annotations

import numpy as np

from .growth import COAL, CONS, OIND, POWER, PRI, TER, framed, rate_of_change

# Statutory VAT rates (%) since April 2019 (财政部 税务总局 海关总署公告2019年第39号): goods
# 13%, construction 9%, most services 6%; farmers' own produce is exempt.
VAT_RATES = {PRI: 0.0, COAL: 13.0, POWER: 13.0, OIND: 13.0, CONS: 9.0}
TRADE_VAT, SERVICES_VAT = 13.0, 6.0
PARTS = ("vat", "cit", "resource", "other")


def vat_weights(trade_share: np.ndarray) -> np.ndarray:
    """(6, D) statutory VAT rate of each sub-sector, %; services mix trade and the rest."""
    w = np.empty((6, trade_share.shape[0]))
    for k, rate in VAT_RATES.items():
        w[k] = rate
    w[TER] = TRADE_VAT * trade_share + SERVICES_VAT * (1 - trade_share)
    return w


def profits(
    va: np.ndarray, factor: np.ndarray, cpi: np.ndarray, profit_share: np.ndarray
) -> np.ndarray:
    """Taxable profits (T+1, D) of the non-farm sub-sectors, 100m CNY.

    va: (6, T+1, D) nominal value added; factor: (6, T, D) 1 + real growth / 100; cpi: (T, D)
    consumer price change %; profit_share: (D,) profits in % of base-year value added. Each
    sub-sector's other factor incomes are (1 - share) of its base value added, moved by its
    real output and consumer prices; its profit is the rest, floored at zero."""
    _, n1, d = va.shape
    cost = (1 - profit_share / 100) * va[:, 0]  # (6, D)
    price = np.ones(d)
    out = np.empty((n1, d))
    out[0] = 0.0
    real = np.ones((6, d))
    for t in range(n1):
        if t:
            real *= factor[:, t - 1]
            price = price * (1 + cpi[t - 1] / 100)
        prof = va[:, t] - cost * real * price
        np.maximum(prof, 0.0, out=prof)
        prof[PRI] = 0.0  # farm income is exempt from corporate income tax
        out[t] = prof.sum(axis=0)
    return out


def grow(level0: np.ndarray, base: np.ndarray, buoyancy: np.ndarray) -> np.ndarray:
    """level0 (D,) moved by base (T+1, D) ratios to the power buoyancy (D,). A base that shrinks
    to nothing (extreme inputs) keeps the level at 0.1% of last year's rather than taking a
    power of a negative number; the checks flag negative value added."""
    n1, d = base.shape
    ratio = base[1:] / np.maximum(base[:-1], 1e-9)
    np.maximum(ratio, 1e-3, out=ratio)
    out = np.empty((n1, d))
    out[0] = level0
    for t in range(1, n1):
        np.power(ratio[t - 1], buoyancy, out=out[t])
        out[t] *= out[t - 1]
    return out


def project_revenue(
    va: np.ndarray,
    gdp: np.ndarray,
    factor: np.ndarray,
    cpi: np.ndarray,
    coal_sales: np.ndarray,
    trade_share: np.ndarray,
    tax0: float,
    nontax0: float,
    p: dict[str, np.ndarray],
) -> dict[str, np.ndarray]:
    """Revenue paths.

    va: (6, T+1, D) nominal value added; gdp: (T+1, D) nominal GDP; factor: (6, T, D);
    cpi: (T, D) %; coal_sales: (T+1, D) coal mining's gross output; trade_share: (D,) fraction.
    tax0, nontax0: base-year tax and non-tax revenue. p: (D,) arrays buoyancy, nontax_elasticity,
    vat_share, cit_share, resource_share (% of tax0), profit_share (%). The resource tax is ad
    valorem: the base-year amount times the ratio of coal sales (none without coal sales).
    Returns (T+1, D): vat, cit, resource, other, tax, nontax, total, profits; framed growth and
    tax_growth (base-year row NaN)."""
    _, n1, d = va.shape
    vat_base = np.einsum("kd,ktd->td", vat_weights(trade_share), va)
    sales0 = coal_sales[0]
    has_coal = sales0 > 0
    resource0 = np.where(has_coal, tax0 * p["resource_share"] / 100, 0.0)
    resource = coal_sales * (resource0 / np.where(has_coal, sales0, 1.0))
    vat0 = tax0 * p["vat_share"] / 100
    cit0 = tax0 * p["cit_share"] / 100
    out = {
        "vat": grow(vat0, vat_base, p["buoyancy"]),
        "resource": resource,
        "other": grow(tax0 - vat0 - cit0 - resource[0], gdp, p["buoyancy"]),
    }
    prof = profits(va, factor, cpi, p["profit_share"])
    cit = np.empty((n1, d))
    cit[0] = cit0
    scale = cit0 / np.maximum(prof[0], 1e-9)
    np.multiply(prof[:-1], scale, out=cit[1:])
    out["cit"] = cit
    tax = out["vat"] + cit
    tax += resource
    tax += out["other"]
    nontax = np.empty((n1, d))
    nontax[0] = nontax0
    for t in range(1, n1):
        step = (gdp[t] / np.maximum(gdp[t - 1], 1e-9) - 1) * p["nontax_elasticity"]
        np.maximum(step, -0.999, out=step)
        np.multiply(nontax[t - 1], 1 + step, out=nontax[t])
    total = tax + nontax
    growth = framed(n_years=n1 - 1, draws=d)
    rate_of_change(total, growth[1:])
    tax_growth = framed(n_years=n1 - 1, draws=d)
    rate_of_change(tax, tax_growth[1:])
    out.update(
        tax=tax,
        nontax=nontax,
        total=total,
        profits=prof,
        growth=growth,
        tax_growth=tax_growth,
    )
    return out
