"""Correlated, persistent shocks calibrated on the record of targets and outcomes (issue 12).

The growth drivers (primary growth, coal output, generation, other industry, investment, retail
sales, other services) share a common *year factor*: input j deviates from its chosen value by
sigma_j x z_j with

    z_j = a f + sqrt(1 - a^2) e_j          (a = odds.loading; e_j the sector's own shock)

so a bad year for industry is a bad year for services too. The factor f has the shape of the
record (sim.analysis.record: a two-component normal mixture of outcome minus target,
standardised: ordinary years and shock years), so the lower tail is heavier than a normal's.
Coal output is downside-skewed: a two-piece normal, its upper sd odds.coal_upside times the
lower one (coal.output's mc_sd). The coal price has its own yearly shock (mc_sd, no loading).

Calibration (``calibrate``), first projected year, on the model's own linear response of GDP
growth to each driver (one small projection): the open parts (primary, other industry, other
services) are scaled by one factor k, the drivers with their own record keeping their stated
mc_sd, so that GDP growth has the sd odds.spread; a shift of every driver by m sigma_j makes
its mean odds.bias below (or above) the deterministic run. Both use the exact moments of the
inputs as drawn (cut at their [min, max], skewed for coal), so the cut is accounted for.

Sampling is by inverse CDF on uniforms (scipy.special.ndtr / ndtri): given the year's regime
(ordinary or shock), each driver is normal, and its cut to [min, max] is exact. In target mode
the secondary and tertiary sliders are not drawn on their own: their shock is the sum of their
parts' shocks (coal, generation, other industry, construction through investment; trade
through retail sales, other services), weighted as the model weighs them.

Every year has shocks: f, e_j and the coal price follow AR(1) paths with coefficient
odds.persistence and unit variance, so later years spread as much as the first (plus the
long-run growth draw). Later years' shocks reach the model as additive path shocks on the
glided rates (``SHOCK`` + id in the input dict, sim.rates), net of the part of the first
year's deviation that the glide already carries. The bias applies to the target year only.
Units: every sigma and shock is in its input's unit (%, 10k t, 100m kWh); GDP in pp.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from scipy.optimize import brentq
from scipy.special import ndtr, ndtri

from ..baseline import Baseline
from ..errors import InputError
from ..metadata import ParamSet
from .evaluate import evaluate
from .record import Mixture

SHOCK = "shock|"  # key prefix of a path shock (T, draws) in the model's input dict
DRIVERS = (
    "growth.primary",
    "coal.output",
    "power.generation",
    "industry.other_growth",
    "demand.investment_growth",
    "demand.retail_growth",
    "services.other_growth",
)
OPEN = ("growth.primary", "industry.other_growth", "services.other_growth")
SKEWED = "coal.output"
LEVELS = {"coal.output": "Production|Coal", "power.generation": "Electricity|Generation"}
YEARLY_OWN = ("price.coal",)  # own AR(1) shock every year, no loading on the year factor
SECTOR_SUM = {
    "growth.secondary": "Value Added|Secondary|Real Growth",
    "growth.tertiary": "Value Added|Tertiary|Real Growth",
}
GDP = "GDP|Real Growth"
_TINY = 1e-12
SHIFT_MAX = 30.0  # the bias shift is searched within at least +- this many sd of each driver
SCALE_MIN, SCALE_MAX = 1e-4, 50.0  # the open parts' scale is searched within these


@dataclass
class Plan:
    """Everything the sampler needs, fixed for one run (arrays over DRIVERS)."""

    mu: np.ndarray  # chosen values
    sigma: np.ndarray  # calibrated sd (lower sd for coal), input units
    up: np.ndarray  # upper/lower sd ratio (1 except coal)
    lo: np.ndarray
    hi: np.ndarray
    active: np.ndarray  # bool: an input in this mode (else a latent part of a sector)
    grad: np.ndarray  # GDP pp per input unit, first year
    sector_grad: dict[str, np.ndarray]  # target mode: sector growth pp per input unit
    growth_per_unit: np.ndarray  # pp of the driver's own growth per unit (levels: 100/base)
    loading: float
    mixture: Mixture  # standardised year factor
    shift: float  # bias shift of every driver, in its sigma
    scale: float  # k on the open parts
    rho: float  # AR(1) of shocks
    glide: float  # horizon.persistence / 100 (what the model's glide carries)
    own_sigma: dict[str, float] = field(default_factory=dict)
    target_sd: float = 0.0
    bias: float = 0.0
    scaled_all: bool = False  # every driver scaled (the stated ones alone were too wide)


def _tn(alpha, beta):
    """Mean and variance of a standard normal cut to [alpha, beta] (arrays)."""
    fa = np.isfinite(alpha) & (alpha > -37.0)  # beyond: no cut on that side
    fb = np.isfinite(beta) & (beta < 37.0)
    a0, b0 = np.where(fa, alpha, 0.0), np.where(fb, beta, 0.0)
    lower = np.where(fb, ndtr(b0), 1.0) - np.where(fa, ndtr(a0), 0.0)
    upper = np.where(fa, ndtr(-a0), 1.0) - np.where(fb, ndtr(-b0), 0.0)
    z = np.maximum(np.where(a0 > 0, upper, lower), 1e-300)  # the accurate side of the tail
    da = np.where(fa, np.exp(-0.5 * a0 * a0), 0.0) / np.sqrt(2 * np.pi)
    db = np.where(fb, np.exp(-0.5 * b0 * b0), 0.0) / np.sqrt(2 * np.pi)
    lam = (da - db) / z
    var = 1 + (a0 * da - b0 * db) / z - lam**2
    # all the mass beyond one cut (a far shift): the cut end plus the Mills-ratio term
    hi_side, lo_side = fa & (a0 > 30.0), fb & (b0 < -30.0)
    a1, b1 = np.where(hi_side, a0, 1.0), np.where(lo_side, b0, -1.0)
    lam = np.where(hi_side, a1 + 1 / a1, np.where(lo_side, b1 + 1 / b1, lam))
    var = np.where(hi_side, 1 / a1**2, np.where(lo_side, 1 / b1**2, var))
    return lam, np.maximum(var, 0.0)


def _two_piece(m, v, up):
    """E[d] and E[d^2] of d = up * max(y, 0) + min(y, 0), y ~ N(m, v^2) (arrays)."""
    r = m / v
    pdf, cdf, sf = np.exp(-0.5 * r * r) / np.sqrt(2 * np.pi), ndtr(r), ndtr(-r)
    e_pos, e_neg = m * cdf + v * pdf, -m * sf + v * pdf
    e2_pos = (m * m + v * v) * cdf + m * v * pdf
    e2_neg = (m * m + v * v) * sf - m * v * pdf
    return up * e_pos - e_neg, up * up * e2_pos + e2_neg


def _regime(plan_like, k: int, a: np.ndarray):
    mix = plan_like["mixture"]
    m = a * mix.mean[k] + plan_like["shift"]
    v = np.sqrt(a * a * mix.sd[k] ** 2 + 1 - a * a)
    return m, v


def moments(p: dict) -> tuple[np.ndarray, np.ndarray]:
    """Mean and sd of each driver's first-year deviation (input units), as drawn."""
    a = np.full(p["mu"].shape, p["loading"])
    mean = np.zeros_like(p["mu"])
    second = np.zeros_like(p["mu"])
    skew = p["up"] != 1.0
    for k, w in enumerate(p["mixture"].weight):
        m, v = _regime(p, k, a)
        s = p["sigma"]
        with np.errstate(divide="ignore"):
            alpha = ((p["lo"] - p["mu"]) / s - m) / v
            beta = ((p["hi"] - p["mu"]) / s - m) / v
        lam, var = _tn(alpha, beta)
        e1, e2 = s * (m + v * lam), s * s * (v * v * var + (m + v * lam) ** 2)
        t1, t2 = _two_piece(m, v, p["up"])
        e1 = np.where(skew, s * t1, e1)
        e2 = np.where(skew, s * s * t2, e2)
        mean += w * e1
        second += w * e2
    return mean, np.sqrt(np.maximum(second - mean**2, 0.0))


def gdp_moments(p: dict) -> tuple[float, float]:
    """Mean and sd of first-year GDP growth's deviation (pp), linear in the drivers, with the
    correlation a^2 between two drivers through the year factor."""
    mean, sd = moments(p)
    c = p["grad"] * sd
    var = (1 - p["loading"] ** 2) * np.sum(c * c) + p["loading"] ** 2 * np.sum(c) ** 2
    return float(np.dot(p["grad"], mean)), float(np.sqrt(var))


def _gradients(values, base, pset):
    """d(GDP, secondary, tertiary growth)/d(driver) in the first year, drivers mode."""
    vals = {**values, "industry.mode": "drivers"}
    mu = np.array([float(vals[pid]) for pid in DRIVERS])
    h = np.array([max(1e-3, 1e-3 * abs(m)) for m in mu])
    X = np.tile(mu, (len(DRIVERS) + 1, 1))
    X[1:] += np.diag(h)
    outs = [GDP, *SECTOR_SUM.values()]
    Y = evaluate(X, list(DRIVERS), base, vals, outs, pset)
    d = (Y[1:] - Y[0]) / h[:, None]
    return d[:, 0], {pid: d[:, 1 + i] for i, pid in enumerate(SECTOR_SUM)}


def _per_unit(base: Baseline, pid: str) -> float:
    """Percentage points of the driver's own growth per unit (levels: 100 / base-year level;
    0 when the baseline lacks the level, whose block the model then leaves out)."""
    if pid not in LEVELS:
        return 1.0
    level = base.get(LEVELS[pid], float("nan"))
    return 100 / level if np.isfinite(level) and level > 0 else 0.0


def calibrate(
    values: Mapping[str, object],
    base: Baseline,
    pset: ParamSet,
    odds: Mapping[str, float],
    record_mixture: Mixture,
    spread: float = 1.0,
) -> Plan:
    """The plan for one run: sigmas, bias shift and scale so that first-year GDP growth has
    mean (deterministic + odds.bias) and sd (odds.spread x spread), as drawn (see the module
    docstring). Where the drivers with a stated spread alone would spread GDP growth more than
    odds.spread (a small spread with a high loading), every driver is scaled instead. Raises
    InputError (naming odds.bias or odds.spread) when no scale or shift reaches the targets
    within the inputs' ranges."""
    grad, sector_grad = _gradients(values, base, pset)
    mu = np.array([float(values[pid]) for pid in DRIVERS])
    base_sigma = np.array([pset[pid].mc_sd * spread for pid in DRIVERS])
    is_open = np.array([pid in OPEN for pid in DRIVERS])
    p = {
        "mu": mu,
        "sigma": base_sigma.copy(),
        "up": np.array([odds["odds.coal_upside"] if pid == SKEWED else 1.0 for pid in DRIVERS]),
        "lo": np.array([pset[pid].min for pid in DRIVERS], dtype=float),
        "hi": np.array([pset[pid].max for pid in DRIVERS], dtype=float),
        "grad": grad,
        "loading": float(odds["odds.loading"]),
        "mixture": record_mixture.standardised(),
        "shift": 0.0,
    }
    target_sd, bias = float(odds["odds.spread"]) * spread, float(odds["odds.bias"])

    scaled = is_open

    def with_scale(k: float) -> dict:
        q = dict(p, sigma=np.where(scaled, base_sigma * k, base_sigma))

        def gap(m: float) -> float:
            return gdp_moments(dict(q, shift=m))[0] - bias

        lin = abs(float(np.dot(q["grad"], q["sigma"])))  # GDP pp per sd of shift, uncut
        most = min(1e6, max(SHIFT_MAX, 3 * abs(bias) / max(lin, 1e-12)))
        if gap(-most) * gap(most) > 0:
            raise InputError(key="err_odds_bias", field="odds.bias", bias=f"{bias:g}")
        q["shift"] = brentq(gap, -most, most, xtol=1e-10)
        return q

    def sd_gap(k: float) -> float:
        return gdp_moments(with_scale(k))[1] - target_sd

    if not np.isfinite(grad).all() or not np.any(grad[[DRIVERS.index(o) for o in OPEN]]):
        raise InputError(key="err_odds_model", field="odds.spread")
    if sd_gap(SCALE_MIN) >= 0:  # the stated spreads alone are too wide: scale every driver
        scaled = np.ones_like(is_open)
    if sd_gap(SCALE_MAX) <= 0:
        raise InputError(key="err_odds_spread_high", field="odds.spread", sd=f"{target_sd:.2f}")
    k = brentq(sd_gap, SCALE_MIN, SCALE_MAX, xtol=1e-8)
    q = with_scale(k)
    active = np.array([pset[pid].active(values) for pid in DRIVERS])
    per_unit = np.array([_per_unit(base, pid) for pid in DRIVERS])
    return Plan(
        mu=mu,
        sigma=q["sigma"],
        up=q["up"],
        lo=q["lo"],
        hi=q["hi"],
        active=active,
        grad=grad,
        sector_grad=sector_grad,
        growth_per_unit=per_unit,
        loading=q["loading"],
        mixture=q["mixture"],
        shift=q["shift"],
        scale=k,
        rho=float(odds["odds.persistence"]),
        glide=float(values["horizon.persistence"]) / 100,
        own_sigma={pid: pset[pid].mc_sd * spread for pid in YEARLY_OWN},
        target_sd=target_sd,
        bias=bias,
        scaled_all=bool(np.all(scaled)),
    )


def _deviation(plan: Plan, z: np.ndarray) -> np.ndarray:
    """Deviation in input units from standardised shocks z (J, n): skewed for coal."""
    dev = z * plan.sigma[:, None]
    for j in np.flatnonzero(plan.up != 1.0):
        np.multiply(dev[j], plan.up[j], out=dev[j], where=z[j] > 0)
    return dev


def first_year(plan: Plan, rng: np.random.Generator, n: int):
    """(dev (J, n) first-year deviations in input units, z (J, n), f (n,)): the regime, the
    common factor and the sectors' own shocks, cut to the inputs' ranges by inverse CDF."""
    mix = plan.mixture
    shock = rng.random(n) < mix.weight[1]
    xi = rng.standard_normal(n)
    m_f = np.where(shock, mix.mean[1], mix.mean[0])
    s_f = np.where(shock, mix.sd[1], mix.sd[0])
    f = m_f + s_f * xi
    a, b = plan.loading, np.sqrt(1 - plan.loading**2)
    e = rng.standard_normal((len(DRIVERS), n))
    z = a * f + b * e
    y = z + plan.shift
    v = np.sqrt(a * a * s_f**2 + b * b)  # sd of z given the regime
    for j in range(len(DRIVERS)):
        if plan.up[j] != 1.0:
            continue  # coal: two-piece, far from its range (clipped below as a safeguard)
        s = plan.sigma[j]
        cm = a * m_f + plan.shift  # mean of y given the regime
        alpha = ((plan.lo[j] - plan.mu[j]) / s - cm) / v
        beta = ((plan.hi[j] - plan.mu[j]) / s - cm) / v
        pa, pb = ndtr(alpha), ndtr(beta)
        if pa.max() < _TINY and pb.min() > 1 - _TINY:
            continue
        u = pa + ndtr((y[j] - cm) / v) * (pb - pa)
        y[j] = cm + v * ndtri(np.clip(u, _TINY, 1 - _TINY))
    dev = _deviation(plan, y)
    np.clip(dev, (plan.lo - plan.mu)[:, None], (plan.hi - plan.mu)[:, None], out=dev)
    return dev, z, f


def later_years(plan: Plan, rng: np.random.Generator, z1: np.ndarray, f1: np.ndarray, years: int):
    """Standardised shocks (years, J, n) for years 1..years: year 1 is z1, later years AR(1)
    in the factor and the sectors' own shocks, each year's factor innovation from the record's
    mixture (a new regime every year)."""
    mix, rho = plan.mixture, plan.rho
    a, b = plan.loading, np.sqrt(1 - plan.loading**2)
    n = z1.shape[1]
    out = np.empty((years, *z1.shape))
    out[0] = z1
    f = f1.copy()
    e = (z1 - a * f1) / b if b > 0 else np.zeros_like(z1)
    c = np.sqrt(1 - rho * rho)
    means, sds = np.asarray(mix.mean), np.asarray(mix.sd)
    noise = np.empty_like(z1)
    for t in range(1, years):
        k = (rng.random(n) < mix.weight[1]).astype(np.intp)
        eta = rng.standard_normal(n)
        eta *= sds[k]
        eta += means[k]
        f *= rho
        f += c * eta
        rng.standard_normal(out=noise)
        noise *= c
        e *= rho
        e += noise
        np.multiply(e, b, out=out[t])
        out[t] += a * f
    return out
