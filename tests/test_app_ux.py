"""The app's everyday actions through AppTest: typed numbers bound to the sliders, goal-seek
adoption, shared links (unknown keys dropped, pins restored), the first-run guide, Beijing time,
hidden identity checks, English units, a failing view that degrades, and messages in the UI's
language after uploads and the report reader."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from sim.i18n import t
from tests import test_app
from tests.test_app_language import english_runs, texts, unquoted_chinese
from ui import exact, state
from ui.library import _stamp

APP = str(Path(__file__).resolve().parents[1] / "app.py")


def app(query: dict | None = None, view: str | None = None, lang: str = "zh") -> AppTest:
    return test_app.app(query, view, lang, timeout=60)


def box(at: AppTest):
    return at.sidebar.number_input[0]


def test_typing_a_number_moves_its_slider_and_the_cards():
    at = app()
    at.sidebar.selectbox(key=exact.PICK).set_value("coal.output").run()
    assert box(at).value == 8000.0
    box(at).set_value(7700.0).run()
    assert at.sidebar.slider(key="coal.output").value == 7700.0
    assert at.metric[4].value == "7700.00 万吨"
    assert at.query_params["coal.output"] == "7700"
    # the slider refills the box, and moving another slider binds the box to it
    at.sidebar.slider(key="coal.output").set_value(9000.0).run()
    assert box(at).value == 9000.0
    at.sidebar.slider(key="power.generation").set_value(500.0).run()
    assert at.session_state[exact.PICK] == "power.generation"
    assert box(at).value == 500.0


def test_a_typed_value_between_slider_steps_is_kept_exactly():
    at = app()
    at.sidebar.selectbox(key=exact.PICK).set_value("coal.output").run()
    box(at).set_value(7704.5).run()
    assert at.sidebar.slider(key="coal.output").value == 7704.5


def test_a_refused_typed_value_names_the_field_and_keeps_the_input(monkeypatch):
    """The browser's number box keeps to its range; the callback checks again (the same check
    as a link or a file) and, on refusal, keeps the input and names the field."""
    fake = {"coal.output": 8000.0, exact.box_key("coal.output"): 1e9}
    monkeypatch.setattr(exact.st, "session_state", fake)
    exact._on_type("coal.output")
    assert fake["coal.output"] == 8000.0
    assert fake[exact.box_key("coal.output")] == 8000.0
    zh, en = fake[exact.ERROR]
    assert "coal.output" in en and "10000" in en and "coal.output" in zh
    fake[exact.box_key("coal.output")] = 7700.0
    exact._on_type("coal.output")
    assert fake["coal.output"] == 7700.0 and exact.ERROR not in fake


def test_every_numeric_input_can_be_picked_for_typing():
    at = app()
    options = at.sidebar.selectbox(key=exact.PICK).options
    from sim.metadata import load_parameters

    numeric = [p for p in load_parameters().params if p.type != "choice"]
    assert len(options) == len(numeric)


def test_goal_seek_answer_has_its_unit_and_one_click_adopts_it():
    at = app(view="an_tab")
    at.button(key="an_gs_go").click().run()
    text = at.success[0].value
    assert re.search(r"需要取 \d+\.\d{4}%", text), text
    at.button(key="an_gs_adopt").click().run()
    assert not at.exception
    assert at.metric[0].value == "5.50%"
    assert "industry.other_growth" in at.query_params


def test_unknown_url_key_is_named_and_dropped():
    at = app({"foo": "1", "growth.primary": "4"})
    assert any("foo" in w.value for w in at.warning)
    assert "foo" not in at.query_params
    assert at.query_params["growth.primary"] == "4"


def test_pins_come_back_from_the_link_and_go_into_it():
    at = app(
        {"pin": ["煤炭减产~coal.output=7700", "bad~growth.primary=abc"]}, view="app_tab_compare"
    )
    pinned = at.session_state[state.PINNED]
    assert [p["name"] for p in pinned] == ["煤炭减产", "bad"]
    assert pinned[0]["values"]["coal.output"] == 7700
    assert any("growth.primary" in w.value.replace("\\", "") for w in at.warning)  # named
    pins = at.query_params["pin"]
    assert (pins[0] if isinstance(pins, list) else pins) == "煤炭减产~coal.output=7700"
    link = at.get("code")[0].value  # the copy-link box: the same state as the address bar
    assert link.startswith("http") and link.count("pin=") == 2 and "coal.output%3D7700" in link
    cols = list(at.dataframe[0].value.columns)
    assert cols[2:] == ["煤炭减产", "bad", t("app_cmp_current", "zh")]


def test_first_run_guide_is_dismissed_and_remembered():
    at = app()
    assert at.button(key="_guide_dismiss")
    at.button(key="_guide_dismiss").click().run()
    assert at.query_params["guide"] == "0"
    assert "guide" not in at.get("code")[0].value  # the copied link shows it to the next reader
    again = app({"guide": "0"})
    assert not [b for b in again.button if b.key == "_guide_dismiss"]
    assert [b for b in again.sidebar.button if b.key == "_guide_show"]


def test_library_times_are_beijing_time():
    assert _stamp("2026-12-04T00:48:12.123Z", "zh") == "2026-12-04 08:48（北京时间）"
    assert _stamp("2026-12-04T20:00:00+00:00", "en") == "2026-12-05 04:00 (Beijing time)"


def test_identity_checks_are_hidden_while_they_hold():
    at = app()
    shown = " ".join(m.value for m in at.markdown)
    assert "三次产业增加值之和" not in shown
    assert "三次产业结构" not in shown


def test_english_units_are_written_out():
    at = app({"lang": "en"})
    coal = at.metric[4]
    assert "(10,000 t)" in coal.label
    assert coal.proto.delta.startswith("+0.00 ·")  # the unit is in the label
    assert "10k" not in " ".join(m.label + m.proto.delta for m in at.metric)


def test_a_failing_view_degrades_to_a_message_in_the_users_language():
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["view"] = t("app_tab_compare", "en")
    at.query_params["lang"] = "en"
    at.session_state[state.PINNED] = [{"name": "broken"}]  # a pin without inputs
    at.session_state[state.SEEDED] = True
    at.session_state[state.LANG] = "en"
    at.run()
    assert not at.exception
    assert any(e.value == t("ux_view_failed", "en") for e in at.error)
    assert len(at.metric) == 6  # the rest of the page still works


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_messages_after_actions_are_in_the_ui_language(lang):
    at = app(view="app_tab_io", lang=lang, query={"lang": lang} if lang == "en" else None)
    at.file_uploader(key="_up_scn").set_value(("bad.toml", b"[values]\nx=1\n", "text/plain")).run()
    report = "六盘水市2024年政府工作报告\n2023年工作回顾\n全市地区生产总值完成1557.64亿元、增长3.2%。\n2024年主要预期目标：地区生产总值增长5.5%左右。\n"
    at.text_area(key="_rep_text").set_value(report).run()
    next(b for b in at.button if b.label == t("app_rep_extract", lang)).click().run()
    assert not at.exception
    found = texts(at)
    if lang == "zh":
        bad = [(w, x) for w, x in found if english_runs(x)]
    else:  # the region's name, read from the report's title, is data: Chinese first (issue 13)
        bad = [(w, x) for w, x in found if unquoted_chinese(x.replace("六盘水市", ""))]
    assert not bad, bad[:8]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_goal_seek_and_library_speak_the_ui_language(lang, tmp_path, monkeypatch):
    from sim.library import ENV_VAR

    monkeypatch.setenv(ENV_VAR, str(tmp_path / "lib.sqlite3"))
    query = {"lang": lang} if lang == "en" else None
    at = app(view="an_tab", lang=lang, query=query)
    at.button(key="an_gs_go").click().run()
    found = texts(at)
    at.session_state["view"] = t("lib_tab", lang)
    at.run()
    at.text_input(key="lib_name").input("煤炭减产方案")  # in a form: sent with the submit
    next(b for b in at.button if b.label == t("lib_save", lang)).click().run()
    assert not at.exception
    found += texts(at)
    stamp = t("lib_time_beijing", lang, time="")
    assert any(stamp.strip("（）() ") in x for _, x in found), stamp
    if lang == "zh":
        bad = [(w, x) for w, x in found if english_runs(x)]
    else:
        bad = [(w, x) for w, x in found if unquoted_chinese(x) and "煤炭减产方案" not in x]
    assert not bad, bad[:8]


LINK = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\((?!\))|(?<![\\\u200b])https?://")


@pytest.mark.parametrize(
    "region", ["[点此重新登录](http://evil.example/a)", "![x](http://evil.example/p.png)"]
)
def test_report_reader_region_is_never_rendered_as_a_link(region):
    """The reader's region field ends up in headings, captions and messages: all escaped."""
    at = app(view="app_tab_io")
    at.text_input(key="_rep_region").set_value(region)
    report = "2023年工作回顾\n全市地区生产总值完成1557.64亿元、增长3.2%。\n2024年主要预期目标：地区生产总值增长5.5%左右。\n"
    at.text_area(key="_rep_text").set_value(report).run()
    next(b for b in at.button if b.label == t("app_rep_extract", "zh")).click().run()
    assert not at.exception
    rendered = [x for w, x in texts(at) if not w.startswith("table") and "input" not in w]
    assert any("evil" in x for x in rendered)  # the region is shown ...
    assert not [x for x in rendered if LINK.search(x)]  # ... but never as a link or image


def test_tracebacks_are_not_shown_to_users():
    import tomllib

    config = tomllib.loads((Path(APP).parent / ".streamlit" / "config.toml").read_text())
    assert config["client"]["showErrorDetails"] == "none"
