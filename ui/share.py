"""Sharing: the link of the current scenario (inputs, language, pinned comparisons) in a code
block whose copy button puts it on the clipboard; opened from a popover so the link is built
into the page only as text, at no cost to the slider path."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from sim.i18n import t

from . import state
from .context import Ctx

FALLBACK_BASE = "http://127.0.0.1:8501/"


def link(ctx: Ctx) -> str:
    """The full address of this scenario (the page's own host, path and the query)."""
    try:
        base = (st.context.url or FALLBACK_BASE).split("?")[0]
    except Exception:
        base = FALLBACK_BASE
    want = state.url_state(ctx.values, ctx.lang, ctx.pset)
    want.pop(state.GUIDE, None)  # whoever opens the link sees the guide on their first visit
    query = urlencode(want, doseq=True)
    return f"{base}?{query}" if query else base


def render(ctx: Ctx, where) -> None:
    with where.popover(t("ux_share", ctx.lang), icon=":material/link:"):
        st.caption(t("ux_share_hint", ctx.lang))
        st.code(link(ctx), language=None, wrap_lines=True)
