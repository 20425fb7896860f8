"""Demand block: investment drives construction, retail sales drive trade and catering, and
household incomes follow nominal GDP.

- Construction's real value added follows building-and-installation investment (建安投资),
  assumed to keep its share of fixed-asset investment: real growth = elasticity x (nominal
  investment growth deflated by the investment-goods price).
- Wholesale, retail, accommodation and catering follow retail sales deflated by consumer prices
  (China's related-indicator method for these industries). Services are split into that part
  and the rest; both are deflated by consumer prices, so their nominal shares move with their
  relative real growth. In drivers mode tertiary growth is the weighted sum of the two; in
  target mode tertiary growth is given and the rest of services is the residual.
- Disposable income per capita grows with nominal GDP plus a gap (urban, rural).

All rates in %, arrays (year, draw); shares as fractions.
"""

from __future__ import annotations

import numpy as np


def deflate(nominal: np.ndarray, price: np.ndarray) -> np.ndarray:
    """Real growth % from nominal growth % and a price change %."""
    return 100 * ((1 + nominal / 100) / (1 + price / 100) - 1)


def construction_growth(
    investment: np.ndarray, price: np.ndarray, elasticity: np.ndarray
) -> np.ndarray:
    """Construction real growth (T, D): elasticity (D,) x real investment growth."""
    return elasticity * deflate(investment, price)


def services_split(
    share0: np.ndarray,
    g_trade: np.ndarray,
    g_tertiary: np.ndarray | None = None,
    g_other: np.ndarray | None = None,
) -> dict[str, np.ndarray]:
    """Tertiary growth from its two parts, or the rest's growth from tertiary growth.

    share0: (D,) trade and catering in base-year services, fraction. g_trade: (T, D) its real
    growth. Give g_other (drivers mode) to get g_tertiary, or g_tertiary (target mode) to get
    g_other as the residual. Returns g_tertiary, g_other (T, D) and share (T+1, D), the trade
    share of services at the end of each year (row 0 the base year)."""
    n, d = g_trade.shape
    share = np.empty((n + 1, d))
    share[0] = share0
    g_ter = np.empty((n, d)) if g_tertiary is None else g_tertiary
    g_oth = np.empty((n, d)) if g_other is None else g_other
    for t in range(n):
        s = share[t]
        if g_tertiary is None:
            np.add(s * g_trade[t], (1 - s) * g_oth[t], out=g_ter[t])
        else:
            with np.errstate(divide="ignore", invalid="ignore"):
                rest = np.where(s < 1, (g_ter[t] - s * g_trade[t]) / (1 - s), g_ter[t])
            g_oth[t] = rest
        trade = s * (1 + g_trade[t] / 100)
        other = (1 - s) * (1 + g_oth[t] / 100)
        with np.errstate(divide="ignore", invalid="ignore"):
            share[t + 1] = np.where(trade + other > 0, trade / (trade + other), s)
    return {"g_tertiary": g_ter, "g_other": g_oth, "share": share}


def nominal_longrun(real: np.ndarray, inflation: np.ndarray) -> np.ndarray:
    """A nominal long-run growth rate % from real growth and inflation (both %)."""
    return 100 * ((1 + real / 100) * (1 + inflation / 100) - 1)
