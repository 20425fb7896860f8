"""Import & export tab: downloads of the current scenario (workbook, briefing, results table,
IAMC CSV, scenario file; named after the scenario, in the page's language) and
uploads of a scenario file or a whole baseline CSV. A bad upload shows an error naming the field
and leaves the previous inputs and baseline in use."""

from __future__ import annotations

import hashlib

import streamlit as st

from sim import export
from sim.baseline import build_baseline
from sim.errors import InputError
from sim.i18n import region_label, t
from sim.io import read_baseline_frame
from sim.limits import MAX_FILE_BYTES
from sim.scenarios import parse_scenario_bytes, sparse_diff

from . import report_panel, state
from .cache import DEFAULT_BASE_KEY, resources
from .check_inputs import check_inputs_now
from .context import Ctx
from .fmt import plain
from .say import say

SCN_UPLOAD = "_up_scn"
NOTE = "_scn_note"  # the scenario note of the downloads
REASON_PREFIX = "_why_"  # + input id: the planner's reason for changing it
WIDGET_KEYS = {
    "app_io_xlsx": "_dl_xlsx",
    "xp_dl_docx": "_dl_docx",
    "xp_dl_table": "_dl_table",
    "app_io_csv": "_dl_csv",
    "xp_dl_toml": "_dl_toml",
}
BASE_UPLOAD = "_up_base"


def _error(name: str, zh: str, en: str | None = None) -> None:
    """An import problem in both languages (``en`` defaults to ``zh``, e.g. an English-only
    message from the loaders); file names and messages may quote user text: show_messages
    escapes the whole sentence (ui.say)."""
    state.message(
        "error",
        t("app_io_error", "zh", name=name, msg=zh) + " " + t("app_io_kept", "zh"),
        t("app_io_error", "en", name=name, msg=en or zh) + " " + t("app_io_kept", "en"),
    )


def _on_scenario_upload() -> None:
    f = st.session_state.get(SCN_UPLOAD)
    if f is None:
        return
    res = resources()
    try:
        scn = parse_scenario_bytes(f.getvalue(), f.name)
    except InputError as e:
        _error(f.name, e.text("zh"), e.text("en"))
        return
    v = scn.validate(res.pset)
    if not v.ok:
        for issues in v.errors.values():
            for i in issues:
                _error(f.name, i.zh, i.en)
        return
    state.apply_values(v.values, res.pset)
    st.session_state[state.SCN_NAME] = scn.title_zh or scn.id  # downloads are named after it
    st.session_state[NOTE] = scn.description_zh or scn.description_en
    for pid, why in scn.reasons.items():
        st.session_state[REASON_PREFIX + pid] = why[:300]
    st.session_state[state.URL_ISSUES] = []
    n = len(sparse_diff(v.values, res.pset))
    state.message(
        "success",
        t("app_io_loaded_scenario", "zh", title=scn.title("zh"), n=n),
        t("app_io_loaded_scenario", "en", title=scn.title("en"), n=n),
    )


def _on_baseline_upload() -> None:
    f = st.session_state.get(BASE_UPLOAD)
    if f is None:
        return
    data = f.getvalue()
    try:
        base = build_baseline(read_baseline_frame(data))
    except InputError as e:
        _error(f.name, e.text("zh"), e.text("en"))
        return
    key = "upload:" + hashlib.sha1(data).hexdigest()[:12]
    state.use_baseline(key, base, "app_io_source_upload")
    loaded_message(base)


def loaded_message(base) -> None:
    kw = {"year": base.year, "rows": len(base.frame)}
    zh, en = (
        t("app_io_loaded_baseline", x, region=region_label(base.region, x), **kw)
        for x in ("zh", "en")
    )
    state.message("success", zh, en)


def _on_baseline_reset() -> None:
    st.session_state[state.BASE_KEY] = DEFAULT_BASE_KEY


def show_messages(lang: str) -> None:
    for level, zh, en in state.pop_messages():
        say(level if level in ("error", "info") else "success", zh if lang == "zh" else en)


def downloads(
    ctx: Ctx, name: str, note: str = "", reasons: dict | None = None
) -> list[tuple[str, str, str, object]]:
    """(text key, file name, MIME type, data callable) of every download, named after the
    scenario (煤炭减产方案.xlsx, .docx, .csv, .toml); the callables run only on a click. ``note``
    and ``reasons`` ({input id: why it was changed}) go on the cover and into the briefing."""
    from sim import workbook
    from sim.briefing import DOCX_MIME, briefing_bytes
    from sim.export_tables import Case
    from sim.sanitize import file_stem

    lang, values, pset = ctx.lang, dict(ctx.values), ctx.pset
    checks = check_inputs_now()  # as set under the checks (目标与一致性)
    case = Case(
        name,
        values,
        ctx.proj,
        ctx.base,
        ctx.targets,
        pset,
        note,
        reasons=reasons or {},
        checks=checks,
    )
    stem = file_stem(name, ctx.scenario_id)
    return [
        (
            "app_io_xlsx",
            f"{stem}.xlsx",
            workbook.XLSX_MIME,
            lambda: workbook.workbook_bytes(case, lang),
        ),
        ("xp_dl_docx", f"{stem}.docx", DOCX_MIME, lambda: briefing_bytes(case, lang)),
        ("xp_dl_table", f"{stem}.csv", "text/csv", lambda: workbook.table_csv_bytes(case, lang)),
        (
            "app_io_csv",
            f"{stem}_IAMC.csv",
            "text/csv",
            lambda: export.iamc_csv_bytes(ctx.proj, name),
        ),
        (
            "xp_dl_toml",
            f"{stem}.toml",
            "application/toml",
            lambda: export.scenario_toml_bytes(
                values, name, description=note, pset=pset, reasons=reasons
            ),
        ),
    ]


def reasons_section(ctx: Ctx) -> dict[str, str]:
    """One box per changed input for the planner's reason (kept per input id for the session);
    returns {input id: reason} of the inputs changed now."""
    from sim.export_tables import changed_params, input_cell

    lang = ctx.lang
    case_values = dict(ctx.values)
    changed = changed_params(_bare_case(ctx))
    if not changed:
        return {}
    out = {}
    with st.expander(t("xp_reasons", lang, n=len(changed))):
        for p in changed:
            value = input_cell(p, case_values.get(p.id, p.default), lang)
            default = input_cell(p, p.default, lang)
            label = t(
                "xp_reason_label",
                lang,
                label=p.label(lang),
                value=value if isinstance(value, str) else value.text(lang),
                default=default if isinstance(default, str) else default.text(lang),
            )
            out[p.id] = st.text_input(label, key=REASON_PREFIX + p.id, max_chars=300)
    return out


def _bare_case(ctx: Ctx):
    from sim.export_tables import Case

    checks = check_inputs_now()
    return Case("", dict(ctx.values), ctx.proj, ctx.base, ctx.targets, ctx.pset, checks=checks)


def export_section(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_io_export', lang)}")
    ss = st.session_state
    if state.SCN_NAME not in ss:
        ss[state.SCN_NAME] = ctx.scenario_id
    titles = {p.scenario.id: p.scenario.title(lang) for p in resources().presets}
    titles["custom"] = t("xp_custom_name", lang)
    if ss[state.SCN_NAME] in titles:  # an id: name the files after the scenario's title
        ss[state.SCN_NAME] = titles[ss[state.SCN_NAME]]
    st.text_input(
        t("app_io_scenario_name", lang), key=state.SCN_NAME, max_chars=80, persist_state="session"
    )
    name = (ss.get(state.SCN_NAME) or "").strip() or ctx.scenario_id
    note = st.text_area(t("xp_note", lang), key=NOTE, max_chars=2000, height=80)
    items = downloads(ctx, name, note, reasons_section(ctx))
    for row in (items[:2], items[2:]):  # the hand-over files first, then the data files
        for col, (key, file_name, mime, data) in zip(st.columns(len(row)), row, strict=True):
            col.download_button(
                t(key, lang),
                data=data,
                file_name=file_name,
                mime=mime,
                on_click="ignore",
                icon=":material/download:",
                key=WIDGET_KEYS[key],
                type="primary" if key in ("app_io_xlsx", "xp_dl_docx") else "secondary",
                width="stretch",
                help=t("xp_dl_toml_help", lang) if key == "xp_dl_toml" else None,
            )
    st.caption(t("xp_dl_note", lang))


def import_section(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_io_import', lang)}")
    key, base, source = state.baseline(resources())
    st.caption(
        t(
            "app_io_active_baseline",
            lang,
            region=plain(region_label(base.region, lang)),
            year=base.year,
            source=t(source, lang),
        )
    )
    c1, c2 = st.columns(2)
    c1.file_uploader(
        t("app_io_scenario_upload", lang),
        type=["toml"],
        key=SCN_UPLOAD,
        on_change=_on_scenario_upload,
    )
    c2.file_uploader(
        t("app_io_baseline_upload", lang),
        type=["csv"],
        key=BASE_UPLOAD,
        on_change=_on_baseline_upload,
    )
    if key != DEFAULT_BASE_KEY:
        c2.button(t("app_io_baseline_reset", lang), on_click=_on_baseline_reset)
    # Streamlit's own "Drag and drop file here · Limit 2MB per file" is English only (hidden by
    # app.CSS); the limits in the user's language:
    st.caption(t("ux_upload_limit", lang, mb=MAX_FILE_BYTES // 1_000_000))


def render(ctx: Ctx) -> None:
    show_messages(ctx.lang)
    export_section(ctx)
    st.divider()
    import_section(ctx)
    st.divider()
    report_panel.render(ctx)
