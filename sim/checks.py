"""Consistency checks in plain words: identities, the sector mix against the headline, the
energy target against coal and power growth, implied residuals and plant utilisation.

Each check returns a Check with a level (ok / info / warn) and a message in both languages.
Checks look at draw 0 of the first projected year (and every year for identities)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .energy import allowed_energy_growth
from .i18n import t
from .model import Projection
from .targets import TargetSet

IDENTITY_TOL = 1e-6  # 100m CNY
RESIDUAL_RANGE = (-30.0, 40.0)  # % a year: a plausible range for other-industry growth
HOURS_WARN = 1.25  # utilisation above 125% of the base year is flagged


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


def consistency(proj: Projection, targets: TargetSet) -> list[Check]:
    s, out = proj.series, []
    va = sum(s[f"Value Added|{x}"] for x in ("Primary", "Secondary", "Tertiary"))
    diff = float(np.abs(va - s["GDP"]).max())
    out.append(
        _c(
            "identity",
            "ok" if diff < IDENTITY_TOL else "warn",
            "check_identity",
            diff,
            diff=f"{diff:.6f}",
        )
    )
    shares = [float(s[f"Share|{x}"][0, 1]) for x in ("Primary", "Secondary", "Tertiary")]
    total = sum(shares)
    out.append(
        _c(
            "shares",
            "ok" if abs(total - 100) < 1e-6 else "warn",
            "check_shares",
            total,
            year=proj.years[1],
            p=f"{shares[0]:.1f}",
            s=f"{shares[1]:.1f}",
            t=f"{shares[2]:.1f}",
            total=f"{total:.1f}",
        )
    )
    gdp_t = targets.by_variable("GDP|Real Growth")
    g = float(s["GDP|Real Growth"][0, 1])
    if gdp_t:
        gap = g - gdp_t.value
        out.append(
            _c(
                "mix",
                "ok" if gap >= -targets.tolerance else "warn",
                "check_mix",
                gap,
                mix=g,
                target=gdp_t.value,
                gap=gap,
            )
        )
    drivers = bool(proj.detail.get("drivers_mode", [False])[0])
    if "Value Added|Other Industry|Real Growth" in s and not drivers:
        oind = float(s["Value Added|Other Industry|Real Growth"][0, 1])
        sec = float(s["Value Added|Secondary|Real Growth"][0, 1])
        lo, hi = RESIDUAL_RANGE
        bad = not lo <= oind <= hi
        out.append(
            _c(
                "residual",
                "warn" if bad else "info",
                "check_residual_bad" if bad else "check_residual",
                oind,
                sec=sec,
                oind=oind,
            )
        )
    ei_t = targets.by_variable("Energy Intensity|Change")
    if ei_t and "Production|Coal|Growth" in s and "Electricity|Generation|Growth" in s:
        allowed = float(allowed_energy_growth(ei_t.value, np.array([g]))[0])
        energy_g = float(s["Energy|Use|Growth"][0, 1])
        out.append(
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
        )
    ind_t = targets.by_variable("Value Added|Industry Above Scale|Real Growth")
    if ind_t and "Value Added|Industry|Real Growth" in s:
        ind = float(s["Value Added|Industry|Real Growth"][0, 1])
        out.append(
            _c(
                "above_scale",
                "ok" if ind >= ind_t.value - targets.tolerance else "info",
                "check_above_scale",
                ind,
                ind=ind,
                target=ind_t.value,
            )
        )
    if "Electricity|Utilisation Hours" in s:
        h = s["Electricity|Utilisation Hours"][0]
        high = h[1] > HOURS_WARN * h[0]
        out.append(
            _c(
                "hours",
                "warn" if high else "info",
                "check_hours_high" if high else "check_hours",
                float(h[1]),
                hours=f"{h[1]:.0f}",
                base=f"{h[0]:.0f}",
                base_year=proj.years[0],
            )
        )
    if "Revenue|Tax|Growth" in s:
        ngdp = float(s["GDP|Nominal Growth"][0, 1])
        nontax = 100 * (float(s["Revenue|Non-Tax"][0, 1]) / float(s["Revenue|Non-Tax"][0, 0]) - 1)
        out.append(
            _c(
                "tax",
                "info",
                "check_tax",
                float(s["Revenue|Tax|Growth"][0, 1]),
                tax=float(s["Revenue|Tax|Growth"][0, 1]),
                ngdp=ngdp,
                nontax=nontax,
            )
        )
    for name in (
        "GDP",
        "Value Added|Other Industry",
        "Value Added|Secondary",
        "Revenue|General Public Budget",
    ):
        if name in s and (s[name][0] <= 0).any():
            yr = proj.years[int(np.argmax(s[name][0] <= 0))]
            out.append(_c("negative", "warn", "check_negative", None, what=name, year=yr))
    return out
