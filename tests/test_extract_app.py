"""The app's report reader (ui/report_panel.py) driven with AppTest: zero targets never crash a
view (issue 15 item 1), the planner completes a minimal baseline and reviews the targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.i18n import t

APP = str(Path(__file__).resolve().parents[1] / "app.py")
VIEWS = ["app_tab_overview", "app_tab_charts", "app_tab_compare", "app_tab_data", "an_tab"]
REVIEW_ONLY = (
    "一、2023年工作回顾\r\n全市地区生产总值完成800亿元、增长4.1％，三次产业结构为10：40：50。\r\n"
    "规上工业增加值增长5\x0c%，预计增长6%。\r\n"
)


def _app(view: str = "app_tab_io") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["view"] = t(view, "zh")
    at.run()
    assert not at.exception, at.exception
    return at


def _button(at: AppTest, key: str):
    return next(b for b in at.button if b.label == t(key, "zh"))


def _read(at: AppTest, text: str, region: str = "测试市") -> None:
    at.text_input(key="_rep_region").set_value(region)
    at.text_area(key="_rep_text").set_value(text).run()
    _button(at, "app_rep_extract").click().run()
    assert not at.exception, at.exception


def test_report_without_targets_then_every_view_renders():
    """Issue 15 item 1: before, the default view raised KeyError 'Status' and the analysis view
    KeyError None after confirming a review-only CRLF report with a form feed in a quote."""
    at = _app()
    _read(at, REVIEW_ONLY)
    _button(at, "app_rep_confirm").click().run()
    assert not at.exception, at.exception
    assert any(t("rep_no_targets", "zh") in i.value for i in at.info)
    for view in VIEWS:
        at.session_state["view"] = t(view, "zh")
        at.run()
        assert not at.exception, (view, at.exception)
    at.session_state["view"] = t("app_tab_overview", "zh")
    at.run()
    assert any(t("rep_no_targets_here", "zh") in i.value for i in at.info)


def test_missing_structure_is_asked_for_with_context():
    at = _app()
    _read(
        at,
        "一、2023年工作回顾\n全市地区生产总值完成812.5亿元、增长4%。\n二、2024年主要预期目标\n地区生产总值增长5%左右。",
    )
    assert any(t("rep_needs", "zh", n=3) in i.value for i in at.info)
    frame = at.data_editor[0].value
    need = frame[frame["kind"] == "planner"]
    assert sorted(need["variable"]) == ["Share|Primary", "Share|Secondary", "Share|Tertiary"]
    assert need["value"].isna().all()
    _button(at, "app_rep_confirm").click().run()  # refused until the planner fills them in
    assert any("Share|Primary" in e.value for e in at.error)
    typed = {"Share|Primary": 10.0, "Share|Secondary": 50.0, "Share|Tertiary": 40.0}
    rows = {int(i): {"value": typed[v]} for i, v in need["variable"].items()}
    at.session_state["_rep_editor"] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    _button(at, "app_rep_confirm").click().run()
    assert not at.exception, at.exception
    assert any("测试市" in m.value for m in at.markdown)


def test_targets_are_reviewed_before_use():
    at = _app()
    text = (
        "一、2023年工作回顾\n全市地区生产总值完成800亿元、增长4.1％，三次产业结构为10：40：50。\n"
        "二、2024年主要预期目标\n地区生产总值增长5%-6%，一般公共预算收入增长3%。"
    )
    _read(at, text)
    targets = at.data_editor[1].value
    gdp = targets[targets["id"] == "gdp_growth"].iloc[0]
    assert (gdp["value"], gdp["high"], gdp["qualifier"]) == (5.0, 6.0, "range")
    drop = [int(i) for i in targets.index[targets["id"] == "revenue_growth"]]
    at.session_state["_rep_teditor"] = {"edited_rows": {}, "added_rows": [], "deleted_rows": drop}
    at.run()  # the planner deletes one target
    _button(at, "app_rep_confirm").click().run()
    assert not at.exception, at.exception
    assert any(t("app_rep_targets_used", "zh", n=1) in i.value for i in at.info)


@pytest.mark.parametrize("n", [600_000])
def test_paste_box_states_and_enforces_the_limit(n):
    from sim.extract.normalise import MAX_REPORT_CHARS

    at = _app()
    assert at.text_area(key="_rep_text").max_chars == MAX_REPORT_CHARS
    assert any(f"{MAX_REPORT_CHARS:,}" in c.value for c in at.caption)
