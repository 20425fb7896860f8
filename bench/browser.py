"""Figure 4: browser latency, key press on a slider to the headline card changing, in Debian
Chromium with Playwright, against the widgets-only page (same sliders; its one card echoes the
slider) served at the same time.

Timing is taken inside the page: a capture-phase keydown listener stamps the press and a
MutationObserver stamps the first change of the first card's text (performance.now(), so
Playwright's own round trips are not counted). Before each press the page must be idle (no
rerun running). The two pages take turns. Goal: within 1.3x the widgets-only page.
"""

from __future__ import annotations

import time

from . import common
from .figures import Figure
from .rerun import SLIDER

GOAL_RATIO = 1.3
CARD = '[data-testid="stMetricValue"]'
RUNNING = '[data-testid="stStatusWidget"]'

ARM = """([card]) => {
  window.__lat = null;
  const before = document.querySelector(card).textContent;
  document.addEventListener('keydown', () => { window.__t0 = performance.now(); },
                            {capture: true, once: true});
  const obs = new MutationObserver(() => {
    const el = document.querySelector(card);
    if (el && el.textContent !== before && window.__t0 !== undefined) {
      window.__lat = performance.now() - window.__t0;
      obs.disconnect();
    }
  });
  obs.observe(document.body, {subtree: true, childList: true, characterData: true});
  window.__t0 = undefined;
}"""


def unavailable() -> str | None:
    from tests import browser_util

    if not (common.ROOT / "app.py").exists():
        return "app.py does not exist yet"
    if not browser_util.HAVE_BROWSER:
        return f"{browser_util.CHROMIUM} not installed"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


def slider_label(lang: str = "zh") -> str:
    from ui.inputs import widget_label

    return widget_label(common.pset()[SLIDER], lang)


def settle(page, timeout_ms: int = 30_000) -> None:
    """Wait until no rerun is running, then a little longer for late messages."""
    page.wait_for_timeout(50)
    page.wait_for_selector(RUNNING, state="detached", timeout=timeout_ms)
    page.wait_for_timeout(150)


def open_page(browser, url: str, cards: int = 1):
    """A page of ``url`` once ``cards`` cards are rendered, its slider focused, idle."""
    from tests.browser_util import wait_for_app

    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.goto(url)
    wait_for_app(page, cards=cards)
    # the accessible name joins the label with more text, so match the aria-label itself
    slider = page.locator(f'input[type="range"][aria-label="{slider_label()}"]')
    slider.scroll_into_view_if_needed()
    slider.focus()
    settle(page)
    return page, slider


def press(page, slider) -> float:
    """Milliseconds from the key press to the first card's text changing."""
    page.evaluate(ARM, [CARD])
    slider.press("ArrowRight")
    page.wait_for_function("window.__lat !== null", timeout=30_000)
    lat = page.evaluate("window.__lat")
    settle(page)
    return lat


def measure(quick: bool = False) -> list[Figure]:
    from tests.browser_util import CARDS, AppServer, chromium

    n, warmup = (3, 1) if quick else (30, 3)
    samples: dict[str, list[float]] = {"app": [], "widgets": []}
    with (
        AppServer("app.py") as app,
        AppServer("bench/apps/widgets_only.py") as widgets,
        chromium() as browser,
    ):
        pages = {
            "app": open_page(browser, app.url, cards=CARDS),
            "widgets": open_page(browser, widgets.url, cards=1),
        }
        for i in range(warmup + n):
            for name, (page, slider) in pages.items():
                lat = press(page, slider)
                if i >= warmup:
                    samples[name].append(lat)
        time.sleep(0.1)
    return [
        Figure(
            id="browser.latency",
            label="browser: key press -> headline card",
            unit="ms",
            samples=samples["app"],
            floor_label="(widgets-only page)",
            floor_samples=samples["widgets"],
            goal=f"<= {GOAL_RATIO}x widgets-only page",
            max_ratio=GOAL_RATIO,
        )
    ]
