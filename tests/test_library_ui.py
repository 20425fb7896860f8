"""The library tab under Streamlit's AppTest: save the current inputs, open a version (the
inputs and the baseline of the app change), duplicate, rename, delete, restore, and the tab
inside the full app. Each test uses its own library file (LPS_LIBRARY in tmp_path)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim import io
from sim.baseline import build_baseline
from sim.i18n import t
from sim.library import Library
from sim.library_schema import ENV_VAR

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def lib(tmp_path, monkeypatch) -> Library:
    monkeypatch.setenv(ENV_VAR, str(tmp_path / "lib.sqlite3"))
    return Library()


def _harness():
    import streamlit as st

    from sim import io, model
    from sim.baseline import build_baseline
    from sim.metadata import load_parameters, validate_adjustment
    from sim.targets import load_targets
    from ui.context import Ctx
    from ui.library import render

    base = build_baseline(io.read_baseline_frame())
    pset = load_parameters()
    current = {p.id: st.session_state[p.id] for p in pset.params if p.id in st.session_state}
    values = validate_adjustment({**st.session_state.get("test_adjust", {}), **current}).values
    lang = st.session_state.get("test_lang", "en")
    render(Ctx(lang, values, base, pset, load_targets(), model.run(values, base), "custom"))


def _app(adjust=None, lang="en") -> AppTest:
    at = AppTest.from_function(_harness, default_timeout=60)
    at.session_state["test_adjust"] = adjust or {}
    at.session_state["test_lang"] = lang
    at.run()
    assert not at.exception, at.exception
    return at


def button(at, key: str, lang: str = "en"):
    return next(b for b in at.button if b.label == t(key, lang))


def test_save_the_current_inputs_then_a_second_version(lib):
    at = _app({"growth.primary": 4.2})
    assert any(t("lib_empty", "en") in i.value for i in at.info)
    at.text_input(key="lib_name").input("Coal = down")
    at.text_input(key="lib_author").input("Li")
    at.text_area(key="lib_notes").input("first")
    button(at, "lib_save").click().run()
    assert not at.exception
    assert "Saved" in at.success[0].value
    v = lib.version("Coal = down")
    assert (v.number, v.author, v.notes, v.inputs) == (1, "Li", "first", {"growth.primary": 4.2})
    button(at, "lib_save").click().run()
    assert lib.entry("Coal = down").versions == 2
    assert at.selectbox(key="lib_pick").value == "Coal = down"
    assert at.selectbox(key="lib_version").value == 2


def test_bad_save_shows_the_field_and_stores_nothing(lib):
    at = _app()
    button(at, "lib_save").click().run()  # empty name
    assert not at.exception
    assert "name: must not be empty" in at.error[0].value.replace("\\", "")
    assert lib.list() == []


def test_open_sets_the_inputs_and_the_baseline(lib):
    lib.save("plan", {"growth.primary": 4.0, "industry.mode": "target"})
    lib.save("plan", {"growth.primary": 6.0})
    df = io.read_baseline_frame()
    df["region"] = "Testville"
    lib.save("elsewhere", {"price.coal": -10}, build_baseline(df))
    at = _app()
    at.selectbox(key="lib_pick").set_value("plan").run()
    at.selectbox(key="lib_version").set_value(1).run()
    button(at, "lib_open").click().run()
    assert not at.exception
    assert at.session_state["growth.primary"] == 4.0
    assert at.session_state["industry.mode"] == "target"
    assert at.session_state["_scn_name"] == "plan"
    assert at.session_state["_base_key"] == "default"
    assert "Opened" in at.success[0].value
    at.selectbox(key="lib_pick").set_value("elsewhere").run()
    button(at, "lib_open").click().run()
    assert at.session_state["price.coal"] == -10.0
    assert at.session_state["growth.primary"] == 3.5  # every input set, not only the changes
    key = at.session_state["_base_key"]
    assert key.startswith("library:")
    assert at.session_state["_baselines"][key][0].region == "Testville"


def test_duplicate_rename_delete_restore_from_the_tab(lib):
    lib.save("a", {"growth.primary": 4.0}, notes="keep me")
    at = _app(lang="zh")
    at.text_input(key="lib_new").input("b")
    button(at, "lib_duplicate", "zh").click().run()
    assert sorted(e.name for e in lib.list()) == ["a", "b"]
    at.selectbox(key="lib_pick").set_value("a").run()
    at.text_input(key="lib_new").input("a2")
    button(at, "lib_rename", "zh").click().run()
    assert sorted(e.name for e in lib.list()) == ["a2", "b"]
    at.selectbox(key="lib_pick").set_value("b").run()
    button(at, "lib_delete", "zh").click().run()
    assert [e.name for e in lib.list()] == ["a2"]
    at.button(key="lib_restore_0").click().run()
    assert sorted(e.name for e in lib.list()) == ["a2", "b"]
    assert not at.exception
    at.text_input(key="lib_new").input("a2")  # taken: refused with a message
    button(at, "lib_duplicate", "zh").click().run()
    assert "已存在" in at.error[0].value  # in the UI language (InputError.text)


def test_user_text_is_never_markup(lib):
    lib.save("**bold** <b>x</b> [link](http://x)", {}, notes="<script>alert(1)</script>")
    at = _app()
    assert not at.exception
    shown = [m.value for m in at.markdown] + [s.value for s in at.success]
    assert not any("<b>x</b>" in s or "**bold**" in s for s in shown)
    assert "<script>alert(1)</script>" in [x.value for x in at.text]


@pytest.mark.skipif(not (ROOT / "app.py").exists(), reason="app.py not written yet")
def test_tab_inside_the_app_opens_into_the_sidebar(lib):
    lib.save("from library", {"growth.primary": 4.4})
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.session_state["view"] = t("lib_tab", "zh")
    at.run()
    assert not at.exception
    button(at, "lib_open", "zh").click().run()
    assert not at.exception
    assert at.slider(key="growth.primary").value == pytest.approx(4.4)
    assert at.query_params.get("growth.primary") == "4.4"  # the shared URL follows
