"""The consistency checks' own assumptions (the ``[[check]]`` rows of params/parameters.toml:
the plants' plausible coal rate, the band taken for the 14th plan's unpublished years), as
number boxes under the checks. Their values are kept in session state under their own keys, so
they hold while another view is open and reach the exports too."""

from __future__ import annotations

import streamlit as st

from sim.errors import InputError
from sim.i18n import unit_label
from sim.side_inputs import check_values, side_inputs

from .context import Ctx

WIDGET = "ck_in_"  # widget key prefix; the value is kept under KEPT + id
KEPT = "ck_val_"


def check_inputs_now(lang: str | None = None) -> dict[str, float]:
    """The checks' inputs as last set (defaults before they were touched). Values that do not
    make a valid band give the defaults, with a notice naming the field when ``lang`` is given."""
    spec = side_inputs("check")
    given = {pid: st.session_state[KEPT + pid] for pid in spec if KEPT + pid in st.session_state}
    try:
        return check_values(given)
    except InputError as e:
        if lang is not None:
            st.warning(e.text(lang))
        return check_values()


def check_inputs_ui(ctx: Ctx) -> dict[str, float]:
    """One number box per [[check]] row, its reason behind the ``?``; returns the values the
    checks use (check_inputs_now)."""
    with st.expander(ctx.tr("app_ck_inputs")):
        cols = st.columns(2)
        for i, (pid, p) in enumerate(side_inputs("check").items()):
            wkey = WIDGET + pid
            if wkey not in st.session_state:
                st.session_state[wkey] = float(st.session_state.get(KEPT + pid, p.default))
            label = f"{p.label(ctx.lang)} ({unit_label(p.unit, ctx.lang)})"
            v = cols[i % 2].number_input(
                label, float(p.min), float(p.max), step=float(p.step), key=wkey,
                help=p.reason(ctx.lang),
            )  # fmt: skip
            st.session_state[KEPT + pid] = float(v)
        return check_inputs_now(ctx.lang)
