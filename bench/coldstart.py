"""Figure 5: cold start, process start to the first rendered headline card, against a minimal
Streamlit page (bench/apps/minimal.py, one card) measured the same way in the same run.

The clock starts just before ``streamlit run`` is spawned (tests/browser_util.AppServer) and
stops when the first card (any stMetricValue) is in the page of an already running Chromium that
keeps retrying the address every 20 ms (a fresh browser context each time, so nothing is
cached). App and minimal page take turns. Goal: within 1.5x the minimal page.
"""

from __future__ import annotations

import time

from .browser import unavailable as browser_unavailable
from .figures import Figure

GOAL_RATIO = 1.5
PAGES = {"app": "app.py", "minimal": "bench/apps/minimal.py"}


def unavailable() -> str | None:
    return browser_unavailable()


def cold_start(browser, script: str, timeout_s: float = 120.0) -> float:
    """Seconds from spawning ``streamlit run script`` to its first card rendered."""
    from playwright.sync_api import Error

    from tests.browser_util import AppServer, wait_for_app

    class Spawned(AppServer):
        def wait_healthy(self) -> None:  # the browser below does the waiting
            pass

    server = Spawned(script)
    context = browser.new_context()
    try:
        server.start()
        page = context.new_page()
        deadline = time.perf_counter() + timeout_s
        while True:
            try:
                page.goto(server.url, wait_until="commit", timeout=10_000)
                break
            except Error:
                if server.proc.poll() is not None or time.perf_counter() > deadline:
                    raise
                time.sleep(0.02)
        wait_for_app(page, timeout_ms=int(timeout_s * 1000), cards=1)
        return time.perf_counter() - server.started_at
    finally:
        context.close()
        server.stop()


def measure(quick: bool = False) -> list[Figure]:
    from tests.browser_util import chromium

    n = 1 if quick else 7
    samples: dict[str, list[float]] = {name: [] for name in PAGES}
    with chromium() as browser:
        cold_start(browser, PAGES["minimal"])  # warm the OS file cache for both
        cold_start(browser, PAGES["app"])
        for _ in range(n):
            for name, script in PAGES.items():
                samples[name].append(cold_start(browser, script))
    return [
        Figure(
            id="coldstart.app",
            label="cold start: process -> first card",
            unit="s",
            samples=samples["app"],
            floor_label="(minimal page)",
            floor_samples=samples["minimal"],
            goal=f"<= {GOAL_RATIO}x minimal page",
            max_ratio=GOAL_RATIO,
        )
    ]
