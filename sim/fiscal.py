"""Public-finance block: general public budget revenue = tax + non-tax, in 100m CNY.

Tax follows a weighted nominal base: sum over sub-sectors of weight x nominal value added. The
effective rate is calibrated so the base year reproduces its tax exactly (70.28 for Liupanshui
2023 = 110.33 x 63.7%); each year tax grows by (base growth) ** buoyancy. Non-tax revenue is its
own input in year 1 and then grows with nominal GDP.
"""

from __future__ import annotations

import numpy as np

from .growth import COAL, PRI, SUBSECTORS


def tax_weights(coal_weight: np.ndarray, primary_weight: np.ndarray) -> np.ndarray:
    """Relative tax per yuan of value added by sub-sector, shape (draws, 6); 1 for most."""
    w = np.ones((coal_weight.shape[0], len(SUBSECTORS)))
    w[:, COAL] = coal_weight
    w[:, PRI] = primary_weight
    return w


def project_revenue(
    va: np.ndarray,
    weights: np.ndarray,
    tax0: float,
    nontax0: float,
    buoyancy: np.ndarray,
    nontax_growth: np.ndarray,
) -> dict[str, np.ndarray]:
    """Revenue paths.

    va: (D, T+1, 6) nominal value added, 100m CNY. weights: (D, 6). tax0, nontax0: base-year
    tax and non-tax revenue, 100m CNY. buoyancy: (D,) tax growth per unit of base growth.
    nontax_growth: (D,) % in year 1.
    Returns tax, nontax, total (D, T+1) in 100m CNY; growth (D, T) %; tax_by_sector (D, T+1, 6)
    (tax split in proportion to each sub-sector's weighted base) and rate (D,) tax per unit base.
    """
    d, n1, _ = va.shape
    base = (va * weights[:, None, :]).sum(axis=-1)
    # A base that shrinks to nothing (extreme inputs) keeps tax at 0.1% of last year rather
    # than producing the power of a negative number; checks flag negative value added.
    ratio = np.maximum(base[:, 1:] / np.maximum(base[:, :-1], 1e-9), 1e-3)
    tax = np.empty((d, n1))
    tax[:, 0] = tax0
    for t in range(1, n1):
        tax[:, t] = tax[:, t - 1] * ratio[:, t - 1] ** buoyancy
    gdp = va.sum(axis=-1)
    nontax = np.empty((d, n1))
    nontax[:, 0] = nontax0
    if n1 > 1:
        nontax[:, 1] = nontax0 * (1 + nontax_growth / 100)
    for t in range(2, n1):
        nontax[:, t] = nontax[:, t - 1] * gdp[:, t] / gdp[:, t - 1]
    total = tax + nontax
    with np.errstate(divide="ignore", invalid="ignore"):
        split = np.where(base[..., None] > 0, va * weights[:, None, :] / base[..., None], 0.0)
    return {
        "tax": tax,
        "nontax": nontax,
        "total": total,
        "growth": 100 * (total[:, 1:] / total[:, :-1] - 1),
        "tax_growth": 100 * (tax[:, 1:] / tax[:, :-1] - 1),
        "tax_by_sector": tax[..., None] * split,
        "rate": tax0 / base[:, 0],
    }
