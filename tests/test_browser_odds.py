"""The odds in a real browser (Playwright, Debian's Chromium, ``streamlit run``): the Monte
Carlo view shows the mayor's sentence and the calibration's basis beside the fan charts, and
the tracking view updates the odds with the year to date, in Chinese."""

from __future__ import annotations

import pytest

from tests.browser_util import AppServer, chromium, needs_browser, require_browser, wait_for_app

pytestmark = pytest.mark.browser


@needs_browser
def test_odds_sentence_basis_and_in_year_update_in_chinese():
    require_browser()
    with AppServer() as srv, chromium() as b:
        page = b.new_page(viewport={"width": 1440, "height": 1100})
        page.goto(f"{srv.url}/?lang=zh")
        wait_for_app(page)
        page.get_by_text("分析工具", exact=True).first.click()
        page.get_by_role("tab", name="不确定性").click()
        page.get_by_role("button", name="运行").click()
        sentence = page.get_by_text("按以往目标完成情况测算，地区生产总值增长5.5%的可能性")
        sentence.first.wait_for(timeout=120_000)
        assert "影响最大的是" in sentence.first.inner_text()
        page.get_by_text("校准依据：33个地区年").first.wait_for(timeout=30_000)
        fans = page.locator(".vega-embed")
        fans.nth(2).wait_for(timeout=30_000)  # the three fan charts are drawn
        page.wait_for_timeout(1500)
        # every fan's title lies inside its chart (a long axis title once pushed the energy
        # fan's title out of the top at 1440 px)
        cut = page.evaluate(
            """() => [...document.querySelectorAll('.vega-embed')].slice(0, 3).map(e => {
                const r = e.getBoundingClientRect();
                return [...e.querySelectorAll('.role-title text')].some(x => {
                    const q = x.getBoundingClientRect();
                    return q.top < r.top - 6 || q.right > r.right + 1;  // glyph ascent: 3 px
                });
            })"""
        )
        assert cut == [False, False, False], cut
        page.get_by_role("tab", name="年内跟踪").click()
        box = page.get_by_label("地区生产总值增长 · 累计增速 %")
        box.fill("7.0")
        box.press("Enter")
        page.get_by_text("按年内已公布数据更新后的可能性").first.wait_for(timeout=120_000)
        updated = page.get_by_text("按以往目标完成情况测算，地区生产总值增长5.5%的可能性")
        updated.first.wait_for(timeout=60_000)
