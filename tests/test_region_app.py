"""The app on another region's baseline: the horizon slider runs from base + 1 to base + 7, the
targets' year is warned about in one line when it does not follow the base year, every input
not from the region is flagged at the top of each view, and the reset and preset buttons use
the region's own defaults."""

from __future__ import annotations

import pytest

from sim import io
from sim.i18n import t
from tests.test_app import app, button, upload

NATIONAL = io.REGIONS_DIR / "全国" / "baseline.csv"


@pytest.fixture
def national():
    at = app(view="app_tab_io")
    return upload(at, "_up_base", "全国.csv", NATIONAL.read_bytes())


def test_base_year_2024_has_its_own_horizon(national):
    at = national
    h = at.slider(key="horizon.end_year")
    assert (h.min, h.max, h.value) == (2025, 2031, 2025)
    at.session_state["view"] = t("app_tab_charts", "zh")
    at.session_state["_chart_group"] = "paths"
    at.run()
    assert not at.exception
    assert any("2026" in i.value for i in at.info)  # "project to 2026 or later": base + 2
    at.session_state["view"] = t("app_tab_io", "zh")
    at.run()
    h.set_value(2031).run()
    assert not at.exception
    assert "2025" in at.metric[0].label or "2025" in " ".join(m.value for m in at.caption)


def test_liupanshui_targets_beside_a_2024_baseline_are_warned_in_one_line(national):
    warnings = [w.value for w in national.warning if "2024" in w.value and "2025" in w.value]
    assert len(warnings) == 1
    # Liupanshui's coal target is not the nation's default, and the top line names 全国.
    assert any("全国" in i.value for i in national.info)


@pytest.mark.parametrize("action", ["reset", "preset"])
def test_reset_and_presets_use_the_regions_defaults(national, action):
    at = national
    at.slider(key="growth.primary").set_value(6.0).run()
    if action == "reset":
        button(at, "app_reset").click().run()
    else:
        at.selectbox(key="_preset").set_value("official_2024").run()
    assert not at.exception
    assert at.slider(key="growth.primary").value == pytest.approx(3.5)
    # 全国's own profile: long-run growth 5% from its report, not the generic value.
    assert at.session_state["horizon.longrun_growth"] == pytest.approx(5.0)
    h = at.slider(key="horizon.end_year")
    assert (h.min, h.value) == (2025, 2025)


def test_flags_are_listed_in_the_ui_language():
    at = app(query={"lang": "en"}, view="app_tab_io", lang="en")
    upload(at, "_up_base", "全国.csv", NATIONAL.read_bytes())
    flags = next(d.value for d in at.dataframe if t("reg_col_note", "en") in d.value.columns)
    borrowed = flags[flags[t("reg_col_what", "en")] == t("reg_what_borrowed", "en")]
    assert len(borrowed) > 40 and borrowed[t("reg_col_note", "en")].str.contains("全国").all()
    assert not flags[t("reg_col_note", "en")].str.contains("2024 rates|after 2024").any()


def test_coal_city_every_view_renders_with_its_own_ranges():
    """Every view on the coal city (scaled energy assumptions, 1075-3225万吨 coal), in both
    languages; its assumption sliders sit in the data view with their flags."""
    from tests.test_extract_regions import COAL_CITY

    at = app(view="app_tab_io")
    at.text_area(key="_rep_text").set_value(COAL_CITY.read_text(encoding="utf-8")).run()
    button(at, "app_rep_extract").click().run()
    button(at, "app_rep_confirm").click().run()
    assert not at.exception, at.exception
    coal = at.slider(key="coal.output")
    assert (coal.min, coal.max, coal.value) == (1075, 3225, 2300)
    assert any("煤城市 2024 年目标" in c.value for c in at.caption)  # not "2024年官方目标"
    assert any("煤城市" in m.value for m in at.markdown)  # the title
    at.session_state["view"] = t("app_tab_data", "zh")
    at.run()
    e = at.slider(key="energy.base_other_industry")
    assert e.value == pytest.approx(812.5 * 0.527 * 0.6551, rel=1e-3) and e.max > e.value
    assert any("煤城市" in c.value and "energy.base_other_industry" in c.value for c in at.caption)
    for lang in ("zh", "en"):
        at.session_state["lang"] = lang
        for view in ("app_tab_overview", "app_tab_charts", "app_tab_compare", "app_tab_data",
                     "app_tab_io", "an_tab", "lib_tab"):  # fmt: skip
            at.session_state["view"] = t(view, lang)
            at.run()
            assert not at.exception, (lang, view, at.exception)


def test_liupanshui_by_its_chinese_name_is_its_own_region():
    """Issue 13: never "Liupanshui's assumptions for 六盘水市"."""
    frame = io.read_baseline_frame().assign(region="六盘水市")
    at = app(view="app_tab_io")
    upload(at, "_up_base", "六盘水市.csv", frame.to_csv(index=False).encode("utf-8"))
    assert any("六盘水市" in m.value for m in at.markdown)
    assert not any("六盘水市" in i.value and "假设" in i.value for i in at.info)
    assert not [d for d in at.dataframe if t("reg_col_note", "zh") in d.value.columns]
    assert not any("区域" in w.value or "六盘水" in w.value for w in at.warning)
    assert at.slider(key="coal.output").max == 10000  # the ranges written for the city


def test_analysis_tools_use_the_regions_ranges_and_targets():
    """Goal seeking on the coal city searches its own coal range (1075-3225万吨: 3000 is
    reachable, Liupanshui's 5000-10000 would give 'not reached'); Monte Carlo scores its own
    coal target."""
    from tests.test_extract_regions import COAL_CITY

    at = app(view="app_tab_io")
    at.text_area(key="_rep_text").set_value(COAL_CITY.read_text(encoding="utf-8")).run()
    button(at, "app_rep_extract").click().run()
    button(at, "app_rep_confirm").click().run()
    at.session_state["view"] = t("an_tab", "zh")
    at.run()
    at.selectbox(key="an_gs_t0").set_value("coal_output").run()
    at.number_input(key="an_gs_v0_coal_output").set_value(3000.0).run()
    at.selectbox(key="an_gs_p0").set_value("coal.output").run()
    at.button(key="an_gs_go").click().run()
    assert not at.exception, at.exception
    assert at.success and "3000" in at.success[0].value
    at.session_state["an_view_zh"] = t("an_sec_mc", "zh")
    at.run()
    at.selectbox(key="an_mc_draws").set_value(1_000).run()
    at.button(key="an_mc_go").click().run()
    assert not at.exception, at.exception
    odds = next(d.value for d in at.dataframe if d.value.astype(str).apply(
        lambda c: c.str.contains("原煤")).any().any())  # fmt: skip
    assert len(odds)
