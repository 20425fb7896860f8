"""Every view in real headless Chromium at 1440 px, in both languages, on a page opened from a
shared link with markdown in its keys and values, plus an uploaded scenario whose title is
markdown. Every request the page makes is recorded: one to any host but the app's own fails
the test (icons and fonts must be served locally, issue 15 item 11). Also: no link or image
rendered from user text, no exception box, no clipped card text, charts of a readable height.
"""

from __future__ import annotations

from urllib.parse import quote, urlparse

import pytest

from sim.i18n import t
from tests.browser_util import AppServer, chromium, needs_browser, require_browser, wait_for_app
from ui.charts_tab import GROUPS

pytestmark = pytest.mark.browser
VIEWS = (
    "app_tab_overview",
    "app_tab_charts",
    "app_tab_compare",
    "app_tab_data",
    "app_tab_io",
    "an_tab",
    "lib_tab",
)
EVIL = "http://evil.example"
LINK = "?" + "&".join(
    [
        "growth.primary=" + quote(f"![x]({EVIL}/p.png)"),
        quote(f"[点此重新登录]({EVIL}/login)") + "=1",
        "pin=" + quote(f"[pin]({EVIL})~coal.output=7700"),
        "energy.eff_industry=3.4",  # energy intensity change near 0: no hairline, no overlap
        "horizon.end_year=2026",  # the paths group has lines to draw
    ]
)
SCENARIO = f'[scenario]\nid = "x"\ntitle_zh = "[点我]({EVIL}/a)"\ntitle_en = "![i]({EVIL}/i.png)"\n\n[values]\n"coal.output" = 7700\n'.encode()
CHART_FLOOR = 120  # px: no 20-px chart


@pytest.fixture(scope="module")
def server():
    require_browser()
    with AppServer() as srv:
        yield srv


def user_links(page) -> list[str]:
    """Links and images in the app's content that point outside the app."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] a[href], [data-testid="stSidebar"] a[href], img[src]')]
              .map(e => e.href || e.src).filter(u => { try { return new URL(u).hostname.endsWith('evil.example'); } catch (_) { return false; } })"""
    )


def clipped_cards(page) -> list[str]:
    """Card texts wider than their box (cut off)."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMetric"] *')]
              .filter(e => getComputedStyle(e).overflow !== 'visible'
                           && e.scrollWidth > e.clientWidth + 1)
              .map(e => e.textContent)"""
    )


def overlapping_labels(page) -> list[list[str]]:
    """Pairs of axis labels of one chart axis drawn over each other (the 20-px chart's fault)."""
    return page.evaluate(
        """() => {
          const out = [];
          for (const g of document.querySelectorAll('[data-testid="stVegaLiteChart"] g.role-axis-label')) {
            const boxes = [...g.querySelectorAll('text')].map(t => [t.textContent, t.getBoundingClientRect()])
              .filter(([s, r]) => s && r.width > 0);
            for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
              const a = boxes[i][1], b = boxes[j][1];
              const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
              const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
              if (w > 2 && h > 2) out.push([boxes[i][0], boxes[j][0]]);
            }
          }
          return out;
        }"""
    )


def charts_readable(page, where: str) -> None:
    heights = page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] svg.marks')]
              .map(e => e.getBoundingClientRect().height).filter(h => h > 0)"""
    )
    assert all(h >= CHART_FLOOR for h in heights), (where, heights)
    assert not overlapping_labels(page), (where, overlapping_labels(page))


def open_view(page, key: str, lang: str) -> None:
    page.get_by_role("radio", name=t(key, lang)).or_(
        page.get_by_role("button", name=t(key, lang), exact=True)
    ).first.click()
    page.wait_for_timeout(400)
    page.wait_for_selector('[data-testid="stStatusWidget"]', state="detached", timeout=60_000)
    page.wait_for_timeout(600)


@needs_browser
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_view_local_only_no_injection_no_clipping(server, lang, tmp_path):
    outside: list[str] = []
    host = urlparse(server.url).netloc
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 1440, "height": 1000})

        def record(route):
            url = route.request.url
            if urlparse(url).scheme in ("data", "blob") or urlparse(url).netloc == host:
                route.continue_()
            else:
                outside.append(url)
                route.abort()

        page.route("**/*", record)
        page.goto(server.url + LINK + ("&lang=en" if lang == "en" else ""))
        wait_for_app(page)
        for key in VIEWS:
            open_view(page, key, lang)
            page.screenshot(path=str(tmp_path / f"{lang}_{key}.png"), full_page=True)
            assert page.locator('[data-testid="stException"]').count() == 0, key
            assert not user_links(page), key
            assert not clipped_cards(page), (key, clipped_cards(page))
            charts_readable(page, key)
            if key == "app_tab_charts":  # every chart group, the energy charts included
                for group in GROUPS:
                    page.get_by_role("radio", name=t(f"app_charts_{group}", lang)).or_(
                        page.get_by_role("button", name=t(f"app_charts_{group}", lang), exact=True)
                    ).first.click()
                    page.wait_for_timeout(1500)
                    charts_readable(page, group)
            if key == "app_tab_io":  # an uploaded scenario whose titles are markdown
                page.locator('input[type="file"]').first.set_input_files(
                    files=[{"name": "evil.toml", "mimeType": "text/plain", "buffer": SCENARIO}]
                )
                page.wait_for_timeout(1500)
                page.wait_for_selector(
                    '[data-testid="stStatusWidget"]', state="detached", timeout=60_000
                )
                assert not user_links(page)
                assert page.locator('[data-testid="stException"]').count() == 0
        # the unknown key was named and dropped from the address bar; the pin survived
        assert "evil" not in urlparse(page.url).query.split("pin=")[0]
        assert "pin=" in page.url
        page.close()
    assert outside == [], outside


@needs_browser
@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cards_and_scoreboard_are_not_cut_at_laptop_and_wide_screens(server, lang, width):
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 1000})
        page.goto(server.url + "?guide=0" + ("&lang=en" if lang == "en" else ""))
        wait_for_app(page)
        page.wait_for_selector('[data-testid="stTable"]', timeout=60_000)
        assert not clipped_cards(page), clipped_cards(page)
        # the scoreboard's cells (the report's sentence included) fit their table
        cut = page.evaluate(
            """() => [...document.querySelectorAll('[data-testid="stTable"] td')]
                  .filter(td => td.scrollWidth > td.clientWidth + 1).map(td => td.textContent)"""
        )
        assert not cut, cut
        table = page.locator('[data-testid="stTable"]').first.bounding_box()
        main = page.locator('[data-testid="stMainBlockContainer"]').bounding_box()
        assert table["x"] + table["width"] <= main["x"] + main["width"] + 1
        page.close()
