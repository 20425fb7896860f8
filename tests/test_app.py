"""The Streamlit app through AppTest: widgets from metadata, cards that move as they should,
shared URLs (restored, clamped, junk ignored), language, presets, uploads that fail safely,
the data tab's in-place assumptions, comparison and charts."""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim import model
from sim.i18n import has_key, t
from sim.metadata import TAX_SHARES, load_parameters, validate_adjustment

APP = str(Path(__file__).resolve().parents[1] / "app.py")
PSET = load_parameters()
GDP, NGDP, REV, EI, COAL, POWER = range(6)  # card order


def app(
    query: dict | None = None, view: str | None = None, lang: str = "zh", timeout: float = 30
) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=timeout)
    for k, v in (query or {}).items():
        at.query_params[k] = v
    if view:
        at.session_state["view"] = t(view, lang)
    at.run()
    assert not at.exception, at.exception
    return at


def card(at: AppTest, i: int) -> float:
    """The number on a headline card ('5.48%', '1670.39 亿元', '1,670.39 100m CNY')."""
    return float(at.metric[i].value.split()[0].rstrip("%").replace(",", ""))


def spec_text(at: AppTest, i: int = 0) -> str:
    return json.dumps(json.loads(at.get("vega_lite_chart")[i].proto.spec), ensure_ascii=False)


def button(at: AppTest, key: str):
    return next(b for b in at.button if b.label == t(key, "zh"))


def shown(markdown: str) -> str:
    """A message as the reader sees it: user text in messages is markdown-escaped (ui.say)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def warnings(at: AppTest) -> list[str]:
    return [shown(w.value) for w in at.warning]


def snapshot(at: AppTest) -> tuple:
    cards = tuple((m.value, m.proto.delta, tuple(m.proto.chart_data)) for m in at.metric)
    tables = tuple(df.value.to_csv() for df in [*at.dataframe, *at.table])
    return cards, tables, tuple(m.value for m in at.markdown)


def test_default_render_has_one_widget_per_parameter():
    at = app()
    assert len(at.metric) == 6
    assert at.metric[GDP].value == "5.48%"
    assert at.metric[GDP].label == "2024年 地区生产总值增速"
    keys = [w.key for w in at.sidebar.slider] + [w.key for w in at.sidebar.radio]
    assert sorted(keys) == sorted(PSET.ids)
    assert not [w for w in at.warning if "分享链接" in w.value]
    assert dict(at.query_params) == {}


TARGET = {"industry.mode": "target"}  # sector-target mode: the secondary slider is an input


def test_secondary_growth_raises_gdp_by_its_weight():
    at = app(TARGET)
    before = card(at, GDP)
    assert "ORANGE" in str(at.metric[GDP].proto)  # 5.48 against about 5.5: about met
    at.slider(key="growth.secondary").set_value(7.5).run()
    # one point more secondary growth, weighted by its 2023 share 44.1%
    assert card(at, GDP) - before == pytest.approx(0.441, abs=0.006)
    assert at.metric[GDP].value == "5.92%"
    assert "GREEN" in str(at.metric[GDP].proto)  # met
    assert at.query_params["growth.secondary"] == "7.5"
    at.slider(key="growth.secondary").set_value(6.5).run()
    assert "growth.secondary" not in at.query_params
    assert at.metric[GDP].value == "5.48%"


# (parameter, new value, cards that must change, cards that must not)
EFFECTS = [
    ("growth.primary", 5.5, [GDP, NGDP], [COAL, POWER]),
    ("services.other_growth", 7.0, [GDP, NGDP, REV], [COAL, POWER]),
    ("coal.output", 8400.0, [COAL, EI, GDP, NGDP], [POWER]),  # drivers mode: coal moves GDP
    ("power.generation", 560.0, [POWER, EI, GDP], [COAL]),
    ("price.coal", -20.0, [NGDP, REV], [GDP, EI, COAL]),
    ("price.consumer", 5.0, [NGDP, REV, GDP], [COAL, POWER]),  # deflates retail sales
    ("fiscal.nontax_elasticity", 0.0, [REV], [GDP, NGDP, EI]),
    ("energy.eff_power", 3.0, [EI], [GDP, NGDP, REV]),
    ("energy.local_power_use", 220.0, [EI], [GDP, NGDP, REV]),
]


@pytest.mark.parametrize(("pid", "value", "changes", "stays"), EFFECTS)
def test_slider_moves_the_cards_it_should(pid, value, changes, stays):
    at = app()
    before = [m.value for m in at.metric]
    at.slider(key=pid).set_value(value).run()
    after = [m.value for m in at.metric]
    for i in changes:
        assert after[i] != before[i], (pid, i)
    for i in stays:
        assert after[i] == before[i], (pid, i)


def test_every_input_changes_some_output():
    """Each parameter, moved to a far value, changes a card, a sparkline, a table or a check
    (horizon set to 2026 so the multi-year inputs show in the cards' sparklines)."""
    at = app({"horizon.end_year": "2026"})
    default_mode = PSET["industry.mode"].default
    # the cost splits of coal mining and power matter only when their prices move
    needs_price = {
        "struct.thermal_coal_price": "price.coal",
        "struct.coal_va_ratio": "price.coal",  # with flat prices coal VA follows tonnes
        "struct.power_other_inputs": "price.power",
    }
    for p in PSET.params:
        if p.mode and p.mode != default_mode:  # an input of the other mode: switch to it
            at.radio(key="industry.mode").set_value(p.mode).run()
        if p.id in needs_price:
            at.slider(key=needs_price[p.id]).set_value(-10.0).run()
        widget = at.radio(key=p.id) if p.type == "choice" else at.slider(key=p.id)
        before, original = snapshot(at), widget.value
        if p.type == "choice":
            far = next(c for c in p.choices if c != original)
        elif p.id.startswith("struct.") or p.id in TAX_SHARES:
            far = p.default + 5 * p.step  # stay within the shares' joint rules
        else:
            far = p.min if abs(original - p.min) > abs(p.max - original) else p.max
        widget.set_value(int(far) if p.type == "int" else far).run()
        assert not at.exception, (p.id, at.exception)
        assert snapshot(at) != before, p.id
        widget = at.radio(key=p.id) if p.type == "choice" else at.slider(key=p.id)
        widget.set_value(original).run()
        if p.mode and p.mode != default_mode:
            at.radio(key="industry.mode").set_value(default_mode).run()
        if p.id in needs_price:
            at.slider(key=needs_price[p.id]).set_value(0.0).run()


def test_shared_url_restores_scenario():
    at = app({"growth.secondary": "7.5", "industry.mode": "target", "lang": "en"})
    assert at.slider(key="growth.secondary").value == 7.5
    assert at.radio(key="industry.mode").value == "target"
    assert at.metric[GDP].label == "2024 GDP real growth"
    assert at.metric[GDP].value == "5.92%"
    assert not [w for w in at.warning if "分享链接" in w.value]
    # drivers mode (the default): the secondary slider is not an input; a link setting it is
    # opened without it, with a notice naming industry.mode
    at = app({"growth.secondary": "7.5"})
    assert at.metric[GDP].value == "5.48%"
    assert any("industry.mode" in w for w in warnings(at))
    assert at.slider(key="growth.secondary").disabled


def test_shared_url_out_of_range_is_clamped_with_warning():
    at = app({"growth.secondary": "999", **TARGET})
    assert at.slider(key="growth.secondary").value == 20.0
    texts = warnings(at)
    assert any("growth.secondary" in x and "999" in x and "20" in x for x in texts), texts
    assert at.query_params["growth.secondary"] == "20"


@pytest.mark.parametrize(
    "query",
    [
        {"price.coal": "abc"},
        {"price.coal": "nan"},
        {"industry.mode": "bogus"},
        {"no.such": "1"},
        {"horizon.end_year": "2025.5"},
        {"struct.coal_share": "85", "struct.power_share": "50"},
    ],
)
def test_shared_url_junk_is_ignored_with_warning(query):
    at = app(query)
    texts = " ".join(warnings(at))
    assert any(k in texts for k in query), texts
    assert at.metric[GDP].value in ("5.48%",) or "horizon.end_year" in query
    for k in query:
        if k in PSET.by_id and k != "horizon.end_year":
            assert k not in at.query_params


def test_language_switch_changes_labels_and_keeps_tab():
    at = app(view="app_tab_compare")
    assert at.metric[GDP].label == "2024年 地区生产总值增速"
    at.button_group(key="lang").set_value("en").run()
    assert at.metric[GDP].label == "2024 GDP real growth"
    assert at.session_state["view"] == "Compare"
    assert at.query_params["lang"] == "en"
    assert at.slider(key="growth.secondary").label == "Secondary sector real growth (%)"


def test_preset_and_reset():
    at = app()
    at.selectbox(key="_preset").set_value("coal_shortfall").run()
    assert at.slider(key="coal.output").value == 7600.0
    assert at.radio(key="industry.mode").value == "drivers"
    assert "煤炭减产" in at.caption[0].value
    assert card(at, COAL) == 7600.0
    assert at.query_params["coal.output"] == "7600"
    button(at, "app_reset").click().run()
    assert at.metric[GDP].value == "5.48%"
    assert dict(at.query_params) == {}


def upload(at: AppTest, key: str, name: str, data: bytes) -> AppTest:
    at.file_uploader(key=key).set_value((name, data, "application/octet-stream")).run()
    assert not at.exception, at.exception
    return at


BAD_SCENARIOS = [
    (b"[scenario\nid = 'x'", "bad.toml"),
    (b"[values]\n'growth.secondary' = 7.5\n", "scenario"),
    (b"[scenario]\nid='x'\ntitle_en='x'\n[values]\n'growth.secondary' = 999\n", "growth.secondary"),
    (b"[scenario]\nid='x'\ntitle_en='x'\n[values]\n'no.such' = 1\n", "no.such"),
    (b"\x00\x01binary", "二进制"),  # the message in the UI language (sim.errors.InputError.text)
]


@pytest.mark.parametrize(("data", "field"), BAD_SCENARIOS)
def test_bad_scenario_upload_shows_error_and_keeps_inputs(data, field):
    at = app({"growth.secondary": "7.5", **TARGET}, view="app_tab_io")
    before = [m.value for m in at.metric]
    upload(at, "_up_scn", "bad.toml", data)
    errors = " ".join(e.value for e in at.error).replace("\\", "")  # markdown escapes
    assert field in errors, errors
    assert [m.value for m in at.metric] == before
    assert at.slider(key="growth.secondary").value == 7.5


def test_good_scenario_upload_applies_it():
    at = app(view="app_tab_io")
    data = b"[scenario]\nid='mine'\ntitle_zh='\xe6\x88\x91\xe7\x9a\x84'\n[values]\n'industry.mode' = 'target'\n'growth.secondary' = 7.5\n"
    upload(at, "_up_scn", "mine.toml", data)
    assert at.metric[GDP].value == "5.92%"
    assert any("我的" in s.value for s in at.success)
    assert at.query_params["growth.secondary"] == "7.5"


def test_baseline_upload_bad_then_good(base):
    at = app(view="app_tab_io")
    before = [m.value for m in at.metric]
    bad = base.frame[base.frame["variable"] != "GDP"].to_csv(index=False).encode("utf-8")
    upload(at, "_up_base", "city.csv", bad)
    assert "GDP" in " ".join(e.value for e in at.error)
    assert [m.value for m in at.metric] == before
    frame = base.frame.copy()
    frame["region"] = "Othercity"
    frame.loc[frame["variable"] == "GDP", "value"] = 1000.0
    upload(at, "_up_base", "city.csv", frame.to_csv(index=False).encode("utf-8"))
    assert any("Othercity" in m.value for m in at.markdown)  # the title names the region
    assert any("Othercity" in w.value for w in at.warning)  # scored against Liupanshui's targets
    official = model.run(validate_adjustment({}).values, base).value("GDP")
    assert card(at, NGDP) == pytest.approx(1000 * official / 1557.64, abs=0.01)
    assert at.metric[GDP].value == before[GDP]  # growth does not depend on the level
    button(at, "app_io_baseline_reset").click().run()
    assert [m.value for m in at.metric] == before


def test_data_tab_edits_assumptions_in_place():
    at = app(view="app_tab_data")
    assert "price.coal" not in [s.key for s in at.sidebar.slider]
    assert "price.coal" in [s.key for s in at.main.slider]
    assert "growth.secondary" in [s.key for s in at.sidebar.slider]
    before = at.metric[NGDP].value
    at.slider(key="price.coal").set_value(-20.0).run()
    assert at.metric[NGDP].value != before
    texts = " ".join(c.value for c in at.caption)
    assert "营业收入下降13.1" in texts  # the reason sits beside the widget, in the UI language
    frames = [df.value for df in at.dataframe]
    assert any(
        df.astype(str).apply(lambda c: c.str.contains("1557.64")).any().any() for df in frames
    )
    at.session_state["view"] = t("app_tab_overview", "zh")
    at.run()
    assert at.slider(key="price.coal").value == -20.0
    assert "price.coal" in [s.key for s in at.sidebar.slider]


def test_conflicting_shares_show_error_and_keep_last_valid():
    at = app(view="app_tab_data")
    before = [m.value for m in at.metric]
    at.slider(key="struct.coal_share").set_value(80.0).run()  # 80 + 12 = 92: allowed
    mid = [m.value for m in at.metric]
    at.slider(key="struct.power_share").set_value(20.0).run()  # 80 + 20 = 100 > 95
    assert any("95" in e.value for e in at.error)
    assert [m.value for m in at.metric] == mid != before


def test_compare_pins_scenarios():
    at = app(TARGET, view="app_tab_compare")
    at.text_input(key="_pin_name").set_value("official").run()
    button(at, "app_cmp_pin").click().run()
    at.slider(key="growth.secondary").set_value(7.5).run()
    button(at, "app_cmp_pin").click().run()
    assert [p["name"] for p in at.session_state["_pinned"]] == ["official", "情景2"]
    outputs = at.dataframe[0].value
    assert list(outputs.columns)[2:] == ["official", "情景2", "当前"]
    row = outputs[outputs["目标"] == "地区生产总值增长"].iloc[0]
    assert "5.48%" in row["official"] and "5.92%" in row["情景2"]
    inputs = at.dataframe[1].value
    assert inputs.iloc[0]["official"] == "6.5" and inputs.iloc[0]["情景2"] == "7.5"
    assert len(at.get("vega_lite_chart")) == 1


def test_charts_tab_draws_each_group():
    at = app({"horizon.end_year": "2026"}, view="app_tab_charts")
    for group in ("growth", "fiscal", "energy", "coal", "paths"):
        at.button_group(key="_chart_group").set_value(group).run()
        assert not at.exception, group
        assert len(at.get("vega_lite_chart")) >= 1, group
    assert "展望期路径" in spec_text(at)


def test_pull_chart_has_target():
    at = app(view="app_tab_charts")
    assert "目标 5.5" in spec_text(at)


def test_report_extraction_review_and_confirm():
    pytest.importorskip("sim.extract")
    at = app(view="app_tab_io")
    text = (
        "一、2023年工作回顾\n全市地区生产总值完成800亿元、增长4.1％，三次产业结构为10：40：50。\n"
        "二、2024年主要预期目标\n地区生产总值增长5％左右。"
    )
    at.text_input(key="_rep_region").set_value("Testcity")
    at.text_area(key="_rep_text").set_value(text).run()
    button(at, "app_rep_extract").click().run()
    assert not at.exception
    # missing fields are named in the planner's language, not by their internal keys
    assert any("一般公共预算收入（上年数据）" in w.value for w in at.warning)
    assert not any("review:" in w.value for w in at.warning)
    assert at.data_editor[0].value["value"].tolist()[:1] == [800.0]
    button(at, "app_rep_confirm").click().run()
    assert not at.exception, at.exception
    assert any("Testcity" in m.value for m in at.markdown)
    assert not any("Liupanshui" in w.value for w in at.warning)  # its own targets are used
    assert card(at, NGDP) == pytest.approx(800 * 1.0, rel=0.2)
    assert at.metric[REV].value == t("app_card_missing", "zh")
    # The report's own GDP target (5%) now scores the run: 0.1x3.5 + 0.4x6.5 + 0.5x5 = 5.45.
    assert card(at, GDP) == pytest.approx(5.45)
    assert "+0.45" in str(at.metric[GDP].delta)
    assert any("1" in i.value for i in at.info)  # "the report's 1 targets are now in use"


def test_report_targets_set_linked_slider_defaults():
    at = app(view="app_tab_io")
    text = (
        "一、2023年工作回顾\n全市地区生产总值完成800亿元、增长4.1％，三次产业结构为10：40：50。\n"
        "二、2024年主要预期目标\n地区生产总值增长6％左右，其中一产、二产、三产分别增长4％左右、7％左右、6％左右。"
    )
    at.text_area(key="_rep_text").set_value(text).run()
    button(at, "app_rep_extract").click().run()
    button(at, "app_rep_confirm").click().run()
    assert not at.exception, at.exception
    assert at.slider(key="growth.secondary").value == pytest.approx(7.0)
    assert card(at, GDP) == pytest.approx(0.1 * 4 + 0.4 * 7 + 0.5 * 6)
    # The report's targets are this region's defaults (sim.region): the link holds only what
    # differs from them, so a move shows up and the report's own value does not.
    assert "growth.secondary" not in at.query_params
    at.slider(key="growth.secondary").set_value(7.5).run()
    assert at.query_params.get("growth.secondary") in ("7.5", ["7.5"])


APP_FILES = [
    "app.py",
    *(
        f"ui/{m}.py"
        for m in [
            "cache",
            "cards",
            "chart_data",
            "chart_view",
            "charts",
            "charts_tab",
            "compare",
            "data_tab",
            "fmt",
            "inputs",
            "io_panel",
            "report_panel",
            "scoreboard",
            "state",
            "exact",
            "guide",
            "share",
            "say",
            "provenance",
            "reader_text",
            "library",
        ]
    ),
]
CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        first = body[0] if isinstance(body, list) and body else None
        if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
            ids.add(id(first.value))
    return ids


@pytest.mark.parametrize("path", APP_FILES)
def test_ui_text_comes_from_params(path):
    """Every text key the app looks up exists in Chinese and English, and no Chinese text is
    written in the code itself (docstrings aside)."""
    tree = ast.parse((Path(APP).parent / path).read_text(encoding="utf-8"))
    docs = _docstrings(tree)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
            assert not CJK.search(node.value), (path, node.lineno, node.value)
        if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            key = node.args[0].value
            if name in ("t", "tr") and isinstance(key, str):
                assert has_key(key), (path, node.lineno, key)
