"""The analysis tab under Streamlit's AppTest: rendered on its own (a small harness builds the
Ctx the app passes), buttons run the analyses, results and charts appear, both languages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]


def _harness():
    import streamlit as st

    from sim import io, model
    from sim.baseline import build_baseline
    from sim.metadata import load_parameters, validate_adjustment
    from sim.targets import load_targets
    from ui.analysis import render
    from ui.context import Ctx

    base = build_baseline(io.read_baseline_frame())
    values = validate_adjustment(st.session_state.get("test_adjust", {})).values
    lang = st.session_state.get("test_lang", "en")
    proj = model.run(values, base)
    render(Ctx(lang, values, base, load_parameters(), load_targets(), proj, "official_2024"))


def _app(adjust=None, lang="en") -> AppTest:
    at = AppTest.from_function(_harness, default_timeout=60)
    at.session_state["test_adjust"] = adjust or {}
    at.session_state["test_lang"] = lang
    return at.run()


def _specs(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def test_tab_renders_without_running_expensive_analyses():
    at = _app()
    assert not at.exception
    assert [t.label for t in at.tabs][:6] == [
        "Goal seek",
        "Uncertainty",
        "Sensitivity",
        "Feasibility",
        "Multi-year paths",
        "In-year tracking",
    ]
    assert any("Press Run" in i.value for i in at.info)
    assert "an_mc_req" not in at.session_state and "an_gs_req" not in at.session_state
    assert len(_specs(at)) == 2  # tornado and feasibility map follow the inputs live


def test_goal_seek_button_solves_654():
    at = _app()
    at.button(key="an_gs_go").click().run()
    assert not at.exception
    text = at.success[0].value
    assert "6.5385" in text and "Secondary sector real growth" in text


def test_goal_seek_two_targets_and_no_solution_message():
    at = _app()
    at.radio(key="an_gs_n").set_value(2).run()
    at.button(key="an_gs_go").click().run()
    assert not at.exception and "13.87" in at.success[0].value
    at.radio(key="an_gs_n").set_value(1).run()
    at.selectbox(key="an_gs_p0").set_value("growth.primary").run()
    at.number_input(key="an_gs_v0_gdp_growth").set_value(20.0).run()
    at.button(key="an_gs_go").click().run()
    assert "upper end" in at.warning[0].value


def test_monte_carlo_run_shows_fans_and_odds():
    at = _app()
    at.selectbox(key="an_mc_draws").set_value(1_000).run()
    at.button(key="an_mc_go").click().run()
    assert not at.exception
    specs = _specs(at)
    fans = [s for s in specs if "5-95%" in json.dumps(s.get("title", ""))]
    assert len(fans) == 3
    odds = at.dataframe[0].value
    assert "GDP real growth" in list(odds.iloc[:, 0])
    # changing an input afterwards keeps the old result and says it is stale
    at.session_state["test_adjust"] = {"growth.secondary": 7.0}
    at.run()
    assert any("inputs have changed" in i.value for i in at.info)


def test_sobol_button_fills_the_table():
    at = _app()
    at.button(key="an_se_go").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "Secondary sector real growth" in list(table.iloc[:, 0])


def test_paths_need_a_longer_horizon():
    short = _app()
    assert any("2025 or later" in i.value for i in short.info)
    long = _app({"horizon.end_year": 2027})
    assert not long.exception
    titles = [json.dumps(s.get("title", "")) for s in _specs(long)]
    assert any("GDP growth and its target" in t for t in titles)


def test_tracking_arithmetic_in_the_form():
    at = _app()
    at.number_input(key="an_tr_gdp_growth").set_value(4.0).run()
    assert not at.exception
    df = at.dataframe[-1].value
    assert df.iloc[0, 3] == pytest.approx(7.0)  # Jan-Jun 4%, even split, target 5.5%
    at.number_input(key="an_tr_share").set_value(0.45).run()
    df = at.dataframe[-1].value
    assert df.iloc[0, 3] == pytest.approx(round(100 * ((1.055 - 0.45 * 1.04) / 0.55 - 1), 2))


def test_chinese_labels():
    at = _app(lang="zh")
    assert not at.exception
    assert at.tabs[0].label == "目标倒推"
    at.button(key="an_gs_go").click().run()
    assert "需要取 6.5385" in at.success[0].value
