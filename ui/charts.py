"""Altair chart builders: pure functions of a Projection (and targets), no Streamlit.

Each ``*_frame`` function returns the tidy data a chart draws, so tests can check the numbers;
each ``*_chart`` function returns an Altair chart, or None when the projection lacks the block
(a baseline without coal or power rows, a one-year horizon for paths).
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from sim.i18n import t, unit_label
from sim.iamc import variable_meta
from sim.model import ALL_SUB_NAMES, Projection
from sim.targets import TargetSet, status_of

STATUS_COLORS = {"met": "#2e7d32", "near": "#ef9f00", "missed": "#c62828", "na": "#9e9e9e"}
# primary, coal mining, power, other industry, construction, tertiary
SUB_COLORS = ["#7cb342", "#37474f", "#f9a825", "#8d6e63", "#bcaaa4", "#1e88e5"]
SECTOR_COLORS = ["#7cb342", "#6d4c41", "#1e88e5"]
NONTAX_COLOR = "#b0bec5"
TARGET_COLOR = "#c62828"
HEIGHT = 300


def sub_label(name: str, lang: str) -> str:
    return t("app_sub_" + name.lower().replace(" ", "_"), lang)


def var_label(variable: str, lang: str) -> str:
    meta = variable_meta().get(variable, {})
    return meta.get("label_zh" if lang == "zh" else "label_en", variable)


def _title(key: str, lang: str, **kw) -> alt.TitleParams:
    return alt.TitleParams(t(key, lang, **kw), anchor="start", fontSize=14)


def _sub_labels(proj: Projection, lang: str) -> list[str]:
    """Short sub-sector labels; without an industry split 'other industry' is all of secondary."""
    labels = [sub_label(n, lang) for n in ALL_SUB_NAMES.values()]
    if "Value Added|Industry" not in proj.series:
        labels[3] = t("app_sec_secondary", lang)
    return labels


def _target_value(targets: TargetSet | None, variable: str) -> float | None:
    tg = targets.by_variable(variable) if targets else None
    return None if tg is None else tg.value


def pulls_frame(proj: Projection, lang: str) -> pd.DataFrame:
    """Pull (拉动, pp) of each sub-sector on GDP growth for every projected year: the
    previous-year nominal weight times real growth. The pulls of a year add up to GDP growth."""
    w, g = proj.detail["w"][0], proj.detail["g"][0]
    labels = _sub_labels(proj, lang)
    rows = []
    for i, year in enumerate(proj.years[1:]):
        for k, label in enumerate(labels):
            if w[i, k] <= 0:
                continue
            rows.append(
                {
                    "year": str(year),
                    "part": label,
                    "order": k,
                    "pull": float(w[i, k] * g[i, k]),
                    "growth": float(g[i, k]),
                    "weight": float(100 * w[i, k]),
                }
            )
    return pd.DataFrame(rows)


def pulls_chart(proj: Projection, targets: TargetSet | None, lang: str) -> alt.Chart:
    df = pulls_frame(proj, lang)
    pp = unit_label("pp", lang)
    domain = _sub_labels(proj, lang)
    colors = alt.Scale(domain=domain, range=SUB_COLORS)
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("year:N", title=None),
            x=alt.X("sum(pull):Q", title=f"{t('app_ch_pull', lang)} ({pp})"),
            color=alt.Color("part:N", scale=colors, legend=alt.Legend(title=None, orient="bottom")),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:N", title=t("app_ch_year", lang)),
                alt.Tooltip("part:N", title=t("app_ch_sector", lang)),
                alt.Tooltip("pull:Q", title=f"{t('app_ch_pull', lang)} ({pp})", format=".2f"),
                alt.Tooltip("growth:Q", title=t("app_ch_growth", lang) + " (%)", format=".1f"),
                alt.Tooltip("weight:Q", title=t("app_ch_weight", lang) + " (%)", format=".1f"),
            ],
        )
    )
    totals = (
        alt.Chart()
        .transform_aggregate(total="sum(pull)", groupby=["year"])
        .mark_text(align="left", dx=6, fontWeight="bold")
        .encode(y=alt.Y("year:N"), x=alt.X("total:Q"), text=alt.Text("total:Q", format=".2f"))
    )
    layers = [bars, totals]
    target = _target_value(targets, "GDP|Real Growth")
    if target is not None:
        layers += _target_rule_x(target, lang)
    return alt.layer(
        *layers,
        data=df,
        height=130 + 50 * df["year"].nunique(),  # autosize "fit": axes and legend included
        title=_title("app_ch_pulls", lang),
    )


def _target_rule_x(value: float, lang: str) -> list[alt.Chart]:
    """A dashed vertical rule at the target with its label; drawn once from the layer's shared
    data (aggregated to one row), so no extra dataset is needed."""
    one = alt.Chart().transform_aggregate(n="count()")
    x = alt.XDatum(value, type="quantitative")
    label = alt.TextValue(f"{t('app_ch_target', lang)} {value:g}")
    return [
        one.mark_rule(color=TARGET_COLOR, strokeDash=[6, 3], size=2).encode(x=x),
        one.mark_text(color=TARGET_COLOR, align="left", dx=4, dy=-6, baseline="bottom").encode(
            x=x, y=alt.YValue(0), text=label
        ),
    ]


def structure_frame(proj: Projection, lang: str) -> pd.DataFrame:
    years = sorted({proj.years[0], proj.years[1], proj.years[-1]})
    rows = []
    for year in years:
        j = proj.years.index(year)
        label = str(year) if j == 0 else t("app_ch_projected_year", lang, year=year)
        for k, sec in enumerate(("Primary", "Secondary", "Tertiary")):
            rows.append(
                {
                    "year": label,
                    "sector": t(f"app_sec_{sec.lower()}", lang),
                    "order": k,
                    "share": float(proj.series[f"Share|{sec}"][0, j]),
                }
            )
    return pd.DataFrame(rows)


def structure_chart(proj: Projection, lang: str) -> alt.Chart:
    df = structure_frame(proj, lang)
    domain = [t(f"app_sec_{s}", lang) for s in ("primary", "secondary", "tertiary")]
    enc = {
        "y": alt.Y("year:N", title=None, sort=None),
        "x": alt.X("share:Q", title=t("app_ch_share", lang), stack="zero"),
        "order": alt.Order("order:Q"),
    }
    bars = (
        alt.Chart(df)
        .mark_bar()
        .encode(
            color=alt.Color(
                "sector:N",
                scale=alt.Scale(domain=domain, range=SECTOR_COLORS),
                legend=alt.Legend(title=None, orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("year:N"),
                alt.Tooltip("sector:N"),
                alt.Tooltip("share:Q", format=".1f"),
            ],
            **enc,
        )
    )
    text = (
        alt.Chart(df)
        .mark_text(dx=-4, align="right", color="white", fontWeight="bold")
        .encode(text=alt.Text("share:Q", format=".1f"), **enc)
    )
    return alt.layer(
        bars,
        text,
        height=110 + 45 * df["year"].nunique(),
        title=_title("app_ch_structure", lang),
    )


def revenue_frame(proj: Projection, lang: str) -> pd.DataFrame:
    """Revenue by component (tax by sub-sector + non-tax), 100m CNY, every year."""
    s = proj.series
    parts = [f"Revenue|Tax|{n}" for n in ALL_SUB_NAMES.values() if f"Revenue|Tax|{n}" in s]
    parts.append("Revenue|Non-Tax")
    rows = []
    for j, year in enumerate(proj.years):
        for k, var in enumerate(parts):
            rows.append(
                {
                    "year": str(year),
                    "part": var_label(var, lang),
                    "order": k,
                    "value": float(s[var][0, j]),
                }
            )
    return pd.DataFrame(rows)


def revenue_chart(proj: Projection, targets: TargetSet | None, lang: str) -> alt.Chart | None:
    if "Revenue|General Public Budget" not in proj.series:
        return None
    df = revenue_frame(proj, lang)
    unit = unit_label("100m CNY", lang)
    domain = list(dict.fromkeys(df["part"]))
    colors = [*SUB_COLORS[: len(domain) - 1], NONTAX_COLOR]
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("year:N", title=None),
            x=alt.X(
                "sum(value):Q", title=f"{var_label('Revenue|General Public Budget', lang)} ({unit})"
            ),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=domain, range=colors),
                legend=alt.Legend(title=None, orient="bottom", columns=4),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:N"),
                alt.Tooltip("part:N"),
                alt.Tooltip("value:Q", format=".2f"),
            ],
        )
    )
    layers = [bars]
    growth = _target_value(targets, "Revenue|General Public Budget|Growth")
    if growth is not None:
        level = float(proj.series["Revenue|General Public Budget"][0, 0]) * (1 + growth / 100)
        text = t("app_ch_revenue_target", lang, growth=f"{growth:g}", level=f"{level:.2f}")
        layers.append(
            alt.Chart()
            .transform_aggregate(n="count()")
            .mark_tick(color=TARGET_COLOR, thickness=3, size=40)
            .encode(
                y=alt.YDatum(str(proj.years[1]), type="nominal"),
                x=alt.XDatum(level, type="quantitative"),
                tooltip=alt.TooltipValue(text),
            )
        )
    return alt.layer(
        *layers,
        data=df,
        height=160 + 45 * len(proj.years),
        title=_title("app_ch_revenue", lang),
    )


def intensity_frame(proj: Projection, targets: TargetSet | None) -> pd.DataFrame:
    s = proj.series["Energy Intensity|Change"][0]
    tg = targets.by_variable("Energy Intensity|Change") if targets else None
    rows = []
    for j, year in enumerate(proj.years[1:], start=1):
        status = "na"
        if tg is not None and year == proj.years[1]:
            status = str(status_of(np.array([s[j]]), tg, targets.tolerance)[0])
        label = f"{year} ({float(s[j]):+.2f}%)"
        rows.append({"year": label, "change": float(s[j]), "status": status})
    return pd.DataFrame(rows)


def intensity_chart(proj: Projection, targets: TargetSet | None, lang: str) -> alt.Chart:
    df = intensity_frame(proj, targets)
    df["status_text"] = df["status"].map(lambda x: t(f"status_{x}", lang))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("year:N", title=None, sort=None),
            x=alt.X("change:Q", title=var_label("Energy Intensity|Change", lang) + " (%)"),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("year:N"),
                alt.Tooltip("change:Q", format=".2f"),
                alt.Tooltip("status_text:N"),
            ],
        )
    )
    layers = [bars]
    target = _target_value(targets, "Energy Intensity|Change")
    if target is not None:
        layers += _target_rule_x(target, lang)
    return alt.layer(
        *layers,
        data=df,
        height=90 + 45 * len(df),
        title=_title("app_ch_intensity", lang),
    )


def energy_growth_frame(proj: Projection, targets: TargetSet | None, lang: str) -> pd.DataFrame:
    """First projected year: the energy growth the intensity target allows (one bar) against
    projected energy growth split into each sub-sector's contribution (pp)."""
    s = proj.series
    total0 = float(s["Energy|Use"][0, 0])
    projected = t("app_ch_projected", lang)
    rows = []
    for k, name in enumerate(ALL_SUB_NAMES.values()):
        var = f"Energy|Use|{name}"
        pp = 100 * (float(s[var][0, 1]) - float(s[var][0, 0])) / total0
        part = _sub_labels(proj, lang)[k]
        rows.append({"bar": projected, "part": part, "order": k, "pp": pp})
    target = _target_value(targets, "Energy Intensity|Change")
    if target is not None:
        g = float(s["GDP|Real Growth"][0, 1])
        allowed = 100 * ((1 + target / 100) * (1 + g / 100) - 1)
        rows.append(
            {
                "bar": t("app_ch_allowed", lang),
                "part": t("app_ch_allowed", lang),
                "order": 9,
                "pp": allowed,
            }
        )
    return pd.DataFrame(rows)


def energy_growth_chart(proj: Projection, targets: TargetSet | None, lang: str) -> alt.Chart:
    df = energy_growth_frame(proj, targets, lang)
    domain = list(dict.fromkeys(df["part"]))
    colors = [*SUB_COLORS[: len(ALL_SUB_NAMES)], "#9e9e9e"]
    pp = unit_label("pp", lang)
    chart = (
        alt.Chart(df, height=240, title=_title("app_ch_energy_split", lang, year=proj.years[1]))
        .mark_bar()
        .encode(
            y=alt.Y("bar:N", title=None, sort=None),
            x=alt.X("sum(pp):Q", title=f"{t('app_ch_energy_growth', lang)} ({pp})"),
            color=alt.Color(
                "part:N",
                scale=alt.Scale(domain=domain, range=colors[: len(domain)]),
                legend=alt.Legend(title=None, orient="bottom", columns=3),
            ),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("bar:N"),
                alt.Tooltip("part:N"),
                alt.Tooltip("pp:Q", format=".2f"),
            ],
        )
    )
    return chart


def _yearly_bars(
    df: pd.DataFrame,
    title: str,
    x_title: str,
    colors: alt.Scale | None,
    target: float | None,
    lang: str,
) -> alt.Chart:
    enc = {
        "y": alt.Y("year:N", title=None),
        "x": alt.X("sum(value):Q", title=x_title),
        "tooltip": [
            alt.Tooltip("year:N"),
            alt.Tooltip("part:N"),
            alt.Tooltip("value:Q", format=",.1f"),
        ],
    }
    if colors is not None:
        enc["color"] = alt.Color(
            "part:N", scale=colors, legend=alt.Legend(title=None, orient="bottom")
        )
        enc["order"] = alt.Order("order:Q")
    layers = [alt.Chart().mark_bar(color="#546e7a").encode(**enc)]
    if target is not None:
        layers += _target_rule_x(target, lang)
    n = df["year"].nunique()
    return alt.layer(
        *layers,
        data=df,
        height=(140 if colors is not None else 100) + 40 * n,
        title=alt.TitleParams(title, anchor="start", fontSize=14),
    )


def coal_frame(proj: Projection, lang: str) -> pd.DataFrame:
    s = proj.series
    parts = ["Supply|Coal|Power Plants", "Supply|Coal|Other Uses"]
    rows = [
        {"year": str(y), "part": var_label(v, lang), "order": k, "value": float(s[v][0, j])}
        for j, y in enumerate(proj.years)
        for k, v in enumerate(parts)
    ]
    return pd.DataFrame(rows)


def coal_chart(proj: Projection, targets: TargetSet | None, lang: str) -> alt.Chart | None:
    if "Supply|Coal|Other Uses" not in proj.series:
        return None
    df = coal_frame(proj, lang)
    unit = unit_label("10k t", lang)
    colors = alt.Scale(domain=list(dict.fromkeys(df["part"])), range=["#37474f", "#90a4ae"])
    title = t("app_ch_coal", lang)
    return _yearly_bars(
        df,
        title,
        f"{var_label('Production|Coal', lang)} ({unit})",
        colors,
        _target_value(targets, "Production|Coal"),
        lang,
    )


def simple_frame(proj: Projection, variable: str, lang: str) -> pd.DataFrame:
    s = proj.series[variable][0]
    rows = [
        {"year": str(y), "part": var_label(variable, lang), "order": 0, "value": float(s[j])}
        for j, y in enumerate(proj.years)
        if np.isfinite(s[j])
    ]
    return pd.DataFrame(rows)


def generation_chart(proj: Projection, targets: TargetSet | None, lang: str) -> alt.Chart | None:
    var = "Electricity|Generation"
    if var not in proj.series:
        return None
    unit = unit_label(variable_meta()[var]["unit"], lang)
    label = var_label(var, lang)
    return _yearly_bars(
        simple_frame(proj, var, lang),
        label,
        f"{label} ({unit})",
        None,
        _target_value(targets, var),
        lang,
    )


def hours_chart(proj: Projection, lang: str) -> alt.Chart | None:
    var = "Electricity|Utilisation Hours"
    if var not in proj.series:
        return None
    label = var_label(var, lang)
    unit = unit_label("h", lang)
    return _yearly_bars(simple_frame(proj, var, lang), label, f"{label} ({unit})", None, None, lang)


PATH_VARIABLES = (
    "GDP|Real Growth",
    "GDP",
    "Revenue|General Public Budget",
    "Energy Intensity|Cumulative Change",
    "Production|Coal",
    "Electricity|Generation",
)


def paths_frame(proj: Projection, lang: str) -> pd.DataFrame:
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


def paths_chart(proj: Projection, lang: str) -> alt.Chart | None:
    """Small multiples over the horizon (only when it is longer than one year)."""
    if len(proj.years) <= 2:
        return None
    df = paths_frame(proj, lang)
    line = (
        alt.Chart()
        .mark_line(point=True)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False)),
            tooltip=[
                alt.Tooltip("variable:N"),
                alt.Tooltip("year:O"),
                alt.Tooltip("value:Q", format=",.2f"),
            ],
        )
        .properties(width=250, height=150)
    )
    return (
        alt.layer(line, data=df)
        .facet(facet=alt.Facet("variable:N", title=None, sort=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title=_title("app_ch_paths", lang))
    )


def compare_chart(df: pd.DataFrame, lang: str) -> alt.Chart:
    """Side-by-side scenarios: df has indicator, scenario, value, target, status columns."""
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=alt.X(
                "scenario:N", title=None, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=90)
            ),
            y=alt.Y("value:Q", title=None),
            color=alt.Color(
                "status:N",
                scale=alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values())),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("scenario:N"),
                alt.Tooltip("value:Q", format=",.2f"),
                alt.Tooltip("target:Q"),
                alt.Tooltip("status:N"),
            ],
        )
    )
    rule = (
        alt.Chart()
        .mark_rule(color=TARGET_COLOR, strokeDash=[6, 3], size=2)
        .encode(y=alt.Y("target:Q"))
    )
    return (
        alt.layer(bars, rule, data=df)
        .properties(width=220, height=170)
        .facet(facet=alt.Facet("indicator:N", title=None, sort=None), columns=3)
        .resolve_scale(y="independent")
        .properties(title=_title("app_ch_compare", lang))
    )
