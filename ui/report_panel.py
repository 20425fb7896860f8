"""A government work report (政府工作报告) as a new baseline and targets: upload or paste the text
(within a stated size limit), read it with ``sim.extract``, let the planner choose among
ambiguous readings, type the rows the model needs that the report does not state (with the
report's nearest words beside them), review and edit both the baseline and the targets, and
confirm before anything is used. Nothing is used unconfirmed; nothing is guessed."""

from __future__ import annotations

import hashlib
import math

import pandas as pd
import streamlit as st

from sim.baseline import REQUIRED_ROWS, build_baseline
from sim.errors import InputError
from sim.i18n import region_label, t
from sim.targets import TargetSet, targets_from_doc

from . import reader_text, state
from .cache import region
from .context import Ctx
from .fmt import plain
from .say import say

EXTRACTION = "_rep_ex"
FRAME = "_rep_frame"
TFRAME = "_rep_tframe"
MAX_REPORT_BYTES = 2_000_000
TARGET_COLUMNS = ["id", "label", "value", "high", "unit", "qualifier", "sense", "quote"]
QUALIFIERS = ["about", "at_least", "at_most", "range"]


def _limits() -> dict:
    from sim.extract.normalise import MAX_REPORT_CHARS

    return {"chars": f"{MAX_REPORT_CHARS:,}", "mb": MAX_REPORT_BYTES // 1_000_000}


def _read_input(lang: str) -> str | None:
    from sim.extract import read_report_bytes

    ss = st.session_state
    f = ss.get("_rep_file")
    if f is not None:
        data = f.getvalue()
        if len(data) > MAX_REPORT_BYTES:
            mb = f"{len(data) / 1e6:.1f}"
            st.error(t("rep_too_big", lang, mb=mb, limit=MAX_REPORT_BYTES // 1_000_000))
            return None
        return read_report_bytes(data)
    return ss.get("_rep_text") or ""


def _extract(lang: str) -> None:
    from sim.extract import extract_report

    ss = st.session_state
    f = ss.get("_rep_file")
    try:
        text = _read_input(lang)
        if text is None:
            return
        if not text.strip():
            st.warning(t("app_rep_empty", lang))
            return
        region = " ".join((ss.get("_rep_region") or "").split())
        if not region:  # the title's region (煤城市2024年政府工作报告), shown to the planner
            from sim.extract.region_name import region_in_title

            region = region_in_title(text) or ""
            if region:
                say("info", t("rep_region_from_title", lang, region=region))
        region = region or t("rep_region_unnamed", lang)
        ex = extract_report(text, region)
    except (ValueError, InputError) as e:
        say("error", t("app_io_error", lang, name=getattr(f, "name", "report"), msg=e))
        return
    ss[EXTRACTION] = ex
    ss[FRAME] = _baseline_rows(ex, lang)
    ss[TFRAME] = _target_rows(ex.targets, lang)


def _baseline_rows(ex, lang: str) -> pd.DataFrame:
    """The figures read, then one empty row per row the model needs, with its context."""
    df = ex.baseline_frame().drop(columns=["position"], errors="ignore")
    df[t("rep_col_context", lang)] = ""
    needs = [
        {
            "region": ex.region,
            "variable": n.variable,
            "unit": n.unit,
            "year": n.year,
            "value": math.nan,
            "kind": "planner",
            "source": t("rep_planner", lang),
            "quote": "",
            t("rep_col_context", lang): n.context,
        }
        for n in ex.needs()
    ]
    return pd.concat([pd.DataFrame(needs, columns=df.columns), df], ignore_index=True)


def _target_rows(targets, lang: str) -> pd.DataFrame:
    rows = [
        {
            "id": x.id,
            "label": x.label(lang),
            "value": x.value,
            "high": x.high,
            "unit": x.unit,
            "qualifier": x.qualifier,
            "sense": x.sense,
            "quote": x.quote,
        }
        for x in targets
    ]
    return pd.DataFrame(rows, columns=TARGET_COLUMNS).astype({"value": float, "high": float})


def _chosen(ex) -> tuple[list[dict], list]:
    """The planner's choices among ambiguous readings: baseline rows and targets."""
    from sim.extract import fields as F

    by_var = {f.variable: f for f in F.all_fields()}
    by_key = {f.key: f for f in F.all_fields()}
    rows, targets = [], []
    for key, cands in ex.ambiguous.items():
        i = st.session_state.get(f"_rep_choice_{key}")
        if not isinstance(i, int) or not 0 <= i < len(cands):
            continue
        c = cands[i]
        part, name = key.split(":", 1)
        if part == "review":
            f = by_var[name]
            rows.append(
                {
                    "region": ex.region,
                    "variable": f.variable,
                    "unit": f.unit,
                    "year": ex.review_year,
                    "value": c.value,
                    "kind": "actual",
                    "source": ex.source,
                    "quote": c.quote,
                }
            )
        else:
            f = by_key[name]
            targets.append(
                {
                    "id": f.key,
                    "label": f.label_zh,
                    "value": c.value,
                    "high": c.high,
                    "unit": f.unit,
                    "qualifier": "range" if c.high else "about",
                    "sense": f.sense,
                    "quote": c.quote,
                }
            )
    return rows, targets


def _targets_doc(frame: pd.DataFrame, ex) -> dict:
    """The reviewed targets as a targets document (rows without a value are dropped)."""
    from sim.extract import fields as F

    by_key = {f.key: f for f in F.all_fields()}
    items = []
    for _, r in frame.iterrows():
        if pd.isna(r.get("value")) or not str(r.get("id") or "").strip():
            continue
        f = by_key.get(str(r["id"]).strip())
        item = {
            "id": str(r["id"]).strip(),
            "variable": f.variable if f else str(r["id"]),
            "label_zh": f.label_zh if f else str(r.get("label") or r["id"]),
            "label_en": f.label_en if f else str(r.get("label") or r["id"]),
            "value": float(r["value"]),
            "unit": str(r.get("unit") or (f.unit if f else "")),
            "qualifier": str(r.get("qualifier") or "about"),
            "sense": str(r.get("sense") or (f.sense if f else "higher")),
            "covered": bool(f.covered) if f else False,
            "quote": str(r.get("quote") or ""),
        }
        if not pd.isna(r.get("high")):
            item["high"] = float(r["high"])
        items.append(item)
    meta = {"region": ex.region, "year": ex.report_year, "about_tolerance": 0.1}
    return {"meta": meta, "target": items}


def _confirm(base_frame: pd.DataFrame, target_frame: pd.DataFrame, lang: str, pset) -> None:
    ex = st.session_state[EXTRACTION]
    extra_rows, extra_targets = _chosen(ex)
    context = t("rep_col_context", lang)
    rows = base_frame.drop(columns=[context], errors="ignore").dropna(how="all")
    if extra_rows:
        rows = pd.concat([rows, pd.DataFrame(extra_rows)], ignore_index=True)
    empty = rows[pd.to_numeric(rows["value"], errors="coerce").isna()]
    missing = [v for v in empty["variable"].astype(str) if v in REQUIRED_ROWS]
    if missing:
        st.error(t("rep_need_value", lang, fields=", ".join(missing)))
        return
    rows = rows.drop(index=empty.index).reset_index(drop=True)
    try:
        base = build_baseline(rows)
    except InputError as e:
        say("error", t("app_io_error", lang, name=t("app_rep_title", lang), msg=e))
        st.caption(t("app_io_kept", lang))
        return
    tframe = pd.concat([target_frame, pd.DataFrame(extra_targets, columns=TARGET_COLUMNS)])
    doc = _targets_doc(tframe, ex)
    try:
        if doc["target"]:
            targets = targets_from_doc(doc, "targets")
        else:  # the report (or the planner) gives none: every view shows an empty scoreboard
            targets = TargetSet((), ex.report_year, 0.1, base.region)
    except InputError as e:
        say("error", t("rep_bad_target", lang, row="-", msg=e))
        return
    digest = hashlib.sha1((rows.to_csv(index=False) + repr(doc)).encode("utf-8")).hexdigest()[:12]
    state.use_baseline("report:" + digest, base, "app_io_source_report", targets)
    # The region's inputs (sim.region): ranges around its base year, its targets as defaults,
    # neutral values where it sets none, its profile's assumptions (sector-target mode without
    # an industry split). Every input starts at those defaults.
    setup = region("report:" + digest, base, targets)
    state.queue_values(setup.pset.defaults())
    kw = {"year": base.year, "rows": len(base.frame)}
    zh, en = (
        t("app_io_loaded_baseline", x, region=region_label(base.region, x), **kw)
        for x in ("zh", "en")
    )
    state.message("success", zh, en)
    if targets.targets:
        kw = {"n": len(targets.targets)}
        state.message(
            "info", t("app_rep_targets_used", "zh", **kw), t("app_rep_targets_used", "en", **kw)
        )
    else:
        state.message("info", t("rep_no_targets", "zh"), t("rep_no_targets", "en"))
    st.rerun()


def _show_extraction(lang: str, pset) -> None:
    ss = st.session_state
    ex = ss[EXTRACTION]
    with st.expander(plain(ex.source or ex.region)):
        reader_text.summary(ex, lang)
    st.caption(t("rep_year_found", lang, year=ex.report_year, review=ex.review_year))
    for n in ex.notes:
        say("caption", reader_text.note_text(n, lang))
    if ex.missing:
        names = t("app_list_sep", lang).join(reader_text.field_label(k, lang) for k in ex.missing)
        say("warning", t("app_rep_missing", lang, fields=names))
    for key, cands in ex.ambiguous.items():
        labels = [
            f"{c.value:g}{'' if c.high is None else f'-{c.high:g}'} «{plain(c.quote)}»"
            for c in cands
        ]
        st.radio(
            t("rep_choose", lang, field=reader_text.field_label(key, lang)),
            [*list(range(len(cands))), None],
            format_func=lambda i, labels=labels: (
                t("rep_choose_none", lang) if i is None else labels[i]
            ),
            index=len(cands),
            key=f"_rep_choice_{key}",
        )
    needs = ex.needs()
    if needs:
        st.info(t("rep_needs", lang, n=len(needs)))
    st.markdown(f"##### {t('rep_baseline_title', lang, year=ex.review_year)}")
    st.caption(t("app_rep_review", lang))
    edited = st.data_editor(
        ss[FRAME],
        key="_rep_editor",
        num_rows="dynamic",
        width="stretch",
        column_config=reader_text.column_config(reader_text.BASELINE_COLUMNS, lang),
    )
    st.markdown(f"##### {t('rep_targets_title', lang, year=ex.report_year)}")
    st.caption(t("rep_targets_review", lang))
    tedited = st.data_editor(
        ss[TFRAME],
        key="_rep_teditor",
        num_rows="dynamic",
        width="stretch",
        column_config=reader_text.column_config(
            (*reader_text.TARGET_COLUMNS[:-3], "quote"),
            lang,
            {
                "qualifier": st.column_config.SelectboxColumn(
                    t("rdr_col_qualifier", lang), options=QUALIFIERS
                ),
                "sense": st.column_config.SelectboxColumn(
                    t("rdr_col_sense", lang), options=["higher", "lower"]
                ),
            },
        ),
    )
    if st.button(t("app_rep_confirm", lang), type="primary"):
        _confirm(edited, tedited, lang, pset)


def render(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_rep_title', lang)}")
    st.caption(t("rep_limit", lang, **_limits()))
    c1, c2 = st.columns([2, 1])
    c1.file_uploader(t("app_rep_upload", lang), type=["txt"], key="_rep_file")
    c2.text_input(t("app_rep_region", lang), key="_rep_region", max_chars=40)
    from sim.extract.normalise import MAX_REPORT_CHARS

    st.text_area(t("app_rep_paste", lang), key="_rep_text", height=120, max_chars=MAX_REPORT_CHARS)
    if st.button(t("app_rep_extract", lang)):
        _extract(lang)
    if EXTRACTION in st.session_state:
        _show_extraction(lang, ctx.pset)
