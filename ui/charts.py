"""Altair chart builders: pure functions, no Streamlit.

A chart is a pair in ``CHARTS``: a frame function from ui/chart_data.py (the numbers drawn) and a
spec function ``(df, proj, targets, lang) -> alt.Chart`` that takes everything it draws from
``df`` and uses ``proj`` only for the run's shape (baseline blocks, years). ``chart(name, ...)``
builds one; it returns None when the baseline lacks the block (or paths for a one-year run).
Encodings are written as channel objects (alt.X(...)), several times faster than shorthand.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.i18n import t, unit_label
from sim.model import Projection
from sim.targets import TargetSet

from . import chart_data as cd

STATUS_COLORS = {"met": "#2e7d32", "near": "#ef9f00", "missed": "#c62828", "na": "#9e9e9e"}
# primary, coal mining, power, other industry, construction, tertiary
SUB_COLORS = ["#7cb342", "#37474f", "#f9a825", "#8d6e63", "#bcaaa4", "#1e88e5"]
SECTOR_COLORS = ["#7cb342", "#6d4c41", "#1e88e5"]
NONTAX_COLOR = "#b0bec5"
ALLOWED_COLOR = "#9e9e9e"
TARGET_COLOR = "#c62828"
BAR_COLOR = "#546e7a"


def _title(key: str, lang: str, **kw) -> alt.TitleParams:
    return alt.TitleParams(t(key, lang, **kw), anchor="start", fontSize=14)


def _legend(columns: int | None = None) -> alt.Legend:
    if columns is None:
        return alt.Legend(title=None, orient="bottom")
    return alt.Legend(title=None, orient="bottom", columns=columns)


def _status_scale() -> alt.Scale:
    return alt.Scale(domain=list(STATUS_COLORS), range=list(STATUS_COLORS.values()))


def _target_rule_x(value: float, lang: str) -> list[alt.Chart]:
    """A dashed vertical rule at the target with its label, drawn once from the layer's shared
    data (aggregated to one row), so it needs no dataset of its own."""
    one = alt.Chart().transform_aggregate(n="count()")
    x = alt.XDatum(value, type="quantitative")
    label = alt.TextValue(f"{t('app_ch_target', lang)} {value:g}")
    return [
        one.mark_rule(color=TARGET_COLOR, strokeDash=[6, 3], size=2).encode(x=x),
        one.mark_text(color=TARGET_COLOR, align="left", dx=4, dy=-6, baseline="bottom").encode(
            x=x, y=alt.YValue(0), text=label
        ),
    ]


def _with_target(layers: list, targets: TargetSet | None, variable: str, lang: str) -> list:
    value = cd.target_value(targets, variable)
    return layers if value is None else layers + _target_rule_x(value, lang)


def pulls_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    pp = unit_label("pp", lang)
    x_title = f"{t('app_ch_pull', lang)} ({pp})"
    colors = alt.Scale(domain=cd.sub_labels(proj, lang), range=SUB_COLORS)
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=alt.Y("year:N", title=None),
            x=alt.X("sum(pull):Q", title=x_title),
            color=alt.Color("part:N", scale=colors, legend=_legend(3)),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:N", title=t("app_ch_year", lang)),
                alt.Tooltip("part:N", title=t("app_ch_sector", lang)),
                alt.Tooltip("pull:Q", title=x_title, format=".2f"),
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
    return alt.layer(
        *_with_target([bars, totals], targets, "GDP|Real Growth", lang),
        data=df,
        height=190 + 45 * (len(proj.years) - 1),  # autosize "fit": axes and legend included
        title=_title("app_ch_pulls", lang),
    )


def structure_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    enc = {
        "y": alt.Y("year:N", title=None, sort=None),
        "x": alt.X("share:Q", title=t("app_ch_share", lang), stack="zero"),
        "order": alt.Order("order:Q"),
    }
    scale = alt.Scale(domain=cd.sector_labels(lang), range=SECTOR_COLORS)
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            color=alt.Color("sector:N", scale=scale, legend=_legend()),
            tooltip=[
                alt.Tooltip("year:N"),
                alt.Tooltip("sector:N"),
                alt.Tooltip("share:Q", format=".1f"),
            ],
            **enc,
        )
    )
    text = (
        alt.Chart()
        .mark_text(dx=-4, align="right", color="white", fontWeight="bold")
        .encode(text=alt.Text("share:Q", format=".1f"), **enc)
    )
    n = len({proj.years[0], proj.years[1], proj.years[-1]})
    return alt.layer(
        bars, text, data=df, height=110 + 45 * n, title=_title("app_ch_structure", lang)
    )


def stacked_hbars(
    y: str,
    value: str,
    x_title: str,
    domain: list[str],
    colors: list[str],
    legend: alt.Legend,
    y_axis: dict | None = None,
    size: float | None = None,
) -> alt.Chart:
    """Horizontal bars of ``value`` stacked by ``part`` in ``order``, one bar per ``y`` (a
    nominal field), coloured over ``domain``; the tooltip names the bar, the part and the value
    (2 decimals). ``y_axis``: extra alt.Y arguments (sort, axis); ``size``: bar thickness, px."""
    bar = alt.Chart().mark_bar() if size is None else alt.Chart().mark_bar(size=size)
    return bar.encode(
        y=alt.Y(f"{y}:N", title=None, **(y_axis or {})),
        x=alt.X(f"sum({value}):Q", title=x_title),
        color=alt.Color("part:N", scale=alt.Scale(domain=domain, range=colors), legend=legend),
        order=alt.Order("order:Q"),
        tooltip=[
            alt.Tooltip(f"{y}:N"),
            alt.Tooltip("part:N"),
            alt.Tooltip(f"{value}:Q", format=".2f"),
        ],
    )


def revenue_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    unit = unit_label("100m CNY", lang)
    domain = list(dict.fromkeys(df["part"]))
    colors = [*SUB_COLORS[: len(domain) - 1], NONTAX_COLOR]
    x_title = f"{cd.var_label('Revenue|General Public Budget', lang)} ({unit})"
    layers = [stacked_hbars("year", "value", x_title, domain, colors, _legend(4))]
    growth = cd.target_value(targets, "Revenue|General Public Budget|Growth")
    if growth is not None:  # the target level: base-year revenue grown by the target rate
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


def _yearly_bars(
    df: pd.DataFrame,
    proj: Projection,
    title: str,
    x_title: str,
    colors: alt.Scale | None,
    target: float | None,
    lang: str,
) -> alt.LayerChart:
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
        enc["color"] = alt.Color("part:N", scale=colors, legend=_legend())
        enc["order"] = alt.Order("order:Q")
    layers = [alt.Chart().mark_bar(color=BAR_COLOR).encode(**enc)]
    if target is not None:
        layers += _target_rule_x(target, lang)
    return alt.layer(
        *layers,
        data=df,
        height=(140 if colors is not None else 100) + 40 * len(proj.years),
        title=alt.TitleParams(title, anchor="start", fontSize=14),
    )


def coal_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    parts = [cd.var_label(v, lang) for v in ("Supply|Coal|Power Plants", "Supply|Coal|Other Uses")]
    colors = alt.Scale(domain=parts, range=["#37474f", "#90a4ae"])
    x_title = f"{cd.var_label('Production|Coal', lang)} ({unit_label('10k t', lang)})"
    target = cd.target_value(targets, "Production|Coal")
    return _yearly_bars(df, proj, t("app_ch_coal", lang), x_title, colors, target, lang)


def generation_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    var = "Electricity|Generation"
    label = cd.var_label(var, lang)
    x_title = f"{label} ({unit_label('100m kWh', lang)})"
    target = cd.target_value(targets, var)
    return _yearly_bars(df, proj, label, x_title, None, target, lang)


def hours_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    label = cd.var_label("Electricity|Utilisation Hours", lang)
    x_title = f"{label} ({unit_label('h', lang)})"
    return _yearly_bars(df, proj, label, x_title, None, None, lang)


def paths_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    """Small multiples over the horizon, each with its own y scale."""
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


CHARTS = {
    "pulls": (cd.pulls, pulls_spec),
    "structure": (cd.structure, structure_spec),
    "revenue": (cd.revenue, revenue_spec),
    "coal": (cd.coal, coal_spec),
    "generation": (cd.generation, generation_spec),
    "hours": (cd.hours, hours_spec),
    "paths": (cd.paths, paths_spec),
}


from .charts_energy import ENERGY_CHARTS  # noqa: E402  (its specs use the helpers above)

CHARTS.update(ENERGY_CHARTS)


def chart(name: str, proj: Projection, targets: TargetSet | None, lang: str):
    """Build chart ``name`` for this run, or None when the baseline lacks its block."""
    frame_fn, spec_fn = CHARTS[name]
    df = frame_fn(proj, targets, lang)
    return None if df is None else spec_fn(df, proj, targets, lang)


def compare_chart(df: pd.DataFrame, lang: str) -> alt.FacetChart:
    """Side-by-side scenarios: df has indicator, scenario, value, target, status and label (the
    value with its status mark) columns. Each scenario has its colour, named in a legend in the
    table's order (pinned first, current last); the value and status are written on each bar,
    so no scenario name has to fit under a narrow bar."""
    order = list(dict.fromkeys(df["scenario"])) if len(df) else []
    x = alt.X("scenario:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0.25))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            x=x,
            y=alt.Y("value:Q", title=None, scale=alt.Scale(zero=False, nice=True)),
            color=alt.Color(
                "scenario:N",
                sort=order,
                scale=alt.Scale(scheme="tableau10"),
                legend=alt.Legend(
                    title=None,
                    orient="top",
                    direction="horizontal",
                    labelLimit=260,
                    symbolType="square",
                ),
            ),
            tooltip=[
                alt.Tooltip("scenario:N", title=t("app_cmp_scenario", lang)),
                alt.Tooltip("label:N", title=t("app_col_projected", lang)),
                alt.Tooltip("target:Q", title=t("app_col_target_value", lang)),
            ],
        )
    )
    text = (
        alt.Chart()
        .mark_text(dy=-7, fontSize=11, fontWeight="bold")
        .encode(
            x=x,
            y=alt.Y("value:Q"),
            text=alt.Text("label:N"),
            # fill, not color: its own scale, so the scenario colours keep one legend
            fill=alt.Fill("status:N", scale=_status_scale(), legend=None),
        )
    )
    rule = (
        alt.Chart()
        .mark_rule(color=TARGET_COLOR, strokeDash=[6, 3], size=2)
        .encode(y=alt.Y("target:Q"))
    )
    return (
        alt.layer(bars, rule, text, data=df)
        .properties(width=270, height=190)
        .facet(
            facet=alt.Facet(
                "indicator:N",
                title=None,
                sort=list(dict.fromkeys(df["indicator"])) if len(df) else None,
                # indicator and target on two lines ("label|(target)"), each within the cell
                header=alt.Header(
                    labelExpr="split(datum.label, '|')", labelLimit=270, labelFontSize=12
                ),
            ),
            columns=3,
        )
        .resolve_scale(y="independent")
        .properties(title=_title("app_ch_compare", lang))
    )
