"""The record of January GDP targets and their outcomes (data/record/targets_outcomes.csv): the
basis of the Monte Carlo odds ("odds given the record of meeting targets").

Deviation = outcome - target in percentage points, by the rules of data/record/record_stats.py
(a range target's midpoint; estimates count as outcomes; a region-year counts once). From the
region-years with both sides this module gives:

- the sample mean and sd (n - 1) of the deviation, overall and for coal-and-power regions;
- a two-component normal mixture fitted by maximum likelihood (EM from a fixed start, so the
  fit is deterministic): "ordinary years" and "shock years" (2014-2015 for coal, 2020, 2022),
  whose weights, means and sds give the shape of the common year factor (heavier lower tail than
  a normal);
- the lag-1 correlation of consecutive deviations of one region (evidence for the persistence
  of shocks; few pairs, so the model's persistence stays an explicit input).

Pure arithmetic on the rows sim.io.record_rows returns; units: percentage points.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from .. import io

GDP = "GDP|Real Growth"


@dataclass(frozen=True)
class Mixture:
    """Two normal components (weights add to 1), in percentage points."""

    weight: tuple[float, float]
    mean: tuple[float, float]
    sd: tuple[float, float]

    @property
    def overall_mean(self) -> float:
        return float(np.dot(self.weight, self.mean))

    @property
    def overall_sd(self) -> float:
        w, m, s = map(np.asarray, (self.weight, self.mean, self.sd))
        return float(np.sqrt(np.dot(w, s**2 + m**2) - self.overall_mean**2))

    def standardised(self) -> Mixture:
        """The same shape with overall mean 0 and sd 1 (the year factor's distribution)."""
        mu, sd = self.overall_mean, self.overall_sd
        return Mixture(
            self.weight,
            tuple((m - mu) / sd for m in self.mean),
            tuple(s / sd for s in self.sd),
        )

    def pdf(self, x: np.ndarray) -> np.ndarray:
        x = np.asarray(x, dtype=float)[..., None]
        w, m, s = map(np.asarray, (self.weight, self.mean, self.sd))
        return (w * np.exp(-0.5 * ((x - m) / s) ** 2) / (s * np.sqrt(2 * np.pi))).sum(-1)


@dataclass(frozen=True)
class RecordBasis:
    """What the odds are calibrated on: counts, groups and fitted figures."""

    n: int  # region-years with both a GDP target and an outcome
    regions: int
    first_year: int
    last_year: int
    mean: float
    sd: float
    coal_n: int
    coal_mean: float
    coal_sd: float
    mixture: Mixture
    lag1_pairs: int
    lag1_corr: float
    deviations: tuple[float, ...]


def _reference(row: dict[str, str]) -> float | None:
    if row["target_qualifier"] == "range":
        return (float(row["target_low"]) + float(row["target_high"])) / 2
    return float(row["target_value"]) if row["target_value"] else None


def gdp_pairs(rows: list[dict[str, str]]) -> list[dict]:
    """Region-years with both GDP sides: region, level, year, coal class, deviation (pp)."""
    out = []
    for row in rows:
        if row["variable"] != GDP or not row["outcome_value"]:
            continue
        ref = _reference(row)
        if ref is None:
            continue
        out.append(
            {
                "region": row["region"],
                "level": row["region_level"],
                "year": int(row["year"]),
                "coal": row["coal_power_region"].split(":")[0].strip(),
                "dev": float(row["outcome_value"]) - ref,
            }
        )
    return out


def fit_mixture(x: np.ndarray, iters: int = 500, floor: float = 0.25) -> Mixture:
    """Two-component normal mixture by EM. Start: the lowest quarter of the sample as the shock
    component; sds kept above ``floor`` pp (a sample with ties, like four cities meeting their
    targets exactly, would otherwise collapse a component to zero width)."""
    x = np.sort(np.asarray(x, dtype=float))
    k = max(2, len(x) // 4)
    w = np.array([1 - k / len(x), k / len(x)])
    m = np.array([x[k:].mean(), x[:k].mean()])
    s = np.maximum([x[k:].std(), x[:k].std()], floor)
    for _ in range(iters):
        dens = w * np.exp(-0.5 * ((x[:, None] - m) / s) ** 2) / s
        r = dens / dens.sum(axis=1, keepdims=True)
        nk = r.sum(axis=0)
        w_new = nk / len(x)
        m_new = (r * x[:, None]).sum(axis=0) / nk
        s_new = np.maximum(np.sqrt((r * (x[:, None] - m_new) ** 2).sum(axis=0) / nk), floor)
        done = np.allclose([w, m, s], [w_new, m_new, s_new], atol=1e-10)
        w, m, s = w_new, m_new, s_new
        if done:
            break
    order = np.argsort(-m)  # ordinary years first, shock years second
    return Mixture(*(tuple(float(v) for v in a[order]) for a in (w, m, s)))


def lag1(pairs: list[dict]) -> tuple[int, float]:
    """Correlation of a region's deviation with its deviation the year before (pairs, r)."""
    by = {(p["region"], p["year"]): p["dev"] for p in pairs}
    xy = [(by[(r, y - 1)], d) for (r, y), d in by.items() if (r, y - 1) in by]
    if len(xy) < 3:
        return len(xy), float("nan")
    a = np.array(xy)
    return len(xy), float(np.corrcoef(a[:, 0], a[:, 1])[0, 1])


def basis_from_rows(rows: list[dict[str, str]]) -> RecordBasis:
    pairs = gdp_pairs(rows)
    if len(pairs) < 8:
        raise ValueError(f"the record has {len(pairs)} GDP region-years; at least 8 are needed")
    dev = np.array([p["dev"] for p in pairs])
    coal = np.array([p["dev"] for p in pairs if p["coal"] == "yes"])
    n_lag, r_lag = lag1(pairs)
    years = [p["year"] for p in pairs]
    return RecordBasis(
        n=len(pairs),
        regions=len({p["region"] for p in pairs}),
        first_year=min(years),
        last_year=max(years),
        mean=float(dev.mean()),
        sd=float(dev.std(ddof=1)),
        coal_n=len(coal),
        coal_mean=float(coal.mean()) if len(coal) else float("nan"),
        coal_sd=float(coal.std(ddof=1)) if len(coal) > 1 else float("nan"),
        mixture=fit_mixture(dev),
        lag1_pairs=n_lag,
        lag1_corr=r_lag,
        deviations=tuple(float(v) for v in dev),
    )


@lru_cache(maxsize=1)
def record_pairs() -> tuple[dict, ...]:
    """The committed record's GDP region-years (read once per process; treat as read-only)."""
    return tuple(gdp_pairs(io.record_rows()))


@lru_cache(maxsize=1)
def record_basis() -> RecordBasis:
    """The basis from the committed record (read once per process)."""
    return basis_from_rows(io.record_rows())
