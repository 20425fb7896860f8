"""Charts tab: one group of charts at a time (only the chosen group is drawn; each spec is
built once per run shape and refilled with the current data, see ui/chart_view.py)."""

from __future__ import annotations

import streamlit as st

from sim.i18n import t

from . import chart_view
from .context import Ctx
from .energy_view import energy_verdict

GROUPS = ("growth", "fiscal", "energy", "coal", "paths")
PICK = "_chart_group"


def render(ctx: Ctx) -> None:
    lang = ctx.lang
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
    if group == "growth":
        chart_view.show("pulls", ctx)
        chart_view.show("structure", ctx)
    elif group == "fiscal":
        chart_view.show("revenue", ctx)
    elif group == "energy":
        st.markdown(energy_verdict(ctx))
        chart_view.show("balance", ctx)
        chart_view.show("intensity", ctx)
        chart_view.show("energy_growth", ctx)
        chart_view.show("carbon", ctx)
    elif group == "coal":
        left, right = st.columns(2)
        with left:
            chart_view.show("coal", ctx)
        with right:
            chart_view.show("generation", ctx)
            chart_view.show("hours", ctx)
    elif len(ctx.proj.years) <= 2:
        st.info(t("app_paths_one_year", lang, year=ctx.base.year + 2))
    else:
        chart_view.show("paths", ctx, width="content")
