"""Chart builders of the energy views: the energy balance (coal in, power out, what is
counted), intensity against the target, the growth the target allows against the projected
growth by part, and CO2. Pure functions, no Streamlit (see ui/charts.py for the contract).

Every chart keeps a readable size whatever the values: bars have a fixed thickness, values are
written on them, heights grow with the number of rows and legends wrap below the plot.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from sim.i18n import t, unit_label
from sim.model import Projection
from sim.targets import TargetSet

from . import chart_data as cd
from .charts import (
    ALLOWED_COLOR,
    _status_scale,
    _target_rule_x,
    _title,
    _with_target,
    _yearly_bars,
    stacked_hbars,
)

# power plants, non-fossil power, coal mining, other industry, construction, primary,
# services and households; then the deductions (exports, feedstock, non-fossil)
BALANCE_COLORS = [
    "#37474f", "#66bb6a", "#78909c", "#8d6e63", "#bcaaa4", "#9ccc65", "#1e88e5",
    "#ef6c00", "#8e24aa", "#c5e1a5",
]  # fmt: skip
BAR = 26  # px: bar thickness on every energy chart


def _wide_legend(columns: int) -> alt.Legend:
    return alt.Legend(
        title=None, orient="bottom", columns=columns, labelLimit=320, symbolType="square"
    )


def balance_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    unit = unit_label("10k tce", lang)
    parts = df[df["side"] != "total"]
    domain = list(dict.fromkeys(parts["part"]))
    colors = alt.Scale(domain=domain, range=BALANCE_COLORS[: len(domain)])
    x = alt.X("year:N", title=None, sort=None, axis=alt.Axis(labelAngle=0, labelLimit=200))
    stacked = (
        alt.Chart()
        .transform_filter("datum.side != 'total'")
        .mark_bar(size=56)
        .encode(
            x=x,
            y=alt.Y("sum(value):Q", title=f"{t('app_ch_balance_value', lang)} ({unit})"),
            color=alt.Color("part:N", scale=colors, legend=_wide_legend(3)),
            order=alt.Order("order:Q"),
            tooltip=[
                alt.Tooltip("year:N", title=t("app_ch_year", lang)),
                alt.Tooltip("part:N", title=t("app_ch_sector", lang)),
                alt.Tooltip("value:Q", title=unit, format=",.1f"),
            ],
        )
    )
    total = alt.Chart().transform_filter("datum.side == 'total'")
    tick = total.mark_tick(color="black", thickness=3, size=70).encode(
        x=x, y=alt.Y("value:Q"), tooltip=[alt.Tooltip("part:N"), alt.Tooltip("value:Q")]
    )
    label = total.mark_text(align="left", dx=38, fontWeight="bold").encode(
        x=x,
        y=alt.Y("value:Q"),
        text=alt.Text("label:N"),
    )
    label = label.transform_calculate(
        label=f"'{t('app_ch_balance_counted', lang)} ' + format(datum.value, ',.0f')"
    )
    zero = alt.Chart().mark_rule(color="#424242").encode(y=alt.YDatum(0))
    title = _title("app_ch_balance", lang)
    return alt.layer(stacked, zero, tick, label, data=df, height=380, title=title)


def intensity_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    x_title = cd.var_label("Energy Intensity|Change", lang) + " (%)"
    enc = {
        "y": alt.Y("year:N", title=None, sort=None, axis=alt.Axis(labelLimit=220)),
        "x": alt.X("change:Q", title=x_title),
    }
    bars = (
        alt.Chart()
        .mark_bar(size=BAR)
        .encode(
            color=alt.Color("status:N", scale=_status_scale(), legend=None),
            tooltip=[
                alt.Tooltip("year:N"),
                alt.Tooltip("change:Q", format=".2f"),
                alt.Tooltip("status_text:N"),
            ],
            **enc,
        )
    )
    # a dot at the value keeps a change near zero visible; the value is written beside it
    dot = alt.Chart().mark_point(filled=True, size=90, color="black").encode(**enc)
    text = (
        alt.Chart()
        .mark_text(align="left", dx=8, fontWeight="bold")
        .encode(text=alt.Text("change:Q", format="+.2f"), **enc)
    )
    zero = alt.Chart().mark_rule(color="#424242").encode(x=alt.XDatum(0))
    return alt.layer(
        *_with_target([bars, zero, dot, text], targets, "Energy Intensity|Change", lang),
        data=df,
        height=110 + 46 * (len(proj.years) - 1),
        title=_title("app_ch_intensity", lang),
    )


def energy_growth_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    domain = list(dict.fromkeys(df["part"]))
    has_allowed = (df["order"] == 99).any()
    n = len(domain) - int(has_allowed)
    colors = [*BALANCE_COLORS[:n], *([ALLOWED_COLOR] if has_allowed else [])]
    x_title = f"{t('app_ch_energy_growth', lang)} ({unit_label('pp', lang)})"
    title = _title("app_ch_energy_split", lang, year=proj.years[1])
    axis = {"sort": None, "axis": alt.Axis(labelLimit=220)}
    legend = _wide_legend(3)
    bars = stacked_hbars("bar", "pp", x_title, domain, colors, legend, axis, size=BAR + 8)
    y = alt.Y("bar:N", title=None, **axis)
    net = (
        alt.Chart()
        .transform_aggregate(net="sum(pp)", groupby=["bar"])
        .mark_text(align="left", dx=6, dy=-BAR, fontWeight="bold")
        .encode(y=y, x=alt.X("net:Q"), text=alt.Text("net:Q", format="+.2f"))
    )
    zero = alt.Chart().mark_rule(color="#424242").encode(x=alt.XDatum(0))
    # Streamlit fits title, axes and legend inside the height: leave each bar its band
    # (the legend's rows included), so the two bars and their labels never share a line.
    rows = df["bar"].nunique()
    height = 130 + 60 * rows + 24 * -(-len(domain) // 3)
    return alt.layer(bars, zero, net, data=df, height=height, title=title)


def carbon_spec(df: pd.DataFrame, proj: Projection, targets: TargetSet | None, lang: str):
    unit = unit_label("10k t CO2", lang)
    label = cd.var_label("Emissions|CO2", lang)
    return _yearly_bars(df, proj, t("app_ch_carbon", lang), f"{label} ({unit})", None, None, lang)


ENERGY_CHARTS = {
    "balance": (cd.balance, balance_spec),
    "intensity": (cd.intensity, intensity_spec),
    "energy_growth": (cd.energy_growth, energy_growth_spec),
    "carbon": (cd.carbon, carbon_spec),
}
__all__ = ["ENERGY_CHARTS", "_target_rule_x"]
