"""Altair charts of the analysis tab: pure functions of analysis results, no Streamlit.

Fan charts (Monte Carlo percentiles), tornado bars, the feasibility map and cumulative paths.
Each ``*_frame`` returns the tidy data its chart draws, so tests can check the numbers.
"""

from __future__ import annotations

import altair as alt
import numpy as np
import pandas as pd

from sim.analysis.feasibility import FeasibilityMap
from sim.i18n import t, unit_label
from sim.iamc import variable_meta

HEIGHT = 260
BAND_LIGHT, BAND_DARK, LINE = "#bbdefb", "#64b5f6", "#0d47a1"
TARGET_COLOR = "#c62828"
LOW_COLOR, HIGH_COLOR = "#ef6c00", "#1565c0"
FEAS_COLORS = ["#66bb6a", "#eeeeee", "#9e9e9e"]


def var_label(variable: str, lang: str) -> str:
    meta = variable_meta().get(variable, {})
    return meta.get(f"label_{lang}", variable)


def _title(text: str) -> alt.TitleParams:
    return alt.TitleParams(text, anchor="start", fontSize=14)


def _target_rule(value: float | None, lang: str, axis: str = "y") -> list[alt.Chart]:
    if value is None:
        return []
    df = pd.DataFrame({"v": [value], "label": [t("an_col_target", lang)]})
    enc = {axis: alt.Y("v:Q") if axis == "y" else alt.X("v:Q")}
    rule = alt.Chart(df).mark_rule(color=TARGET_COLOR, strokeDash=[5, 4]).encode(**enc)
    return [rule]


def fan_frame(summary: pd.DataFrame, variable: str) -> pd.DataFrame:
    """Rows of one variable from MCResult.summary(): year (text), mean and p5 ... p95."""
    df = summary[summary["variable"] == variable].copy()
    df["year"] = df["year"].astype(str)
    return df.reset_index(drop=True)


def fan_chart(
    summary: pd.DataFrame, variable: str, target: float | None, lang: str
) -> alt.Chart | None:
    df = fan_frame(summary, variable)
    if df.empty:
        return None
    unit = unit_label(variable_meta()[variable]["unit"], lang)
    x = alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0))
    # the chart's title names the variable; a long axis title (e.g. 单位地区生产总值能耗变化) is
    # taller than the plot and pushed the title out of the chart at 1440 px
    y_title = unit
    outer = (
        alt.Chart(df)
        .mark_area(color=BAND_LIGHT)
        .encode(x=x, y=alt.Y("p5:Q", title=y_title, scale=alt.Scale(zero=False)), y2="p95:Q")
    )
    inner = alt.Chart(df).mark_area(color=BAND_DARK).encode(x=x, y="p25:Q", y2="p75:Q")
    tips = [
        alt.Tooltip("year:O", title=t("an_col_year", lang)),
        *(alt.Tooltip(f"p{q}:Q", format=".2f") for q in (5, 25, 50, 75, 95)),
    ]
    median = alt.Chart(df).mark_line(color=LINE, point=True).encode(x=x, y="p50:Q", tooltip=tips)
    layers = [outer, inner, median, *_target_rule(target, lang)]
    title = t("an_mc_fan_title", lang, label=var_label(variable, lang))
    return alt.layer(*layers).properties(height=HEIGHT, title=_title(title))


def tornado_frame(tor: pd.DataFrame, output: str, labels: dict[str, str], top: int) -> pd.DataFrame:
    """Two rows (low end, high end) per input with the largest swings on ``output``."""
    df = tor[(tor["output"] == output) & (tor["swing"] > 1e-9)].head(top)
    rows = []
    for r in df.itertuples():
        name = labels.get(r.input, r.input)
        for end, x, y in (("low", r.low, r.y_low), ("high", r.high, r.y_high)):
            rows.append(
                {
                    "input": name,
                    "end": end,
                    "at": x,
                    "base": r.y_base,
                    "value": y,
                    "swing": r.swing,
                }
            )
    return pd.DataFrame(rows)


def tornado_chart(
    tor: pd.DataFrame, output: str, labels: dict[str, str], lang: str, top: int = 12
) -> alt.Chart | None:
    df = tornado_frame(tor, output, labels, top)
    if df.empty:
        return None
    df["end_label"] = df["end"].map({"low": t("an_se_low", lang), "high": t("an_se_high", lang)})
    order = list(dict.fromkeys(df["input"]))
    unit = unit_label(variable_meta()[output]["unit"], lang)
    color = alt.Color(
        "end_label:N",
        title=None,
        scale=alt.Scale(
            domain=[t("an_se_low", lang), t("an_se_high", lang)], range=[LOW_COLOR, HIGH_COLOR]
        ),
        legend=alt.Legend(orient="bottom"),
    )
    bars = (
        alt.Chart(df)
        .mark_bar(opacity=0.85)
        .encode(
            y=alt.Y("input:N", sort=order, title=None, axis=alt.Axis(labelLimit=260)),
            x=alt.X("base:Q", title=f"{var_label(output, lang)} ({unit})"),
            x2="value:Q",
            color=color,
            tooltip=[
                alt.Tooltip("input:N", title=t("an_col_input", lang)),
                alt.Tooltip("end_label:N", title=" "),
                alt.Tooltip("at:Q", format=".2f"),
                alt.Tooltip("value:Q", format=".3f"),
                alt.Tooltip("swing:Q", title=t("an_se_swing", lang), format=".3f"),
            ],
        )
    )
    base_rule = alt.Chart(df.head(1)).mark_rule(color="black").encode(x="base:Q")
    title = t("an_se_title", lang, label=var_label(output, lang))
    # Streamlit fits title, axis and legend inside the height: leave room for them.
    height = 40 * len(order) + 140
    return alt.layer(bars, base_rule).properties(height=height, title=_title(title))


def feasibility_frame(fmap: FeasibilityMap, lang: str) -> pd.DataFrame:
    gx, gy = np.meshgrid(fmap.xs, fmap.ys)
    state = np.where(~fmap.valid, "invalid", np.where(fmap.ok, "ok", "not"))
    dx = (fmap.xs[1] - fmap.xs[0]) / 2 if len(fmap.xs) > 1 else 0.5
    dy = (fmap.ys[1] - fmap.ys[0]) / 2 if len(fmap.ys) > 1 else 0.5
    keys = {"ok": "an_fe_ok", "not": "an_fe_not", "invalid": "an_fe_invalid"}
    return pd.DataFrame(
        {
            "x": gx.ravel() - dx,
            "x2": gx.ravel() + dx,
            "y": gy.ravel() - dy,
            "y2": gy.ravel() + dy,
            "cx": gx.ravel(),
            "cy": gy.ravel(),
            "state": [t(keys[s], lang) for s in state.ravel()],
        }
    )


def feasibility_chart(fmap: FeasibilityMap, labels: dict[str, str], lang: str) -> alt.Chart:
    df = feasibility_frame(fmap, lang)
    domain = [t("an_fe_ok", lang), t("an_fe_not", lang), t("an_fe_invalid", lang)]
    xt, yt = labels.get(fmap.x_id, fmap.x_id), labels.get(fmap.y_id, fmap.y_id)
    cells = (
        alt.Chart(df)
        .mark_rect()
        .encode(
            x=alt.X("x:Q", title=xt, scale=alt.Scale(zero=False, nice=False)),
            x2="x2:Q",
            y=alt.Y("y:Q", title=yt, scale=alt.Scale(zero=False, nice=False)),
            y2="y2:Q",
            color=alt.Color(
                "state:N",
                title=None,
                scale=alt.Scale(domain=domain, range=FEAS_COLORS),
                legend=alt.Legend(orient="bottom"),
            ),
            tooltip=[
                alt.Tooltip("cx:Q", title=xt, format=".2f"),
                alt.Tooltip("cy:Q", title=yt, format=".2f"),
                alt.Tooltip("state:N", title=" "),
            ],
        )
    )
    cur = pd.DataFrame(
        {"cx": [fmap.current[0]], "cy": [fmap.current[1]], "label": [t("an_fe_current", lang)]}
    )
    mark = (
        alt.Chart(cur)
        .mark_point(shape="cross", size=220, filled=True, color="black")
        .encode(x="cx:Q", y="cy:Q", tooltip=alt.Tooltip("label:N", title=" "))
    )
    text = (
        alt.Chart(cur)
        .mark_text(align="left", dx=9, dy=-9, fontSize=12)
        .encode(x="cx:Q", y="cy:Q", text="label:N")
    )
    return alt.layer(cells, mark, text).properties(height=380)


def path_chart(
    table: pd.DataFrame, column: str, title: str, target: float | None, lang: str
) -> alt.Chart:
    """A line over the projected years of one column of paths.cumulative_table, with a target."""
    df = table[["year", column]].rename(columns={column: "value"})
    df["year"] = df["year"].astype(str)
    line = (
        alt.Chart(df)
        .mark_line(point=True, color=LINE)
        .encode(
            x=alt.X("year:O", title=None, axis=alt.Axis(labelAngle=0)),
            y=alt.Y("value:Q", title="%", scale=alt.Scale(zero=False)),
            tooltip=[alt.Tooltip("year:O"), alt.Tooltip("value:Q", format=".2f")],
        )
    )
    return alt.layer(line, *_target_rule(target, lang)).properties(
        height=HEIGHT, title=_title(title)
    )
