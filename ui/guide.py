"""The first-run guide: what the cards, the scoreboard, the mode switch and the views are.
Shown until dismissed; the dismissal is remembered in the address (``guide=0``), so a bookmark
or a reload keeps it closed, and the sidebar can bring it back."""

from __future__ import annotations

import streamlit as st

from sim.i18n import t

from . import state

POINTS = (
    "ux_guide_cards",
    "ux_guide_scoreboard",
    "ux_guide_mode",
    "ux_guide_views",
    "ux_guide_type",
)


def _dismiss() -> None:
    st.session_state[state.GUIDE] = False


def _show() -> None:
    st.session_state[state.GUIDE] = True


def render(lang: str) -> None:
    if not st.session_state.get(state.GUIDE, True):
        return
    with st.container(border=True, key="guide"):
        st.markdown(f"**{t('ux_guide_title', lang)}**")
        st.markdown("\n".join(f"- {t(k, lang)}" for k in POINTS))
        st.button(t("ux_guide_dismiss", lang), on_click=_dismiss, key="_guide_dismiss")


def reopen_button(lang: str, where) -> None:
    if not st.session_state.get(state.GUIDE, True):
        where.button(t("ux_guide_show", lang), on_click=_show, key="_guide_show")
