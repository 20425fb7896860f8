"""Headline cards: the first projected year of six figures, each against its target, the gap
coloured by status (met / about met / missed)."""

from __future__ import annotations

import numpy as np
import streamlit as st

from sim.headlines import CARDS
from sim.i18n import t, unit_label
from sim.iamc import variable_meta
from sim.targets import Target, status_of

from .context import Ctx
from .fmt import (
    STATUS_COLOR,
    decimals,
    gap_text,
    number,
    target_text,
    unit_decimals,
    variable_value,
)


def _target(ctx: Ctx, variable: str | None) -> Target | None:
    if variable is None or variable not in ctx.proj.series:
        return None
    tg = ctx.targets.by_variable(variable)
    return tg if tg is not None and tg.covered else None


def _status(ctx: Ctx, tg: Target, value: float) -> str:
    return str(status_of(np.array([value]), tg, ctx.targets.tolerance)[0])


def _gap(gap: float, unit: str, lang: str) -> str:
    """The gap in the target's unit; in English a long unit is in the card's label already,
    so the chip holds the number only ('+0.00', not '+0.00 × 10,000 t')."""
    if lang == "en" and unit not in ("%", ""):
        return f"{gap:+,.{unit_decimals(unit)}f}"
    return gap_text(gap, unit, lang, unit_decimals(unit))


def card(ctx: Ctx, key: str, variable: str, target_var: str | None) -> None:
    lang, proj = ctx.lang, ctx.proj
    year = proj.years[1]
    label = t("app_year_label", lang, year=year, label=t(key, lang))
    if variable not in proj.series:
        st.metric(label, t("app_card_missing", lang), border=True)
        return
    value = proj.value(variable)
    spark = None
    if len(proj.years) > 2:
        spark = [round(float(x), 3) for x in proj.series[variable][0, 1:]]
    tg = _target(ctx, target_var)
    kw: dict = {"border": True, "chart_data": spark, "chart_type": "line"}
    if variable == "GDP":
        growth = proj.value("GDP|Nominal Growth")
        kw.update(
            delta=f"{growth:+.2f}%",
            delta_color="gray",
            delta_description=t("app_card_ngdp_desc", lang),
        )
    elif tg is not None:
        shown = proj.value(tg.variable)
        status = _status(ctx, tg, shown)
        status_txt = t("status_" + status, lang)
        if tg.variable in proj.inputs:  # set by a slider: say so rather than claim success
            status_txt += " · " + t("app_card_input", lang)
        if tg.variable != variable:  # revenue: level shown, growth targeted
            desc = t(
                "app_card_revenue_desc", lang, growth=f"{shown:.2f}", target=target_text(tg, lang)
            )
        else:
            desc = f"{t('app_ch_target', lang)} {target_text(tg, lang)}"
        gap = shown - tg.value
        # The status sits in the coloured chip so a narrow card never cuts it off.
        kw.update(
            delta=f"{_gap(gap, tg.unit, lang)} · {status_txt}",
            delta_color=STATUS_COLOR[status],
            delta_description=desc,
            help=t(
                "app_card_help",
                lang,
                label=tg.label(lang),
                value=target_text(tg, lang),
                quote=tg.quote,
            ),
        )
    unit = variable_meta()[variable]["unit"]
    if lang == "en" and unit not in ("%", ""):  # long English units go to the label
        label = f"{label} ({unit_label(unit, lang)})"
        shown = number(value, decimals(variable), lang)
    else:
        shown = variable_value(variable, value, lang)
    st.metric(label, shown, **kw)


def render(ctx: Ctx) -> None:
    """Two rows of three: readable on a laptop screen, under the mode that produced them."""
    st.caption(ctx.proj.mode_label(ctx.lang))
    for row in (CARDS[:3], CARDS[3:]):
        for col, (key, variable, target_var) in zip(st.columns(3), row, strict=True):
            with col:
                card(ctx, key, variable, target_var)
