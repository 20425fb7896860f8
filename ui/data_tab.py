"""Data & assumptions tab: the assumption and policy inputs, editable beside their reasons (their
widgets move here from the sidebar while this tab is open: one widget per id), then every
baseline figure with its source and quote, the report's targets, and all parameters."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from sim.i18n import region_label, t, unit_label

from .context import Ctx
from .fmt import plain, target_text
from .inputs import EDITED_IN_TAB, render_groups
from .provenance import kind_label, row_label, source_text
from .state import current_issues


def baseline_frame(ctx: Ctx) -> pd.DataFrame:
    lang = ctx.lang
    f = ctx.base.frame
    get = lambda col: f[col] if col in f.columns else ""  # noqa: E731
    frame = pd.DataFrame(
        {
            t("app_col_variable", lang): f["variable"],
            t("app_col_label", lang): f["variable"].map(lambda v: row_label(v, lang)),
            t("app_col_year", lang): f["year"],
            t("app_col_value", lang): f["value"],
            t("app_col_unit", lang): f["unit"].map(lambda u: unit_label(u, lang)),
            t("app_col_kind", lang): f["kind"].map(lambda k: kind_label(k, lang))
            if "kind" in f.columns
            else "",
            t("app_col_quote", lang): get("quote"),
            t("app_col_source", lang): f["source"].map(lambda s: source_text(s, lang))
            if "source" in f.columns
            else "",
        }
    )
    # The IAMC names ('Revenue|Tax|Share') are the English view's and the files' keys; the
    # Chinese view names each row by its label only.
    return frame.drop(columns=[t("app_col_variable", lang)]) if lang == "zh" else frame


def targets_frame(ctx: Ctx) -> pd.DataFrame:
    lang = ctx.lang
    return pd.DataFrame(
        [
            {
                t("app_col_target", lang): tg.label(lang),
                t("app_col_target_value", lang): target_text(tg, lang),
                t("app_col_covered", lang): "✓" if tg.covered else "",
                t("app_col_quote", lang): tg.quote or tg.source,  # a plan target: its source
            }
            for tg in ctx.targets.targets
        ]
    )


def params_frame(ctx: Ctx) -> pd.DataFrame:
    lang = ctx.lang
    rows = []
    for p in ctx.pset.params:
        v = ctx.values[p.id]
        rows.append(
            {
                t("app_col_id", lang): p.id,
                t("app_col_label", lang): p.label(lang),
                t("app_col_value", lang): p.choice_label(v, lang)
                if p.type == "choice"
                else f"{v:g}",
                t("app_col_default", lang): (
                    p.choice_label(p.default, lang) if p.type == "choice" else f"{p.default:g}"
                ),
                t("app_col_unit", lang): unit_label(p.unit, lang),
                t("app_col_kind", lang): t("app_kind_" + p.kind, lang),
                t("app_col_reason", lang): p.quote or p.reason(lang),
            }
        )
    return pd.DataFrame(rows)


def render(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_data_assumptions', lang)}")
    st.caption(t("app_data_assumptions_note", lang))
    render_groups(ctx.pset, ctx, current_issues(), st, only=EDITED_IN_TAB)
    st.markdown(
        f"#### {t('app_data_baseline', lang, region=plain(region_label(ctx.base.region, lang)), year=ctx.base.year)}"
    )
    st.dataframe(baseline_frame(ctx), hide_index=True, width="stretch")
    st.markdown(f"#### {t('app_data_targets', lang)}")
    st.dataframe(targets_frame(ctx), hide_index=True, width="stretch")
    st.markdown(f"#### {t('app_data_params', lang)}")
    st.dataframe(params_frame(ctx), hide_index=True, width="stretch")
