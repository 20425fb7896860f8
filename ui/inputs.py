"""Input widgets generated from params/parameters.toml: one widget per parameter id (its key),
grouped as the metadata groups them. No slider is written by hand.

Widgets keep their value while hidden (``persist_state="session"``), so a parameter's widget can
sit in the sidebar or, while the Data & assumptions tab is open, beside its reason there.
"""

from __future__ import annotations

import streamlit as st

from sim.i18n import t, unit_label
from sim.metadata import Issue, Param, ParamSet, validate_adjustment

from . import exact, guide, share, state
from .cache import resources
from .context import Ctx

OPEN_GROUPS = ("growth", "industry")
EDITED_IN_TAB = ("assumption", "policy")  # kinds whose widgets move to the data tab


def widget_label(p: Param, lang: str) -> str:
    unit = unit_label(p.unit, lang)
    if not unit or p.type == "choice":
        return p.label(lang)
    return t("app_label_unit", lang, label=p.label(lang), unit=unit)


def help_text(p: Param, lang: str) -> str:
    parts = [p.description(lang)]
    if p.quote:
        parts.append(t("app_help_quote", lang, quote=p.quote))
    if p.reason(lang):
        parts.append(t("app_help_reason", lang, reason=p.reason(lang)))
    default = p.choice_label(p.default, lang) if p.type == "choice" else f"{p.default:g}"
    parts.append(t("app_help_default", lang, default=default))
    return "\n\n".join(parts)


def _fmt(p: Param) -> str:
    step = p.step or 1.0
    decimals = 0 if step >= 1 else (1 if step >= 0.1 else 2)
    return f"%.{decimals}f"


def param_widget(p: Param, lang: str, issues: list[Issue] = ()) -> None:
    """The one widget of parameter ``p`` (value from session state, never ``value=``)."""
    label, help_ = widget_label(p, lang), help_text(p, lang)
    # An input of the other industry mode has no effect: disabled, with the reason below it.
    inactive = not p.active(st.session_state)
    if p.type == "choice":
        st.radio(
            label,
            options=list(p.choices),
            format_func=lambda c, p=p: p.choice_label(c, lang),
            key=p.id,
            help=help_,
            persist_state="session",
        )
    elif p.type == "int":
        st.slider(
            label,
            min_value=int(p.min),
            max_value=int(p.max),
            step=int(p.step or 1),
            key=p.id,
            help=help_,
            persist_state="session",
            on_change=exact.follow,
            args=(p.id,),
        )
    else:
        st.slider(
            label,
            min_value=float(p.min),
            max_value=float(p.max),
            step=float(p.step),
            format=_fmt(p),
            key=p.id,
            help=help_,
            persist_state="session",
            disabled=inactive,
            on_change=exact.follow,
            args=(p.id,),
        )
        if inactive:
            st.caption(t("app_mode_inactive", lang, id=p.id, mode=t(f"mode_{p.mode}", lang)))
    for issue in issues:
        if issue.field == p.id:
            st.error(issue.text(lang))


def _on_lang() -> None:
    """Keep the open tab when the language (and with it every tab label) changes."""
    ss = st.session_state
    labels = ss.get("_tab_labels", {})
    old = "en" if ss.get(state.LANG) == "zh" else "zh"
    current = ss.get(state.VIEW)
    for key, by_lang in labels.items():
        if by_lang.get(old) == current:
            ss[state.VIEW] = labels[key][ss[state.LANG]]
            return


def _on_preset() -> None:
    ss = st.session_state
    pid = ss.get("_preset")
    res = resources()
    pset = state.region_setup(res).pset  # a preset's changes on this region's defaults
    for p in res.presets:
        if p.scenario.id == pid:
            state.apply_values(validate_adjustment(p.diff, pset, clamp=True).values, pset)
            ss[state.SCN_NAME] = p.scenario.id
            ss[state.URL_ISSUES] = []
    ss["_preset"] = None


def _on_reset() -> None:
    res = resources()
    pset = state.region_setup(res).pset  # the defaults of the baseline in use (sim.region)
    state.apply_values(pset.defaults(), pset)
    st.session_state[state.URL_ISSUES] = []
    st.session_state[state.SCN_NAME] = "official_2024"


def language_switch(lang: str) -> None:
    st.sidebar.segmented_control(
        t("app_lang_label", lang),
        options=["zh", "en"],
        format_func=lambda x: t(f"app_lang_{x}", lang),
        required=True,
        key=state.LANG,
        on_change=_on_lang,
    )


def sidebar(ctx: Ctx, issues: list[Issue], hide_kinds: tuple[str, ...] = ()) -> None:
    """Language, preset picker, reset, then every group's widgets (except ``hide_kinds``,
    rendered in the data tab while it is open)."""
    lang, pset = ctx.lang, ctx.pset
    sb = st.sidebar
    language_switch(lang)
    titles = {p.scenario.id: p.scenario.title(lang) for p in resources().presets}
    sb.selectbox(
        t("app_preset", lang),
        options=list(titles),
        index=None,
        format_func=lambda x: titles[x],
        placeholder=t("app_preset_placeholder", lang),
        key="_preset",
        on_change=_on_preset,
    )
    sb.button(t("app_reset", lang), on_click=_on_reset, width="stretch")
    sb.caption(t("app_url_hint", lang))
    share.render(ctx, sb)
    guide.reopen_button(lang, sb)
    exact.box(pset, lang, sb)
    if hide_kinds:
        sb.info(t("app_assumptions_here", lang))
    render_groups(pset, ctx, issues, sb, exclude=hide_kinds)


def render_groups(
    pset: ParamSet,
    ctx: Ctx,
    issues: list[Issue],
    where,
    exclude: tuple[str, ...] = (),
    only: tuple[str, ...] = (),
) -> None:
    """An expander per metadata group holding its widgets (filtered by parameter kind)."""
    lang = ctx.lang
    for g in pset.groups:
        params = [
            p for p in pset.in_group(g.id) if p.kind not in exclude and (not only or p.kind in only)
        ]
        if not params:
            continue
        with where.expander(g.label(lang), expanded=g.id in OPEN_GROUPS or bool(only)):
            changed = sum(1 for p in params if _changed(p, ctx.values.get(p.id)))
            if changed:
                st.caption(t("app_changed", lang, n=changed))
            for p in params:
                if only:
                    left, right = st.columns([3, 2])
                    with left:
                        param_widget(p, lang, issues)
                    right.caption(kind_badge(p, lang))
                    right.caption(p.reason(lang) or p.description(lang))
                else:
                    param_widget(p, lang, issues)


def kind_badge(p: Param, lang: str) -> str:
    return f"**{t('app_kind_' + p.kind, lang)}** · `{p.id}`"


def _changed(p: Param, value) -> bool:
    if p.type == "choice":
        return value != p.default
    return value is not None and abs(float(value) - float(p.default)) > 1e-12
