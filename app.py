"""Streamlit front end: ``streamlit run app.py`` (or ./scripts/app.sh).

Thin on purpose: page set-up, then inputs from session state (seeded from the URL), one cached
model run, the headline cards and the tabs. Every part lives in ui/ and gets a ui.context.Ctx.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path

import streamlit as st

from sim import limits
from sim.i18n import region_label, t
from sim.region import same_region
from ui import cards, guide, inputs, state
from ui.cache import projection, resources
from ui.context import Ctx
from ui.fmt import plain
from ui.say import label, say

# (text key of the tab label, module of ui/ with render(ctx)). One line per tab; only the open tab
# is rendered, and its module is imported only then: importing every tab before the first card
# (scipy and SALib for the analysis tab, Altair for the charts) made the cold start ~1 s slower.
TABS = [
    ("app_tab_overview", "scoreboard"),
    ("app_tab_charts", "charts_tab"),
    ("app_tab_compare", "compare"),
    ("app_tab_data", "data_tab"),
    ("app_tab_io", "io_panel"),
    ("an_tab", "analysis"),  # ui/analysis.py (analysis engineer)
    ("lib_tab", "library"),  # ui/library.py (library engineer)
]
DATA_TAB = "app_tab_data"
LOG = logging.getLogger("lps.app")
ICON = Path(__file__).resolve().parent / "ui" / "static" / "icon.png"
# Less empty space above the title, so cards and tabs fit a laptop screen.
# Charts' hover toolbar ("Show data", "Fullscreen": Streamlit's own English, which it cannot
# translate) is hidden; tables keep theirs (search and CSV download are worth the English tooltip).
CSS = (
    '<style>[data-testid="stMainBlockContainer"]{padding-top:2.2rem}'
    '[data-testid="stElementToolbar"]:has(+ [data-testid="stVegaLiteChart"]){display:none}'
    # cards: labels, chips and target lines wrap instead of being cut off with an ellipsis
    # (the chip and its target line share a row: the line drops below when the row is full)
    '[data-testid="stMetric"] div:has(> [data-testid="stMetricDelta"]){flex-wrap:wrap;gap:2px 8px}'
    '[data-testid="stMetricDeltaDescription"]{flex:1 1 9em;min-width:9em}'
    '[data-testid="stMetricLabel"] [data-testid="stMarkdownContainer"],'
    '[data-testid="stMetricDelta"] [data-testid="stMarkdownContainer"],'
    '[data-testid="stMetricDeltaDescription"] [data-testid="stCaptionContainer"]'
    "{white-space:normal;overflow:visible;text-overflow:clip}"
    '[data-testid="stMetricDeltaDescription"]{overflow:visible}'
    '[data-testid="stMetricLabel"] p,[data-testid="stMetricDelta"] p,'
    '[data-testid="stMetricDeltaDescription"] p{white-space:normal}'
    # values shrink a little on a laptop screen (and wrap rather than lose their unit)
    '[data-testid="stMetricValue"]{font-size:clamp(1.6rem,2.2vw,2.25rem)}'
    '[data-testid="stMetricValue"] [data-testid="stMarkdownContainer"],'
    '[data-testid="stMetricValue"] p{white-space:normal;overflow:visible}'
    # Streamlit's English "Press Enter to apply" and "Drag and drop file here / Limit 2MB per
    # file": the help texts and captions say them in the user's language
    '[data-testid="InputInstructions"],[data-testid="stFileUploaderDropzoneInstructions"]'
    "{display:none}"
    # the scoreboard: figures on one line, the report's sentence (last column) wraps
    '[data-testid="stTable"] td:not(:last-child){white-space:nowrap}'
    "</style>"
)


def header(ctx: Ctx) -> None:
    lang = ctx.lang
    if ctx.scenario_id == "custom":
        name = t("app_custom", lang)
    elif ctx.scenario_id == "official_2024" and ctx.setup is not None and ctx.setup.flags:
        # another region or year: its own targets, not Liupanshui's 2024 ones
        name = t("reg_official_title", lang, region=region_label(ctx.base.region, lang),
                 year=ctx.targets.year)  # fmt: skip
    else:
        name = next(
            p.scenario.title(lang) for p in resources().presets if p.scenario.id == ctx.scenario_id
        )
    region = plain(region_label(ctx.base.region, lang))
    st.markdown(f"### {t('app_title', lang, region=region)}")
    st.caption(
        t(
            "app_subtitle",
            lang,
            base_year=ctx.base.year,
            year=ctx.proj.years[1],
            scenario=name,
        )
    )


def _named(issue, lang: str) -> str:
    """The issue's message, prefixed with its field when the message does not name it."""
    text = issue.text(lang)
    return text if issue.field in text else f"{issue.field}: {text}"


def notices(ctx: Ctx, issues: list) -> None:
    """Shared-link values that were clamped or ignored, inputs that contradict each other, and
    a baseline of another region scored against Liupanshui's targets or assumptions."""
    lang = ctx.lang
    region = region_label(ctx.base.region, lang)
    if ctx.targets.region and not same_region(ctx.targets.region, ctx.base.region):
        say(
            "warning",
            t(
                "app_region_warning",
                lang,
                targets_region=region_label(ctx.targets.region, lang),
                region=region,
            ),
        )
    region_notice(ctx)
    year_issue = limits.target_year_issue(ctx.base.year, ctx.targets.year)  # one line, sim.limits
    if year_issue:
        st.warning(year_issue[0] if lang == "zh" else year_issue[1])
    url_issues = st.session_state.get(state.URL_ISSUES, [])
    if url_issues:
        text = "; ".join(_named(i, lang) for i in url_issues)
        say("warning", t("app_url_warning", lang, text=text), icon=":material/warning:")
    if issues:
        text = "; ".join(_named(i, lang) for i in issues)
        say("error", t("app_inputs_conflict", lang, text=text))


def view_guarded(module: str, ctx: Ctx) -> None:
    """Render one view; if it fails, say so in the user's language and keep the rest of the page
    (the traceback goes to the server log, never to the page: client.showErrorDetails is off)."""
    try:
        importlib.import_module(f"ui.{module}").render(ctx)
    except Exception:  # Streamlit's rerun and stop signals are BaseExceptions and pass through
        LOG.exception("view %s failed", module)
        st.error(t("ux_view_failed", ctx.lang), icon=":material/error:")


def region_notice(ctx: Ctx) -> None:
    """Every input that is not the region's own (sim.region): one line, each listed beneath."""
    setup, lang = ctx.setup, ctx.lang
    line = setup.summary(lang) if setup is not None else None
    if not line:
        return
    say("info", line, icon=":material/info:")
    n = len(setup.flags)
    with st.expander(label(t("reg_title", lang, region=region_label(ctx.base.region, lang), n=n))):
        basis = setup.profile.basis(lang)
        say("caption", t("reg_profile_line", lang, profile=setup.profile.title(lang), basis=basis))
        st.dataframe(region_flags_frame(ctx), hide_index=True, width="stretch")


def region_flags_frame(ctx: Ctx):
    import pandas as pd

    lang, rows = ctx.lang, []
    for f in ctx.setup.flags:
        p = ctx.pset[f.id]
        v = ctx.values.get(f.id, p.default)
        rows.append(
            {
                t("reg_col_input", lang): f"{p.label(lang)} ({f.id})",
                t("reg_col_value", lang): p.choice_label(v, lang)
                if p.type == "choice"
                else f"{v:g}",
                t("reg_col_what", lang): t(f"reg_what_{f.what}", lang),
                t("reg_col_note", lang): f.text(lang),
            }
        )
    return pd.DataFrame(rows)


def main() -> None:
    res = resources()
    state.init(res.pset)
    state.apply_pending(res.pset)
    lang = state.lang()
    st.set_page_config(
        page_title=t("app_title", lang, region=region_label(state.active_region(res), lang)),
        page_icon=str(ICON),  # a local file: a Material icon name makes the browser fetch it
        layout="wide",
    )
    st.html(CSS)
    base_key, base, _ = state.baseline(res)
    setup = state.region_setup(res)  # ranges, defaults and assumptions of this region
    pset = setup.pset
    values, issues = state.current_values(pset)
    proj = projection(values, base_key, base, pset)
    ctx = Ctx(
        lang,
        values,
        base,
        pset,
        state.targets(res),
        proj,
        state.scenario_id(values, res, pset),
        setup,
    )
    header(ctx)
    guide.render(lang)
    notices(ctx, issues)
    cards.render(ctx)
    labels = {k: {x: t(k, x) for x in ("zh", "en")} for k, _ in TABS}
    st.session_state["_tab_labels"] = labels
    # A segmented control rather than st.tabs: the browser re-renders much less per slider move
    # (bench: key press to card 103 -> 77 ms), and only the chosen view is computed anyway.
    options = [labels[k][lang] for k, _ in TABS]
    if st.session_state.get(state.VIEW) not in options:
        st.session_state[state.VIEW] = options[0]
    view = st.segmented_control(
        t("app_view", lang), options, key=state.VIEW, required=True, label_visibility="collapsed"
    )
    key, module = TABS[options.index(view)]
    inputs.sidebar(ctx, issues, hide_kinds=inputs.EDITED_IN_TAB if key == DATA_TAB else ())
    view_guarded(module, ctx)
    state.sync_url(values, lang, pset)


if __name__ == "__main__":
    main()
