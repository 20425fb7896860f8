"""The tidy data each chart draws, from a Projection: pure pandas, no Altair, no Streamlit.

Every function has the signature ``(proj, targets, lang) -> DataFrame | None`` (None when the
baseline lacks the block, or the horizon is one year for paths). A chart's spec depends on
nothing else than this frame, the language and the *shape* of the run (baseline, number of
years), so the app builds a spec once per shape and swaps in new data (see ui/cache.py).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sim.energy import SECTOR_NAMES as ENERGY_SECTORS
from sim.i18n import t, unit_label
from sim.iamc import variable_meta
from sim.model import ALL_SUB_NAMES, Projection
from sim.series import TAX_NAMES
from sim.targets import TargetSet, status_of

PATH_VARIABLES = (
    "GDP|Real Growth",
    "GDP",
    "Revenue|General Public Budget",
    "Energy Intensity|Cumulative Change",
    "Production|Coal",
    "Electricity|Generation",
)


def var_label(variable: str, lang: str) -> str:
    meta = variable_meta().get(variable, {})
    return meta.get("label_zh" if lang == "zh" else "label_en", variable)


def sub_labels(proj: Projection, lang: str) -> list[str]:
    """Short sub-sector labels; without an industry split 'other industry' is all of secondary."""
    labels = [t("app_sub_" + n.lower().replace(" ", "_"), lang) for n in ALL_SUB_NAMES.values()]
    if "Value Added|Industry" not in proj.series:
        labels[3] = t("app_sec_secondary", lang)
    return labels


def sector_labels(lang: str) -> list[str]:
    return [t(f"app_sec_{s}", lang) for s in ("primary", "secondary", "tertiary")]


def target_value(targets: TargetSet | None, variable: str) -> float | None:
    tg = targets.by_variable(variable) if targets else None
    return None if tg is None else tg.value


def pulls(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame:
    """Pull (拉动, pp) of each sub-sector on GDP growth for every projected year: the
    previous-year nominal weight times real growth. The pulls of a year add up to GDP growth."""
    w, g = proj.detail["w"][0], proj.detail["g"][0]
    labels = sub_labels(proj, lang)
    rows = [
        {
            "year": str(year),
            "part": label,
            "order": k,
            "pull": float(w[i, k] * g[i, k]),
            "growth": float(g[i, k]),
            "weight": float(100 * w[i, k]),
        }
        for i, year in enumerate(proj.years[1:])
        for k, label in enumerate(labels)
        if w[i, k] > 0
    ]
    return pd.DataFrame(rows)


def structure(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame:
    """Sector shares of nominal GDP: the base year, the first and the last projected year."""
    rows = []
    for year in sorted({proj.years[0], proj.years[1], proj.years[-1]}):
        j = proj.years.index(year)
        label = str(year) if j == 0 else t("app_ch_projected_year", lang, year=year)
        for k, (sec, name) in enumerate(
            zip(("Primary", "Secondary", "Tertiary"), sector_labels(lang), strict=True)
        ):
            share = float(proj.series[f"Share|{sec}"][0, j])
            rows.append({"year": label, "sector": name, "order": k, "share": share})
    return pd.DataFrame(rows)


def revenue(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame | None:
    """Revenue by component (tax by type: VAT, corporate income, resource, other; + non-tax),
    100m CNY, every year."""
    s = proj.series
    if "Revenue|General Public Budget" not in s:
        return None
    parts = [f"Revenue|Tax|{n}" for n in TAX_NAMES.values() if f"Revenue|Tax|{n}" in s]
    parts.append("Revenue|Non-Tax")
    rows = [
        {"year": str(year), "part": var_label(v, lang), "order": k, "value": float(s[v][0, j])}
        for j, year in enumerate(proj.years)
        for k, v in enumerate(parts)
    ]
    return pd.DataFrame(rows)


def intensity(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame:
    """Energy-intensity change each projected year, the first year's status against the target."""
    s = proj.series["Energy Intensity|Change"][0]
    tg = targets.by_variable("Energy Intensity|Change") if targets else None
    rows = []
    for j, year in enumerate(proj.years[1:], start=1):
        status = "na"
        if tg is not None and year == proj.years[1]:
            status = str(status_of(np.array([s[j]]), tg, targets.tolerance)[0])
        rows.append(
            {
                "year": f"{year} ({float(s[j]):+.2f}%)",
                "change": float(s[j]),
                "status": status,
                "status_text": t(f"status_{status}", lang),
            }
        )
    return pd.DataFrame(rows)


BALANCE_IN = ("Power Plants", "Non-Fossil Power", *ENERGY_SECTORS)
BALANCE_OUT = ("Exported Electricity", "Feedstock", "Non-Fossil Deduction")


def energy_growth(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame:
    """First projected year: the energy growth the intensity target allows (one bar) against
    the projected growth of counted energy split into each part's contribution (pp; the
    deductions' contributions are negative when they grow)."""
    s = proj.series
    total0 = float(s["Energy|Consumption"][0, 0])
    projected = t("app_ch_projected", lang)
    rows = []
    for k, name in enumerate(BALANCE_IN + BALANCE_OUT):
        var = f"Energy|Consumption|{name}"
        pp = 100 * (float(s[var][0, 1]) - float(s[var][0, 0])) / total0
        rows.append({"bar": projected, "part": var_label(var, lang), "order": k, "pp": pp})
    target = target_value(targets, "Energy Intensity|Change")
    if target is not None:
        g = float(s["GDP|Real Growth"][0, 1])
        allowed = 100 * ((1 + target / 100) * (1 + g / 100) - 1)
        label = t("app_ch_allowed", lang)
        rows.append({"bar": label, "part": label, "order": 99, "pp": allowed})
    return pd.DataFrame(rows)


def balance(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame:
    """The energy balance (10k tce) of the base year, the first and the last projected year:
    what goes in (plants' coal, non-fossil power, the sectors' direct use, positive), what the
    rule deducts (negative) and the counted total (one row per year, part = counted)."""
    s = proj.series
    rows = []
    counted = t("app_ch_balance_counted", lang)
    for year in sorted({proj.years[0], proj.years[1], proj.years[-1]}):
        j = proj.years.index(year)
        label = str(year) if j == 0 else t("app_ch_projected_year", lang, year=year)
        for k, name in enumerate(BALANCE_IN + BALANCE_OUT):
            var = f"Energy|Consumption|{name}"
            v = float(s[var][0, j])
            side = "in" if name in BALANCE_IN else "out"
            rows.append(
                {"year": label, "part": var_label(var, lang), "order": k, "value": v,
                 "side": side, "total": 0}
            )  # fmt: skip
        total = float(s["Energy|Consumption"][0, j])
        rows.append(
            {"year": label, "part": counted, "order": 99, "value": total, "side": "total",
             "total": total}
        )  # fmt: skip
    return pd.DataFrame(rows)


def carbon(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame | None:
    return one_series(proj, "Emissions|CO2", lang)


def coal(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame | None:
    """Raw coal output split into power-plant coal and the rest, every year."""
    s = proj.series
    if "Supply|Coal|Other Uses" not in s:
        return None
    parts = ["Supply|Coal|Power Plants", "Supply|Coal|Other Uses"]
    rows = [
        {"year": str(y), "part": var_label(v, lang), "order": k, "value": float(s[v][0, j])}
        for j, y in enumerate(proj.years)
        for k, v in enumerate(parts)
    ]
    return pd.DataFrame(rows)


def one_series(proj: Projection, variable: str, lang: str) -> pd.DataFrame | None:
    if variable not in proj.series:
        return None
    s = proj.series[variable][0]
    rows = [
        {"year": str(y), "part": var_label(variable, lang), "order": 0, "value": float(s[j])}
        for j, y in enumerate(proj.years)
        if np.isfinite(s[j])
    ]
    return pd.DataFrame(rows)


def generation(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame | None:
    return one_series(proj, "Electricity|Generation", lang)


def hours(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame | None:
    return one_series(proj, "Electricity|Utilisation Hours", lang)


def paths(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame | None:
    """Key variables over the horizon (only when it is longer than one year)."""
    if len(proj.years) <= 2:
        return None
    meta = variable_meta()
    rows = []
    for var in PATH_VARIABLES:
        if var not in proj.series:
            continue
        name = f"{var_label(var, lang)} ({unit_label(meta[var]['unit'], lang)})"
        for j, year in enumerate(proj.years):
            v = float(proj.series[var][0, j])
            if np.isfinite(v):
                rows.append({"variable": name, "year": str(year), "value": v})
    return pd.DataFrame(rows)
