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


def _app(adjust=None, lang="en", view=None) -> AppTest:
    at = AppTest.from_function(_harness, default_timeout=60)
    at.session_state["test_adjust"] = adjust or {}
    at.session_state["test_lang"] = lang
    if view:
        at.session_state[f"an_view_{lang}"] = view  # the open sub-tab, by its label
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
    assert not at.success and not at.warning  # nothing solved before the button
    assert "an_gs_req" not in at.session_state
    assert len(_specs(at)) == 0  # only the open sub-tab (goal seek) is computed
    mc = _app(view="Uncertainty")
    assert any("Press Run" in i.value for i in mc.info)
    assert "an_mc_req" not in mc.session_state


@pytest.mark.parametrize(("view", "charts"), [("Sensitivity", 1), ("Feasibility", 1)])
def test_cheap_views_follow_the_inputs_live(view, charts):
    at = _app(view=view)
    assert not at.exception
    assert len(_specs(at)) == charts


TARGET = {"industry.mode": "target"}  # sector-target mode: the sector sliders are the inputs


def test_goal_seek_button_solves_654():
    at = _app(TARGET)
    at.button(key="an_gs_go").click().run()
    assert not at.exception
    text = at.success[0].value
    assert "6.5385" in text and "Secondary sector real growth" in text


def test_goal_seek_two_targets_and_no_solution_message():
    at = _app()
    at.radio(key="an_gs_n").set_value(2).run()
    at.button(key="an_gs_go").click().run()
    assert not at.exception and "5.4835" in at.success[0].value  # checked by `sim run --set`
    at.radio(key="an_gs_n").set_value(1).run()
    at.selectbox(key="an_gs_p0").set_value("growth.primary").run()
    at.number_input(key="an_gs_v0_gdp_growth").set_value(20.0).run()
    at.button(key="an_gs_go").click().run()
    assert "upper end" in at.warning[0].value


def test_monte_carlo_run_shows_fans_and_odds():
    at = _app(view="Uncertainty")
    at.selectbox(key="an_mc_draws").set_value(1_000).run()
    at.button(key="an_mc_go").click().run()
    assert not at.exception
    specs = _specs(at)
    fans = [s for s in specs if '"p95"' in json.dumps(s.get("layer", ""))]
    assert len(fans) == 3
    # the odds sentences and the calibration's basis beside the fans
    assert any(i.value.startswith("Given the record of meeting targets") for i in at.info)
    assert any("33 region-years" in c.value for c in at.caption)
    odds = at.dataframe[0].value
    assert "GDP real growth" in list(odds.iloc[:, 0])
    # changing an input afterwards keeps the old result and says it is stale
    at.session_state["test_adjust"] = {"industry.other_growth": 7.0}
    at.run()
    assert any("inputs have changed" in i.value for i in at.info)


def test_sobol_button_fills_the_table():
    at = _app(TARGET, view="Sensitivity")
    at.button(key="an_se_go").click().run()
    assert not at.exception
    table = at.dataframe[0].value
    assert "Secondary sector real growth" in list(table.iloc[:, 0])


def test_paths_need_a_longer_horizon():
    short = _app(view="Multi-year paths")
    assert any("2025 or later" in i.value for i in short.info)
    long = _app({"horizon.end_year": 2027}, view="Multi-year paths")
    assert not long.exception
    titles = [json.dumps(s.get("title", "")) for s in _specs(long)]
    assert any("GDP growth and its target" in t for t in titles)


def test_tracking_arithmetic_in_the_form():
    at = _app(view="In-year tracking")
    at.number_input(key="an_tr_gdp_growth").set_value(4.0).run()
    assert not at.exception
    df = at.dataframe[0].value  # the tracking table; the odds updated in the year follow
    assert df.iloc[0, 3] == pytest.approx(7.0)  # Jan-Jun 4%, even split, target 5.5%
    odds = at.dataframe[1].value
    assert list(odds.columns) == ["Target", "January", "Updated"]
    assert float(odds.iloc[0, 2].rstrip("%")) < float(odds.iloc[0, 1].rstrip("%"))  # 4% is slow
    assert any("Given the record of meeting targets" in i.value for i in at.info)
    at.number_input(key="an_tr_share").set_value(0.45).run()
    df = at.dataframe[0].value
    assert df.iloc[0, 3] == pytest.approx(round(100 * ((1.055 - 0.45 * 1.04) / 0.55 - 1), 2))


def test_chinese_labels():
    at = _app(TARGET, lang="zh")
    assert not at.exception
    assert at.tabs[0].label == "目标倒推"
    at.button(key="an_gs_go").click().run()
    assert "需要取 6.5385" in at.success[0].value


@pytest.mark.skipif(not (ROOT / "app.py").exists(), reason="app.py not written yet")
def test_tab_inside_the_app():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.query_params["industry.mode"] = "target"  # goal seek varies the secondary slider
    at.session_state["view"] = "分析工具"  # the app's open tab (ui.state.VIEW), default Chinese
    at.run()
    assert not at.exception
    assert "目标倒推" in [t.label for t in at.tabs]
    at.button(key="an_gs_go").click().run()
    assert not at.exception
    assert "需要取 6.5385" in at.success[0].value
    # a sidebar slider moves the scenario: the shown result is flagged stale, a new solve differs
    at.slider(key="growth.primary").set_value(4.5).run()
    assert any("输入已改变" in i.value for i in at.info)
    at.button(key="an_gs_go").click().run()
    hand = (5.5 - 0.119 * 4.5 - 0.44 * 5.0) / 0.441
    assert f"需要取 {hand:.4f}" in at.success[0].value


def test_chart_frames_carry_the_numbers(base, defaults, pset):
    from sim.analysis.feasibility import feasibility_map
    from sim.analysis.montecarlo import run_montecarlo
    from sim.analysis.sensitivity import tornado
    from ui import analysis_charts as ch

    labels = {p.id: p.label("en") for p in pset.params}
    defaults = {**defaults, **TARGET}
    tor = tornado(defaults, base)
    frame = ch.tornado_frame(tor, "GDP|Real Growth", labels, top=12)
    assert len(frame) == 6  # three sector inputs move GDP, two ends each
    sec = frame[frame.input == "Secondary sector real growth"].set_index("end")
    assert sec.loc["high", "value"] - sec.loc["low", "value"] == pytest.approx(0.441 * 35)
    summary = run_montecarlo(defaults, base, 1_000, seed=1).summary()
    fan = ch.fan_frame(summary, "GDP|Real Growth")
    assert list(fan.year) == ["2023", "2024"] and (fan.p5 <= fan.p95).all()
    assert ch.fan_chart(summary, "GDP|Real Growth", 5.5, "en") is not None
    fmap = feasibility_map(
        defaults, base, "growth.secondary", "growth.tertiary", ["gdp_growth"], n=5
    )
    cells = ch.feasibility_frame(fmap, "en")
    assert len(cells) == 25 and set(cells.state) <= {"all met", "not all met"}


def test_monte_carlo_odds_inputs_change_the_odds():
    """The bias is an input of the odds: a zero bias gives higher GDP odds than the record's."""
    at = _app(view="Uncertainty")
    at.selectbox(key="an_mc_draws").set_value(1_000).run()
    at.button(key="an_mc_go").click().run()
    before = at.dataframe[-1].value.iloc[0, 1]
    at.number_input(key="od_in_odds.bias").set_value(0.0).run()
    at.button(key="an_mc_go").click().run()
    assert not at.exception
    after = at.dataframe[-1].value.iloc[0, 1]
    assert float(after.rstrip("%")) > float(before.rstrip("%")) + 5


def test_monte_carlo_structural_toggle_says_so():
    at = _app(view="Uncertainty")
    at.selectbox(key="an_mc_draws").set_value(1_000).run()
    at.checkbox(key="an_mc_structural").check().run()
    at.button(key="an_mc_go").click().run()
    assert not at.exception
    assert any("drawn uniformly over their plausible ranges" in c.value for c in at.caption)
