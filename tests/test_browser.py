"""The app in a real browser: Playwright drives Debian's Chromium against ``streamlit run``.

Each test skips when /usr/bin/chromium is missing, unless REQUIRE_BROWSER=1 (CI), where a
missing browser fails. One server serves every test of the module; each test opens a page.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from sim.i18n import t
from tests.browser_util import (
    AppServer,
    chromium,
    metric_text,
    needs_browser,
    require_browser,
    wait_for_app,
)

pytestmark = pytest.mark.browser
GDP_CARD = '[data-testid="stMetricValue"]'


@pytest.fixture(scope="module")
def server():
    require_browser()
    with AppServer() as srv:
        yield srv


@pytest.fixture(scope="module")
def browser(server):
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    p = browser.new_page(viewport={"width": 1440, "height": 1000})
    yield p
    p.close()


def open_app(page, server, query: str = "") -> None:
    page.goto(server.url + query)
    wait_for_app(page)


def slider(page, label: str):
    # Streamlit names the slider twice (aria-label and the visible label, both the same text),
    # so the accessible name is matched as a substring; the label must still be unique.
    loc = page.get_by_role("slider", name=label)
    loc.first.wait_for()
    assert loc.count() == 1, label
    return loc


def wait_card_change(page, before: str, timeout_ms: int = 15_000) -> str:
    page.wait_for_function(
        "([sel, b]) => document.querySelector(sel).innerText !== b",
        arg=[GDP_CARD, before],
        timeout=timeout_ms,
    )
    return metric_text(page, 0)


@needs_browser
def test_keyboard_moves_slider_and_card_follows(page, server):
    open_app(page, server, "?industry.mode=target")  # the secondary slider is a target-mode input
    before = metric_text(page, 0)
    assert before == "5.48%"
    s = slider(page, "第二产业增加值增速（%）")
    s.focus()
    timings = []
    for expected in ("5.53%", "5.57%", "5.62%"):  # +0.1 pp secondary = +0.0441 pp GDP
        t0 = time.perf_counter()
        page.keyboard.press("ArrowRight")
        before = wait_card_change(page, before)
        timings.append(1000 * (time.perf_counter() - t0))
        assert before == expected
    print(f"key press to card update: {', '.join(f'{x:.0f}' for x in timings)} ms")
    assert s.get_attribute("aria-valuetext") == "6.8"
    page.wait_for_function("() => location.search.includes('growth.secondary=6.8')")


@needs_browser
def test_shared_url_restores_and_warns(page, server):
    open_app(page, server, "?industry.mode=target&growth.secondary=7.5&lang=en")
    assert metric_text(page, 0) == "5.92%"
    assert slider(page, "Secondary sector real growth (%)").get_attribute("aria-valuetext") == "7.5"
    open_app(page, server, "?industry.mode=target&growth.secondary=999")
    assert metric_text(page, 0) == "11.44%"  # clamped to 20: 5.483 + 0.441 x 13.5
    warning = page.get_by_text("growth.secondary：999 超出范围，已改为 20")
    warning.wait_for()
    open_app(page, server, "?industry.mode=target&growth.secondary=abc")
    assert metric_text(page, 0) == "5.48%"
    page.get_by_text("growth.secondary：“abc”无法识别，已忽略").wait_for()


@needs_browser
def test_download_iamc_csv(page, server):
    open_app(page, server, "?industry.mode=target&growth.secondary=7.5")
    page.get_by_role("radio", name=t("app_tab_io", "zh"), exact=True).click()  # the view switch
    button = page.get_by_role("button", name=t("app_io_csv", "zh"))
    button.wait_for()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename.endswith(".csv")
    data = Path(download.path()).read_bytes()
    assert data[:3] == b"\xef\xbb\xbf"
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "model,scenario,region,variable,unit,year,value"
    gdp = [x for x in lines if ",GDP|Real Growth,%,2024," in x]
    assert len(gdp) == 1 and float(gdp[0].rsplit(",", 1)[1]) == pytest.approx(5.924, abs=1e-3)
