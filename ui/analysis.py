"""The analysis tab: goal seek, Monte Carlo fan charts, tornado and Sobol, feasibility map,
multi-year paths and in-year tracking, all on top of sim.analysis.

Goal seek, Monte Carlo and Sobol run only when their button is pressed; the request (inputs at
that moment) is kept in session state and the result cached with st.cache_data keyed on it, so a
later rerun shows it again at no cost and says so when the inputs have changed since. The
tornado, the feasibility grid and tracking are cheap (milliseconds) and follow the inputs live.
Only the open sub-tab is computed.
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from sim import limits
from sim.analysis import HEADLINE, goalseek, paths, sensitivity, tracking
from sim.analysis.evaluate import active_float_params
from sim.analysis.feasibility import feasibility_map
from sim.baseline import Baseline
from sim.errors import InputError
from ui import analysis_charts as ch
from ui import exact
from ui.context import Ctx

GOAL_DEFAULTS = (("gdp_growth", "growth.secondary"), ("energy_intensity", "energy.eff_industry"))
FEAS_DEFAULT = ("growth.secondary", "growth.tertiary", ["gdp_growth", "revenue_growth"])
# In drivers mode secondary and tertiary growth are results: vary their open parts instead.
DRIVER_SWAP = {
    "growth.secondary": "industry.other_growth",
    "growth.tertiary": "services.other_growth",
}


def _mode_default(pid: str, inputs: list[str]) -> str:
    """The default input to vary, swapped for its drivers-mode counterpart when inactive."""
    return pid if pid in inputs else DRIVER_SWAP.get(pid, inputs[0])


SECTIONS = (
    "an_sec_goal",
    "an_sec_mc",
    "an_sec_sens",
    "an_sec_feas",
    "an_sec_paths",
    "an_sec_track",
)


def _vkey(values: dict) -> tuple:
    return tuple(sorted(values.items()))


def _bkey(base: Baseline) -> tuple:
    return (base.region, base.year, tuple(sorted(base.values.items())))


@st.cache_data(max_entries=32, show_spinner=False)
def _seek(vkey, bkey, goals, inputs, _base, _pset=None):
    return goalseek.seek(dict(vkey), _base, list(goals), list(inputs), _pset)


@st.cache_data(max_entries=32, show_spinner=False)
def _tornado(vkey, bkey, span, _base, _pset=None):
    return sensitivity.tornado(dict(vkey), _base, pset=_pset, span=span)


@st.cache_data(max_entries=8, show_spinner=False)
def _sobol(vkey, bkey, structural, _base, _pset=None):
    start = time.perf_counter()
    df = sensitivity.model_sobol(dict(vkey), _base, pset=_pset, structural=structural)
    return df, time.perf_counter() - start


@st.cache_data(max_entries=32, show_spinner=False)
def _feasibility(vkey, bkey, x_id, y_id, tids, _base, _pset=None, _targets=None):
    return feasibility_map(dict(vkey), _base, x_id, y_id, list(tids), pset=_pset, targets=_targets)


def render(ctx: Ctx) -> None:
    """Sub-tabs with state (key an_view_<lang>, value the open label): only the open one runs."""
    st.caption(ctx.proj.mode_label(ctx.lang))  # every tool's numbers come from this mode
    tabs = st.tabs([ctx.tr(k) for k in SECTIONS], key=f"an_view_{ctx.lang}", on_change="rerun")
    parts = (_goal_ui, _montecarlo_ui, _sensitivity_ui, _feasibility_ui, _paths_ui, _tracking_ui)
    for tab, part in zip(tabs, parts, strict=True):
        if tab.open:
            with tab:
                part(ctx)


def _labels(ctx: Ctx) -> dict[str, str]:
    return {p.id: p.label(ctx.lang) for p in ctx.pset.params}


def _projected_targets(ctx: Ctx) -> list[str]:
    return [tg.id for tg in ctx.targets.covered if tg.variable in ctx.proj.series]


def _target_label(ctx: Ctx):
    by_id = {tg.id: tg for tg in ctx.targets.targets}
    return lambda tid: by_id[tid].label(ctx.lang)


def _stale(ctx: Ctx, req_vkey: tuple) -> None:
    if req_vkey != _vkey(ctx.values):
        st.info(ctx.tr("an_stale"))


def _goal_ui(ctx: Ctx) -> None:
    st.caption(ctx.tr("an_gs_intro"))
    tids = _projected_targets(ctx)
    if not tids:  # a baseline whose report has no target the model scores
        st.info(ctx.tr("rep_no_targets_here"))
        return
    by_id = {tg.id: tg for tg in ctx.targets.targets}
    inputs = [p.id for p in active_float_params(ctx.values, ctx.pset)]
    labels = _labels(ctx)
    n = st.radio(ctx.tr("an_gs_count"), [1, 2], horizontal=True, key="an_gs_n")
    goals, vary = [], []
    for i in range(n):
        c1, c2, c3 = st.columns([3, 2, 3])
        t_def, v_def = GOAL_DEFAULTS[i]
        tid = c1.selectbox(
            ctx.tr("an_gs_target_n", n=i + 1),
            tids,
            index=tids.index(t_def) if t_def in tids else 0,
            format_func=_target_label(ctx),
            key=f"an_gs_t{i}",
        )
        value = c2.number_input(
            ctx.tr("an_gs_value_n", n=i + 1),
            value=float(by_id[tid].value),
            format="%.2f",
            key=f"an_gs_v{i}_{tid}",
        )
        pid = c3.selectbox(
            ctx.tr("an_gs_vary_n", n=i + 1),
            inputs,
            index=inputs.index(_mode_default(v_def, inputs)),
            format_func=labels.get,
            key=f"an_gs_p{i}",
        )
        goals.append((by_id[tid].variable, float(value)))
        vary.append(pid)
    if st.button(ctx.tr("an_gs_submit"), key="an_gs_go", type="primary"):
        st.session_state["an_gs_req"] = (_vkey(ctx.values), tuple(goals), tuple(vary))
    req = st.session_state.get("an_gs_req")
    if not req:
        return
    _stale(ctx, req[0])
    try:
        res = _seek(req[0], _bkey(ctx.base), req[1], req[2], ctx.base, ctx.pset)
    except InputError as e:
        st.error(str(e))
        return
    head = ctx.tr("an_gs_found" if res.found else "an_gs_not_found")
    body = "\n".join(f"- {line}" for line in res.describe(ctx.lang, ctx.pset))
    (st.success if res.found else st.warning)(f"**{head}**\n\n{body}")
    if res.found:  # one click sets the inputs to the values found (the cards follow)
        st.button(
            ctx.tr("ux_gs_adopt"),
            key="an_gs_adopt",
            on_click=exact.adopt,
            args=(dict(res.solution),),
            icon=":material/check:",
        )
    cols = st.columns(len(res.outputs))
    for col, (var, v) in zip(cols, res.outputs.items(), strict=True):
        col.metric(ch.var_label(var, ctx.lang), f"{v:.2f}")


def _montecarlo_ui(ctx: Ctx) -> None:
    from ui import analysis_odds  # the Monte Carlo part (odds given the record)

    analysis_odds.montecarlo_ui(ctx)


def _sensitivity_ui(ctx: Ctx) -> None:
    st.caption(ctx.tr("an_se_intro"))
    labels = _labels(ctx)
    c1, c2 = st.columns(2)
    out = c1.selectbox(
        ctx.tr("an_se_output"),
        HEADLINE,
        format_func=lambda v: ch.var_label(v, ctx.lang),
        key="an_se_out",
    )
    span = c2.radio(
        ctx.tr("an_se_span"),
        ["range", "sd", "plausible"],
        format_func=lambda s: ctx.tr(f"an_se_span_{s}"),
        horizontal=True,
        key="an_se_span",
    )
    tor = _tornado(_vkey(ctx.values), _bkey(ctx.base), span, ctx.base, ctx.pset)
    ranged = {  # each bar says the range it sweeps
        r.input: f"{labels.get(r.input, r.input)} [{r.low:g}, {r.high:g}]"
        for r in tor.drop_duplicates("input").itertuples()
    }
    chart = ch.tornado_chart(tor, out, ranged, ctx.lang)
    if chart is not None:
        st.altair_chart(chart, width="stretch")
    structural = st.checkbox(ctx.tr("od_structural"), key="an_se_structural")
    if st.button(ctx.tr("an_se_sobol"), key="an_se_go"):
        st.session_state["an_se_req"] = (_vkey(ctx.values), bool(structural))
    req = st.session_state.get("an_se_req")
    if not req:
        return
    _stale(ctx, req[0])
    df, secs = _sobol(req[0], _bkey(ctx.base), req[1], ctx.base, ctx.pset)
    n_in = df["input"].nunique()
    rows = sensitivity.SOBOL_N * (n_in + 2)
    st.caption(ctx.tr("an_se_sobol_time", rows=f"{rows:,}", secs=f"{secs:.2f}"))
    part = df[(df["output"] == out) & (df["ST"] > 1e-3)]
    st.dataframe(
        pd.DataFrame(
            {
                ctx.tr("an_col_input"): [labels.get(i, i) for i in part["input"]],
                ctx.tr("an_se_s1"): [
                    f"{a:.3f} ± {b:.3f}" for a, b in zip(part.S1, part.S1_conf, strict=True)
                ],
                ctx.tr("an_se_st"): [
                    f"{a:.3f} ± {b:.3f}" for a, b in zip(part.ST, part.ST_conf, strict=True)
                ],
            }
        ),
        hide_index=True,
    )


def _feasibility_ui(ctx: Ctx) -> None:
    st.caption(ctx.tr("an_fe_intro"))
    labels = _labels(ctx)
    inputs = [p.id for p in active_float_params(ctx.values, ctx.pset)]
    x_def, y_def, t_def = FEAS_DEFAULT
    x_def, y_def = _mode_default(x_def, inputs), _mode_default(y_def, inputs)
    c1, c2 = st.columns(2)
    x_id = c1.selectbox(
        ctx.tr("an_fe_x"), inputs, inputs.index(x_def), format_func=labels.get, key="an_fe_x"
    )
    y_id = c2.selectbox(
        ctx.tr("an_fe_y"), inputs, inputs.index(y_def), format_func=labels.get, key="an_fe_y"
    )
    tids = _projected_targets(ctx)
    chosen = st.multiselect(
        ctx.tr("an_fe_targets"),
        tids,
        default=[x for x in t_def if x in tids],
        format_func=_target_label(ctx),
        key="an_fe_targets",
    )
    if not chosen:
        st.info(ctx.tr("an_fe_pick"))
        return
    try:
        fmap = _feasibility(
            _vkey(ctx.values), _bkey(ctx.base), x_id, y_id, tuple(chosen), ctx.base, ctx.pset,
            ctx.targets,
        )  # fmt: skip
    except InputError as e:
        st.error(str(e))
        return
    st.altair_chart(ch.feasibility_chart(fmap, labels, ctx.lang), width="stretch")
    st.caption(ctx.tr("an_fe_share", share=f"{100 * fmap.share_ok:.0f}"))


def _paths_ui(ctx: Ctx) -> None:
    end, first = int(ctx.proj.years[-1]), ctx.base.year + 1
    if end <= first:
        st.info(ctx.tr("an_pa_short", year=end, next=first + 1))
    else:
        st.caption(ctx.tr("an_pa_intro", year=first))
        table = paths.cumulative_table(ctx.proj)
        tg = ctx.targets.by_variable("GDP|Real Growth")
        c1, c2 = st.columns(2)
        c1.altair_chart(
            ch.path_chart(
                table, "gdp_growth", ctx.tr("an_pa_gdp"), tg.value if tg else None, ctx.lang
            ),
            width="stretch",
        )
        title = ctx.tr("an_pa_ei", base=ctx.base.year)
        chart = ch.path_chart(table, "intensity_cumulative", title, None, ctx.lang)
        c2.altair_chart(chart, width="stretch")
        shown = table.rename(
            columns={
                "year": ctx.tr("an_col_year"),
                "gdp_growth": ch.var_label("GDP|Real Growth", ctx.lang),
                "gdp_cumulative": f"GDP {ctx.tr('an_pa_cum')} %",
                "gdp_average": f"GDP {ctx.tr('an_pa_avg')} %",
                "intensity_change": ch.var_label("Energy Intensity|Change", ctx.lang),
                "intensity_cumulative": ctx.tr("an_pa_ei", base=ctx.base.year),
            }
        )
        st.dataframe(shown.round(2), hide_index=True)
    plan = ctx.targets.by_id(paths.FYP_TARGET_ID)
    if plan is None or plan.start_year is None or plan.end_year is None:
        return  # the targets in use (another city's) have no plan-period intensity target
    st.markdown(f"**{ctx.tr('an_pa_fyp', target=f'{plan.value:g}')}**")
    st.caption(ctx.tr("an_pa_fyp_source", source=plan.source))
    known = set(int(y) for y in ctx.base.history("Energy Intensity|Change").index)
    gaps = [y for y in range(plan.start_year + 1, ctx.base.year + 1) if y not in known]
    prior = {}
    cols = st.columns(max(len(gaps), 1))
    for col, year in zip(cols, gaps, strict=False):
        v = col.number_input(
            ctx.tr("an_pa_prior", year=year), -30.0, 30.0, None, 0.1, key=f"an_pa_{year}"
        )
        if v is not None:
            prior[year] = float(v)
    check = paths.fyp_intensity(
        ctx.proj, ctx.base, prior, target=plan.value, start=plan.start_year, end=plan.end_year
    )
    fmt = {"cum": f"{check.cumulative:.2f}", "target": f"{check.target:g}"}
    if check.missing:
        years = ", ".join(str(y) for y in check.missing)
        st.info(
            ctx.tr("an_pa_fyp_missing", years=years, needed=f"{check.needed_missing:.2f}", **fmt)
        )
    else:
        status = ctx.tr("an_pa_met" if check.met else "an_pa_missed")
        text = ctx.tr("an_pa_fyp_done", start=check.start, end=check.end, status=status, **fmt)
        (st.success if check.met else st.warning)(text)


def _tracking_ui(ctx: Ctx) -> None:
    st.caption(ctx.tr("an_tr_intro"))
    c1, c2, c3 = st.columns(3)
    unit = c1.radio(
        ctx.tr("an_tr_unit"),
        ["month", "quarter"],
        format_func=lambda u: ctx.tr(f"an_tr_{u}"),
        horizontal=True,
        key="an_tr_unit",
    )
    n = tracking.PERIODS[unit]
    k = c2.number_input(
        ctx.tr("an_tr_k", unit=ctx.tr(f"an_tr_{unit}")),
        1,
        n - 1,
        6 if unit == "month" else 1,
        1,
        key=f"an_tr_k_{unit}",
    )
    lo, hi = limits.PERIOD_SHARE
    share = c3.number_input(ctx.tr("an_tr_share"), lo, hi, None, 0.01, key="an_tr_share")
    label = _target_label(ctx)
    tracked = [tid for tid in tracking.TRACKED if any(x.id == tid for x in ctx.targets.targets)]
    cols = st.columns(len(tracked))
    ytd = {}
    for col, tid in zip(cols, tracked, strict=True):
        v = col.number_input(
            f"{label(tid)} · {ctx.tr('an_tr_ytd')} %",
            *limits.YTD_GROWTH,
            None,
            0.1,
            key=f"an_tr_{tid}",
        )
        if v is not None:
            ytd[tid] = float(v)
    st.caption(ctx.tr("an_tr_assumption"))
    if not ytd:
        st.info(ctx.tr("an_tr_none"))
        return
    s = float(share) if share is not None else tracking.even_share(int(k), unit)
    try:
        rows = tracking.track(ytd, s, ctx.targets, ctx.base)
    except InputError as e:
        st.error(str(e))
        return
    table = pd.DataFrame(
        {
            ctx.tr("an_col_target"): [r.label(ctx.lang) for r in rows],
            f"{ctx.tr('an_tr_target')} %": [round(r.annual_target, 2) for r in rows],
            f"{ctx.tr('an_tr_ytd')} %": [round(r.ytd_growth, 2) for r in rows],
            f"{ctx.tr('an_tr_needed')} %": [round(r.needed, 2) for r in rows],
            ctx.tr("an_tr_gap"): [round(r.gap, 2) for r in rows],
        }
    )
    st.dataframe(table, hide_index=True)
    if any(r.target_id in tracking.LEVEL_OF for r in rows):
        st.caption(ctx.tr("an_tr_level_note"))
    from ui import analysis_odds

    analysis_odds.inyear_ui(ctx, ytd, s)
