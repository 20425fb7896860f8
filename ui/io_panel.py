"""Import & export tab: downloads of the current scenario (IAMC CSV, Excel, scenario file) and
uploads of a scenario file or a whole baseline CSV. A bad upload shows an error naming the field
and leaves the previous inputs and baseline in use."""

from __future__ import annotations

import hashlib

import streamlit as st

from sim import export
from sim.baseline import build_baseline
from sim.errors import InputError
from sim.i18n import t
from sim.io import read_baseline_frame
from sim.region import file_stem
from sim.scenarios import parse_scenario_bytes, sparse_diff

from . import report_panel, state
from .cache import DEFAULT_BASE_KEY, resources
from .context import Ctx
from .fmt import plain

SCN_UPLOAD = "_up_scn"
BASE_UPLOAD = "_up_base"


def _error(name: str, zh: str, en: str | None = None) -> None:
    """An import problem in both languages (``en`` defaults to ``zh``, e.g. an English-only
    message from the loaders); file names and messages may quote user text, so they are escaped."""
    name = plain(name)
    state.message(
        "error",
        t("app_io_error", "zh", name=name, msg=plain(zh)) + " " + t("app_io_kept", "zh"),
        t("app_io_error", "en", name=name, msg=plain(en or zh)) + " " + t("app_io_kept", "en"),
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
    st.session_state[state.SCN_NAME] = scn.id
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
    kw = {"region": plain(base.region), "year": base.year, "rows": len(base.frame)}
    state.message(
        "success", t("app_io_loaded_baseline", "zh", **kw), t("app_io_loaded_baseline", "en", **kw)
    )


def _on_baseline_reset() -> None:
    st.session_state[state.BASE_KEY] = DEFAULT_BASE_KEY


def show_messages(lang: str) -> None:
    for level, zh, en in state.pop_messages():
        text = zh if lang == "zh" else en
        {"error": st.error, "info": st.info}.get(level, st.success)(text)


def export_section(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_io_export', lang)}")
    if state.SCN_NAME not in st.session_state:
        st.session_state[state.SCN_NAME] = ctx.scenario_id
    st.text_input(
        t("app_io_scenario_name", lang), key=state.SCN_NAME, max_chars=80, persist_state="session"
    )
    name = (st.session_state.get(state.SCN_NAME) or "").strip() or ctx.scenario_id
    stem = file_stem(ctx.base.region, name, lang)  # 六盘水市_official_2024: region in Chinese
    proj, values, base, targets, pset = ctx.proj, dict(ctx.values), ctx.base, ctx.targets, ctx.pset
    c1, c2, c3 = st.columns(3)
    c1.download_button(
        t("app_io_csv", lang),
        data=lambda: export.iamc_csv_bytes(proj, name),
        file_name=f"{stem}.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
        key="_dl_csv",
    )
    c2.download_button(
        t("app_io_xlsx", lang),
        data=lambda: export.workbook_bytes(values, proj, base, targets, name, pset),
        file_name=f"{stem}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        on_click="ignore",
        icon=":material/download:",
        key="_dl_xlsx",
    )
    c3.download_button(
        t("app_io_toml", lang),
        data=lambda: export.scenario_toml(values, name, pset=pset).encode("utf-8"),
        file_name=f"{stem}.toml",
        mime="application/toml",
        on_click="ignore",
        icon=":material/download:",
        key="_dl_toml",
    )
    st.caption(t("app_io_export_note", lang))


def import_section(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('app_io_import', lang)}")
    key, base, source = state.baseline(resources())
    st.caption(
        t(
            "app_io_active_baseline",
            lang,
            region=plain(base.region),
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


def render(ctx: Ctx) -> None:
    show_messages(ctx.lang)
    export_section(ctx)
    st.divider()
    import_section(ctx)
    st.divider()
    report_panel.render(ctx)
