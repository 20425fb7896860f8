"""Compare tab: pin the current scenario (up to four) and see the pinned ones beside the current
one: the inputs that differ, key results against the official targets, and a chart."""

from __future__ import annotations

import numpy as np
import pandas as pd
import streamlit as st

from sim.i18n import t
from sim.targets import scoreboard, status_of

from . import charts, state
from .cache import chart_spec, projection, resources, values_key
from .context import Ctx
from .fmt import STATUS_HEX, STATUS_ICON, plain, target_text, unit_decimals, with_unit
from .inputs import widget_label

MAX_PINNED = 4
CHART_VARIABLES = (
    "GDP|Real Growth",
    "Value Added|Industry Above Scale|Real Growth",
    "Revenue|General Public Budget|Growth",
    "Energy Intensity|Change",
    "Production|Coal",
    "Electricity|Generation",
)


def _on_pin() -> None:
    ss = st.session_state
    res = resources()
    pinned = ss.setdefault(state.PINNED, [])
    if len(pinned) >= MAX_PINNED:
        return
    values, _ = state.current_values(state.region_setup(res).pset)
    lang = state.lang()
    name = (ss.get("_pin_name") or "").strip()[:60]
    name = name or t("app_cmp_default_name", lang, n=len(pinned) + 1)
    pinned.append({"name": name, "values": dict(values), "base_key": state.baseline(res)[0]})
    ss["_pin_name"] = ""


def _on_remove(i: int) -> None:
    pinned = st.session_state.get(state.PINNED, [])
    if 0 <= i < len(pinned):
        pinned.pop(i)


def _on_clear() -> None:
    st.session_state[state.PINNED] = []


def scenarios(ctx: Ctx) -> list[dict]:
    """Pinned scenarios then the current one, each with its projection; names made unique."""
    res = resources()
    out, seen = [], set()
    items = list(st.session_state.get(state.PINNED, []))
    items.append(
        {
            "name": t("app_cmp_current", ctx.lang),
            "values": ctx.values,
            "base_key": state.run_key(ctx)[0],
        }
    )
    for item in items:
        name, n = item["name"], 2
        while name in seen:
            name, n = f"{item['name']} ({n})", n + 1
        seen.add(name)
        base = state.baseline_by_key(item["base_key"], res)
        proj = projection(item["values"], item["base_key"], base, res.pset)  # ids only
        out.append({**item, "name": name, "proj": proj})
    return out


def inputs_frame(ctx: Ctx, items: list[dict]) -> pd.DataFrame:
    lang = ctx.lang
    rows = []
    for p in ctx.pset.params:
        vals = [it["values"][p.id] for it in items]
        if all(v == vals[0] for v in vals):
            continue
        row = {t("app_cmp_parameter", lang): widget_label(p, lang)}
        for it, v in zip(items, vals, strict=True):
            row[it["name"]] = p.choice_label(v, lang) if p.type == "choice" else f"{v:g}"
        rows.append(row)
    if len({it["base_key"] for it in items}) > 1:
        row = {t("app_cmp_parameter", lang): t("app_cmp_baseline", lang)}
        row.update({it["name"]: it["proj"].region for it in items})
        rows.append(row)
    return pd.DataFrame(rows)


def outputs_frame(ctx: Ctx, items: list[dict]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each covered target (rows) by scenario (columns), and a same-shaped frame of CSS that
    colours each cell by its status."""
    lang = ctx.lang
    boards = [{r.target.id: r for r in scoreboard(it["proj"], ctx.targets)} for it in items]
    rows, styles = [], []
    for tg in ctx.targets.covered:
        if not all(tg.id in b for b in boards):
            continue
        dec = unit_decimals(tg.unit)
        row = {
            t("app_col_target", lang): tg.label(lang),
            t("app_col_target_value", lang): target_text(tg, lang),
        }
        style = dict.fromkeys(row, "")
        for it, b in zip(items, boards, strict=True):
            r = b[tg.id]
            row[it["name"]] = (
                f"{STATUS_ICON[r.status]} {with_unit(r.projected, tg.unit, lang, dec)}"
            )
            style[it["name"]] = f"color: {STATUS_HEX[r.status]}"
        rows.append(row)
        styles.append(style)
    return pd.DataFrame(rows), pd.DataFrame(styles)


def chart_frame(ctx: Ctx, items: list[dict]) -> pd.DataFrame:
    rows = []
    for var in CHART_VARIABLES:
        tg = ctx.targets.by_variable(var)
        if tg is None or not all(var in it["proj"].series for it in items):
            continue
        for it in items:
            v = it["proj"].value(var)
            status = str(status_of(np.array([v]), tg, ctx.targets.tolerance)[0])
            rows.append(
                {
                    "indicator": f"{tg.label(ctx.lang)}|({target_text(tg, ctx.lang)})",
                    "scenario": it["name"],
                    "value": v,
                    "target": tg.value,
                    "status": status,
                    "label": f"{STATUS_ICON[status]} {v:.{unit_decimals(tg.unit)}f}",
                }
            )
    return pd.DataFrame(rows)


def render(ctx: Ctx) -> None:
    lang = ctx.lang
    pinned = st.session_state.get(state.PINNED, [])
    full = len(pinned) >= MAX_PINNED
    c1, c2, c3 = st.columns([3, 2, 1], vertical_alignment="bottom")
    c1.text_input(
        t("app_cmp_name", lang),
        key="_pin_name",
        max_chars=60,
        placeholder=t("app_cmp_default_name", lang, n=len(pinned) + 1),
    )
    c2.button(t("app_cmp_pin", lang), on_click=_on_pin, disabled=full, type="primary")
    c3.button(t("app_cmp_clear", lang), on_click=_on_clear, disabled=not pinned)
    if full:
        st.caption(t("app_cmp_full", lang, n=MAX_PINNED))
    if not pinned:
        st.info(t("app_cmp_empty", lang))
        return
    cols = st.columns(MAX_PINNED)
    for i, item in enumerate(pinned):
        cols[i].button(
            f"✕ {plain(item['name'])}",
            key=f"_rm_{i}",
            on_click=_on_remove,
            args=(i,),
            help=t("app_cmp_remove", lang),
        )
    items = scenarios(ctx)
    st.markdown(f"#### {t('app_cmp_outputs', lang)}")
    out, css = outputs_frame(ctx, items)
    st.dataframe(
        out.style.apply(lambda _: css, axis=None),
        hide_index=True,
        width="stretch",
        height=35 * (len(out) + 1) + 3,
    )
    st.markdown(f"#### {t('app_cmp_inputs', lang)}")
    diff = inputs_frame(ctx, items)
    if diff.empty:
        st.caption(t("app_cmp_same_inputs", lang))
    else:
        st.dataframe(diff, hide_index=True, width="stretch")
    key = tuple((it["name"], it["base_key"], values_key(it["values"], ctx.pset)) for it in items)
    spec = chart_spec(
        "compare", key, lang, lambda: charts.compare_chart(chart_frame(ctx, items), lang)
    )
    st.vega_lite_chart(spec, width="content")
