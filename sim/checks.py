"""Consistency checks in plain words: identities, the sector mix against the headline, what
the secondary, 规上 and tertiary targets require of the parts the drivers leave open, the
energy target against coal and power growth, investment against construction, the GDP
deflator against the city's record, plant utilisation and the physical limits.

Each check returns a Check with a level (ok / info / warn) and a message in both languages.
Checks of the report's targets look at the target year (the first projected year); identities,
residuals, utilisation and physical limits look at every projected year and name the first
year that fails. Draw 0 is checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import io, physical
from .checks_energy import energy_checks
from .energy import allowed_energy_growth
from .growth import COAL, CONS, OIND, POWER
from .i18n import t
from .model import Projection
from .targets import TargetSet

IDENTITY_TOL = 1e-6  # 100m CNY
WIDE_RANGE = (-30.0, 40.0)  # % a year: other industry's growth band without a city record
HOURS_WARN = 1.25  # utilisation above 125% of the base year is flagged
RECORD = io.DATA_DIR / "record_liupanshui.csv"
INDUSTRY_RECORD = (
    "Value Added|Industry|Real Growth",
    "Value Added|Industry Above Scale|Real Growth",
)
# The city's GDP deflator 2020-2023 (from the GDP levels and real growth of the history rows).
DEFLATOR_YEARS = (2020, 2021, 2022, 2023)


@dataclass
class Check:
    id: str
    level: str  # ok | info | warn
    zh: str
    en: str
    value: float | None = None

    def text(self, lang: str = "zh") -> str:
        return self.zh if lang == "zh" else self.en


def _c(cid: str, level: str, key: str, value: float | None = None, **kw) -> Check:
    kw = {k: (f"{v:.2f}" if isinstance(v, float) else v) for k, v in kw.items()}
    return Check(cid, level, t(key, "zh", **kw), t(key, "en", **kw), value)


@lru_cache(maxsize=4)
def record_band(region: str = "Liupanshui") -> tuple[float, float, int]:
    """Plausible band of industry growth from the city's record: mean +- 2 sd (ddof 1) of its
    recorded industry and 规上 growth rates (data/record_liupanshui.csv), and the number of
    years. Another region gets the wide band."""
    df = io.read_baseline_frame(RECORD)
    vals = df[(df["region"] == region) & df["variable"].isin(INDUSTRY_RECORD)]["value"]
    if len(vals) < 3:
        return (*WIDE_RANGE, 0)
    m, sd = float(vals.mean()), float(vals.std(ddof=1))
    return (m - 2 * sd, m + 2 * sd, len(vals))


def deflator_record(base) -> dict[int, float]:
    """{year: GDP deflator change %} from the baseline's GDP levels and real growth."""
    lv, g = base.history("GDP"), base.history("GDP|Real Growth")
    out = {}
    for y in DEFLATOR_YEARS:
        if y in lv.index and y - 1 in lv.index and y in g.index:
            out[y] = 100 * (lv[y] / lv[y - 1] / (1 + g[y] / 100) - 1)
    return out


def consistency(
    proj: Projection, targets: TargetSet, base=None, checks: Mapping[str, float] | None = None
) -> list[Check]:
    """Every check of ``proj``; ``checks``: the [[check]] inputs (sim.side_inputs.check_values;
    defaults when None)."""
    s, out = proj.series, []
    out += [c for b in physical.breaks(proj) for c in [_break_check(b)]]
    out.append(_identity(proj))
    out.append(_shares(proj))
    g = float(s["GDP|Real Growth"][0, 1])
    gdp_t = targets.by_variable("GDP|Real Growth")
    if gdp_t:
        gap = g - gdp_t.value
        level = "ok" if gap >= -targets.tolerance else "warn"
        out.append(_c("mix", level, "check_mix", gap, mix=g, target=gdp_t.value, gap=gap))
    out += _implied(proj, targets)
    out += _residual_years(proj)
    out += _energy(proj, targets, g)
    out += energy_checks(proj, targets, _c, checks)
    out += _investment(proj, targets)
    out += _hours(proj)
    out += _prices(proj, base)
    if "Revenue|Tax|Growth" in s:
        ngdp = float(s["GDP|Nominal Growth"][0, 1])
        nontax = 100 * (float(s["Revenue|Non-Tax"][0, 1]) / float(s["Revenue|Non-Tax"][0, 0]) - 1)
        tax = float(s["Revenue|Tax|Growth"][0, 1])
        out.append(_c("tax", "info", "check_tax", tax, tax=tax, ngdp=ngdp, nontax=nontax))
    if len(proj.years) > 2:
        out.append(_c("glide", "info", "check_glide", None, first=proj.years[1] + 1))
    return out


def _break_check(b: physical.Break) -> Check:
    return Check(f"limit_{b.variable}", "warn", b.text("zh"), b.text("en"), b.value)


def _identity(proj: Projection) -> Check:
    s = proj.series
    va = sum(s[f"Value Added|{x}"] for x in ("Primary", "Secondary", "Tertiary"))
    diff = float(np.abs(va - s["GDP"]).max())
    parts = [f"Revenue|Tax|{k}" for k in ("VAT", "Corporate Income", "Resource", "Other")]
    if all(p in s for p in parts):
        diff = max(diff, float(np.abs(sum(s[p] for p in parts) - s["Revenue|Tax"]).max()))
    level = "ok" if diff < IDENTITY_TOL else "warn"
    return _c("identity", level, "check_identity", diff, diff=f"{diff:.6f}")


def _shares(proj: Projection) -> Check:
    s = proj.series
    shares = np.stack([s[f"Share|{x}"][0] for x in ("Primary", "Secondary", "Tertiary")])
    total = shares.sum(axis=0)
    bad = np.flatnonzero(np.abs(total - 100) >= 1e-6)
    j = int(bad[0]) if len(bad) else 1
    p, sec, ter = (float(v) for v in shares[:, j])
    return _c(
        "shares",
        "warn" if len(bad) else "ok",
        "check_shares",
        float(total[j]),
        year=proj.years[j],
        p=f"{p:.1f}",
        s=f"{sec:.1f}",
        t=f"{ter:.1f}",
        total=f"{total[j]:.1f}",
    )


def implied_other_industry(proj: Projection, secondary: float, industry: bool = False) -> float:
    """Other industry's growth (%) in the first projected year that would give secondary
    growth ``secondary`` (or, with ``industry``, industry growth ``secondary``), the other
    sub-sectors' growth as projected. NaN where other industry has no weight."""
    w, g = proj.detail["w"][0, 0], proj.detail["g"][0, 0]  # (6,) year 1, draw 0
    parts = [COAL, POWER] if industry else [COAL, POWER, CONS]
    whole = w[[COAL, POWER, OIND]].sum() if industry else w[[COAL, POWER, OIND, CONS]].sum()
    if w[OIND] <= 0:
        return float("nan")
    return float((whole * secondary - sum(w[k] * g[k] for k in parts)) / w[OIND])


def _implied(proj: Projection, targets: TargetSet) -> list[Check]:
    """What the secondary, 规上 and tertiary targets ask of the open parts (first year)."""
    s, out = proj.series, []
    if "Value Added|Other Industry|Real Growth" not in s:
        return out
    lo, hi, n = record_band(proj.region)
    oind = float(s["Value Added|Other Industry|Real Growth"][0, 1])
    band = {"lo": lo, "hi": hi, "n": n}
    for tid, industry, key in (
        ("Value Added|Secondary|Real Growth", False, "check_implied_secondary"),
        ("Value Added|Industry Above Scale|Real Growth", True, "check_implied_above_scale"),
    ):
        tg = targets.by_variable(tid)
        if not tg:
            continue
        need = implied_other_industry(proj, tg.value, industry)
        got = float(s[tid][0, 1])
        inside = lo <= need <= hi
        level = "ok" if got >= tg.value - targets.tolerance else "warn" if not inside else "info"
        out.append(
            _c(
                f"implied_{'above_scale' if industry else 'secondary'}",
                level,
                key + ("" if inside else "_out"),
                need,
                target=tg.value,
                need=need,
                got=got,
                oind=oind,
                **band,
            )
        )
    ter_t = targets.by_variable("Value Added|Tertiary|Real Growth")
    if ter_t and "Value Added|Trade and Catering|Real Growth" in s:
        trade = float(s["Value Added|Trade and Catering|Real Growth"][0, 1])
        share = float(s["Value Added|Trade and Catering"][0, 0] / s["Value Added|Tertiary"][0, 0])
        need = (ter_t.value - share * trade) / (1 - share) if share < 1 else float("nan")
        got = float(s["Value Added|Tertiary|Real Growth"][0, 1])
        level = "ok" if got >= ter_t.value - targets.tolerance else "info"
        out.append(
            _c(
                "implied_tertiary",
                level,
                "check_implied_tertiary",
                need,
                target=ter_t.value,
                need=need,
                got=got,
                trade=trade,
                retail=float(s["Retail Sales|Growth"][0, 1]),
            )
        )
    return out


def _residual_years(proj: Projection) -> list[Check]:
    """Target mode: other industry (the residual) inside the city's record band every year."""
    s = proj.series
    if proj.mode == "drivers" or "Value Added|Other Industry|Real Growth" not in s:
        return []
    lo, hi, n = record_band(proj.region)
    row = s["Value Added|Other Industry|Real Growth"][0]
    bad = [j for j in range(1, len(row)) if not lo <= row[j] <= hi]
    if not bad:
        return []
    j = bad[0]
    return [
        _c(
            "residual",
            "warn",
            "check_residual_years",
            float(row[j]),
            year=proj.years[j],
            oind=float(row[j]),
            lo=lo,
            hi=hi,
            n=n,
        )
    ]


def _energy(proj: Projection, targets: TargetSet, g: float) -> list[Check]:
    s = proj.series
    ei_t = targets.by_variable("Energy Intensity|Change")
    if not (ei_t and "Production|Coal|Growth" in s and "Electricity|Generation|Growth" in s):
        return []
    allowed = float(allowed_energy_growth(ei_t.value, np.array([g]))[0])
    energy_g = float(s["Energy|Consumption|Growth"][0, 1])
    return [
        _c(
            "energy",
            "ok" if energy_g <= allowed + 1e-9 else "warn",
            "check_energy",
            allowed,
            target=ei_t.value,
            gdp=g,
            allowed=allowed,
            coal=float(s["Production|Coal|Growth"][0, 1]),
            power=float(s["Electricity|Generation|Growth"][0, 1]),
            energy=energy_g,
        )
    ]


def _investment(proj: Projection, targets: TargetSet) -> list[Check]:
    """Investment -> construction -> secondary: the construction growth investment gives, its
    pull on secondary growth, and the investment growth the secondary target would need."""
    s = proj.series
    if "Value Added|Construction|Real Growth" not in s:
        return []
    w, g = proj.detail["w"][0, 0], proj.detail["g"][0, 0]
    w_sec = w[[COAL, POWER, OIND, CONS]].sum()
    inv = float(s["Investment|Fixed Assets|Growth"][0, 1])
    cons = float(g[CONS])
    sec = float(s["Value Added|Secondary|Real Growth"][0, 1])
    sec_t = targets.by_variable("Value Added|Secondary|Real Growth")
    target = sec_t.value if sec_t else sec
    cons_need = (w_sec * target - sum(w[k] * g[k] for k in (COAL, POWER, OIND))) / max(
        w[CONS], 1e-12
    )
    ok = sec >= target - (targets.tolerance if sec_t else 0)
    return [
        _c(
            "investment",
            "ok" if ok else "warn",
            "check_investment",
            cons,
            inv=inv,
            cons=cons,
            pull=float(w[CONS] * cons),
            sec=sec,
            target=target,
            cons_need=float(cons_need),
        )
    ]


def _hours(proj: Projection) -> list[Check]:
    s = proj.series
    if "Electricity|Utilisation Hours" not in s:
        return []
    h = s["Electricity|Utilisation Hours"][0]
    high = [j for j in range(1, len(h)) if h[j] > HOURS_WARN * h[0]]
    j = high[0] if high else 1
    return [
        _c(
            "hours",
            "warn" if high else "info",
            "check_hours_high_year" if high else "check_hours",
            float(h[j]),
            hours=f"{h[j]:.0f}",
            base=f"{h[0]:.0f}",
            base_year=proj.years[0],
            year=proj.years[j],
        )
    ]


def _prices(proj: Projection, base) -> list[Check]:
    """The projected GDP deflator against the city's record, with the coal price's part."""
    s = proj.series
    d = float(s["Price|GDP Deflator|Change"][0, 1])
    rec = deflator_record(base) if base is not None else {}
    if not rec:
        return [_c("deflator", "info", "check_deflator", d, d=d)]
    lo, hi = min(rec.values()), max(rec.values())
    years = f"{min(rec)}-{max(rec)}"
    inside = lo - 1e-9 <= d <= hi + 1e-9
    return [
        _c(
            "deflator",
            "info",
            "check_deflator_record" if inside else "check_deflator_record_out",
            d,
            d=d,
            lo=lo,
            hi=hi,
            years=years,
        )
    ]
