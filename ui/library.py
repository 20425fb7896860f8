"""The scenario library tab: save the current inputs under a name, list, open (any version),
duplicate, rename, delete (to a trash, restorable), export and import.

Opening a version works like a preset: in a callback, before any widget exists, every input is
set in ``st.session_state`` under its parameter id (``ui.state.apply_values``), and the baseline
it ran on becomes the active one. User text (names, authors, notes) is shown as plain text:
tables, ``st.text`` and markdown-escaped messages, never HTML.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone

import pandas as pd
import streamlit as st

from sim.errors import InputError
from sim.i18n import t, unit_label
from sim.library import MAX_AUTHOR, MAX_NAME, MAX_NOTES, Library, Version
from sim.library_files import Problem, export_json, export_toml, import_bytes
from sim.sanitize import file_stem, toml_file_bytes

from . import state
from .cache import DEFAULT_BASE_KEY, resources
from .context import Ctx
from .fmt import plain
from .say import say

MSGS = "_lib_messages"  # [(level, text key, values)] shown at the top of the tab
K_NAME, K_AUTHOR, K_NOTES = "lib_name", "lib_author", "lib_notes"
K_PICK, K_VERSION, K_NEW, K_UPLOAD = "lib_pick", "lib_version", "lib_new", "lib_upload"
MAX_PROBLEMS = 20  # import problems listed one by one; the rest are counted


def _say(level: str, key: str, **kw) -> None:
    st.session_state.setdefault(MSGS, []).append((level, key, kw))


def _guard(fn: Callable[[], None]) -> None:
    """Run a library action; a refusal becomes a message, never a traceback."""
    try:
        fn()
    except InputError as e:
        _say("error", "lib_error", msg=e)  # shown in the UI language (InputError.text)
    except sqlite3.Error as e:  # a disk or lock problem the library did not foresee
        _say("error", "lib_error", msg=f"{type(e).__name__}: {e}")


def _show_messages(lang: str) -> None:
    for level, key, kw in st.session_state.pop(MSGS, []):
        # errors and import problems carry both languages: pick the UI's
        kw = {k: v.text(lang) if isinstance(v, InputError | Problem) else v for k, v in kw.items()}
        say(level if level in ("error", "warning") else "success", t(key, lang, **kw))


# ---------------------------------------------------------------------- callbacks
def _on_save(values: dict, base, pset=None) -> None:
    ss = st.session_state

    def act():
        name = ss.get(K_NAME, "")
        v = Library().save(
            name, values, base, author=ss.get(K_AUTHOR, ""), notes=ss.get(K_NOTES, ""), pset=pset
        )
        ss[K_PICK], ss[K_VERSION] = name.strip(), v.number
        _say("success", "lib_saved", name=name.strip(), n=v.number)

    _guard(act)


def _on_open() -> None:
    ss = st.session_state

    def act():
        name, number = ss.get(K_PICK), ss.get(K_VERSION)
        op = Library().open(name, number)
        res = resources()
        base = op.baseline() if op.baseline_csv is not None else None  # may refuse: nothing set
        state.apply_values(op.values, res.pset)
        ss[state.SCN_NAME] = name
        ss[state.URL_ISSUES] = []
        if base is None:
            ss[state.BASE_KEY] = DEFAULT_BASE_KEY
        else:
            state.use_baseline(
                "library:" + op.version.baseline_hash[:12], base, "lib_baseline_source"
            )
        _say("success", "lib_opened", name=name, n=op.version.number)
        if op.issues:
            _say("warning", "lib_opened_clamped", text="; ".join(i.en for i in op.issues))
        if op.baseline_changed:
            _say("warning", "lib_opened_old_base")

    _guard(act)


def _on_duplicate() -> None:
    ss = st.session_state

    def act():
        new = (ss.get(K_NEW) or "").strip()
        Library().duplicate(ss.get(K_PICK), new, author=ss.get(K_AUTHOR, ""))
        ss[K_PICK], ss[K_VERSION], ss[K_NEW] = new, None, ""
        _say("success", "lib_duplicated", name=new)

    _guard(act)


def _on_rename() -> None:
    ss = st.session_state

    def act():
        new = (ss.get(K_NEW) or "").strip()
        Library().rename(ss.get(K_PICK), new)
        ss[K_PICK], ss[K_NEW] = new, ""
        _say("success", "lib_renamed", name=new)

    _guard(act)


def _on_delete() -> None:
    ss = st.session_state

    def act():
        name = ss.get(K_PICK)
        Library().delete(name)
        ss[K_PICK] = None
        _say("success", "lib_deleted", name=name)

    _guard(act)


def _on_restore(name: str) -> None:
    def act():
        Library().restore(name)
        st.session_state[K_PICK] = name
        _say("success", "lib_restored", name=name)

    _guard(act)


def _on_purge(name: str) -> None:
    def act():
        Library().delete(name, purge=True)
        _say("success", "lib_purged", name=name)

    _guard(act)


def _on_import() -> None:
    f = st.session_state.get(K_UPLOAD)
    if f is None:
        return

    def act():
        rep = import_bytes(
            Library(), f.getvalue(), f.name, author=st.session_state.get(K_AUTHOR, "")
        )
        level = "warning" if rep.problems else "success"
        _say(level, "lib_imported", file=f.name, n=len(rep.added), present=rep.already_present)
        for p in rep.problems[:MAX_PROBLEMS]:
            _say(
                "error",
                "lib_import_problem",
                file=f.name,
                where=p.where,
                field=p.field,
                msg=p,
            )
        if len(rep.problems) > MAX_PROBLEMS:
            _say("error", "lib_more_problems", n=len(rep.problems) - MAX_PROBLEMS)

    _guard(act)


# ---------------------------------------------------------------------- sections
def save_section(ctx: Ctx) -> None:
    lang = ctx.lang
    st.markdown(f"#### {t('lib_save_title', lang)}")
    with st.form("lib_save_form", border=False):
        c1, c2 = st.columns([2, 1])
        c1.text_input(t("lib_name", lang), key=K_NAME, max_chars=MAX_NAME)
        c2.text_input(t("lib_author", lang), key=K_AUTHOR, max_chars=MAX_AUTHOR)
        st.text_area(t("lib_notes", lang), key=K_NOTES, max_chars=MAX_NOTES, height=80)
        st.form_submit_button(
            t("lib_save", lang),
            on_click=_on_save,
            args=(dict(ctx.values), ctx.base, ctx.pset),
            type="primary",
            icon=":material/save:",
        )
    st.caption(t("lib_save_hint", lang))


def _base_label(v: Version, lang: str) -> str:
    key = "lib_uploaded_base" if v.custom_baseline else "lib_embedded_base"
    return t(key, lang, region=v.region, year=v.base_year)


BEIJING = timezone(timedelta(hours=8), "UTC+8")


def _stamp(s: str, lang: str = "zh") -> str:
    """A stored UTC time ('2026-12-04T00:48:12.123Z') in Beijing time, to the minute."""
    try:
        when = datetime.fromisoformat(s.replace("Z", "+00:00"))
    except (TypeError, ValueError):
        return s or "-"
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return t("lib_time_beijing", lang, time=when.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"))


def list_section(lib: Library, lang: str) -> list[str]:
    st.markdown(f"#### {t('lib_list_title', lang)}")
    entries = lib.list()
    if not entries:
        st.info(t("lib_empty", lang))
        return []
    rows = [
        {
            t("lib_col_name", lang): e.name,
            t("lib_col_versions", lang): e.versions,
            t("lib_col_changed", lang): _stamp(e.changed_at, lang),
            t("lib_col_author", lang): e.latest.author or e.author,
            t("lib_col_notes", lang): e.latest.notes.splitlines()[0] if e.latest.notes else "",
        }
        for e in entries
    ]
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
    return [e.name for e in entries]


def scenario_section(ctx: Ctx, lib: Library, names: list[str]) -> None:
    lang, ss = ctx.lang, st.session_state
    if ss.get(K_PICK) not in names:
        ss[K_PICK] = names[0]
    c1, c2 = st.columns([2, 2])
    c1.selectbox(t("lib_pick", lang), options=names, key=K_PICK)
    history = lib.history(ss[K_PICK])
    latest = history[-1].number
    numbers = [v.number for v in reversed(history)]
    if ss.get(K_VERSION) not in numbers:
        ss[K_VERSION] = latest
    by_number = {v.number: v for v in history}

    def label(n: int) -> str:
        v = by_number[n]
        text = t(
            "lib_version_label", lang, n=n, saved=_stamp(v.saved_at, lang), author=v.author or "-"
        )
        return text + (t("lib_latest", lang) if n == latest else "")

    c2.selectbox(t("lib_pick_version", lang), options=numbers, key=K_VERSION, format_func=label)
    v = by_number[ss[K_VERSION]]
    b1, b2 = st.columns([1, 3])
    b1.button(t("lib_open", lang), on_click=_on_open, type="primary", icon=":material/open_in_new:")
    if v.notes:
        b2.text(v.notes)
    version_inputs(ctx, v)
    with st.expander(t("lib_history", lang)):
        st.dataframe(history_frame(history, lang), hide_index=True, width="stretch")
    n1, n2, n3, n4 = st.columns([2, 1, 1, 1], vertical_alignment="bottom")
    n1.text_input(t("lib_new_name", lang), key=K_NEW, max_chars=MAX_NAME)
    n2.button(t("lib_duplicate", lang), on_click=_on_duplicate, icon=":material/content_copy:")
    n3.button(t("lib_rename", lang), on_click=_on_rename, icon=":material/edit:")
    n4.button(t("lib_delete", lang), on_click=_on_delete, icon=":material/delete:")


def version_inputs(ctx: Ctx, v: Version) -> None:
    lang, pset = ctx.lang, ctx.pset
    if not v.inputs:
        st.caption(t("lib_all_defaults", lang))
        return
    rows = []
    for pid, value in v.inputs.items():
        p = pset.by_id.get(pid)
        shown = p.choice_label(value, lang) if p is not None and p.type == "choice" else value
        rows.append(
            {
                t("lib_col_param", lang): p.label(lang) if p else pid,
                t("lib_col_value", lang): str(shown),
                t("lib_col_default", lang): str(p.default) if p else "",
                t("lib_col_unit", lang): unit_label(p.unit, lang) if p else "",
            }
        )
    st.caption(t("lib_inputs_changed", lang))
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")


def history_frame(history: list[Version], lang: str) -> pd.DataFrame:
    rows = [
        {
            t("lib_col_version", lang): v.number,
            t("lib_col_saved", lang): _stamp(v.saved_at, lang),
            t("lib_col_author", lang): v.author,
            t("lib_col_notes", lang): v.notes,
            t("lib_col_changes", lang): len(v.inputs),
            t("lib_col_baseline", lang): _base_label(v, lang),
            t("lib_col_model", lang): v.model_version,
            t("lib_col_origin", lang): t(f"lib_origin_{v.origin}", lang) if v.origin else "",
        }
        for v in reversed(history)
    ]
    return pd.DataFrame(rows)


def trash_section(lib: Library, lang: str) -> None:
    gone = lib.list(deleted=True)
    if not gone:
        return
    with st.expander(t("lib_trash", lang, n=len(gone))):
        for i, e in enumerate(gone):
            c1, c2, c3 = st.columns([3, 1, 1], vertical_alignment="center")
            c1.text(f"{e.name} · {e.versions} · {_stamp(e.deleted_at or '', lang)}")
            c2.button(
                t("lib_restore", lang), key=f"lib_restore_{i}", on_click=_on_restore, args=(e.name,)
            )
            c3.button(
                t("lib_purge", lang), key=f"lib_purge_{i}", on_click=_on_purge, args=(e.name,)
            )


def transfer_section(lib: Library, lang: str, names: list[str]) -> None:
    st.markdown(f"#### {t('lib_transfer_title', lang)}")
    c1, c2, c3 = st.columns(3)
    pick, number = st.session_state.get(K_PICK), st.session_state.get(K_VERSION)
    c1.download_button(
        t("lib_export_all", lang),
        data=lambda: export_json(lib).encode("utf-8"),
        file_name="lps-library.json",
        mime="application/json",
        on_click="ignore",
        icon=":material/download:",
        disabled=not names,
    )
    if pick in names:
        stem = file_stem(pick)  # the name as typed, Chinese kept
        c2.download_button(
            t("lib_export_one", lang),
            data=lambda: export_json(lib, [pick]).encode("utf-8"),
            file_name=f"{stem}.json",
            mime="application/json",
            on_click="ignore",
            icon=":material/download:",
        )
        c3.download_button(
            t("lib_export_toml", lang),
            data=lambda: toml_file_bytes(export_toml(lib, pick, number)),
            file_name=f"{stem}-v{number}.toml",
            mime="application/toml",
            on_click="ignore",
            icon=":material/download:",
        )
    st.file_uploader(
        t("lib_import", lang), type=["json", "toml"], key=K_UPLOAD, on_change=_on_import
    )


def render(ctx: Ctx) -> None:
    lang = ctx.lang
    lib = Library()
    _show_messages(lang)
    st.caption(t("lib_intro", lang, path=plain(lib.path)))
    save_section(ctx)
    st.divider()
    try:
        names = list_section(lib, lang)
        if names:
            scenario_section(ctx, lib, names)
        trash_section(lib, lang)
        st.divider()
        transfer_section(lib, lang, names)
    except (InputError, sqlite3.Error) as e:
        msg = e.text(lang) if isinstance(e, InputError) else str(e)
        say("error", t("lib_error", lang, msg=msg))
