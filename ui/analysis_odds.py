"""The analysis tab's Monte Carlo part: the odds given the record of meeting targets, the
mayor's sentences, the fan charts with the calibration's basis beside them, and the odds
updated by the tracking view's year-to-date figures.

The run happens only on the button; the request (inputs, draws, seed, spread, odds inputs,
structural flag) is kept in session state and the result cached on it (small tables and
sentences, not the draws). The in-year update reuses one 10,000-draw run per scenario, held
with st.cache_resource (read-only: the update copies what it changes).
"""

from __future__ import annotations

import time

import pandas as pd
import streamlit as st

from sim.analysis import HEADLINE, inyear, montecarlo, odds_text
from sim.analysis.odds_inputs import odds_defaults, odds_inputs
from sim.analysis.odds_region import odds_of
from sim.baseline import Baseline
from ui import analysis_charts as ch
from ui.context import Ctx

DRAWS = (1_000, 10_000, 50_000, 100_000)
SENTENCE_TARGETS = ("gdp_growth", "revenue_growth", "energy_intensity")
EDITABLE = ("odds.bias", "odds.spread", "odds.loading", "odds.persistence", "odds.coal_upside")
INYEAR_DRAWS = 10_000


def _vkey(values: dict) -> tuple:
    return tuple(sorted(values.items()))


def _bkey(base: Baseline) -> tuple:
    return (base.region, base.year, tuple(sorted(base.values.items())))


def _tkey(targets) -> tuple:
    return (targets.year, tuple((x.id, x.value, x.qualifier) for x in targets.covered))


@st.cache_data(max_entries=8, show_spinner=False)
def _run(
    vkey, bkey, tkey, draws, seed, spread, okey, structural, lang, _base, _targets, _pset=None
):
    start = time.perf_counter()
    res = montecarlo.run_montecarlo(
        dict(vkey),
        _base,
        draws,
        seed,
        _pset,
        targets=_targets,
        spread=spread,
        odds=dict(okey),
        structural=structural,
    )
    secs = time.perf_counter() - start
    odds = [(o.target.id, o.p_met, o.p_met_or_near, o.median) for o in res.odds]
    sentences = [
        odds_text.sentence(res, o, _targets, lang)
        for o in res.odds
        if o.target.id in SENTENCE_TARGETS
    ]
    basis = odds_text.basis_lines(res, lang)
    return res.summary(), odds, len(res.names), secs, sentences, basis


@st.cache_resource(max_entries=4, show_spinner=False)
def _prior(vkey, bkey, okey, _base, _pset=None):
    return montecarlo.run_montecarlo(dict(vkey), _base, INYEAR_DRAWS, 2024, _pset, odds=dict(okey))


def _follow_region(ctx: Ctx) -> None:
    """A new region (or profile) brings its own defaults: the boxes set for the last one go."""
    token = (ctx.base.region, tuple(sorted(odds_defaults(ctx.pset).items())))
    if st.session_state.get("od_in_region") != token:
        for pid in EDITABLE:
            st.session_state.pop(f"od_in_{pid}", None)
        st.session_state["od_in_region"] = token


def _odds_inputs_ui(ctx: Ctx) -> dict[str, float]:
    _follow_region(ctx)
    spec = odds_inputs(ctx.pset)
    out = {}
    with st.expander(ctx.tr("od_inputs")):
        st.caption(ctx.tr("orr_defaults", caption=odds_of(ctx.pset).caption(ctx.lang)))
        cols = st.columns(len(EDITABLE))
        for col, pid in zip(cols, EDITABLE, strict=True):
            p = spec[pid]
            out[pid] = float(
                col.number_input(
                    p.label(ctx.lang),
                    float(p.min),
                    float(p.max),
                    float(p.default),
                    float(p.step),
                    key=f"od_in_{pid}",
                    # the evidence is a developer's note in English: shown in the English view
                    help=p.reason(ctx.lang) + (f"\n\n{p.evidence}" if ctx.lang == "en" else ""),
                )
            )
    return out


def odds_inputs_now(ctx: Ctx) -> tuple:
    """The odds inputs as set in the Monte Carlo view (defaults before it was opened)."""
    _follow_region(ctx)
    vals = odds_defaults(ctx.pset)
    for pid in EDITABLE:
        v = st.session_state.get(f"od_in_{pid}")
        if v is not None:
            vals[pid] = float(v)
    return tuple(sorted(vals.items()))


def montecarlo_ui(ctx: Ctx) -> None:
    st.caption(ctx.tr("an_mc_intro"))
    c1, c2, c3, c4 = st.columns(4)
    draws = c1.selectbox(ctx.tr("an_mc_draws"), DRAWS, index=1, key="an_mc_draws")
    seed = c2.number_input(ctx.tr("an_mc_seed"), 0, 2**31 - 1, 2024, step=1, key="an_mc_seed")
    spread = c3.slider(ctx.tr("an_mc_spread"), 0.25, 2.0, 1.0, 0.25, key="an_mc_spread")
    structural = c4.checkbox(ctx.tr("od_structural"), key="an_mc_structural")
    okey = tuple(sorted(_odds_inputs_ui(ctx).items()))
    if st.button(ctx.tr("an_run"), key="an_mc_go", type="primary"):
        st.session_state["an_mc_req"] = (
            _vkey(ctx.values),
            int(draws),
            int(seed),
            float(spread),
            okey,
            bool(structural),
        )
    req = st.session_state.get("an_mc_req")
    if not req:
        st.info(ctx.tr("an_mc_press"))
        return
    if req[0] != _vkey(ctx.values):
        st.info(ctx.tr("an_stale"))
    try:
        vkey, n, seed_, spread_, okey_, structural_ = req
        summary, odds, n_inputs, secs, sentences, basis = _run(
            vkey,
            _bkey(ctx.base),
            _tkey(ctx.targets),
            n,
            seed_,
            spread_,
            okey_,
            structural_,
            ctx.lang,
            ctx.base,
            ctx.targets,
            ctx.pset,
        )
    except ValueError as e:
        st.error(e.text(ctx.lang) if hasattr(e, "text") else str(e))
        return
    st.markdown(f"**{ctx.tr('od_label')}**")
    for s in sentences:
        st.info(s)
    st.caption(ctx.tr("an_mc_time", draws=f"{req[1]:,}", inputs=n_inputs, secs=f"{secs:.2f}"))
    left, right = st.columns([3, 1])
    with left:
        st.caption(ctx.tr("an_mc_bands"))
        cols = st.columns(len(HEADLINE))
        for col, var in zip(cols, HEADLINE, strict=True):
            tg = ctx.targets.by_variable(var)
            chart = ch.fan_chart(summary, var, tg.value if tg else None, ctx.lang)
            if chart is not None:
                col.altair_chart(chart, width="stretch")
    with right:
        st.caption("\n\n".join(basis[1:]))
    st.markdown(f"**{ctx.tr('an_mc_odds')}**")
    by_id = {tg.id: tg for tg in ctx.targets.targets}
    table = pd.DataFrame(
        {
            ctx.tr("an_col_target"): [by_id[o[0]].label(ctx.lang) for o in odds],
            ctx.tr("an_mc_p_met"): [f"{100 * o[1]:.1f}%" for o in odds],
            ctx.tr("an_mc_p_near"): [f"{100 * o[2]:.1f}%" for o in odds],
            ctx.tr("an_mc_med"): [f"{o[3]:.2f}" for o in odds],
        }
    )
    st.dataframe(table, hide_index=True)


def inyear_ui(ctx: Ctx, ytd: dict[str, float], share: float) -> None:
    """Below the tracking table: the odds before and after the year-to-date figures."""
    okey = odds_inputs_now(ctx)
    prior = _prior(_vkey(ctx.values), _bkey(ctx.base), okey, ctx.base, ctx.pset)
    post = inyear.update(prior, ytd, share, ctx.targets, ctx.base)
    corr = dict(okey)["odds.ytd_corr"]
    st.markdown(f"**{ctx.tr('od_inyear')}**")
    st.caption(ctx.tr("od_inyear_intro", corr=f"{corr:.2f}"))
    before = {
        o.target.id: o for o in montecarlo.target_odds(prior.series, prior.years, ctx.targets)
    }
    rows = [o for o in post.odds if o.target.id in ytd]
    st.dataframe(
        pd.DataFrame(
            {
                ctx.tr("an_col_target"): [o.target.label(ctx.lang) for o in rows],
                ctx.tr("od_prior"): [f"{100 * before[o.target.id].p_met:.0f}%" for o in rows],
                ctx.tr("od_posterior"): [f"{100 * o.p_met:.0f}%" for o in rows],
            }
        ),
        hide_index=True,
    )
    for o in rows:
        st.info(
            ctx.tr(
                "od_sentence",
                target=odds_text.target_phrase(o.target, ctx.lang),
                odds=odds_text.odds_words(o.p_met, ctx.lang),
            )
        )
