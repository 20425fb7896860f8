"""A government work report (政府工作报告) as a new baseline: upload or paste the text, read it with
``sim.extract``, show what was found, missing or ambiguous, let the planner edit the figures and
confirm before they become the baseline in use. Nothing is used unconfirmed."""

from __future__ import annotations

import hashlib
import tomllib

import pandas as pd
import streamlit as st

from sim.baseline import build_baseline
from sim.errors import InputError
from sim.i18n import t
from sim.metadata import adjustment_from_targets, validate_adjustment
from sim.targets import TargetSet, targets_from_doc

from . import state
from .context import Ctx
from .fmt import plain

EXTRACTION = "_rep_ex"
FRAME = "_rep_frame"


def _extract(lang: str) -> None:
    from sim.extract import extract_report, read_report_bytes

    ss = st.session_state
    f = ss.get("_rep_file")
    try:
        text = read_report_bytes(f.getvalue()) if f is not None else (ss.get("_rep_text") or "")
        if not text.strip():
            st.warning(t("app_rep_empty", lang))
            return
        region = (ss.get("_rep_region") or "").strip() or "Region"
        ex = extract_report(text, region)
    except (ValueError, InputError) as e:
        st.error(t("app_io_error", lang, name=getattr(f, "name", "report"), msg=plain(e)))
        return
    ss[EXTRACTION] = ex
    ss[FRAME] = ex.baseline_frame().drop(columns=["position"], errors="ignore")


def _confirm(edited: pd.DataFrame, lang: str, pset) -> None:
    try:
        base = build_baseline(edited.dropna(how="all").reset_index(drop=True))
    except InputError as e:
        st.error(t("app_io_error", lang, name=t("app_rep_title", lang), msg=plain(e)))
        st.caption(t("app_io_kept", lang))
        return
    ex = st.session_state[EXTRACTION]
    try:
        targets = targets_from_doc(tomllib.loads(ex.targets_toml()), "targets")
    except (InputError, tomllib.TOMLDecodeError):
        targets = TargetSet((), base.year + 1, 0.1, base.region)  # none found: score nothing
    digest = hashlib.sha1(edited.to_csv(index=False).encode("utf-8")).hexdigest()[:12]
    state.use_baseline("report:" + digest, base, "app_io_source_report", targets)
    # The report's own targets become the defaults of the inputs linked to them. Without an
    # industry split there are no coal and power drivers: sector-target mode.
    mode = None if base.blocks.get("industry") else "target"
    adj = adjustment_from_targets(targets, pset, mode=mode)
    if mode:
        adj["industry.mode"] = mode
    state.queue_values(validate_adjustment(adj, pset).values)
    kw = {"region": plain(base.region), "year": base.year, "rows": len(base.frame)}
    state.message(
        "success", t("app_io_loaded_baseline", "zh", **kw), t("app_io_loaded_baseline", "en", **kw)
    )
    kw = {"n": len(targets.targets)}
    state.message(
        "info", t("app_rep_targets_used", "zh", **kw), t("app_rep_targets_used", "en", **kw)
    )
    st.rerun()


def _show_extraction(lang: str, pset) -> None:
    ex = st.session_state[EXTRACTION]
    with st.expander(ex.source or ex.region):
        st.text(ex.summary())
    if ex.missing:
        st.warning(t("app_rep_missing", lang, fields=", ".join(ex.missing)))
    for key, cands in ex.ambiguous.items():
        quotes = " | ".join(f"{c.value:g} «{plain(c.quote)}»" for c in cands)
        st.warning(t("app_rep_ambiguous", lang, field=key, quotes=quotes))
    st.caption(t("app_rep_review", lang))
    edited = st.data_editor(
        st.session_state[FRAME], key="_rep_editor", num_rows="dynamic", width="stretch"
    )
    if st.button(t("app_rep_confirm", lang), type="primary"):
        _confirm(edited, lang, pset)


def render(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_rep_title', lang)}")
    c1, c2 = st.columns([2, 1])
    c1.file_uploader(t("app_rep_upload", lang), type=["txt"], key="_rep_file")
    c2.text_input(t("app_rep_region", lang), key="_rep_region", max_chars=40)
    st.text_area(t("app_rep_paste", lang), key="_rep_text", height=120)
    if st.button(t("app_rep_extract", lang)):
        _extract(lang)
    if EXTRACTION in st.session_state:
        _show_extraction(lang, ctx.pset)
