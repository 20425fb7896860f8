"""The app's Monte Carlo view names the part of the record its odds are calibrated on, in the
page's language, and takes the region's defaults: Liupanshui's coal-and-power subset, and, on
全国's baseline, the whole record; the boxes still override."""

from __future__ import annotations

from sim import io
from sim.i18n import t
from tests.test_analysis_ui import _app
from tests.test_app import app, upload

NATIONAL = io.REGIONS_DIR / "全国" / "baseline.csv"


def _captions(at) -> str:
    return "\n".join(c.value for c in at.caption)


def test_liupanshui_caption_names_the_subset_in_both_languages():
    at = _app(view="Uncertainty", lang="en")
    assert "Bias from 13 coal-and-power region-years of the record (-1.25 pp)" in _captions(at)
    assert at.number_input(key="od_in_odds.bias").value == -1.25
    at = _app(view=t("an_sec_mc", "zh"), lang="zh")
    assert "偏差按煤电地区13个地区年的记录（-1.25个百分点）" in _captions(at)
    at.selectbox(key="an_mc_draws").set_value(1_000).run()
    at.button(key="an_mc_go").click().run()
    assert not at.exception
    assert _captions(at).count("按全部33个地区年的记录") >= 2  # the expander and the basis


def test_national_baseline_takes_the_whole_record_and_can_be_overridden():
    at = app(view="app_tab_io")
    upload(at, "_up_base", "全国.csv", NATIONAL.read_bytes())
    at.session_state["view"] = t("an_tab", "zh")
    at.session_state["an_view_zh"] = t("an_sec_mc", "zh")
    at.run()
    assert not at.exception, at.exception
    assert "按全部33个地区年的记录校准：偏差-0.74个百分点" in _captions(at)
    assert at.number_input(key="od_in_odds.bias").value == -0.74
    assert at.number_input(key="od_in_odds.spread").value == 1.77
    at.number_input(key="od_in_odds.bias").set_value(-1.25).run()
    at.selectbox(key="an_mc_draws").set_value(1_000).run()
    at.button(key="an_mc_go").click().run()
    assert not at.exception, at.exception
    assert "采用：偏差-1.25个百分点" in _captions(at)
    assert "本地区默认：偏差-0.74、标准差1.77" in _captions(at)
