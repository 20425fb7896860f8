"""Public-finance block: general public budget revenue = tax + non-tax, in 100m CNY.

Tax follows a weighted nominal base: sum over sub-sectors of weight x nominal value added. The
effective rate is calibrated so the base year reproduces its tax exactly (70.28 for Liupanshui
2023 = 110.33 x 63.7%); each year tax grows by (base growth) ** buoyancy. Non-tax revenue is its
own input in year 1 and then grows with nominal GDP.

Arrays are laid out (sub-sector, year, draw) as in sim.growth.
"""

from __future__ import annotations

import numpy as np

from .growth import COAL, PRI, SUBSECTORS, framed, rate_of_change


def tax_weights(coal_weight: np.ndarray, primary_weight: np.ndarray) -> np.ndarray:
    """Relative tax per yuan of value added by sub-sector, shape (6, draws); 1 for most."""
    w = np.ones((len(SUBSECTORS), coal_weight.shape[0]))
    w[COAL] = coal_weight
    w[PRI] = primary_weight
    return w


def project_revenue(
    va: np.ndarray,
    gdp: np.ndarray,
    weights: np.ndarray,
    tax0: float,
    nontax0: float,
    buoyancy: np.ndarray,
    nontax_growth: np.ndarray,
) -> dict[str, np.ndarray]:
    """Revenue paths.

    va: (6, T+1, D) nominal value added, 100m CNY; gdp: (T+1, D) its sum over sub-sectors.
    weights: (6, D). tax0, nontax0: base-year tax and non-tax revenue, 100m CNY.
    buoyancy: (D,) tax growth per unit of base growth. nontax_growth: (D,) % in year 1.
    Returns tax, nontax, total (T+1, D) in 100m CNY; growth and tax_growth (T+1, D) % framed
    (base-year row NaN); tax_by_sector (6, T+1, D) (tax split in proportion to each
    sub-sector's weighted base).
    """
    _, n1, d = va.shape
    weighted = va * weights[:, None, :]
    base = weighted.sum(axis=0)
    # A base that shrinks to nothing (extreme inputs) keeps tax at 0.1% of last year rather
    # than producing the power of a negative number; checks flag negative value added.
    ratio = base[1:] / np.maximum(base[:-1], 1e-9)
    np.maximum(ratio, 1e-3, out=ratio)
    tax = np.empty((n1, d))
    tax[0] = tax0
    for t in range(1, n1):
        np.power(ratio[t - 1], buoyancy, out=tax[t])
        tax[t] *= tax[t - 1]
    nontax = np.empty((n1, d))
    nontax[0] = nontax0
    if n1 > 1:
        nontax[1] = nontax0 * (1 + nontax_growth / 100)
    for t in range(2, n1):
        np.multiply(nontax[t - 1], gdp[t], out=nontax[t])
        nontax[t] /= gdp[t - 1]
    total = tax + nontax
    # the weighted base becomes each sub-sector's part of the tax, in place
    with np.errstate(divide="ignore", invalid="ignore"):
        weighted /= base
    np.copyto(weighted, 0.0, where=~(base > 0))
    weighted *= tax
    growth = framed(n_years=n1 - 1, draws=d)
    rate_of_change(total, growth[1:])
    tax_growth = framed(n_years=n1 - 1, draws=d)
    rate_of_change(tax, tax_growth[1:])
    return {
        "tax": tax,
        "nontax": nontax,
        "total": total,
        "growth": growth,
        "tax_growth": tax_growth,
        "tax_by_sector": weighted,
    }
