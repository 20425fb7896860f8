"""Targets & checks tab: the scoreboard of every covered target, the consistency checks in plain
words, model notes, and the sector pulls behind GDP growth."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sim.checks import consistency
from sim.i18n import t
from sim.targets import scoreboard

from .check_inputs import check_inputs_ui
from .context import Ctx
from .fmt import (
    LEVEL_ICON,
    gap_text,
    status_styler,
    status_text,
    target_text,
    unit_decimals,
    with_unit,
)

# Checks of the model's own arithmetic (sectors add up to GDP, shares to 100): a planner needs
# them only when they fail.
INTERNAL = ("identity", "shares")


def score_frame(ctx: Ctx, board=None) -> tuple[pd.DataFrame, list[str]]:
    """The scoreboard as displayed, and each row's status (for colouring)."""
    lang = ctx.lang
    rows, statuses = [], []
    for r in board if board is not None else scoreboard(ctx.proj, ctx.targets):
        statuses.append(r.status)
        tg = r.target
        dec = unit_decimals(tg.unit)
        rows.append(
            {
                t("app_col_target", lang): tg.label(lang),
                t("app_col_projected", lang): with_unit(r.projected, tg.unit, lang, dec),
                t("app_col_target_value", lang): target_text(tg, lang),
                t("app_col_gap", lang): gap_text(r.gap, tg.unit, lang, dec),
                t("app_col_status", lang): status_text(r.status, lang, r.set_by_input),
                t("app_col_quote", lang): tg.quote,
            }
        )
    return pd.DataFrame(rows), statuses


def render(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_score_title', lang, year=ctx.proj.years[1])}")
    board = scoreboard(ctx.proj, ctx.targets)
    df, statuses = score_frame(ctx, board)
    styled = status_styler(df, t("app_col_status", lang), statuses)
    if board:
        # A static table: long report sentences wrap in their cells instead of being cut off at
        # the grid's column width (1280-1920 px, both languages); 15 rows need no scrolling.
        st.table(styled.hide(axis="index") if hasattr(styled, "hide") else styled)
    else:  # a report with no target the model scores
        st.info(t("rep_no_targets_here", lang))
    if any(r.set_by_input for r in board):
        st.caption(t("app_scoreboard_input_note", lang))
    # Report targets the model does not project (plan-period targets are in the analysis tab).
    uncovered = [
        x.label(lang) for x in ctx.targets.targets if not x.covered and x.start_year is None
    ]
    if uncovered:
        st.caption(t("app_not_covered", lang, names=t("app_list_sep", lang).join(uncovered)))
    # Checks and notes only: the sector-pulls chart lives in the charts view, which keeps this
    # default view light for the browser on every slider move (bench: 2.2x -> 1.5x the floor).
    st.markdown(f"#### {t('app_checks_title', lang)}")
    for c in consistency(ctx.proj, ctx.targets, ctx.base, check_inputs_ui(ctx)):
        if c.id in INTERNAL and c.level == "ok":  # accounting identities: shown only if broken
            continue
        if c.level == "warn":
            st.warning(c.text(lang), icon=LEVEL_ICON["warn"])
        else:
            st.markdown(f"{LEVEL_ICON[c.level]} {c.text(lang)}")
    if ctx.proj.notes:
        st.markdown(f"#### {t('app_notes_title', lang)}")
        for n in ctx.proj.notes:
            st.info(n.text(lang))
