"""Charts tab: one group of charts at a time (each Altair chart costs 10-20 ms to build, so
only the chosen group is drawn; specs are cached on the inputs)."""

from __future__ import annotations

import streamlit as st

from sim.i18n import t

from . import charts
from .cache import show_chart
from .context import Ctx
from .state import run_key

GROUPS = ("growth", "fiscal", "energy", "coal", "paths")
PICK = "_chart_group"


def render(ctx: Ctx) -> None:
    lang, proj, ts = ctx.lang, ctx.proj, ctx.targets
    if PICK not in st.session_state:
        st.session_state[PICK] = GROUPS[0]
    group = st.segmented_control(
        t("app_charts_pick", lang),
        options=list(GROUPS),
        format_func=lambda g: t(f"app_charts_{g}", lang),
        required=True,
        key=PICK,
        label_visibility="collapsed",
    )
    key = run_key(ctx)
    if group == "growth":
        show_chart("pulls", key, lang, lambda: charts.pulls_chart(proj, ts, lang))
        show_chart("structure", key, lang, lambda: charts.structure_chart(proj, lang))
    elif group == "fiscal":
        show_chart("revenue", key, lang, lambda: charts.revenue_chart(proj, ts, lang))
    elif group == "energy":
        show_chart("intensity", key, lang, lambda: charts.intensity_chart(proj, ts, lang))
        show_chart("energy_growth", key, lang, lambda: charts.energy_growth_chart(proj, ts, lang))
    elif group == "coal":
        left, right = st.columns(2)
        with left:
            show_chart("coal", key, lang, lambda: charts.coal_chart(proj, ts, lang))
        with right:
            show_chart("generation", key, lang, lambda: charts.generation_chart(proj, ts, lang))
            show_chart("hours", key, lang, lambda: charts.hours_chart(proj, lang))
    elif len(proj.years) <= 2:
        st.info(t("app_paths_one_year", lang))
    else:
        show_chart("paths", key, lang, lambda: charts.paths_chart(proj, lang), width="content")
